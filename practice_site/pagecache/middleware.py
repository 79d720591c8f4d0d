"""The page cache, shared-cache headers and compression, in one middleware placed first (after the probes).

A hit costs one cache round trip (the content version and the page, fetched together: lookup.py) and touches
no other middleware, session, CSRF token or page lookup. On a miss, and for every other request to the public
site, the version read in that round trip keys the site-wide objects kept per process (core.sitewide).
What may be kept is decided on the request and the response (policy.py), so the middleware knows no page type.
"""

import logging

from django.conf import settings
from django.db import DatabaseError
from django.utils.cache import patch_cache_control, patch_vary_headers

from practice_site.core import sitewide

from . import compression, copies, entries, keys, lookup, policy, version

logger = logging.getLogger(__name__)


def compressed(request, response):
    """Compress a response made for this request alone (a miss that is not kept, or the cache switched off)."""
    if request.method not in ("GET", "HEAD") or policy.has_personal_cookie(request):
        # A signed-in person's pages hold secrets beside what they typed: no compression oracle (BREACH).
        return response
    if not compression.is_compressible(response):
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    coding = compression.negotiated(request)
    if coding != "identity":
        response.content = compression.compress(response.content, coding)
        response["Content-Encoding"] = coding
        response["Content-Length"] = str(len(response.content))
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = request.META.pop(lookup.READ_ENVIRON_KEY, None)
        if found is None and policy.serves_site(request):
            found = lookup.read(request, keys.address(request))
        elif found is None:
            found = lookup.Read(None, compression.negotiated(request))
        if found.hit:
            return entries.from_entry(found.entry, found.coding, "hit", request.method)

        if found.version is None:
            response = self.get_response(request)
        else:
            request.content_version = found.version
            request.fragments_version = found.fragments
            with sitewide.serving(request, found.version):
                response = self.get_response(request)

        if found.address and policy.storable(response):
            entries.mark_public(response)
            key = keys.storage_key(request, found.address)
            # Only a GET is kept: a view may answer HEAD without its body.
            if settings.PAGE_CACHE_ENABLED and found.version and key and request.method == "GET":
                served = entries.entry(request, response, found.version, found.coding, thorough=False)
                answer = entries.from_entry(served, found.coding, "miss")
                # Kept once the answer is sent (the server closes it then): the thorough compression of every
                # coding (brotli at its best takes ten times the page's rendering) is no visitor's wait.
                answer._resource_closers.append(lambda: keep(request, response, key, found.version))
                return answer
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return without_body_for_head(request, compressed(request, response))


def keep(request, response, key: str, current_version: str) -> None:
    stored = {f"{key}:{name}": entry for name, entry in entries.variants(request, response, current_version).items()}
    try:
        version.page_cache().set_many(stored, timeout=settings.PAGE_CACHE_TIMEOUT)
    except DatabaseError as error:
        # The visitor has the page already; the next request renders it again.
        logger.warning("A page could not be kept in the page cache (%s)", type(error).__name__)
        return
    copies.keep(stored, current_version)


def without_body_for_head(request, response):
    """HEAD gets the headers a GET would, Content-Length included, and no body: gunicorn would drop it anyway,
    logging a warning for every such request."""
    if request.method == "HEAD" and not response.streaming:
        response.content = b""
    return response
