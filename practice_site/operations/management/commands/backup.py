"""``manage.py backup``: a dated folder with a pg_dump of the database and a copy of the media files."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from practice_site.operations import backups, postgres_tools


class Command(BaseCommand):
    help = (
        "Write a backup folder (database dump and media files) under --to. It holds consultation requests, "
        "which are health information: keep backups encrypted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", default=str(settings.BASE_DIR / "backups"), help="parent folder (default: backups/)"
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--pg-bin", help="folder holding pg_dump (default: found automatically)")

    def handle(self, *args, to, database, pg_bin, **options):
        db = connections[database].settings_dict
        folder = self.new_folder(Path(to))
        pg_dump = postgres_tools.client_program("pg_dump", db, pg_bin)

        self.stdout.write(f"Backing up database {db['NAME']!r} into {folder}/ …")
        dump = folder / backups.DATABASE_DUMP
        result = postgres_tools.run(pg_dump, ["--format=custom", "--no-owner", f"--file={dump}"], db)
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        dump.chmod(0o600)
        self.stdout.write(f"  database: {backups.DATABASE_DUMP} ({backups.size_text(dump)})")

        media_count = None
        if backups.media_is_local():
            self.stdout.write(f"Copying media files from {settings.MEDIA_ROOT} …")
            archive = folder / backups.MEDIA_ARCHIVE
            media_count = backups.archive_media(archive, self.stdout.write)
            archive.chmod(0o600)
            self.stdout.write(f"  media: {backups.MEDIA_ARCHIVE} ({media_count} files, {backups.size_text(archive)})")
        else:
            self.stdout.write("  media: in object storage, not copied (use the bucket's versioning or replication)")

        backups.write_manifest(
            folder, created=timezone.now().isoformat(), database=db["NAME"], media_files=media_count
        )
        self.stdout.write(self.style.SUCCESS(
            f"Backup written to {folder}. It holds consultation requests (health information): "
            "keep it encrypted and off the web server."
        ))

    def new_folder(self, parent: Path) -> Path:
        """``parent/2026-12-01T1030`` (UTC), readable by its owner only; seconds are added on a clash."""
        now = timezone.now()
        folder = parent / now.strftime("%Y-%m-%dT%H%M")
        if folder.exists():
            folder = parent / now.strftime("%Y-%m-%dT%H%M%S")
        parent.mkdir(parents=True, exist_ok=True)
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError as error:
            raise CommandError(f"{folder} already exists; wait a second and run the backup again.") from error
        os.chmod(folder, 0o700)
        return folder
