"""Storing a request: committed first; emails are queued only once the row is safely in PostgreSQL."""

from functools import partial

from django.db import transaction

from . import bookings, notifications, tasks
from .consultations import ConsultationRequest, RequestEvent, RequestNotification


def store_request(form, *, spam_reason: str) -> ConsultationRequest:
    with transaction.atomic():
        consultation = form.save(commit=False)
        if spam_reason:
            consultation.status = ConsultationRequest.Status.SPAM
            consultation.spam_reason = spam_reason[:120]
        consultation.save()
        RequestEvent.objects.create(
            consultation=consultation,
            action=RequestEvent.Action.SUBMITTED,
            detail="Marked as spam by the automatic checks" if spam_reason else "Sent from the website",
        )
        start = form.cleaned_data.get("consultation_time")
        # Spam never holds a time; SlotTaken rolls the whole request back, so nothing is half-stored.
        consultation.held_booking = bookings.hold(consultation, start) if start and not spam_reason else None
        # The rows exist from the start, so staff see "waiting to send" even if queueing fails.
        pending = RequestNotification.objects.bulk_create(
            RequestNotification(consultation=consultation, kind=kind) for kind in notifications.kinds_for(consultation)
        )
        if pending:
            transaction.on_commit(partial(tasks.enqueue_all, [notification.pk for notification in pending]))
    return consultation
