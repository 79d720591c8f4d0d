"""Backup folders: a ``pg_dump`` custom-format dump plus an archive of the local media files.

Used by the ``backup`` and ``restore`` management commands (and so by ``make backup`` / ``make restore``).
"""

import json
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils.module_loading import import_string

DATABASE_DUMP = "database.dump"
MEDIA_ARCHIVE = "media.tar"
MANIFEST = "manifest.json"


def media_is_local() -> bool:
    """Uploads live in MEDIA_ROOT; object storage keeps its own copies (bucket versioning, replication)."""
    return issubclass(import_string(settings.STORAGES["default"]["BACKEND"]), FileSystemStorage)


def media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []


def archive_media(archive: Path, progress) -> int:
    """Write every file under MEDIA_ROOT into ``archive`` (paths relative to MEDIA_ROOT); return how many."""
    root = Path(settings.MEDIA_ROOT)
    files = media_files()
    with tarfile.open(archive, "w") as tar:
        for number, path in enumerate(files, start=1):
            tar.add(path, arcname=str(path.relative_to(root)), recursive=False)
            if number % 500 == 0:
                progress(f"  {number} of {len(files)} media files")
    return len(files)


def extract_media(archive: Path) -> int:
    """Unpack ``archive`` into MEDIA_ROOT, refusing links and paths that would leave it; return how many files."""
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive) as tar:
        members = [member for member in tar.getmembers() if member.isfile()]
        tar.extractall(root, members=members, filter="data")
    return len(members)


def write_manifest(folder: Path, **facts) -> None:
    (folder / MANIFEST).write_text(json.dumps(facts, indent=2) + "\n")


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    return json.loads(path.read_text()) if path.exists() else {}


def size_text(path: Path) -> str:
    return filesizeformat(path.stat().st_size)
