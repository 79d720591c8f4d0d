"""``manage.py backup``: a dated folder with a pg_dump of the database, the media files and the outage spool."""

import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.utils import timezone

from practice_site.operations import backup_crypto, backup_storage, backups, postgres_tools


class Command(BaseCommand):
    help = (
        "Write a backup folder (database dump, media files, outage spool) under --to, a folder or s3://bucket/prefix. "
        "It holds consultation requests, which are health information: it is encrypted to BACKUP_PUBLIC_KEY, and "
        "without DEBUG an unencrypted backup is refused unless --unencrypted is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", default=str(settings.BASE_DIR / "backups"),
            help="parent folder, or s3://bucket/prefix for the object-storage bucket (default: backups/)",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--pg-bin", help="folder holding pg_dump (default: found automatically)")
        parser.add_argument("--unencrypted", action="store_true",
                            help="write a plain backup even without DEBUG (not recommended: health information)")

    def handle(self, *args, to, database, pg_bin, unencrypted, **options):
        public_key = self.public_key(unencrypted)
        db = self.reachable_database(database)
        remote = backup_storage.is_remote(to)
        parent = Path(tempfile.mkdtemp(prefix="rooted-backup-")) if remote else Path(to)
        folder = self.new_folder(parent)
        try:
            facts = self.write_pieces(folder, db, pg_bin, public_key)
            backups.write_manifest(folder, created=timezone.now().isoformat(), database=db["NAME"], **facts)
            where = backup_storage.upload(folder, to, self.stdout.write) if remote else str(folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        finally:
            if remote:
                shutil.rmtree(parent, ignore_errors=True)
        state = "encrypted" if public_key else "NOT encrypted"
        self.stdout.write(self.style.SUCCESS(
            f"Backup written to {where} ({state}). It holds consultation requests (health information): "
            "keep it off the web server" + (" and keep the private key elsewhere." if public_key else ".")
        ))

    def public_key(self, unencrypted: bool):
        if unencrypted:
            self.stderr.write("Writing an UNENCRYPTED backup (--unencrypted).")
            return None
        if settings.BACKUP_PUBLIC_KEY:
            try:
                return backup_crypto.load_public_key(settings.BACKUP_PUBLIC_KEY)
            except backup_crypto.BackupKeyError as error:
                raise CommandError(str(error)) from error
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to write an unencrypted backup of health information: set BACKUP_PUBLIC_KEY (README: "
                "Backups), or add --unencrypted (make backup UNENCRYPTED=1) if you really mean to."
            )
        self.stderr.write("No BACKUP_PUBLIC_KEY set: this development backup is NOT encrypted.")
        return None

    def reachable_database(self, alias: str) -> dict:
        """Connect first: that starts an embedded server if none runs, and proves a remote one answers."""
        connection = connections[alias]
        try:
            connection.ensure_connection()
        except DatabaseError as error:
            raise CommandError(f"Cannot reach the database: {error}") from error
        connection.close()
        return connection.settings_dict

    def write_pieces(self, folder: Path, db: dict, pg_bin: str | None, public_key) -> dict:
        pg_dump = postgres_tools.client_program("pg_dump", db, pg_bin)
        self.stdout.write(f"Backing up database {db['NAME']!r} into {folder}/ …")
        with backups.writing_piece(folder, backups.DATABASE_DUMP, public_key) as target:
            backups.dump_database(pg_dump, db, target)
        self.report(folder, backups.DATABASE_DUMP, "database")

        media_count = None
        if backups.media_is_local():
            self.stdout.write(f"Copying media files from {settings.MEDIA_ROOT} …")
            media_count = self.archive(folder, backups.MEDIA_ARCHIVE, Path(settings.MEDIA_ROOT), public_key)
            self.report(folder, backups.MEDIA_ARCHIVE, "media", media_count)
        else:
            self.stdout.write("  media: in object storage, not copied (use the bucket's versioning or replication)")

        self.stdout.write(f"Copying the outage spool from {settings.INTAKE_SPOOL_DIR} …")
        spool_count = self.archive(folder, backups.SPOOL_ARCHIVE, Path(settings.INTAKE_SPOOL_DIR), public_key)
        self.report(folder, backups.SPOOL_ARCHIVE, "spool", spool_count)
        encryption = (
            {"scheme": backup_crypto.SCHEME, "recipient": backup_crypto.fingerprint(public_key)} if public_key else None
        )
        return {"media_files": media_count, "spool_files": spool_count, "encryption": encryption}

    def archive(self, folder: Path, name: str, root: Path, public_key) -> int:
        with backups.writing_piece(folder, name, public_key) as target:
            return backups.archive_folder(root, target, self.stdout.write)

    def report(self, folder: Path, name: str, label: str, count: int | None = None) -> None:
        path = backups.piece_path(folder, name)
        files = f"{count} files, " if count is not None else ""
        self.stdout.write(f"  {label}: {path.name} ({files}{backups.size_text(path)})")

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
