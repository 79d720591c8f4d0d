"""One log line per process per minute while the database is unreachable, one when it is back; no tracebacks.
While it is down, the process tries it again at most once every OUTAGE_PROBE_EVERY_SECONDS (the circuit breaker).

Every process keeps its own state: with gunicorn -w 2 and a worker, an outage writes three lines a minute.
"""

import logging
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import InterfaceError, OperationalError

DATABASE_ERRORS = (OperationalError, InterfaceError)
REPORT_EVERY_SECONDS = 60

logger = logging.getLogger("practice_site.outage")

_lock = threading.Lock()
_down_since: float | None = None
_last_report: float | None = None
_next_probe = 0.0
_probing = threading.local()


@contextmanager
def probing():
    """A health probe always tries the database: a deploy gate must see it back at once, not a breaker's interval
    later. A probe costs one connection attempt, against a request's several."""
    _probing.active = True
    try:
        yield
    finally:
        _probing.active = False


def may_try_database() -> bool:
    """False while the breaker is open; True for one caller once per probe interval, for a probe, and when up."""
    global _next_probe
    if _down_since is None or getattr(_probing, "active", False):
        return True
    now = time.monotonic()
    with _lock:
        if now < _next_probe:
            return False
        _next_probe = now + settings.OUTAGE_PROBE_EVERY_SECONDS
        return True


def database_down() -> None:
    global _down_since, _last_report, _next_probe
    now = time.monotonic()
    with _lock:
        if _down_since is None:
            _down_since = now
            _next_probe = now + settings.OUTAGE_PROBE_EVERY_SECONDS
        if _last_report is None or now - _last_report >= REPORT_EVERY_SECONDS:
            _last_report = now
            logger.warning(
                "Database unreachable (for %d s): serving page copies and the outage page, keeping consultation "
                "requests in the local spool",
                now - _down_since,
            )


def database_up() -> None:
    global _down_since, _last_report
    if _down_since is None:
        return
    with _lock:
        if _down_since is None:
            return
        logger.warning("Database reachable again after %d s", time.monotonic() - _down_since)
        _down_since = _last_report = None


class OutageLogFilter(logging.Filter):
    """Drops a record whose exception is the database being unreachable, counting it as an outage instead.

    Django logs every 500 with its traceback; during an outage that is thousands of identical tracebacks.
    """

    def filter(self, record):
        if record.exc_info and isinstance(record.exc_info[1], DATABASE_ERRORS):
            database_down()
            return False
        return True
