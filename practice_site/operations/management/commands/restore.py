"""``manage.py restore FOLDER``: put a backup back into an empty database, media folder and outage spool."""

import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from practice_site.operations import backup_crypto, backup_storage, backups, postgres_tools

TABLES_QUERY = (
    "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
)


class Command(BaseCommand):
    help = (
        "Restore a backup written by `manage.py backup` (a folder, or s3://bucket/prefix/<folder>) into an empty "
        "database and media folder, and put its spooled consultation requests back in the spool. Refuses a "
        "database or media folder that already holds data unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a backup folder, e.g. backups/2026-12-01T1030, or s3://bucket/prefix/…")
        parser.add_argument("--force", action="store_true",
                            help="replace what the database and the media folder already hold")
        parser.add_argument("--dry-run", action="store_true", help="check and report, change nothing")
        parser.add_argument("--key", default=settings.BACKUP_PRIVATE_KEY_FILE,
                            help="private key file of an encrypted backup (default: BACKUP_PRIVATE_KEY_FILE)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--pg-bin", help="folder holding pg_restore (default: found automatically)")

    def handle(self, *args, folder, **options):
        if not backup_storage.is_remote(folder):
            self.restore(Path(folder), **options)
            return
        scratch = Path(tempfile.mkdtemp(prefix="rooted-restore-"))
        try:
            self.stdout.write(f"Downloading {folder} …")
            self.restore(backup_storage.download(folder, scratch), **options)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def restore(self, folder: Path, *, force, dry_run, key, database, pg_bin, **options):
        dump = backups.piece_path(folder, backups.DATABASE_DUMP)
        if dump is None:
            raise CommandError(f"{folder} is not a backup folder: it has no {backups.DATABASE_DUMP}.")
        manifest = backups.read_manifest(folder)
        private_key = self.private_key(key, manifest)
        backups.require_key(dump, private_key)
        connection = connections[database]
        tables = self.check_targets(connection, folder, force)

        self.stdout.write(
            f"Restoring {folder} (made {manifest.get('created', 'at an unknown time')}) into database "
            f"{connection.settings_dict['NAME']!r} …"
        )
        if dry_run:
            self.stdout.write("Dry run: nothing changed.")
            return
        self.restore_database(connection, dump, private_key, tables, pg_bin)
        self.restore_files(folder, private_key)
        self.stdout.write(self.style.SUCCESS(f"Restored {folder}."))

    def private_key(self, key: str, manifest: dict):
        if not key:
            return None
        try:
            private_key = backup_crypto.load_private_key(key)
        except backup_crypto.BackupKeyError as error:
            raise CommandError(str(error)) from error
        wanted = (manifest.get("encryption") or {}).get("recipient")
        have = backup_crypto.fingerprint(private_key.public_key())
        if wanted and wanted != have:
            raise CommandError(f"This backup was encrypted for key {wanted}; {key} is key {have}.")
        return private_key

    def check_targets(self, connection, folder: Path, force: bool) -> int:
        """How many tables the database holds; refuses a database or media folder with data unless forced."""
        with connection.cursor() as cursor:
            cursor.execute(TABLES_QUERY)
            tables = cursor.fetchone()[0]
        # Leave the database to pg_restore alone: an idle session could hold it back from dropping objects.
        connection.close()
        if tables and not force:
            raise CommandError(
                f"The database {connection.settings_dict['NAME']!r} already holds {tables} tables. Restore only into "
                "an empty database, or add --force (make restore … FORCE=1) to replace its contents."
            )
        media = backups.piece_path(folder, backups.MEDIA_ARCHIVE)
        if media and backups.media_is_local() and backups.media_files() and not force:
            raise CommandError(
                f"The media folder {settings.MEDIA_ROOT} is not empty. Restore into an empty one, or add --force."
            )
        return tables

    def restore_database(self, connection, dump: Path, private_key, tables: int, pg_bin: str | None) -> None:
        db = connection.settings_dict
        arguments = ["--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={db['NAME']}"]
        if tables:
            arguments += ["--clean", "--if-exists"]
        else:
            arguments.append("--single-transaction")
        pg_restore = postgres_tools.client_program("pg_restore", db, pg_bin)
        try:
            with backups.reading_piece(dump, private_key) as source:
                backups.restore_database(pg_restore, arguments, db, source)
        except backup_crypto.BackupKeyError as error:
            raise CommandError(f"{dump.name}: {error}") from error
        with connection.cursor() as cursor:
            cursor.execute(TABLES_QUERY)
            self.stdout.write(f"  database: {cursor.fetchone()[0]} tables restored")

    def restore_files(self, folder: Path, private_key) -> None:
        media = backups.piece_path(folder, backups.MEDIA_ARCHIVE)
        if media and backups.media_is_local():
            count = self.extract(media, private_key, Path(settings.MEDIA_ROOT))
            self.stdout.write(f"  media: {count} files restored into {settings.MEDIA_ROOT}")
        elif media:
            self.stdout.write("  media: not restored, this site keeps media in object storage")
        spool = backups.piece_path(folder, backups.SPOOL_ARCHIVE)
        if spool:
            # Added beside whatever waits there already: spool files are requests not yet stored, never replaced.
            count = self.extract(spool, private_key, Path(settings.INTAKE_SPOOL_DIR))
            self.stdout.write(
                f"  spool: {count} waiting consultation requests put back in {settings.INTAKE_SPOOL_DIR} "
                "(they open with the SECRET_KEY or INTAKE_SPOOL_KEY that wrote them)"
            )

    def extract(self, path: Path, private_key, root: Path) -> int:
        try:
            with backups.reading_piece(path, private_key) as source:
                return backups.extract_folder(source, root)
        except backup_crypto.BackupKeyError as error:
            raise CommandError(f"{path.name}: {error}") from error
