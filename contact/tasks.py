"""Background work for consultation requests, through Django's tasks API.

A failed email never loses a request: the request is committed first, each email's outcome is
recorded on its RequestNotification, and failures are retried, later by the task backend when it
can run tasks later, or by `manage.py retry_intake_notifications` from cron.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from contact import notifications
from contact.models.request import RequestEvent, RequestNotification

logger = logging.getLogger(__name__)

FIRST_RETRY_DELAY = timedelta(minutes=5)


def retry_delay(attempts: int) -> timedelta:
    return FIRST_RETRY_DELAY * 2 ** (attempts - 1)


@task(backend=settings.BACKGROUND_QUEUE)
def send_request_notification(notification_id: int) -> str:
    with transaction.atomic():
        # The row lock keeps a retry and a late first attempt from sending the same email twice.
        notification = (
            RequestNotification.objects.select_for_update().select_related("consultation").filter(pk=notification_id).first()
        )
        if notification is None:
            return "deleted"  # the request was deleted before its email went out
        if notification.state == RequestNotification.State.SENT:
            return notification.state
        notification.attempts += 1
        label = notification.get_kind_display()
        try:
            notifications.build(notification).send()
        except Exception as error:  # noqa: BLE001 -- any failure is recorded, never raised
            # Only the exception's type is kept: its text may hold an address from the request.
            notification.state = RequestNotification.State.FAILED
            notification.last_error = type(error).__name__[:200]
            detail = f"{label} failed ({notification.last_error}), attempt {notification.attempts}"
        else:
            notification.state = RequestNotification.State.SENT
            notification.sent_at = timezone.now()
            notification.last_error = ""
            detail = f"{label} sent"
        notification.save(update_fields=["state", "attempts", "last_error", "sent_at"])
        RequestEvent.objects.create(
            consultation_id=notification.consultation_id, action=RequestEvent.Action.NOTIFICATION, detail=detail
        )

    if notification.state == RequestNotification.State.FAILED:
        logger.warning("Notification %s failed (%s)", notification.pk, notification.last_error)
        schedule_retry(notification)
    return notification.state


def backend_retries_failures() -> bool:
    """Whether the task backend can run a retry later (the database queue can; the immediate backend cannot).

    When it can, a failed email's retry is already queued, and the retry command leaves failures alone.
    """
    return send_request_notification.get_backend().supports_defer


def schedule_retry(notification: RequestNotification) -> bool:
    """Ask the backend to try again later, when it can; otherwise the retry command picks it up."""
    if notification.attempts >= settings.INTAKE_NOTIFICATION_MAX_ATTEMPTS:
        return False
    if not backend_retries_failures():
        return False
    run_after = timezone.now() + retry_delay(notification.attempts)
    enqueue(notification, task=send_request_notification.using(run_after=run_after))
    return True


def enqueue(notification: RequestNotification, task=send_request_notification) -> None:
    try:
        task.enqueue(notification.pk)
    except Exception as error:  # noqa: BLE001 -- a request is never blocked by its notification
        RequestNotification.objects.filter(pk=notification.pk).update(last_error=type(error).__name__[:200])
        logger.warning("Notification %s could not be queued (%s)", notification.pk, type(error).__name__)


def enqueue_all(notification_ids: list[int]) -> None:
    """Runs after the request is committed; whatever happens here, the person still sees their thank-you."""
    try:
        for notification in RequestNotification.objects.filter(pk__in=notification_ids):
            enqueue(notification)
    except Exception as error:  # noqa: BLE001 -- the retry command picks up notifications left pending
        logger.warning("Notifications could not be queued (%s)", type(error).__name__)


def queue_arrival_emails(consultation) -> None:
    """The emails a request gets on arrival, sent once it is committed."""
    # The rows exist from the start, so staff see "waiting to send" even if queueing fails.
    pending = RequestNotification.objects.bulk_create(
        RequestNotification(consultation=consultation, kind=kind) for kind in notifications.kinds_for(consultation)
    )
    if pending:
        transaction.on_commit(partial(enqueue_all, [notification.pk for notification in pending]))


def treat_as_new_arrival(consultation) -> None:
    """A request moved out of spam: alerted and acknowledged as if it had just arrived, its reply due from now.

    The time it was first received stays in its history (its "Received" event)."""
    consultation.received_at = timezone.now()
    consultation.save(update_fields=["received_at"])
    queue_arrival_emails(consultation)
