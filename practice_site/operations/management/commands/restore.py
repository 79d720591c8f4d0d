"""``manage.py restore FOLDER``: put a backup back into an empty database (and media folder)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from practice_site.operations import backups, postgres_tools

TABLES_QUERY = (
    "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
)


class Command(BaseCommand):
    help = (
        "Restore a folder written by `manage.py backup` into an empty database and media folder. "
        "Refuses a database or media folder that already holds data unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a backup folder, e.g. backups/2026-12-01T1030")
        parser.add_argument("--force", action="store_true",
                            help="replace what the database and the media folder already hold")
        parser.add_argument("--dry-run", action="store_true", help="check and report, change nothing")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--pg-bin", help="folder holding pg_restore (default: found automatically)")

    def handle(self, *args, folder, force, dry_run, database, pg_bin, **options):
        folder = Path(folder)
        dump = folder / backups.DATABASE_DUMP
        archive = folder / backups.MEDIA_ARCHIVE
        if not dump.is_file():
            raise CommandError(f"{folder} is not a backup folder: it has no {backups.DATABASE_DUMP}.")
        connection = connections[database]
        db = connection.settings_dict

        with connection.cursor() as cursor:
            cursor.execute(TABLES_QUERY)
            tables = cursor.fetchone()[0]
        # Leave the database to pg_restore alone: an idle session could hold it back from dropping objects.
        connection.close()
        if tables and not force:
            raise CommandError(
                f"The database {db['NAME']!r} already holds {tables} tables. Restore only into an empty database, "
                "or add --force (make restore … FORCE=1) to replace its contents."
            )
        restore_media = archive.is_file() and backups.media_is_local()
        if restore_media and backups.media_files() and not force:
            raise CommandError(
                f"The media folder {settings.MEDIA_ROOT} is not empty. Restore into an empty one, or add --force."
            )

        manifest = backups.read_manifest(folder)
        self.stdout.write(
            f"Restoring {folder} (made {manifest.get('created', 'at an unknown time')}) into database "
            f"{db['NAME']!r}" + (f" and {settings.MEDIA_ROOT}" if restore_media else "") + " …"
        )
        if dry_run:
            self.stdout.write("Dry run: nothing changed.")
            return

        arguments = ["--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={db['NAME']}"]
        if tables:
            arguments += ["--clean", "--if-exists"]
        else:
            arguments.append("--single-transaction")
        pg_restore = postgres_tools.client_program("pg_restore", db, pg_bin)
        result = postgres_tools.run(pg_restore, [*arguments, str(dump)], db)
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        with connection.cursor() as cursor:
            cursor.execute(TABLES_QUERY)
            restored_tables = cursor.fetchone()[0]
        self.stdout.write(f"  database: {restored_tables} tables restored")

        if restore_media:
            count = backups.extract_media(archive)
            self.stdout.write(f"  media: {count} files restored into {settings.MEDIA_ROOT}")
        elif archive.is_file():
            self.stdout.write("  media: not restored, this site keeps media in object storage")
        self.stdout.write(self.style.SUCCESS(f"Restored {folder}."))
