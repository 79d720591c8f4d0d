"""Offering an opening to someone on the waitlist: they get a link to pick a time with that clinician (the booking
flow of practice_site/scheduling) for WAITLIST_OFFER_DAYS. Booking takes them off the list; declining, or letting
the offer expire, frees the opening for the next person in "who fits this opening"."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from contact.models.request import RequestEvent
from contact.models.waitlist import WaitlistEntry
from contact.review import audit
from contact.review.decline import first_name
from contact.waitlist import links
from practice_site.core.models import PracticeSettings
from practice_site.scheduling import holding, slots
from practice_site.scheduling.emails import describe

logger = logging.getLogger(__name__)


class NoOwnTimes(Exception):
    """The clinician takes no calls of their own: there are no times to offer."""


def own_schedules(clinician_id):
    return [schedule for schedule in slots.schedules_with_hours() if schedule.clinician_page_id == clinician_id]


def open_times(entry: WaitlistEntry):
    return slots.open_slots(schedules=own_schedules(entry.offered_clinician_id))


def offer(entry: WaitlistEntry, clinician, actor) -> None:
    """Must run in a transaction; the email goes once it is committed."""
    if not own_schedules(clinician.pk):
        raise NoOwnTimes
    entry.offered_clinician = clinician
    entry.offer_expires_at = timezone.now() + timedelta(days=settings.WAITLIST_OFFER_DAYS)
    entry.save(update_fields=["offered_clinician", "offer_expires_at"])
    audit.record(entry.consultation, actor, RequestEvent.Action.WAITLIST,
                 f"Opening with {clinician.title} offered until {describe(entry.offer_expires_at)}"[:200])
    transaction.on_commit(partial(send_offer, entry.pk))


def offer_message(entry: WaitlistEntry, practice: PracticeSettings) -> EmailMessage:
    phone = f" If you have questions, call us at {practice.phone}." if practice.phone else ""
    body = (
        f"Hello {first_name(entry.consultation)},\n\n"
        f"A place has opened for you at {practice.practice_name}. Choose a time for your first call here "
        f"(the link works until {describe(entry.offer_expires_at, practice)}):\n{links.offer_url(entry)}\n\n"
        f"If you no longer need it, the same page lets you say no thanks, and you keep your place on the list.{phone}"
        f"\n\n{practice.crisis_notice}\n"
    )
    return EmailMessage(f"A place has opened for you – {practice.practice_name}", body, to=[entry.consultation.email])


def send_offer(entry_id: int) -> None:
    entry = WaitlistEntry.objects.select_related("consultation").filter(pk=entry_id).first()
    if entry is None or not entry.offer_expires_at:
        return
    try:
        offer_message(entry, PracticeSettings.load()).send()
    except Exception as error:  # noqa: BLE001 -- recorded in the history, never raised
        detail = f"Opening offer email failed ({type(error).__name__})"
        logger.warning("Offer email for request %s failed (%s)", entry_id, type(error).__name__)
    else:
        detail = "Opening offer email sent"
    audit.record(entry.consultation, None, RequestEvent.Action.NOTIFICATION, detail)


def decline(entry: WaitlistEntry) -> None:
    entry.offered_clinician = entry.offer_expires_at = None
    entry.save(update_fields=["offered_clinician", "offer_expires_at"])
    audit.record(entry.consultation, None, RequestEvent.Action.WAITLIST, "Declined the opening (their link); "
                 "still on the waitlist")


def book(entry: WaitlistEntry, start):
    """Hold the time with the offered clinician (SlotTaken if it has just gone); the person leaves the list."""
    consultation = entry.consultation
    if not own_schedules(entry.offered_clinician_id):
        raise holding.SlotTaken
    booking = holding.hold(consultation, start, clinician_page_id=entry.offered_clinician_id)
    entry.delete()
    audit.record(consultation, None, RequestEvent.Action.WAITLIST, "Booked through the offered opening")
    return booking
