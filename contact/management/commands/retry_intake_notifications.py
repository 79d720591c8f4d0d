from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from contact.consultations import RequestNotification
from contact.tasks import backend_retries_failures, enqueue

# A notification still pending after this long was never queued or its worker was lost.
STALE_PENDING = timedelta(minutes=15)


class Command(BaseCommand):
    help = (
        "Queue again every consultation request email that got stuck (never queued, or its worker lost) and, "
        "where the task backend cannot retry by itself, every one that failed; up to "
        "INTAKE_NOTIFICATION_MAX_ATTEMPTS tries each. Run it from cron, e.g. every 15 minutes."
    )

    def handle(self, *args, **options):
        stuck = Q(state=RequestNotification.State.PENDING, created_at__lt=timezone.now() - STALE_PENDING)
        # A backend that runs tasks later has already queued each failure's next try: queueing it here too
        # would start a second chain of attempts.
        due_again = stuck if backend_retries_failures() else stuck | Q(state=RequestNotification.State.FAILED)
        due = RequestNotification.objects.filter(due_again, attempts__lt=settings.INTAKE_NOTIFICATION_MAX_ATTEMPTS)
        count = 0
        for notification in due:
            enqueue(notification)
            count += 1
        self.stdout.write(f"Queued {count} notification(s) again.")
