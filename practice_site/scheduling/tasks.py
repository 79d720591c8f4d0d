"""Emails about booked calls, sent from the background queue: the reminder the day before, word of every
change to the person, and each host's short notice of a call booked, moved or cancelled. Each checks the
booking when it runs, so a reminder queued for a call since cancelled or moved is never sent, and none is
sent twice."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from practice_site.core.models import PracticeSettings

from . import emails, ics, parties
from .models import Booking

logger = logging.getLogger(__name__)

REMINDER_BEFORE = timedelta(days=1)


def _message(booking: Booking, kind: str, address: str):
    practice = PracticeSettings.load()
    message = emails.BUILDERS[kind](booking, practice, address)
    if kind in emails.WITH_CALENDAR:
        message.attach("consultation-call.ics", ics.booking_file(booking, practice.practice_name, practice.phone),
                       "text/calendar")
    return message


@task(backend=settings.BACKGROUND_QUEUE)
def send_call_email(booking_id: int, kind: str) -> str:
    with transaction.atomic():
        booking = Booking.objects.select_for_update().filter(pk=booking_id).first()
        if booking is None:
            return "deleted"
        stale = not booking.is_active or booking.start <= timezone.now()
        if kind == "reminder" and (stale or booking.reminder_sent_at):
            return "skipped"
        if kind == "moved" and not booking.is_active:
            return "skipped"
        address = parties.party(booking).email
        if not address:
            return "skipped"
        try:
            _message(booking, kind, address).send()
        except Exception as error:  # noqa: BLE001 -- recorded in the history, never raised
            # The type only: the error's text may hold the address.
            detail = f"Call email ({kind}) failed ({type(error).__name__})"
            logger.warning("Call email for booking %s failed (%s)", booking_id, type(error).__name__)
            state = "failed"
        else:
            detail, state = f"Call email ({kind}) sent", "sent"
            if kind == "reminder":
                booking.reminder_sent_at = timezone.now()
                booking.save(update_fields=["reminder_sent_at"])
        parties.owner().email_result(booking, detail[:200])
    return state


@task(backend=settings.BACKGROUND_QUEUE)
def send_host_notice(booking_id: int, kind: str) -> str:
    booking = Booking.objects.select_related("host").filter(pk=booking_id).first()
    host = booking.host if booking else None
    if host is None or not host.is_active or not host.email:
        return "skipped"
    party = parties.owner().parties([booking]).get(booking.pk)
    try:
        emails.host_notice(booking, kind, party.label if party else "a call", host.email).send()
    except Exception as error:  # noqa: BLE001 -- a notice never undoes the change it reports
        logger.warning("Host notice for booking %s failed (%s)", booking_id, type(error).__name__)
        return "failed"
    return "sent"


def queue_host_notice(booking_id: int, kind: str) -> None:
    try:
        send_host_notice.enqueue(booking_id, kind)
    except Exception as error:  # noqa: BLE001 -- the change is made; only its notice is lost, and logged
        logger.warning("Host notice for booking %s could not be queued (%s)", booking_id, type(error).__name__)


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
    try:
        send_call_email.using(run_after=run_after).enqueue(booking_id, "reminder")
    except Exception as error:  # noqa: BLE001 -- a booking is never undone by its reminder
        logger.warning("The reminder for booking %s could not be queued (%s)", booking_id, type(error).__name__)


def queue_email(booking_id: int, kind: str) -> None:
    booking = Booking.objects.filter(pk=booking_id).first()
    if booking is None or not parties.party(booking).email:
        return
    try:
        send_call_email.enqueue(booking_id, kind)
    except Exception as error:  # noqa: BLE001 -- the change is made; only its email is lost, and logged
        logger.warning("Call email for booking %s could not be queued (%s)", booking_id, type(error).__name__)
