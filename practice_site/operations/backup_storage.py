"""Backups in an object-storage bucket: ``manage.py backup --to s3://bucket/prefix`` and ``restore s3://…``.

The bucket is reached with django-storages' S3Storage and the same provider settings as the media buckets
(BACKUP_S3_OPTIONS, from the AWS_* variables), objects private. A backup is written to a local folder first and
uploaded file by file; a restore downloads the folder to a private temporary folder first.
"""

import os
import shutil
from pathlib import Path, PurePosixPath

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files import File
from django.core.management.base import CommandError
from storages.backends.s3 import S3Storage

SCHEME = "s3://"
COPY_CHUNK = 1024 * 1024


def is_remote(location: str) -> bool:
    return location.startswith(SCHEME)


def bucket_storage(location: str) -> S3Storage:
    bucket, _, prefix = location.removeprefix(SCHEME).partition("/")
    if not bucket:
        raise CommandError(f"{location} names no bucket: use s3://bucket/prefix.")
    return S3Storage(
        bucket_name=bucket, location=prefix.strip("/"), default_acl="private", querystring_auth=True,
        file_overwrite=True, **settings.BACKUP_S3_OPTIONS,
    )


def upload(folder: Path, location: str, progress) -> str:
    """Copy the backup ``folder`` to ``location/<folder name>/``; return the backup's s3:// address."""
    storage = bucket_storage(location)
    try:
        if storage.listdir(folder.name)[1]:
            raise CommandError(f"{location.rstrip('/')}/{folder.name} already exists; run the backup again.")
        for path in sorted(folder.iterdir()):
            with path.open("rb") as source:
                storage.save(f"{folder.name}/{path.name}", File(source))
            progress(f"  uploaded {path.name}")
    except (BotoCoreError, ClientError) as error:
        raise CommandError(f"Could not upload to {location}: {error}") from error
    return f"{location.rstrip('/')}/{folder.name}"


def download(location: str, into: Path) -> Path:
    """Copy the backup at ``location`` (s3://bucket/prefix/<folder>) into a new folder under ``into``."""
    storage = bucket_storage(location)
    folder = into / (PurePosixPath(location.removeprefix(SCHEME)).name or "backup")
    try:
        names = storage.listdir("")[1]
        if not names:
            raise CommandError(f"There is no backup at {location}.")
        folder.mkdir(mode=0o700)
        for name in names:
            with storage.open(name) as remote, open(
                os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb"
            ) as local:
                shutil.copyfileobj(remote, local, COPY_CHUNK)
    except (BotoCoreError, ClientError) as error:
        raise CommandError(f"Could not download {location}: {error}") from error
    return folder
