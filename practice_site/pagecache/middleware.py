"""The page cache, shared-cache headers and compression, in one middleware placed first (after the probes).

A hit costs one cache round trip (the content version and the page, fetched together) and touches no
other middleware, session, CSRF token or page lookup. On a miss, and for every other request to the public
site, the version read in that round trip keys the site-wide objects kept per process (core.sitewide).
What may be kept is decided on the response, so the middleware needs to know no page type:

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
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
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


def entry_headers(entry: dict, coding: str, state: str) -> list[tuple[str, str]]:
    """A stored page's headers, with those made for the variant served (OWN_HEADERS)."""
    return [
        *entry["headers"],
        *([("Content-Encoding", coding)] if coding != "identity" else []),
        ("Content-Length", str(len(entry["body"]))),
        ("Vary", "Accept-Encoding"),
        ("X-Page-Cache", state),
    ]


def from_entry(entry: dict, coding: str, state: str, method: str = "GET") -> HttpResponse:
    response = HttpResponse(b"" if method == "HEAD" else entry["body"])
    for name, value in entry_headers(entry, coding, state):
        response[name] = value
    return response


@dataclass
class Read:
    """What one round trip to the page cache found for a request."""

    key: str | None  # the page's key, or None when it may not be kept
    coding: str
    version: str | None = None  # the content version, or None when the database could not be read
    entry: dict | None = None  # the page as stored, when it is current

    @property
    def hit(self) -> bool:
        return self.entry is not None


# Where the WSGI application (see wsgi.py) leaves its read for this middleware, so a miss is one round trip too.
READ_ENVIRON_KEY = "rooted.pagecache.read"


def negotiated_coding(request) -> str:
    return compression.negotiate(request.META.get("HTTP_ACCEPT_ENCODING", ""))


def read(request, key: str | None, *, lean: bool = False) -> Read:
    """Read the content version, and the stored page when it may be kept (``key``, from cache_key), in one
    round trip; ``lean`` on the driver's cursor (backends.PageCache.read_many), outside Django's request cycle."""
    found = Read(key, negotiated_coding(request))
    keeping = key is not None and settings.PAGE_CACHE_ENABLED
    entry_key = f"{key}:{found.coding}"
    # Read before rendering: content committed while this request renders makes its entry stale.
    wanted = [version.VERSION_KEY, *([entry_key] if keeping else [])]
    cache = version.page_cache()
    get_many = cache.read_many if lean else cache.get_many
    read_back = first_read(lambda: version.current_with(get_many(wanted)))
    if read_back is not None:
        found.version, entries = read_back
        entry = entries.get(entry_key)
        if entry and entry["version"] == found.version:
            copies.keep({entry_key: entry}, found.version)
            found.entry = entry
    return found


def compressed(request, response):
    """Compress a response made for this request alone (a miss that is not kept, or the cache switched off)."""
    if request.method not in ("GET", "HEAD") or has_personal_cookie(request):
        # A signed-in person's pages hold secrets beside what they typed: no compression oracle (BREACH).
        return response
    if not compression.is_compressible(response):
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    coding = negotiated_coding(request)
    if coding != "identity":
        response.content = compression.compress(response.content, coding)
        response["Content-Encoding"] = coding
        response["Content-Length"] = str(len(response.content))
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = request.META.pop(READ_ENVIRON_KEY, None)
        if found is None and serves_site(request):
            found = read(request, cache_key(request))
        elif found is None:
            found = Read(None, negotiated_coding(request))
        if found.hit:
            return from_entry(found.entry, found.coding, "hit", request.method)

        if found.version is None:
            response = self.get_response(request)
        else:
            request.content_version = found.version
            with sitewide.serving(request, found.version):
                response = self.get_response(request)

        if found.key and storable(response):
            mark_public(response)
            # Only a GET is kept: a view may answer HEAD without its body.
            if settings.PAGE_CACHE_ENABLED and found.version is not None and request.method == "GET":
                kept = variants(response, found.version)
                entries = {f"{found.key}:{name}": entry for name, entry in kept.items()}
                version.page_cache().set_many(entries, timeout=settings.PAGE_CACHE_TIMEOUT)
                copies.keep(entries, found.version)
                return from_entry(kept[found.coding], found.coding, "miss")
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return without_body_for_head(request, compressed(request, response))


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


def copy_response(request):
    """This page from the local copies (see copies.py), for when the database is unreachable; None without one."""
    key = cache_key(request)
    if key is None or not settings.PAGE_CACHE_ENABLED:
        return None
    found = copies.find(key, negotiated_coding(request))
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
