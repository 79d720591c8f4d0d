"""Holding, moving and cancelling a free consultation call.

The database decides who gets a time: each new booking is inserted in its own savepoint, and the exclusion
constraint on each host's held calls (their times plus the gap after them) refuses the second of two racing
requests for overlapping times, whose whole request then rolls back (SlotTaken) so the person can pick another
time with everything they typed kept. The daily maximum is counted under a per-host advisory lock held to the
end of the transaction, so two requests for different times of one day cannot both take a host's last call.
What a change means for the person's request (its status, its history) is for the call's owner
(scheduling/parties.py), told inside the same transaction.
"""

from datetime import datetime, time, timedelta
from functools import partial

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from . import parties, slots, tasks
from .models import Booking, SchedulingSettings

# The first key of the two-key advisory lock on a host's day ("call" in ASCII), so it cannot meet other locks.
HOST_LOCK = 0x63616C6C


class SlotTaken(Exception):
    """The chosen time is no longer open (taken by someone else, or gone from the schedule)."""


def _lock_hosts(host_ids) -> None:
    """Lock the hosts to the end of the transaction, in id order, so two requests cannot wait on each other."""
    with connection.cursor() as cursor:
        for host_id in sorted(host_ids):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [HOST_LOCK, host_id])


def _calls_that_day(host_id, start) -> int:
    day = timezone.localdate(start)
    zone = timezone.get_current_timezone()
    midnight = datetime.combine(day, time.min, tzinfo=zone)
    next_midnight = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return Booking.objects.active().filter(host_id=host_id, start__gte=midnight, start__lt=next_midnight).count()


def _place(slot, prefer=None, **fields) -> Booking:
    """Insert the booking with ``prefer`` if they are free then, else with the first free host; each try in a
    savepoint, so a refusal spoils nothing."""
    rules = SchedulingSettings.load()
    # Outside the savepoints: a lock taken in a savepoint that is rolled back would be released with it.
    _lock_hosts(slot.host_ids)
    for host_id in sorted(slot.host_ids, key=lambda host: host != prefer):
        if _calls_that_day(host_id, slot.start) >= rules.max_calls_per_day:
            continue
        try:
            with transaction.atomic():
                return Booking.objects.create(
                    host_id=host_id, start=slot.start, end=slot.end,
                    blocked_until=slot.end + timedelta(minutes=rules.gap_minutes), **fields,
                )
        except IntegrityError:
            continue
    raise SlotTaken


def hold(party, start, *, clinician_page_id=None, prefer_host=None, actor=None) -> Booking:
    """Book ``start`` for ``party`` (the owner's object, e.g. a request being stored). Must run in a transaction.

    ``prefer_host`` takes the call when free then (the staff member the request is already with)."""
    slot = slots.find_slot(start, clinician_page_id=clinician_page_id)
    if slot is None:
        raise SlotTaken
    booking = _place(slot, prefer=prefer_host)
    parties.owner().call_held(booking, party, actor)
    transaction.on_commit(partial(tasks.queue_reminder, booking.pk))
    transaction.on_commit(partial(tasks.queue_host_notice, booking.pk, "new"))
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
        # The host stays the same when free at the new time: the call moves, the person's contact does not.
        new = _place(slot, prefer=locked.host_id, series=locked.series, sequence=locked.sequence + 1)
        parties.owner().call_moved(locked, new, actor)
        transaction.on_commit(partial(tasks.queue_reminder, new.pk))
        # Told whoever moved it: a move by staff is news to the person.
        transaction.on_commit(partial(tasks.queue_email, new.pk, "moved"))
        transaction.on_commit(partial(tasks.queue_host_notice, new.pk, "moved"))
        if locked.host_id != new.host_id:
            transaction.on_commit(partial(tasks.queue_host_notice, locked.pk, "handed_over"))
    return new


def cancel(booking: Booking, *, actor=None) -> bool:
    """Free the time; False when the call was no longer held (already cancelled or moved)."""
    with transaction.atomic():
        changed = Booking.objects.filter(pk=booking.pk, status=Booking.Status.BOOKED).update(
            status=Booking.Status.CANCELLED, changed_at=timezone.now(), sequence=F("sequence") + 1
        )
        if not changed:
            return False
        parties.owner().call_cancelled(booking, actor)
        kind = "cancelled" if actor is None else "cancelled_by_us"
        transaction.on_commit(partial(tasks.queue_email, booking.pk, kind))
        transaction.on_commit(partial(tasks.queue_host_notice, booking.pk, "cancelled"))
    return True
