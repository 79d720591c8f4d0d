"""The admin's imports, run on the background queue so a large zip outlives no proxy's or gunicorn's timeout.

``check_upload`` is the dry run the editor reads first; ``import_upload`` runs once they confirm. The import holds
one transaction open until it ends, so its progress is written through a connection of its own, which the
progress page can read while the import is still running.
"""

import logging
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.tasks import task
from django.utils import timezone

from .bundle import Folder, ImportRefused
from .models import ImportJob
from .sources import read_document
from .writer import Importer

logger = logging.getLogger(__name__)
UNREADABLE = "This file could not be imported; nothing was saved. Check that it is a complete export and try again."
PROGRESS_EVERY = 0.5  # seconds between progress writes


class Progress:
    def __init__(self, job_id: int):
        self.job_id = job_id
        self.connection = connections.create_connection(DEFAULT_DB_ALIAS)
        self.written_at = 0.0

    def __call__(self, done: int, total: int):
        if done < total and time.monotonic() - self.written_at < PROGRESS_EVERY:
            return
        self.written_at = time.monotonic()
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ImportJob._meta.db_table} SET done = %s, total = %s WHERE id = %s",  # noqa: S608
                [done, total, self.job_id],
            )

    def close(self):
        self.connection.close()


def run(job_id: int, *, dry_run: bool):
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        return
    progress = Progress(job_id)
    try:
        # No downloads from the admin: an uploaded file must not make the server fetch addresses it names.
        bundles = read_document(job.name, bytes(job.data), Folder(), media_dir=None, download=None)
        report = Importer(status=job.status, dry_run=dry_run, on_step=progress).run(bundles)
    except ImportRefused as error:
        job.state, job.error, job.data = ImportJob.State.REFUSED, str(error), b""
    except Exception:
        logger.exception("Import of upload %s failed", job_id)
        job.state, job.error, job.data = ImportJob.State.REFUSED, UNREADABLE, b""
    else:
        if dry_run:
            job.state, job.dry_run_report = ImportJob.State.CHECKED, report.lines()
        else:
            job.state, job.report, job.data = ImportJob.State.DONE, report.lines(), b""
            job.pages = [list(page) for page in report.pages]
    finally:
        progress.close()
    job.finished_at = timezone.now()
    job.save()


@task(backend=settings.BACKGROUND_QUEUE)
def check_upload(job_id: int):
    run(job_id, dry_run=True)


@task(backend=settings.BACKGROUND_QUEUE)
def import_upload(job_id: int):
    run(job_id, dry_run=False)
