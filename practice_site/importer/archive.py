"""Zip safety: a zip (or a Word document, which is one) is checked from its directory before any member is read."""

import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import PurePosixPath

from .bundle import MAX_FILE_BYTES, MEGABYTE, ImportRefused

MAX_ZIP_TOTAL_BYTES = 200 * MEGABYTE
# Text and XML compress around ten to one; far beyond that is a zip built to exhaust memory or disk.
MAX_ZIP_RATIO = 100
# A blog's zip holds a few thousand files at most, a Word document a few dozen.
MAX_ZIP_MEMBERS = 10_000
# What zipfile raises, one way or another, for a damaged archive or member.
DAMAGED_ZIP = (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error, NotImplementedError)


def check_archive(name: str, archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The members worth reading, once paths, sizes and compression ratios are all within bounds."""
    infos = [info for info in archive.infolist() if not info.is_dir()]
    if len(infos) > MAX_ZIP_MEMBERS:
        raise ImportRefused(f"{name} holds more than {MAX_ZIP_MEMBERS:,} files; import it in smaller parts.")
    total = 0
    for info in infos:
        member = info.filename
        parts = PurePosixPath(member.replace("\\", "/")).parts
        if member.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", member) or ".." in parts:
            raise ImportRefused(f"{name} holds a file with an unsafe path ({member}); nothing was imported.")
        if info.file_size > MAX_FILE_BYTES:
            raise ImportRefused(f"{name} holds a file over 50 MB ({member}); nothing was imported.")
        total += info.file_size
    if total > MAX_ZIP_TOTAL_BYTES:
        raise ImportRefused(f"{name} expands to more than 200 MB; import it in smaller parts.")
    for info in infos:
        if info.file_size > MEGABYTE and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise ImportRefused(
                f"{name} expands far more than any real export ({info.filename}); nothing was imported."
            )
    return infos


def member_loader(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    def load():
        # The sizes above come from the zip's own directory, which can lie: read no more than it claimed.
        try:
            with archive.open(info) as handle:
                data = handle.read(info.file_size + 1)
        except DAMAGED_ZIP as error:
            raise ImportRefused(f"{name} is damaged: {info.filename} cannot be read ({error}).") from error
        if len(data) > info.file_size:
            raise ImportRefused(f"{name} is damaged: {info.filename} is larger than the zip says.")
        return data

    return load
