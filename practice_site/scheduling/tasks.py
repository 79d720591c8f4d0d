"""Emails about booked calls, sent from the background queue: the reminder the day before, word of every
change to the person, and each host's short notice of a call booked, moved or cancelled.

Each email has a CallEmail row (which call, to whom, what kind; never its content): a failure is recorded there
and queued again by the intake app's `retry_intake_notifications` (through ``due_for_retry`` and
``queue_again``). Whoever sends holds the row's lock: a second sender at the same moment skips it (SKIP
LOCKED) and a later one finds it sent, so none is sent twice. Each checks the call when it runs, so an email no
longer true (a reminder or a "new time" for a call since moved or cancelled, anything about a call already
begun) is never sent."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from practice_site.core.models import PracticeSettings

from . import emails, ics, parties
from .models import Booking, CallEmail

logger = logging.getLogger(__name__)

REMINDER_BEFORE = timedelta(days=1)
# An email still waiting this long after it was due was never queued, or its worker was lost.
STALE_PENDING = timedelta(minutes=15)
PERSON, HOST = CallEmail.Audience.PERSON, CallEmail.Audience.HOST
State = CallEmail.State
# The emails saying a call is held at its time: outdated once it is moved again or cancelled. The others (a
# cancellation, a call handed to another host) stay true.
ABOUT_A_HELD_CALL = {(PERSON, "moved"), (PERSON, "reminder"), (HOST, "new"), (HOST, "moved")}


def _outdated(booking: Booking, audience: str, kind: str) -> bool:
    if booking.start <= timezone.now():
        return True
    if (audience, kind) in ABOUT_A_HELD_CALL and not booking.is_active:
        return True
    # The reminder says "tomorrow": sent once, and wrong on the day itself.
    on_the_day = timezone.localdate(booking.start) <= timezone.localdate()
    return kind == "reminder" and (booking.reminder_sent_at is not None or on_the_day)


def _person_email(booking: Booking, kind: str):
    address = parties.party(booking).email
    if not address:
        return None
    practice = PracticeSettings.load()
    message = emails.BUILDERS[kind](booking, practice, address)
    if kind in emails.WITH_CALENDAR:
        message.attach("consultation-call.ics", ics.booking_file(booking, practice.practice_name, practice.phone),
                       "text/calendar")
    return message


def _host_notice(booking: Booking, kind: str):
    host = booking.host
    if host is None or not host.is_active or not host.email:
        return None
    party = parties.owner().parties([booking]).get(booking.pk)
    return emails.host_notice(booking, kind, party.label if party else "a call", host.email)


BUILD = {PERSON: _person_email, HOST: _host_notice}


def _record(booking_id: int, audience: str, kind: str, due_at=None) -> None:
    """The email's row, made once: a second call finds it."""
    CallEmail.objects.bulk_create(
        [CallEmail(booking_id=booking_id, audience=audience, kind=kind, due_at=due_at or timezone.now())],
        ignore_conflicts=True,
    )


def _deliver(record: CallEmail, booking: Booking, message) -> None:
    record.attempts += 1
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 -- recorded for the retry, never raised
        # The type only: the error's text may hold the address.
        record.state, record.last_error = State.FAILED, type(error).__name__[:200]
        logger.warning("The %s's %s email of call %s failed (%s)", record.audience, record.kind, booking.pk,
                       record.last_error)
    else:
        record.state, record.sent_at, record.last_error = State.SENT, timezone.now(), ""
        if record.kind == "reminder":
            booking.reminder_sent_at = record.sent_at
            booking.save(update_fields=["reminder_sent_at"])
    record.save(update_fields=["state", "attempts", "last_error", "sent_at"])
    if record.audience == PERSON:
        outcome = "sent" if record.state == State.SENT else f"failed ({record.last_error})"
        parties.owner().email_result(booking, f"Call email ({record.kind}) {outcome}"[:200])


def _send(booking_id: int, audience: str, kind: str) -> str:
    if not Booking.objects.filter(pk=booking_id).exists():
        return "deleted"
    # Made outside the transaction below, so a second sender never waits on this insert.
    _record(booking_id, audience, kind)
    with transaction.atomic():
        record = CallEmail.objects.select_for_update(skip_locked=True).filter(
            booking_id=booking_id, audience=audience, kind=kind
        ).first()
        if record is None or record.state in (State.SENT, State.SKIPPED):
            return "skipped"  # being sent right now by another worker, or done
        # The call's lock keeps a cancel or move from changing it while its email goes out.
        booking = Booking.objects.select_for_update().get(pk=booking_id)
        message = None if _outdated(booking, audience, kind) else BUILD[audience](booking, kind)
        if message is None:
            record.state = State.SKIPPED
            record.save(update_fields=["state"])
            return "skipped"
        _deliver(record, booking, message)
    return record.state


@task(backend=settings.BACKGROUND_QUEUE)
def send_call_email(booking_id: int, kind: str) -> str:
    return _send(booking_id, PERSON, kind)


@task(backend=settings.BACKGROUND_QUEUE)
def send_host_notice(booking_id: int, kind: str) -> str:
    return _send(booking_id, HOST, kind)


TASKS = {PERSON: send_call_email, HOST: send_host_notice}


def _queue(booking_id: int, audience: str, kind: str, run_after=None) -> None:
    """Record the email as waiting and queue it; whatever fails here, the change it reports is made."""
    try:
        _record(booking_id, audience, kind, due_at=run_after)
        sender = TASKS[audience].using(run_after=run_after) if run_after else TASKS[audience]
        sender.enqueue(booking_id, kind)
    except Exception as error:  # noqa: BLE001 -- the row waits for the retry command; the failure is logged
        logger.warning("The %s's %s email of call %s could not be queued (%s)", audience, kind, booking_id,
                       type(error).__name__)


def queue_host_notice(booking_id: int, kind: str) -> None:
    _queue(booking_id, HOST, kind)


def reminder_time(booking: Booking):
    return booking.start - REMINDER_BEFORE


def queue_reminder(booking_id: int) -> None:
    """Queue the reminder for a day before the call, when the person wants email and the backend can wait.

    A call booked less than a day ahead gets none: the confirmation has only just gone out.
    """
    booking = Booking.objects.filter(pk=booking_id).first()
    if booking is None or not parties.party(booking).email:
        return
    run_after = reminder_time(booking)
    if run_after <= timezone.now() or not send_call_email.get_backend().supports_defer:
        return
    _queue(booking_id, PERSON, "reminder", run_after=run_after)


def queue_email(booking_id: int, kind: str) -> None:
    booking = Booking.objects.filter(pk=booking_id).first()
    if booking is None or not parties.party(booking).email:
        return
    _queue(booking_id, PERSON, kind)


def due_for_retry():
    """Emails to queue again: failed ones under the attempt limit, and ones still waiting well after they were due
    (never queued, or their worker lost)."""
    stuck = Q(state=State.PENDING, due_at__lt=timezone.now() - STALE_PENDING)
    return CallEmail.objects.filter(
        Q(state=State.FAILED) | stuck, attempts__lt=settings.INTAKE_NOTIFICATION_MAX_ATTEMPTS
    ).order_by("pk")


def queue_again(record: CallEmail) -> bool:
    """Queue the email now; a copy already queued finds it sent, as the send holds the row's lock."""
    try:
        TASKS[record.audience].enqueue(record.booking_id, record.kind)
    except Exception as error:  # noqa: BLE001 -- the next run tries again
        logger.warning("Call email %s could not be queued (%s)", record.pk, type(error).__name__)
        return False
    return True
