"""Backup folders: a ``pg_dump`` custom-format dump, the local media files and the outage spool, each encrypted
to the practice's public key when one is configured (``backup_crypto``).

Used by the ``backup`` and ``restore`` management commands (and so by ``make backup`` / ``make restore``).
"""

import json
import os
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.management.base import CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.module_loading import import_string

from practice_site.operations import backup_crypto, postgres_tools

DATABASE_DUMP = "database.dump"
MEDIA_ARCHIVE = "media.tar"
SPOOL_ARCHIVE = "spool.tar"
MANIFEST = "manifest.json"
PIPE_CHUNK = 1024 * 1024


def media_is_local() -> bool:
    """Uploads live in MEDIA_ROOT; object storage keeps its own copies (bucket versioning, replication)."""
    return issubclass(import_string(settings.STORAGES["default"]["BACKEND"]), FileSystemStorage)


def files_under(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []


def media_files() -> list[Path]:
    return files_under(Path(settings.MEDIA_ROOT))


def piece_path(folder: Path, name: str) -> Path | None:
    """The file holding piece ``name`` in a backup folder, encrypted or not; None when the backup has none."""
    for candidate in (folder / (name + backup_crypto.SUFFIX), folder / name):
        if candidate.is_file():
            return candidate
    return None


@contextmanager
def writing_piece(folder: Path, name: str, public_key):
    """A writable binary file for piece ``name``, readable by its owner only, encrypted when there is a key."""
    path = folder / (name + backup_crypto.SUFFIX if public_key else name)
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as target:
        if public_key is None:
            yield target
            return
        sealed = backup_crypto.EncryptingWriter(target, public_key)
        yield sealed
        sealed.close()


def require_key(path: Path, private_key) -> None:
    if path.name.endswith(backup_crypto.SUFFIX) and private_key is None:
        raise CommandError(
            f"{path.name} is encrypted: give the private key with --key (make restore … KEY=path) "
            "or BACKUP_PRIVATE_KEY_FILE."
        )


@contextmanager
def reading_piece(path: Path, private_key):
    require_key(path, private_key)
    with open(path, "rb") as source:
        if path.name.endswith(backup_crypto.SUFFIX):
            yield backup_crypto.DecryptingReader(source, private_key)
        else:
            yield source


def archive_folder(root: Path, target, progress) -> int:
    """Stream every file under ``root`` as a tar (paths relative to ``root``) into ``target``; return how many."""
    files = files_under(root)
    written = 0
    with tarfile.open(fileobj=target, mode="w|") as tar:
        for number, path in enumerate(files, start=1):
            try:
                tar.add(path, arcname=str(path.relative_to(root)), recursive=False)
                written += 1
            except FileNotFoundError:
                pass  # the worker drained this spool file meanwhile: it is in the database now
            if number % 500 == 0:
                progress(f"  {number} of {len(files)} files")
    return written


def extract_folder(source, root: Path) -> int:
    """Unpack a tar stream into ``root``, refusing links and paths that would leave it; return how many files."""
    root.mkdir(parents=True, exist_ok=True)
    count = 0
    with tarfile.open(fileobj=source, mode="r|") as tar:
        for member in tar:
            if member.isfile():
                tar.extract(member, root, filter="data")
                count += 1
    return count


def dump_database(program: str, database: dict, target) -> None:
    """``pg_dump --format=custom`` straight into ``target``: the plain dump never touches the disk."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(  # noqa: S603 - a PostgreSQL client program, arguments built here
            [program, "--format=custom", "--no-owner"], stdout=subprocess.PIPE, stderr=errors,
            env=postgres_tools.libpq_environment(database),
        )
        with process.stdout:
            while chunk := process.stdout.read(PIPE_CHUNK):
                target.write(chunk)
        if process.wait() != 0:
            errors.seek(0)
            raise CommandError(f"pg_dump failed: {errors.read().decode(errors='replace').strip()}")


def restore_database(program: str, arguments: list[str], database: dict, source) -> None:
    """Feed a custom-format dump from ``source`` to ``pg_restore`` on its standard input."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(  # noqa: S603 - a PostgreSQL client program, arguments built here
            [program, *arguments], stdin=subprocess.PIPE, stdout=errors, stderr=errors,
            env=postgres_tools.libpq_environment(database),
        )
        try:
            with process.stdin:
                while chunk := source.read(PIPE_CHUNK):
                    process.stdin.write(chunk)
        except BrokenPipeError:
            pass  # pg_restore stopped early; its own message below says why
        if process.wait() != 0:
            errors.seek(0)
            raise CommandError(f"pg_restore failed: {errors.read().decode(errors='replace').strip()}")


def write_manifest(folder: Path, **facts) -> None:
    with open(os.open(folder / MANIFEST, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as manifest:
        manifest.write(json.dumps(facts, indent=2) + "\n")


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    return json.loads(path.read_text()) if path.exists() else {}


def size_text(path: Path) -> str:
    return filesizeformat(path.stat().st_size)
