"""One round trip to the page cache per request: the content version, and the stored page when it may be kept."""

from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from . import compression, copies, keys, version


@dataclass
class Read:
    """What one round trip to the page cache found for a request."""

    address: keys.Address | None  # where the page is, or None when it may not be kept
    coding: str
    key: str | None = None  # the key it was looked up by
    version: str | None = None  # the content version, or None when the database could not be read
    fragments: str | None = None  # the fragments version (version.py), read with it
    entry: dict | None = None  # the page as stored, when it is current

    @property
    def hit(self) -> bool:
        return self.entry is not None


# Where the WSGI application (see wsgi.py) leaves its read for the middleware, so a miss is one round trip too.
READ_ENVIRON_KEY = "rooted.pagecache.read"


def read(request, address: keys.Address | None, *, lean: bool = False) -> Read:
    """Read the content version, and the stored page when it may be kept (``address``, from keys.address), in one
    round trip; ``lean`` on the driver's cursor (backends.PageCache.read_many), outside Django's request cycle."""
    found = Read(address, compression.negotiated(request))
    keeping = address is not None and settings.PAGE_CACHE_ENABLED
    if keeping:
        found.key = keys.lookup_key(address)
    entry_key = f"{found.key}:{found.coding}"
    # Read before rendering: content committed while this request renders makes its entry stale.
    wanted = [version.VERSION_KEY, version.FRAGMENTS_KEY, *([entry_key] if keeping else [])]
    cache = version.page_cache()
    get_many = cache.read_many if lean else cache.get_many
    read_back = first_read(lambda: version.current_with(get_many(wanted)))
    if read_back is not None:
        found.version, entries = read_back
        found.fragments = entries.get(version.FRAGMENTS_KEY)
        if settings.PAGE_CACHE_ENABLED:
            copies.seen(found.version)
        entry = entries.get(entry_key)
        if entry and entry["version"] == found.version and keys.matches(entry, address, found.key):
            copies.keep({entry_key: entry}, found.version)
            found.entry = entry
    return found


def first_read(query):
    """The request's first query, which doubles as the connection's health check.

    With CONN_HEALTH_CHECKS Django would send a SELECT 1 before it, a second round trip on every cache hit.
    Instead a failed read closes the connection, and the request goes on without the page cache: further in,
    the outage middleware answers if the database is down, or the next query opens a new connection.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    connection.health_check_done = True
    try:
        return query()
    except DatabaseError:
        connection.close()
        return None
