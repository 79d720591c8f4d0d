"""Delete consultation requests the practice no longer needs to keep. Safe to run daily from cron."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import ModelLogEntry

from contact.models.request import AccessRecord, ConsultationRequest

Status = ConsultationRequest.Status
# Requests that ended without the person becoming a client.
ENDED_WITHOUT_CLIENT = [Status.CLOSED, Status.REFERRED_OUT, Status.NOT_A_FIT]
STALE = [Status.NEW, Status.CONTACTED]


def purgeable_requests(retention_days: int, now: datetime.datetime | None = None):
    """Spam and ended requests received, and last changed, more than ``retention_days`` ago.

    Counting from the last change too means a request closed yesterday is kept for the full period.
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days)
    # Left New or Contacted that long is stale too (coordinators saw it flagged after INTAKE_STALE_DAYS).
    return ConsultationRequest.objects.filter(
        Q(status=Status.SPAM) | Q(status__in=[*ENDED_WITHOUT_CLIENT, *STALE]),
        received_at__lt=cutoff,
        updated_at__lt=cutoff,
    )


class Command(BaseCommand):
    help = (
        "Delete spam consultation requests, requests closed, referred out or not a fit, and requests left New or "
        "Contacted, older than INTAKE_RETENTION_DAYS (default 180). Their notes, emails' states and history go too "
        "(who viewed or exported them is kept INTAKE_ACCESS_RECORD_YEARS more), "
        "and so does any Wagtail log entry about a consultation request."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print what would be deleted; delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        retention_days = settings.INTAKE_RETENTION_DAYS
        if retention_days < 1:
            raise CommandError("INTAKE_RETENTION_DAYS must be at least 1.")
        with transaction.atomic():
            requests = purgeable_requests(retention_days)
            spam = requests.filter(status=Status.SPAM).count()
            ended = requests.filter(status__in=ENDED_WITHOUT_CLIENT).count()
            stale = requests.filter(status__in=STALE).count()
            summary = f"{spam} spam and {ended} closed without becoming a client, older than {retention_days} days"
            if stale:
                summary += f"; {stale} left New or Contacted as long"
            ended += stale
            if dry_run:
                self.stdout.write(f"Dry run: would delete {spam + ended} consultation requests ({summary}).")
                return
            numbers = list(requests.values_list("pk", flat=True))
            requests.delete()
            delete_wagtail_log_entries()
            expired = keep_access_records(numbers)
        self.stdout.write(f"Deleted {spam + ended} consultation requests ({summary}).")
        if expired:
            years = settings.INTAKE_ACCESS_RECORD_YEARS
            self.stdout.write(f"Deleted {expired} access records kept {years} years past their request's purge.")


def keep_access_records(numbers: list[int]) -> int:
    """Who viewed or exported a purged request stays on record for INTAKE_ACCESS_RECORD_YEARS from now; records
    whose time is up go. Returns how many went."""
    now = timezone.now()
    AccessRecord.objects.filter(request_number__in=numbers, request_purged_at=None).update(request_purged_at=now)
    kept_since = now - datetime.timedelta(days=365 * settings.INTAKE_ACCESS_RECORD_YEARS + 2)
    deleted, _ = AccessRecord.objects.filter(request_purged_at__lt=kept_since).delete()
    return deleted


def delete_wagtail_log_entries():
    """Wagtail's own log entries about requests, from before the admin stopped writing them.

    RequestEvent is the history of a request. Wagtail's entries would outlive the request and show in
    the Site history report to staff not assigned to it, so none is kept, whether or not its request went.
    """
    content_type = ContentType.objects.get_for_model(ConsultationRequest, for_concrete_model=False)
    ModelLogEntry.objects.filter(content_type=content_type).delete()
