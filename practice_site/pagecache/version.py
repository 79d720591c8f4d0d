"""The site-wide content version: any change a visitor could see replaces it, on commit.

It is a random token, not a counter, so a version lost from the cache (culled, or a cache cleared)
is simply replaced by a new one: the worst outcome is a needless miss, never a stale page.
"""

import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import connections, router
from django.utils import timezone

VERSION_KEY = "pagecache:version"
# What the site-wide fragments (header, footer, cards) are kept under: replaced only by a change that could show in
# them (a setting, a snippet, a page the menus list, a move or a delete), so a publish of an article keeps them.
FRAGMENTS_KEY = "pagecache:fragments"
# The channel each web process's version watch listens on (memory.py).
CHANNEL = "rooted_page_cache_version"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def new_token() -> str:
    return secrets.token_hex(8)


def current_with(found: dict) -> tuple[str, dict]:
    """The current version and ``found``, a get_many result that asked for it among other keys."""
    return current(found), found


def current(found: dict | None = None, key: str = VERSION_KEY) -> str:
    """The current version (or fragments version); ``found`` is a get_many result that already asked for it."""
    version = (found or {}).get(key) or page_cache().get(key)
    if version:
        return version
    # add() keeps the first of two processes racing here, so both agree on the version.
    if page_cache().add(key, new_token(), timeout=None) and key == VERSION_KEY:
        announce()
    return page_cache().get(key)


def replace_fragments() -> None:
    page_cache().set(FRAGMENTS_KEY, new_token(), timeout=None)


def replace() -> str:
    """A new version, once a change is committed (see invalidation.py)."""
    token = new_token()
    page_cache().set(VERSION_KEY, token, timeout=None)
    announce()
    return token


def announce() -> None:
    """Wake every process's version watch; delivered when this transaction commits (at once outside one)."""
    connection = connections[router.db_for_write(page_cache().cache_model_class)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, '')", [CHANNEL])


def read_query() -> tuple[str, list]:
    return page_cache().row_query(VERSION_KEY)


def decoded(row: tuple | None) -> str | None:
    """The version in a row read by read_query(), or None when there is none (the next request makes one)."""
    if row is None or row[1] <= timezone.now():
        return None
    return page_cache().decoded(row[0])
