"""The page cache, shared-cache headers and compression, in one middleware placed before the session.

A hit costs one cache round trip (the content version and the page, fetched together) and touches no
session, CSRF token or page lookup. What may be kept is decided on the response, so the middleware
needs to know no page type:

- requests: GET or HEAD, without a session or messages cookie (a signed-in person, with the userbar,
  or someone who has entered a page's password), nothing under PAGE_CACHE_EXCLUDED_PATHS (the admin and
  its previews, search results, the consultation page), a query string no longer than
  PAGE_CACHE_MAX_QUERY_STRING (it is part of the key, sorted);
- responses: 200, no cookie set (a page with a CSRF token always sets one, so forms are never kept),
  no Cache-Control forbidding it (the consultation page sends no-store), no CSP nonce, no Vary beyond
  Cookie and Accept-Encoding. A page with view restrictions never answers a request without a session
  with its content: visitors get a password form (which sets the CSRF cookie) or a sign-in redirect.
"""

import hashlib
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.csp import CSP

from practice_site.core import sitewide

from . import compression, copies, version

CSP_HEADERS = (str(CSP.HEADER_ENFORCE), str(CSP.HEADER_REPORT_ONLY))
# Set on every response built here, from the chosen variant; never copied from a stored one.
OWN_HEADERS = {"content-length", "content-encoding", "vary", "x-page-cache"}
REFUSING_DIRECTIVES = {"private", "no-store", "no-cache"}
ALLOWED_VARY = {"cookie", "accept-encoding"}
VARIANTS = ("br", "gzip", "identity")


def has_personal_cookie(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


def cache_key(request) -> str | None:
    """The key of this request's page (without the coding), or None when it must not be cached."""
    if request.method not in ("GET", "HEAD") or has_personal_cookie(request):
        return None
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    if any(request.path.startswith(prefix) for prefix in excluded_paths()):
        return None
    query = request.META.get("QUERY_STRING", "")
    if len(query) > settings.PAGE_CACHE_MAX_QUERY_STRING:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    normalised = urlencode(sorted(parse_qsl(query, keep_blank_values=True)))
    url = f"{request.scheme}://{host}{request.path}?{normalised}"
    return "pagecache:page:" + hashlib.sha256(url.encode()).hexdigest()


def serves_site(request) -> bool:
    """Whether this request is for the public site (anyone's, signed in or not), whose site-wide parts are
    read once per content version; the admin and files are not."""
    if any(request.path.startswith(prefix) for prefix in ("/admin/", settings.STATIC_URL, settings.MEDIA_URL)):
        return False
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


def excluded_paths() -> list[str]:
    return [*settings.PAGE_CACHE_EXCLUDED_PATHS, settings.STATIC_URL, settings.MEDIA_URL]


def storable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if compression.content_type(response) not in compression.COMPRESSIBLE_TYPES:
        return False
    directives = {directive.split("=")[0] for directive in header_items(response, "Cache-Control")}
    if directives & REFUSING_DIRECTIVES:
        return False
    if any("'nonce-" in response.get(header, "") for header in CSP_HEADERS):
        return False
    return set(header_items(response, "Vary")) <= ALLOWED_VARY


def header_items(response, header: str) -> list[str]:
    return [item.strip().lower() for item in response.get(header, "").split(",") if item.strip()]


def mark_public(response) -> None:
    """Shared caches may keep it briefly; browsers check again each time. Cookie leaves Vary:
    the page was made for a request without a session, so it is the same for every visitor."""
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
    )
    del response["Vary"]


def variants(response, current_version: str) -> dict[str, dict]:
    headers = [(name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS]
    body = response.content
    return {
        coding: {
            "version": current_version,
            "headers": headers,
            "body": compression.compress(body, coding, thorough=True),
        }
        for coding in VARIANTS
    }


def from_entry(entry: dict, coding: str, state: str, method: str = "GET") -> HttpResponse:
    response = HttpResponse(b"" if method == "HEAD" else entry["body"])
    for name, value in entry["headers"]:
        response[name] = value
    if coding != "identity":
        response["Content-Encoding"] = coding
    response["Content-Length"] = str(len(entry["body"]))
    response["Vary"] = "Accept-Encoding"
    response["X-Page-Cache"] = state
    return response


def compressed(request, response):
    """Compress a response made for this request alone (a miss that is not kept, or the cache switched off)."""
    if request.method not in ("GET", "HEAD") or has_personal_cookie(request):
        # A signed-in person's pages hold secrets beside what they typed: no compression oracle (BREACH).
        return response
    if not compression.is_compressible(response):
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    coding = compression.negotiate(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    if coding != "identity":
        response.content = compression.compress(response.content, coding)
        response["Content-Encoding"] = coding
        response["Content-Length"] = str(len(response.content))
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request)
        coding = compression.negotiate(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        current_version = None
        if key and settings.PAGE_CACHE_ENABLED:
            cache = version.page_cache()
            found = cache.get_many([version.VERSION_KEY, f"{key}:{coding}"])
            # Read before rendering: content committed while this request renders makes its entry stale.
            current_version = version.current(found)
            # Fragments of the page (header, footer) are kept under it too: no second round trip for it.
            request.content_version = current_version
            entry = found.get(f"{key}:{coding}")
            if entry and entry["version"] == current_version:
                copies.keep({f"{key}:{coding}": entry}, current_version)
                return from_entry(entry, coding, "hit", request.method)

        if serves_site(request):
            if current_version is None:
                current_version = request.content_version = version.current()
            with sitewide.serving(request, current_version):
                response = self.get_response(request)
        else:
            response = self.get_response(request)

        if key and storable(response):
            mark_public(response)
            # Only a GET is kept: a view may answer HEAD without its body.
            if settings.PAGE_CACHE_ENABLED and request.method == "GET":
                kept = variants(response, current_version)
                entries = {f"{key}:{name}": entry for name, entry in kept.items()}
                version.page_cache().set_many(entries, timeout=settings.PAGE_CACHE_TIMEOUT)
                copies.keep(entries, current_version)
                return from_entry(kept[coding], coding, "miss")
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return without_body_for_head(request, compressed(request, response))


def copy_response(request):
    """This page from the local copies (see copies.py), for when the database is unreachable; None without one."""
    key = cache_key(request)
    if key is None or not settings.PAGE_CACHE_ENABLED:
        return None
    found = copies.find(key, compression.negotiate(request.META.get("HTTP_ACCEPT_ENCODING", "")))
    if found is None:
        return None
    entry, coding = found
    return from_entry(entry, coding, "copy", request.method)


def without_body_for_head(request, response):
    """HEAD gets the headers a GET would, Content-Length included, and no body: gunicorn would drop it anyway,
    logging a warning for every such request."""
    if request.method == "HEAD" and not response.streaming:
        response.content = b""
    return response
