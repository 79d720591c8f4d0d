"""The key of a request's page: its scheme, host, path and the query parameters the page reads, hashed.

Tracking parameters (PAGE_CACHE_TRACKING_PARAMETERS: utm_*, fbclid, gclid…) never count: a campaign link is
answered from the page's own entry. Each page type declares the parameters it reads (``cache_query_parameters``,
noted on the request by a before_serve_page hook; views by ``reads_query_parameters``); a page is kept only under
those, so a parameter it does not read never creates an entry. Which parameters a path's page reads is learned
here when its page is kept, so the next request with unknown parameters finds the page's entry; each entry holds
what its page read, and is served only to requests that agree with it on those.
"""

import hashlib
from dataclasses import dataclass
from functools import wraps
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.exceptions import DisallowedHost

from . import policy

# How many paths this process remembers the parameters of; past that it starts again.
REMEMBERED = 10_000
_reads: dict[str, frozenset[str]] = {}


@dataclass(frozen=True)
class Address:
    base: str  # scheme://host/path
    parameters: tuple[tuple[str, str], ...]  # sorted, without tracking parameters


def is_tracking(name: str) -> bool:
    return any(
        name.startswith(pattern[:-1]) if pattern.endswith("*") else name == pattern
        for pattern in settings.PAGE_CACHE_TRACKING_PARAMETERS
    )


def address(request) -> Address | None:
    """Where this request's page is, or None when it must not be cached."""
    if not policy.may_keep_request(request):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    query = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    parameters = tuple(sorted(pair for pair in query if not is_tracking(pair[0])))
    # Longer ones are not cached, so made-up URLs cannot fill the cache.
    if len(urlencode(parameters)) > settings.PAGE_CACHE_MAX_QUERY_STRING:
        return None
    return Address(f"{request.scheme}://{host}{request.path}", parameters)


def key(found: Address, reads: frozenset[str] | None) -> str:
    """The key of the page at ``found`` that reads ``reads`` (None: every parameter counts)."""
    kept = found.parameters if reads is None else tuple(pair for pair in found.parameters if pair[0] in reads)
    url = f"{found.base}?{urlencode(kept)}"
    return "pagecache:page:" + hashlib.sha256(url.encode()).hexdigest()


def lookup_key(found: Address) -> str:
    return key(found, _reads.get(found.base) if found.parameters else None)


def cache_key(request) -> str | None:
    """The key to look this request's page up by (without the coding), or None when it must not be cached."""
    found = address(request)
    return None if found is None else lookup_key(found)


def page_reads(request) -> frozenset[str] | None:
    """The parameters the page that answered reads, with those every page reads; None when it did not say."""
    declared = getattr(request, "cache_query_parameters", None)
    if declared is None:
        return None
    return frozenset(declared) | frozenset(settings.PAGE_CACHE_PARAMETERS_READ_EVERYWHERE)


def storage_key(request, found: Address) -> str | None:
    """Where the page answered to this request is kept, or None when it must not be (an answer from a view that
    does not say which parameters it reads, to a request with parameters)."""
    reads = page_reads(request)
    if reads is None:
        return None if found.parameters else key(found, None)
    if _reads.get(found.base) != reads:
        if len(_reads) > REMEMBERED:
            _reads.clear()
        _reads[found.base] = reads
    return key(found, reads)


def matches(entry: dict, found: Address, looked_up: str) -> bool:
    """Whether a stored entry answers this request: the parameters its page reads are the ones looked up by."""
    if not found.parameters:
        return True
    reads = entry.get("reads")
    return key(found, None if reads is None else frozenset(reads)) == looked_up


def reads_query_parameters(*names: str):
    """For a view: the query parameters it reads (the page cache keeps its answers under those alone)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            request.cache_query_parameters = names
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
