"""A kept page as stored (one entry per coding), the responses made from it, and what shared caches are told."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import compression, keys

# Set on every response built here, from the chosen variant; never copied from a stored one.
OWN_HEADERS = {"content-length", "content-encoding", "vary", "x-page-cache"}
VARIANTS = ("br", "gzip", "identity")


def mark_public(response) -> None:
    """Shared caches may keep it briefly; browsers check again each time. Cookie leaves Vary: the page was made
    for a request without a session, so it is the same for every visitor. Accept-Encoding stays, whichever coding
    this answer has (a page copy served during an outage is already compressed), so a CDN never hands a brotli
    body to a client that cannot read it."""
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
    )
    response["Vary"] = "Accept-Encoding"


def variants(request, response, current_version: str) -> dict[str, dict]:
    """Per coding, thoroughly compressed: the page as kept."""
    return {coding: entry(request, response, current_version, coding, thorough=True) for coding in VARIANTS}


def entry(request, response, current_version: str, coding: str, *, thorough: bool) -> dict:
    """The page in one coding, with the query parameters its page reads (keys.py) and, for a Wagtail page, its id
    and path (copies.py)."""
    reads = keys.page_reads(request)
    return {
        "version": current_version,
        "reads": None if reads is None else sorted(reads),
        "page": getattr(request, "cached_page", None),
        "headers": [(name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS],
        "body": compression.compress(response.content, coding, thorough=thorough),
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
