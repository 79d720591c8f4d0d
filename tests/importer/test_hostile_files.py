"""Hostile input: Word documents built to exhaust memory, image bombs, and image addresses that point inside.

The download tests run real HTTP servers on 127.0.0.1. Loopback is refused like any private address, so each test
widens the check for one server's port only (``allow_test_server``); everything else is still refused, which
the servers prove by counting the requests they were sent.
"""

import io
import struct
import threading
import zipfile
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from docx import Document
from wagtail.images import get_image_model

from practice_site.importer.bundle import Folder, ImageRefused
from practice_site.importer.downloads import Downloader, allowed_address
from practice_site.importer.sources import read_document
from practice_site.importer.writer import Importer

from .conftest import image_bytes

pytestmark = pytest.mark.django_db


def docx_bytes(extra: dict[str, bytes] | None = None, *, members: int = 0) -> bytes:
    """A real Word document, with extra members packed in (highly compressible ones, or very many)."""
    output = io.BytesIO()
    document = Document()
    document.add_heading("A letter", 0)
    document.add_paragraph("Hello.")
    document.save(output)
    packed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(output.getvalue())) as source, zipfile.ZipFile(
        packed, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
        for number in range(members):
            target.writestr(f"word/padding/{number}.xml", b"<x/>")
    return packed.getvalue()


# Refused in one line like any bad input: the cases are in test_bad_input.py.
BOMB_DOCX = docx_bytes({"word/media/image1.png": bytes(30 * 1024 * 1024)})
CROWDED_DOCX = docx_bytes(members=10_001)


def png_claiming(width: int, height: int) -> bytes:
    """A few hundred bytes whose header says width × height pixels: decoding it would take gigabytes."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def test_an_image_bomb_is_refused_with_a_line_in_the_report(site, tmp_path, run_import):
    (tmp_path / "note.md").write_text("# A note\n\nSome words here to read.\n\n![A huge picture](huge.png)\n")
    (tmp_path / "huge.png").write_bytes(png_claiming(30_000, 30_000))
    images = get_image_model().objects.count()
    report = run_import(tmp_path / "note.md")
    assert "Image refused: huge.png (too many pixels to open safely)" in report
    assert "Articles: 1 created" in report
    assert get_image_model().objects.count() == images


# Downloads ----------------------------------------------------------------------------------------------------


class Server:
    """A real HTTP server on 127.0.0.1 answering from ``routes``: path → (status, headers, body or a generator)."""

    def __init__(self, routes):
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the name http.server calls)
                server.requests.append(self.path)
                status, headers, body = routes[self.path.split("?")[0]](server)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    for piece in body if not isinstance(body, bytes) else [body]:
                        self.wfile.write(piece)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def endless():
    while True:
        yield bytes(64 * 1024)


@pytest.fixture
def servers():
    inside = Server({"/secret.jpg": lambda server: (200, {"Content-Type": "image/jpeg"}, image_bytes())})
    outside = Server(
        {
            "/photo.jpg": lambda server: (200, {"Content-Type": "image/jpeg"}, image_bytes((30, 20))),
            "/to-inside": lambda server: (302, {"Location": f"{inside.url}/secret.jpg"}, b""),
            "/to-metadata": lambda server: (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
            "/to-private": lambda server: (301, {"Location": "http://10.0.0.8/photo.jpg"}, b""),
            "/to-file": lambda server: (302, {"Location": "file:///etc/passwd"}, b""),
            "/hop": lambda server: (302, {"Location": "/hop?again"}, b""),
            "/endless": lambda server: (200, {"Content-Type": "image/jpeg"}, endless()),
            "/page.html": lambda server: (200, {"Content-Type": "text/html"}, b"<p>Hello</p>"),
        }
    )
    yield outside, inside
    outside.close()
    inside.close()


@pytest.fixture
def widened(servers, allow_test_server):
    outside, inside = servers
    allow_test_server(outside.port)
    return servers


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/to-inside", "it points to a private or reserved network address"),
        ("/to-metadata", "it points to a private or reserved network address"),
        ("/to-private", "it points to a private or reserved network address"),
        ("/to-file", "not an http(s) address"),
        ("/hop", "more than 3 redirects"),
        ("/endless", "larger than 20 MB"),
        ("/page.html", "not an image (text/html)"),
    ],
)
def test_a_download_is_refused_where_it_leads_inside_runs_on_or_is_no_image(widened, path, reason):
    outside, inside = widened
    with pytest.raises(ImageRefused, match=reason.replace("(", r"\(").replace(")", r"\)")):
        Downloader()(outside.url + path)
    assert inside.requests == []  # the redirect to this machine's other server was never followed


def test_a_download_from_an_allowed_server_is_an_image(widened):
    outside, _ = widened
    assert Downloader()(outside.url + "/photo.jpg") == image_bytes((30, 20))


def test_loopback_itself_is_refused_before_any_connection(servers):
    outside, inside = servers
    for url in (f"{inside.url}/secret.jpg", f"http://localhost:{inside.port}/secret.jpg"):
        with pytest.raises(ImageRefused, match="private or reserved"):
            Downloader()(url)
    assert inside.requests == [] and outside.requests == []


def test_a_slow_endless_body_stops_at_the_time_limit(widened):
    outside, _ = widened
    with pytest.raises(ImageRefused, match="took longer than 0.2 seconds"):
        Downloader(max_bytes=10**12, total_seconds=0.2)(outside.url + "/endless")


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.9", False), ("192.168.1.1", False),
        ("169.254.169.254", False), ("100.64.0.1", False), ("224.0.0.251", False), ("240.0.0.1", False),
        ("0.1.2.3", False), ("::1", False), ("fe80::1", False), ("fd00::1", False), ("ff02::1", False),
        ("::ffff:127.0.0.1", False), ("93.184.215.14", True), ("2606:4700:4700::1111", True),
    ],
)
def test_only_public_addresses_are_fetched(address, allowed):
    assert allowed_address(address, 443) is allowed


def test_an_export_whose_image_redirects_inside_imports_with_the_image_refused(site, widened):
    outside, inside = widened
    export = f"""<?xml version="1.0"?>
<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Calm</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
<wp:post_name>calm</wp:post_name><content:encoded><![CDATA[<p>Words to keep here.</p>
<p><img src="{outside.url}/to-inside" alt="a"><img src="{outside.url}/photo.jpg" alt="b"></p>]]></content:encoded>
</item></channel></rss>""".encode()
    bundles = read_document("export.xml", export, Folder(), media_dir=None, download=Downloader())
    report = "\n".join(Importer().run(bundles).lines())
    assert "Image refused: to-inside (it points to a private or reserved network address)" in report
    assert "Images: 1 created" in report
    assert inside.requests == []
