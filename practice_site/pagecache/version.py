"""The site-wide content version: any change a visitor could see replaces it, on commit.

It is a random token, not a counter, so a version lost from the cache (culled, or a cache cleared)
is simply replaced by a new one: the worst outcome is a needless miss, never a stale page.
"""

import secrets

from django.conf import settings
from django.core.cache import caches

VERSION_KEY = "pagecache:version"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def new_token() -> str:
    return secrets.token_hex(8)


def current_with(found: dict) -> tuple[str, dict]:
    """The current version and ``found``, a get_many result that asked for it among other keys."""
    return current(found), found


def current(found: dict | None = None) -> str:
    """The current version; ``found`` is a get_many result that already asked for it."""
    version = (found or {}).get(VERSION_KEY) or page_cache().get(VERSION_KEY)
    if version:
        return version
    # add() keeps the first of two processes racing here, so both agree on the version.
    page_cache().add(VERSION_KEY, new_token(), timeout=None)
    return page_cache().get(VERSION_KEY)


def replace() -> str:
    """A new version, once a change is committed (see invalidation.py)."""
    token = new_token()
    page_cache().set(VERSION_KEY, token, timeout=None)
    return token
