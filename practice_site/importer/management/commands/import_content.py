from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from practice_site.importer.bundle import ImportRefused
from practice_site.importer.downloads import download
from practice_site.importer.sources import read_paths
from practice_site.importer.writer import Importer


class Command(BaseCommand):
    help = (
        "Import a WordPress or Squarespace export (WXR .xml), Markdown, plain text, Word .docx, or a .zip of these. "
        "The format is recognised from the content."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
        parser.add_argument(
            "--media-dir", type=Path,
            help="The old site's wp-content/uploads folder; images are found there by their path after /uploads/.",
        )
        parser.add_argument(
            "--status", choices=["source", "draft", "live"],
            help="source: what was live stays live (the default for exports); draft (the default for single "
            "files) or live for everything.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; save nothing.")
        parser.add_argument(
            "--overwrite", action="store_true", help="Also update pages edited in Wagtail since they were imported."
        )

    def handle(self, *args, paths, media_dir, status, dry_run, overwrite, **options):
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a folder.")
        try:
            bundles = read_paths([Path(path) for path in paths], media_dir=media_dir, download=download)
            report = Importer(status=status, overwrite=overwrite, dry_run=dry_run, progress=True).run(bundles)
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write("\n".join(report.lines()))
