"""Reading what people bring: the format is recognised from the content, and bad input is refused in one line.

Each format has its own reader (wordpress, markdown, text, word); zips are checked by ``archive`` first.
"""

import io
import zipfile
from pathlib import Path, PurePosixPath

from .archive import DAMAGED_ZIP, check_archive, member_loader
from .bundle import Bundle, Folder, ImportRefused, check_size
from .markdown import looks_like_markdown, read_markdown
from .text import read_plain_text
from .word import read_docx
from .wordpress import read_wxr

READABLE = {".xml", ".md", ".markdown", ".txt", ".docx"}


def read_document(name: str, data: bytes, folder: Folder, *, media_dir: Path | None, download) -> list[Bundle]:
    """Recognise the format from the bytes (the file name only has to agree) and read it."""
    check_size(name, len(data))
    suffix = PurePosixPath(name).suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        return read_zipped(name, suffix, data, media_dir=media_dir, download=download)
    if suffix in {".zip", ".docx"}:
        kind = "Word document" if suffix == ".docx" else "zip file"
        raise ImportRefused(f"{name} is not a {kind}: its content is something else.")
    if b"\x00" in data[:8192]:
        raise ImportRefused(f"{name} is not a text file, XML export, Word document or zip.")
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    if start.startswith((b"<?xml", b"<rss")):
        return [read_wxr(name, data, folder, media_dir=media_dir, download=download)]
    if suffix == ".xml":
        raise ImportRefused(f"{name} is not XML: a WordPress export starts with <?xml.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            f"{name} is not UTF-8 text (byte {error.start} cannot be read); save it as UTF-8 and try again."
        ) from error
    if suffix in {".md", ".markdown"} or (suffix != ".txt" and looks_like_markdown(text)):
        return [read_markdown(name, text, folder)]
    return [read_plain_text(name, text)]


def read_zipped(name: str, suffix: str, data: bytes, *, media_dir, download) -> list[Bundle]:
    """A Word document or a zip of files: both are zips, told apart by what they hold."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except DAMAGED_ZIP as error:
        raise ImportRefused(f"{name} is a damaged zip file ({error}).") from error
    if "word/document.xml" in names:
        if suffix not in {".docx", ""}:
            raise ImportRefused(f"{name} is a Word document, not the {suffix} file its name says.")
        # mammoth expands the document and every picture in it in memory: the zip limits apply first.
        check_archive(name, archive)
        return [read_docx(name, data)]
    if suffix == ".docx":
        raise ImportRefused(f"{name} is not a Word document: it is a zip without one inside.")
    return read_zip(name, archive, media_dir=media_dir, download=download)


def read_zip(name: str, archive: zipfile.ZipFile, *, media_dir, download) -> list[Bundle]:
    infos = check_archive(name, archive)
    files = {
        info.filename: member_loader(name, archive, info)
        for info in infos if not info.filename.startswith("__MACOSX/")
    }
    bundles = []
    for member, load in sorted(files.items()):
        path = PurePosixPath(member)
        if path.name.startswith(".") or path.suffix.lower() not in READABLE:
            continue
        siblings = {
            str(PurePosixPath(other).relative_to(path.parent)): other_load
            for other, other_load in files.items()
            if PurePosixPath(other).is_relative_to(path.parent)
        }
        siblings.update(files if path.suffix.lower() == ".xml" else {})
        bundles += read_document(f"{name}/{member}", load(), Folder(siblings), media_dir=media_dir, download=download)
    if not bundles:
        raise ImportRefused(f"{name} holds no WordPress export, Markdown, text or Word file to import.")
    return bundles


def folder_files(path: Path) -> list[Path]:
    return sorted(
        child for child in path.rglob("*")
        if child.is_file() and child.suffix.lower() in READABLE | {".zip"}
        and not any(part.startswith(".") for part in child.relative_to(path).parts)
    )


def read_paths(paths: list[Path], *, media_dir: Path | None, download) -> list[Bundle]:
    bundles = []
    for path in paths:
        if path.is_dir():
            files = folder_files(path)
            if not files:
                raise ImportRefused(f"{path} holds no file to import.")
        elif path.is_file():
            files = [path]
        else:
            raise ImportRefused(f"{path} does not exist.")
        for file in files:
            check_size(str(file), file.stat().st_size)
            bundles += read_document(
                file.name, file.read_bytes(), Folder(root=file.parent), media_dir=media_dir, download=download
            )
    return bundles
