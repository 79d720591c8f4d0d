"""Local copies of recently served cached pages, on this machine's disk, served only while PostgreSQL is down.

The page cache itself is a table in PostgreSQL, so it goes down with it. Each page the cache stores, or serves to
this process for the first time in its version, is written here too (a FileBasedCache, bounded by MAX_ENTRIES).
Copies are never checked against the content version: during an outage the last known page beats none.
"""

import logging
import threading

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

# How many (page, coding, version) this process remembers having written, so a hit rewrites nothing.
REMEMBERED = 5000
_written: dict[str, str] = {}
_lock = threading.Lock()


def page_copies():
    return caches[settings.PAGE_COPY_ALIAS]


def keep(entries: dict[str, dict], version: str) -> None:
    """``entries``: page-cache key with its coding -> entry, as the page cache stores them."""
    with _lock:
        fresh = {key: entry for key, entry in entries.items() if _written.get(key) != version}
        if not fresh:
            return
        if len(_written) > REMEMBERED:
            _written.clear()
        _written.update(dict.fromkeys(fresh, version))
    try:
        page_copies().set_many(fresh, timeout=None)
    except OSError as error:
        logger.warning("A page copy could not be written (%s)", type(error).__name__)


def find(key: str, coding: str) -> tuple[dict, str] | None:
    """The copy of a page in this coding (or else uncompressed) and its coding, or None."""
    found = page_copies().get_many([f"{key}:{coding}", f"{key}:identity"])
    for candidate in (coding, "identity"):
        if f"{key}:{candidate}" in found:
            return found[f"{key}:{candidate}"], candidate
    return None
