"""Holding, moving and cancelling the free consultation call of a request.

The database decides who gets a time: each new booking is inserted in its own savepoint, and the unique
constraint on (host, start) among held calls refuses the second of two racing requests, whose whole
request then rolls back (SlotTaken) so the person can pick another time with everything they typed kept.
"""

from functools import partial

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.admin.utils import get_user_display_name

from practice_site.scheduling import slots
from practice_site.scheduling.models import Booking

from . import audit, booking_tasks
from .booking_emails import describe
from .consultations import ConsultationRequest, RequestEvent

Status = ConsultationRequest.Status


class SlotTaken(Exception):
    """The chosen time is no longer open (taken by someone else, or gone from the schedule)."""


def _host_name(host_id) -> str:
    user = get_user_model().objects.filter(pk=host_id).first()
    return get_user_display_name(user) if user else "nobody"


def _place(consultation, slot) -> Booking:
    """Insert the booking with the first free host; each try in a savepoint, so a refusal spoils nothing."""
    for host_id in slot.host_ids:
        try:
            with transaction.atomic():
                return Booking.objects.create(
                    consultation=consultation, host_id=host_id, start=slot.start, end=slot.end
                )
        except IntegrityError:
            continue
    raise SlotTaken


def hold(consultation: ConsultationRequest, start, *, actor=None) -> Booking:
    """Book ``start`` for a request being stored. Must run inside the request's transaction."""
    slot = slots.find_slot(start, clinician_page_id=consultation.preferred_clinician_id)
    if slot is None:
        raise SlotTaken
    booking = _place(consultation, slot)
    consultation.status = Status.SCHEDULED
    fields = ["status"]
    if consultation.assigned_to_id is None:
        # The host takes the call, so they must be able to open the request (clinicians see only their own).
        consultation.assigned_to_id = booking.host_id
        fields.append("assigned_to")
    consultation.save(update_fields=fields)
    audit.record(consultation, actor, RequestEvent.Action.CALL,
                 f"Call booked for {describe(booking.start)} with {_host_name(booking.host_id)}"[:200])
    transaction.on_commit(partial(booking_tasks.queue_reminder, booking.pk))
    return booking


def move(booking: Booking, start, *, actor=None, any_host=False) -> Booking:
    """Hold the new time and release the old one, in one transaction; SlotTaken leaves the old one held."""
    consultation = booking.consultation
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if not locked.is_active:
            raise SlotTaken
        # The old time must be free first: the person may move to another host's call at the same time.
        locked.status, locked.changed_at = Booking.Status.MOVED, timezone.now()
        locked.save(update_fields=["status", "changed_at"])
        clinician = None if any_host else consultation.preferred_clinician_id
        slot = slots.find_slot(start, clinician_page_id=clinician)
        if slot is None:
            raise SlotTaken
        new = _place(consultation, slot)
        audit.record(consultation, actor, RequestEvent.Action.CALL,
                     f"Call moved from {describe(locked.start)} to {describe(new.start)} "
                     f"with {_host_name(new.host_id)}"[:200])
        transaction.on_commit(partial(booking_tasks.queue_reminder, new.pk))
        if actor is None:
            transaction.on_commit(partial(booking_tasks.queue_email, new.pk, "moved"))
    return new


def cancel(booking: Booking, *, actor=None) -> bool:
    """Free the time; False when the call was no longer held (already cancelled or moved)."""
    consultation = booking.consultation
    with transaction.atomic():
        changed = Booking.objects.filter(pk=booking.pk, status=Booking.Status.BOOKED).update(
            status=Booking.Status.CANCELLED, changed_at=timezone.now()
        )
        if not changed:
            return False
        who = "by the person, with their link" if actor is None else "by staff"
        audit.record(
            consultation, actor, RequestEvent.Action.CALL, f"Call on {describe(booking.start)} cancelled {who}"
        )
        if consultation.status == Status.SCHEDULED:
            # Back on the worklist: someone replies the way they asked, as without a booking.
            ConsultationRequest.objects.filter(pk=consultation.pk).update(status=Status.NEW)
            audit.record(consultation, actor, RequestEvent.Action.STATUS_CHANGED,
                         f"Status: {Status.SCHEDULED.label} → {Status.NEW.label}")
        if actor is None:
            transaction.on_commit(partial(booking_tasks.queue_email, booking.pk, "cancelled"))
    return True


def active_booking(consultation) -> Booking | None:
    return consultation.bookings.active().select_related("host").first()
