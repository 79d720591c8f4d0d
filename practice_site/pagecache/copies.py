"""Local copies of recently served cached pages, on this machine's disk, served only while PostgreSQL is down.

The page cache itself is a table in PostgreSQL, so it goes down with it. Each page the cache stores, or serves to
this process for the first time in its version, is written here too (a FileBasedCache, bounded by MAX_ENTRIES).
A copy is never served once older than PAGE_COPY_MAX_AGE, nor once its page may have gone from public view: each
time the content version changes, the first process on this machine to see it (or the one that made the change)
lists the live, public pages with their paths (the manifest, PAGES_FILE). A copy made under an older version is
served only while its page is in that list at the same path: an unpublished, deleted, moved or restricted page
is not, and neither is a copy that belongs to no page (a sitemap). When the list cannot be made, only copies of the
current version are served.
"""

import json
import logging
import os
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from wagtail.models import Page

from practice_site.outage.files import write_atomically

from . import compression, entries, keys

logger = logging.getLogger(__name__)

# How many (page, coding) this process remembers having written, with the version and when, so a hit rewrites
# nothing until its version changes or its copy grows old.
REMEMBERED = 5000
_written: dict[str, tuple[str, float]] = {}
_lock = threading.Lock()
# The manifest as this process last read it: (file's mtime and size, contents).
_manifest: dict = {"stat": None, "contents": None}
# The version whose manifest this process knows to be written.
_checked = {"version": None}


def page_copies():
    return caches[settings.PAGE_COPY_ALIAS]


def pages_file() -> Path:
    return Path(settings.LOCAL_STATE_DIR) / "page-copies-pages.json"


def keep(stored: dict[str, dict], version: str) -> None:
    """``stored``: page-cache key with its coding -> entry, as the page cache stores them."""
    now = time.time()
    # Rewritten well before it grows too old to serve, for a page that stays current for days.
    refresh_after = settings.PAGE_COPY_MAX_AGE / 4
    with _lock:
        fresh = {
            key: {**entry, "written": now}
            for key, entry in stored.items()
            if (seen := _written.get(key)) is None or seen[0] != version or now - seen[1] > refresh_after
        }
        if not fresh:
            return
        if len(_written) > REMEMBERED:
            _written.clear()
        _written.update(dict.fromkeys(fresh, (version, now)))
    try:
        page_copies().set_many(fresh, timeout=settings.PAGE_COPY_MAX_AGE)
    except OSError as error:
        logger.warning("A page copy could not be written (%s)", type(error).__name__)


def seen(version: str) -> None:
    """The content version a request read: when it is new here, check the copies against it (once per machine)."""
    if _checked["version"] == version:
        return
    known = manifest()
    if known is None or known.get("version") != version:
        revalidate(version)
    _checked["version"] = version


def revalidate(version: str) -> None:
    try:
        pages = {str(pk): path for pk, path in Page.objects.live().public().values_list("pk", "url_path")}
    except DatabaseError:
        # Unknown which pages are still public: only copies made under this version are.
        pages = {}
    try:
        write_atomically(pages_file(), json.dumps({"version": version, "pages": pages}).encode())
    except OSError as error:
        logger.warning("The page copies' manifest could not be written (%s)", type(error).__name__)
    _checked["version"] = version


def manifest() -> dict | None:
    try:
        status = os.stat(pages_file())
    except OSError:
        return None
    stat = (status.st_mtime_ns, status.st_size)
    if _manifest["stat"] != stat:
        try:
            contents = json.loads(pages_file().read_bytes())
        except (OSError, ValueError):
            return None
        _manifest.update(stat=stat, contents=contents)
    return _manifest["contents"]


def usable(entry: dict) -> bool:
    if time.time() - entry.get("written", 0) > settings.PAGE_COPY_MAX_AGE:
        return False
    known = manifest()
    if known is None:
        return False
    if entry.get("version") == known.get("version"):
        return True
    page = entry.get("page")
    return page is not None and known.get("pages", {}).get(str(page[0])) == page[1]


def find(key: str, coding: str) -> tuple[dict, str] | None:
    """The usable copy of a page in this coding (or else uncompressed) and its coding, or None."""
    found = page_copies().get_many([f"{key}:{coding}", f"{key}:identity"])
    for candidate in (coding, "identity"):
        entry = found.get(f"{key}:{candidate}")
        if entry is not None and usable(entry):
            return entry, candidate
    return None


def copy_response(request):
    """This page from the local copies, for when the database is unreachable; None without one."""
    key = keys.cache_key(request)
    if key is None or not settings.PAGE_CACHE_ENABLED:
        return None
    found = find(key, compression.negotiated(request))
    if found is None:
        return None
    entry, coding = found
    return entries.from_entry(entry, coding, "copy", request.method)
