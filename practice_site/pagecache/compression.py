"""Brotli and gzip for text responses, chosen from the client's Accept-Encoding."""

import gzip

import brotli

ENCODINGS = ("br", "gzip")
COMPRESSIBLE_TYPES = {
    "text/html",
    "text/plain",
    "text/xml",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
}
# Below this, the compressed body and its headers save nothing worth the work.
MIN_SIZE = 200


def negotiate(accept_encoding: str) -> str:
    """"br", "gzip" or "identity": the accepted coding with the highest q (brotli on a tie), q=0 refusing."""
    weights = {}
    for part in accept_encoding.split(","):
        name, _, params = part.strip().partition(";")
        name = name.strip().lower()
        if not name:
            continue
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name] = weight
    wildcard = weights.get("*", 0.0)
    best, best_weight = "identity", 0.0
    for encoding in ENCODINGS:
        weight = weights.get(encoding, wildcard)
        if weight > best_weight:
            best, best_weight = encoding, weight
    return best


def negotiated(request) -> str:
    return negotiate(request.META.get("HTTP_ACCEPT_ENCODING", ""))


def compress(body: bytes, encoding: str, *, thorough: bool = False) -> bytes:
    """``thorough`` for bodies compressed once and kept: brotli's best setting costs ~20 ms on a page."""
    if encoding == "br":
        return brotli.compress(body, quality=11 if thorough else 5)
    if encoding == "gzip":
        # mtime=0: the same page compresses to the same bytes.
        return gzip.compress(body, compresslevel=9 if thorough else 6, mtime=0)
    return body


def content_type(response) -> str:
    return response.get("Content-Type", "").split(";")[0].strip().lower()


def is_compressible(response) -> bool:
    return (
        content_type(response) in COMPRESSIBLE_TYPES
        and not response.streaming
        and not response.has_header("Content-Encoding")
        and len(response.content) >= MIN_SIZE
    )
