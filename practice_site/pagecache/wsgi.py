"""Cached pages answered before Django handles the request, for servers that run practice_site.wsgi.

A hit through the middleware still pays for Django's request cycle around one cache round trip (signals,
the middleware chain, a response object). Here a hit is the request object, that round trip and the stored
bytes, with the headers they were stored with. Anything else, and every miss, goes to Django with the read
attached, so the middleware does not read again; the middleware alone serves hits to Django's test client.
"""

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.db import DEFAULT_DB_ALIAS, connections

from .entries import entry_headers
from .keys import address
from .lookup import READ_ENVIRON_KEY, read


class CachedPagesFirst:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if settings.PAGE_CACHE_ENABLED and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            request = WSGIRequest(environ)
            found_at = address(request)
            if found_at is not None:
                # What Django does as each request starts and ends, which a hit here skips: a connection past
                # CONN_MAX_AGE, or left broken, is closed (the read then opens a new one). Not inside a
                # transaction, which only a test wrapping everything in one would hold here.
                connection = connections[DEFAULT_DB_ALIAS]
                if not connection.in_atomic_block:
                    connection.close_if_unusable_or_obsolete()
                found = read(request, found_at, lean=True)
                if found.hit:
                    start_response("200 OK", entry_headers(found.entry, found.coding, "hit"))
                    return [b"" if request.method == "HEAD" else found.entry["body"]]
                environ[READ_ENVIRON_KEY] = found
        return self.application(environ, start_response)
