from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from contact.models.request import RequestNotification
from contact.tasks import enqueue
from practice_site.scheduling import tasks as call_tasks

# A notification still pending after this long was never queued or its worker was lost.
STALE_PENDING = timedelta(minutes=15)
LABELS = {"pending": "stuck waiting to be sent", "failed": "that had failed"}


class Command(BaseCommand):
    help = (
        "Queue again every consultation request email and every email about a call (the person's new time, "
        "cancellation or reminder, a host's notice) that got stuck (never queued, or its worker lost) or failed "
        "(say the mail server was down), up to INTAKE_NOTIFICATION_MAX_ATTEMPTS tries each. An email about a call "
        "that is no longer true when it runs (a new time since cancelled, a call already past) is not sent. "
        "Run it from cron or a systemd timer, e.g. every 15 minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be queued again; queue nothing.")

    def handle(self, *args, dry_run=False, **options):
        verb = "Would queue" if dry_run else "Queued"
        counts = self._request_emails(dry_run)
        self._report(verb, "notification(s)", counts)
        counts = self._call_emails(dry_run)
        self._report(verb, "call email(s)", counts)

    def _report(self, verb, what, counts):
        self.stdout.write(
            f"{verb} {sum(counts.values())} {what} again: "
            + ", ".join(f"{count} {LABELS[state]}" for state, count in counts.items())
            + "."
        )

    def _request_emails(self, dry_run):
        due = RequestNotification.objects.filter(attempts__lt=settings.INTAKE_NOTIFICATION_MAX_ATTEMPTS)
        stuck = due.filter(state=RequestNotification.State.PENDING, created_at__lt=timezone.now() - STALE_PENDING)
        # A failure's own delayed retry may also be queued: whichever runs first sends it, the other finds it sent
        # (the task checks under a row lock), so queueing it now only brings it forward.
        failed = due.filter(state=RequestNotification.State.FAILED)
        counts = {}
        for state, notifications in (("pending", stuck), ("failed", failed)):
            counts[state] = 0
            for notification in notifications:
                # The kind and the request's number only: the progress line may be kept in a log.
                self.stdout.write(f"  {notification.get_kind_display()} of request #{notification.consultation_id}"
                                  f" ({LABELS[state]}, {notification.attempts} attempt(s))")
                if not dry_run:
                    enqueue(notification)
                counts[state] += 1
        return counts

    def _call_emails(self, dry_run):
        counts = dict.fromkeys(LABELS, 0)
        # Read before queueing: a queued email may run at once (and then be sent, or fail again).
        for email in list(call_tasks.due_for_retry()):
            self.stdout.write(f"  The {email.audience}'s {email.kind} email of call "
                              f"{email.booking_id} ({LABELS[email.state]}, {email.attempts} attempt(s))")
            if dry_run or call_tasks.queue_again(email):
                counts[email.state] += 1
        return counts
