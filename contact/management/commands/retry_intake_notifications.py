from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from contact.models.request import RequestNotification
from contact.tasks import enqueue

# A notification still pending after this long was never queued or its worker was lost.
STALE_PENDING = timedelta(minutes=15)


class Command(BaseCommand):
    help = (
        "Queue again every consultation request email that got stuck (never queued, or its worker lost) and every "
        "one that failed (say the mail server was down), up to INTAKE_NOTIFICATION_MAX_ATTEMPTS tries each. "
        "Run it from cron or a systemd timer, e.g. every 15 minutes."
    )

    def handle(self, *args, **options):
        due = RequestNotification.objects.filter(attempts__lt=settings.INTAKE_NOTIFICATION_MAX_ATTEMPTS)
        stuck = due.filter(state=RequestNotification.State.PENDING, created_at__lt=timezone.now() - STALE_PENDING)
        # A failure's own delayed retry may also be queued: whichever runs first sends it, the other finds it sent
        # (the task checks under a row lock), so queueing it now only brings it forward.
        failed = due.filter(state=RequestNotification.State.FAILED)
        counts = {}
        for label, notifications in (("stuck waiting to be sent", stuck), ("that had failed", failed)):
            counts[label] = 0
            for notification in notifications:
                enqueue(notification)
                counts[label] += 1
        self.stdout.write(
            f"Queued {sum(counts.values())} notification(s) again: "
            + ", ".join(f"{count} {label}" for label, count in counts.items())
            + "."
        )
