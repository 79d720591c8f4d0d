"""Last-known copies, on this machine's disk, of what pages shown during an outage need from the database.

The practice's name, phone number and crisis notice are copied whenever the settings are saved or shown; apps
keep their own copies through ``save_copy``/``load_copy`` (the consultation page keeps its path and texts).
"""

import json
import logging
import threading
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError

from practice_site.core.models import PracticeSettings

from .files import write_atomically

logger = logging.getLogger(__name__)

PRACTICE = "practice"
PRACTICE_FIELDS = ("practice_name", "phone", "crisis_notice", "reply_within_business_days")

_written: dict[str, bytes] = {}
_lock = threading.Lock()


def _path(name: str) -> Path:
    return Path(settings.LOCAL_STATE_DIR) / "last-known" / f"{name}.json"


def save_copy(name: str, values: dict) -> None:
    """Keep ``values`` under ``name``; writes only when they changed since this process last wrote or read them."""
    data = json.dumps(values, sort_keys=True).encode()
    path = _path(name)
    with _lock:
        # By path: a process pointed at another folder (tests, a moved LOCAL_STATE_DIR) writes its copy there too.
        if _written.get(path) == data:
            return
        try:
            if not path.exists() or path.read_bytes() != data:
                write_atomically(path, data)
        except OSError as error:
            logger.warning("The last-known copy %r could not be written (%s)", name, type(error).__name__)
            return
        _written[path] = data


def load_copy(name: str) -> dict | None:
    try:
        return json.loads(_path(name).read_bytes())
    except (OSError, ValueError):
        return None


def remember_practice(practice: PracticeSettings) -> None:
    save_copy(PRACTICE, {field: getattr(practice, field) for field in PRACTICE_FIELDS})


def practice_saved(sender, instance, **kwargs):
    remember_practice(instance)


def after_migrate(sender, using="default", **kwargs):
    try:
        existing = PracticeSettings.objects.using(using).first()
    except DatabaseError:
        return
    if existing is not None:
        remember_practice(existing)


def practice() -> PracticeSettings:
    """The practice's details as last seen, as an unsaved PracticeSettings (its defaults when never seen)."""
    values = load_copy(PRACTICE) or {}
    kept = {field: values[field] for field in PRACTICE_FIELDS if isinstance(values.get(field), str | int)}
    return PracticeSettings(**kept)
