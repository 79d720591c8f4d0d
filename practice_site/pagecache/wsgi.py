"""Cached pages answered before Django handles the request, for servers that run practice_site.wsgi.

A hit through the middleware still pays for Django's request cycle around one cache round trip (signals,
the middleware chain, a response object). Here a hit is the request object, that round trip and the stored
bytes, with the headers they were stored with. Anything else, and every miss, goes to Django with the read
attached, so the middleware does not read again; the middleware alone serves hits to Django's test client.
"""

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest

from .middleware import READ_ENVIRON_KEY, cache_key, entry_headers, read


class CachedPagesFirst:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if settings.PAGE_CACHE_ENABLED and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            request = WSGIRequest(environ)
            key = cache_key(request)
            if key is not None:
                found = read(request, key, lean=True)
                if found.hit:
                    start_response("200 OK", entry_headers(found.entry, found.coding, "hit"))
                    return [b"" if request.method == "HEAD" else found.entry["body"]]
                environ[READ_ENVIRON_KEY] = found
        return self.application(environ, start_response)
