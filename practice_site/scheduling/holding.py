"""Holding, moving and cancelling a free consultation call.

The database decides who gets a time: each new booking is inserted in its own savepoint, and the unique
constraint on (host, start) among held calls refuses the second of two racing requests, whose whole
request then rolls back (SlotTaken) so the person can pick another time with everything they typed kept.
What a change means for the person's request (its status, its history) is for the call's owner
(scheduling/parties.py), told inside the same transaction.
"""

from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import parties, slots, tasks
from .models import Booking


class SlotTaken(Exception):
    """The chosen time is no longer open (taken by someone else, or gone from the schedule)."""


def _place(slot) -> Booking:
    """Insert the booking with the first free host; each try in a savepoint, so a refusal spoils nothing."""
    for host_id in slot.host_ids:
        try:
            with transaction.atomic():
                return Booking.objects.create(host_id=host_id, start=slot.start, end=slot.end)
        except IntegrityError:
            continue
    raise SlotTaken


def hold(party, start, *, clinician_page_id=None, actor=None) -> Booking:
    """Book ``start`` for ``party`` (the owner's object, e.g. a request being stored). Must run in a transaction."""
    slot = slots.find_slot(start, clinician_page_id=clinician_page_id)
    if slot is None:
        raise SlotTaken
    booking = _place(slot)
    parties.owner().call_held(booking, party, actor)
    transaction.on_commit(partial(tasks.queue_reminder, booking.pk))
    return booking


def move(booking: Booking, start, *, actor=None, any_host=False) -> Booking:
    """Hold the new time and release the old one, in one transaction; SlotTaken leaves the old one held."""
    clinician = None if any_host else parties.party(booking).clinician_page_id
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if not locked.is_active:
            raise SlotTaken
        # The old time must be free first: the person may move to another host's call at the same time.
        locked.status, locked.changed_at = Booking.Status.MOVED, timezone.now()
        locked.save(update_fields=["status", "changed_at"])
        slot = slots.find_slot(start, clinician_page_id=clinician)
        if slot is None:
            raise SlotTaken
        new = _place(slot)
        parties.owner().call_moved(locked, new, actor)
        transaction.on_commit(partial(tasks.queue_reminder, new.pk))
        if actor is None:
            transaction.on_commit(partial(tasks.queue_email, new.pk, "moved"))
    return new


def cancel(booking: Booking, *, actor=None) -> bool:
    """Free the time; False when the call was no longer held (already cancelled or moved)."""
    with transaction.atomic():
        changed = Booking.objects.filter(pk=booking.pk, status=Booking.Status.BOOKED).update(
            status=Booking.Status.CANCELLED, changed_at=timezone.now()
        )
        if not changed:
            return False
        parties.owner().call_cancelled(booking, actor)
        if actor is None:
            transaction.on_commit(partial(tasks.queue_email, booking.pk, "cancelled"))
    return True
