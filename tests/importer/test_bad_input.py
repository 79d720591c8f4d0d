"""Every kind of bad input gets one clear line, a non-zero exit, and leaves the database as it was."""

import io
import zipfile

import pytest
from django.core.management.base import CommandError

from .conftest import FIXTURES, database_state
from .test_hostile_files import BOMB_DOCX, CROWDED_DOCX

pytestmark = pytest.mark.django_db
EXPORT = (FIXTURES / "wordpress.xml").read_bytes()


def zipped(*members) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name) if name.startswith("/") else name, data)
    return output.getvalue()


def zeros(megabytes: int) -> bytes:
    return bytes(megabytes * 1024 * 1024)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss><channel><title>&lol2;</title></channel></rss>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><title>&secret;</title></channel></rss>"""

BAD_INPUTS = {
    "not-wordpress.xml": (b'<?xml version="1.0"?><note>Hello</note>', "is XML but not a WordPress or Squarespace"),
    "truncated.xml": (EXPORT[: len(EXPORT) // 2], "is not well-formed XML"),
    "laughs.xml": (BILLION_LAUGHS, "declares XML entities or a DTD"),
    "external.xml": (EXTERNAL_ENTITY, "declares XML entities or a DTD"),
    "latin1.xml": (EXPORT.replace("It’s been".encode(), "Caf\xe9".encode("latin-1")), "is not well-formed XML"),
    "latin1.md": ("# Café au lait\n\nUn café.".encode("latin-1"), "is not UTF-8 text"),
    "letter.docx": (b"Dear reader, this is plain text pretending.", "is not a Word document"),
    "export.zip": (EXPORT, "is not a zip file"),
    "photo.xml": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a text file, XML export, Word document or zip"),
    "climb.zip": (zipped(("../../etc/cron.d/evil.md", b"# Hi")), "unsafe path"),
    "absolute.zip": (zipped(("/etc/evil.md", b"# Hi")), "unsafe path"),
    "bomb.zip": (zipped(("post.md", zeros(10))), "expands far more than any real export"),
    "huge-member.zip": (zipped(("post.md", zeros(51))), "holds a file over 50 MB"),
    "too-much.zip": (zipped(*[(f"post{n}.md", zeros(41)) for n in range(5)]), "expands to more than 200 MB"),
    "empty.zip": (zipped(("notes/readme.pdf", b"%PDF-1.4")), "holds no WordPress export"),
    # A Word document is a zip: the same limits apply before mammoth opens it, also inside a zip.
    "bomb.docx": (BOMB_DOCX, "bomb.docx expands far more than any real export"),
    "letters.zip": (zipped(("posts/bomb.docx", BOMB_DOCX)), "letters.zip/posts/bomb.docx expands far more"),
    "crowded.docx": (CROWDED_DOCX, "crowded.docx holds more than 10,000 files"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_is_refused_with_one_clear_line_and_nothing_changes(site, tmp_path, run_import, name):
    data, message = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    before = database_state()
    with pytest.raises(CommandError, match=message) as refused:
        run_import(path)
    assert "\n" not in str(refused.value)
    assert database_state() == before


def test_a_file_over_50_mb_is_refused_before_it_is_read(site, tmp_path, run_import):
    path = tmp_path / "export.xml"
    with path.open("wb") as handle:
        handle.seek(51 * 1024 * 1024)
        handle.write(b"\0")
    with pytest.raises(CommandError, match="larger than 50 MB"):
        run_import(path)


def test_a_bad_file_among_good_ones_leaves_nothing_half_made(site, tmp_path, uploads, run_import):
    (tmp_path / "good.xml").write_bytes(EXPORT)
    (tmp_path / "zz-broken.xml").write_bytes(EXPORT[:-200])
    before = database_state()
    with pytest.raises(CommandError, match="zz-broken.xml is not well-formed XML"):
        run_import(tmp_path, "--media-dir", uploads)
    assert database_state() == before


def test_no_blog_index_is_refused_and_nothing_stays(site, uploads, run_import):
    site["blog"].delete()
    before = database_state()
    with pytest.raises(CommandError, match="There is no blog index page"):
        run_import(FIXTURES / "wordpress.xml", "--media-dir", uploads)
    assert database_state() == before


def test_a_missing_path_is_named(site, tmp_path, run_import):
    with pytest.raises(CommandError, match="does-not-exist.xml does not exist"):
        run_import(tmp_path / "does-not-exist.xml")
