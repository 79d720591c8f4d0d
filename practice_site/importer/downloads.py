"""Fetching an image an export names by its address, without letting that address reach inside our network.

An export is someone else's file: its ``<img src>`` may name the cloud's metadata service, a database on the
private network or an endless stream. Only http(s) to public addresses is fetched (checked again after each of
at most three redirects, on the address actually connected to), within a size and time limit, and only images.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urljoin, urlsplit

from .bundle import ImageRefused

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 3
TIMEOUT_SECONDS = 10  # each connection and read
TOTAL_SECONDS = 30  # the whole download, redirects included
REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024


def allowed_address(address: str, port: int) -> bool:
    """Loopback, private, link-local, multicast, reserved and unspecified addresses are never fetched."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_loopback)


class Downloader:
    """Where a connection may go is ``allowed_address(address, port)``, looked up at each check: the tests widen
    it to their own server's port alone, and every other refusal still holds."""

    def __init__(self, *, max_bytes=MAX_IMAGE_BYTES, total_seconds=TOTAL_SECONDS):
        self.max_bytes = max_bytes
        self.total_seconds = total_seconds

    def __call__(self, url: str) -> bytes:
        """The image's bytes; ImageRefused with the reason otherwise."""
        deadline = time.monotonic() + self.total_seconds
        for _ in range(MAX_REDIRECTS + 1):
            status, location, body = self.get(url, deadline)
            if status not in REDIRECTS:
                return body
            url = urljoin(url, location)
        raise ImageRefused(f"more than {MAX_REDIRECTS} redirects")

    def get(self, url: str, deadline: float):
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ImageRefused("not an http(s) address")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = self.resolve(parts.hostname, port)
        connection = pinned_connection(parts.scheme, parts.hostname, port, address)
        try:
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("GET", path, headers={"User-Agent": "Rooted content import", "Accept": "image/*"})
            response = connection.getresponse()
            if response.status in REDIRECTS:
                return response.status, response.getheader("Location", ""), b""
            if response.status != 200:
                raise ImageRefused(f"the server answered {response.status}")
            content_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
            if not content_type.startswith("image/") or content_type == "image/svg+xml":
                raise ImageRefused(f"not an image ({content_type or 'no content type'})")
            return response.status, "", self.read(response, deadline)
        except (OSError, http.client.HTTPException) as error:
            raise ImageRefused(f"could not be fetched ({type(error).__name__})") from error
        finally:
            connection.close()

    def resolve(self, host: str, port: int) -> str:
        """One address for the host, every address it has being allowed (so no answer can point inside)."""
        try:
            answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            raise ImageRefused("its host name does not resolve") from error
        addresses = [answer[4][0] for answer in answers]
        if not addresses or not all(allowed_address(address, port) for address in addresses):
            raise ImageRefused("it points to a private or reserved network address")
        return addresses[0]

    def read(self, response, deadline: float) -> bytes:
        declared = response.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise ImageRefused(f"larger than {self.max_bytes // (1024 * 1024)} MB")
        chunks, size = [], 0
        while chunk := response.read(CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise ImageRefused(f"larger than {self.max_bytes // (1024 * 1024)} MB")
            if time.monotonic() > deadline:
                raise ImageRefused(f"took longer than {self.total_seconds} seconds")
            chunks.append(chunk)
        return b"".join(chunks)


def pinned_connection(scheme: str, host: str, port: int, address: str):
    """A connection to the checked address, so a second DNS answer cannot move it; TLS still verifies ``host``."""
    if scheme == "https":
        connection = http.client.HTTPSConnection(
            host, port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT_SECONDS)
    connection._create_connection = lambda _address, timeout, source=None: socket.create_connection(
        (address, port), timeout, source
    )
    return connection


download = Downloader()
