"""Cached pages answered before Django handles the request, for servers that run practice_site.wsgi.

A hit through the middleware still pays for Django's request cycle around one cache round trip (signals,
the middleware chain, a response object). Here a hit is the request object, that round trip and the stored
bytes, with the headers they were stored with; and while this process is sure of the content version, a page it
answered lately is answered from its memory with no round trip at all (memory.py). Anything else, and every miss,
goes to Django with the read attached, so the middleware does not read again; the middleware alone serves hits to
Django's test client.
"""

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.db import DEFAULT_DB_ALIAS, connections

from . import compression, keys, memory
from .entries import entry_headers
from .lookup import READ_ENVIRON_KEY, read


class CachedPagesFirst:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if settings.PAGE_CACHE_ENABLED and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            request = WSGIRequest(environ)
            found_at = keys.address(request)
            remembered = from_memory(request, found_at)
            if remembered is not None:
                entry, coding = remembered
                start_response("200 OK", entry_headers(entry, coding, "hit"))
                return [b"" if request.method == "HEAD" else entry["body"]]
            if found_at is not None:
                # What Django does as each request starts and ends, which a hit here skips: a connection past
                # CONN_MAX_AGE, or left broken, is closed (the read then opens a new one). Not inside a
                # transaction, which only a test wrapping everything in one would hold here.
                connection = connections[DEFAULT_DB_ALIAS]
                if not connection.in_atomic_block:
                    connection.close_if_unusable_or_obsolete()
                found = read(request, found_at, lean=True)
                if found.version is not None and memory.enabled():
                    memory.watch()
                if found.hit:
                    if memory.enabled():
                        memory.kept.put(f"{found.key}:{found.coding}", found.entry)
                    start_response("200 OK", entry_headers(found.entry, found.coding, "hit"))
                    return [b"" if request.method == "HEAD" else found.entry["body"]]
                environ[READ_ENVIRON_KEY] = found
        return self.application(environ, start_response)


def from_memory(request, found_at: keys.Address | None) -> tuple[dict, str] | None:
    """The page and its coding from this process's memory, when it holds it under the version it is sure of."""
    if found_at is None or not memory.enabled():
        return None
    current = memory.trusted_version()
    if current is None:
        return None
    key = keys.lookup_key(found_at)
    coding = compression.negotiated(request)
    entry = memory.kept.get(f"{key}:{coding}", current)
    if entry is None or not keys.matches(entry, found_at, key):
        return None
    return entry, coding
