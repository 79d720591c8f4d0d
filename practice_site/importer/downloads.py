"""Fetching an image from the old site when it is not in the uploads folder given."""

import urllib.request
from urllib.error import URLError

from .bundle import MAX_FILE_BYTES

TIMEOUT_SECONDS = 15


def download(url: str) -> bytes | None:
    """The bytes at an http(s) address, or None when it cannot be had (never an exception: it is reported missing)."""
    if not url.startswith(("http://", "https://")):
        return None
    request = urllib.request.Request(url, headers={"User-Agent": "Rooted content import"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (scheme checked)
            data = response.read(MAX_FILE_BYTES + 1)
    except (URLError, OSError, ValueError):
        return None
    return data if len(data) <= MAX_FILE_BYTES else None
