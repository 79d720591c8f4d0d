"""iCalendar files: one for the person who booked, and each host's private feed.

Calendar providers are third parties, so neither holds anything the person typed: the person's file says
only who they will talk to (the practice) and its phone number; the staff feed only the label and staff link
the call's owner gives (scheduling/parties.py), e.g. the request number and its admin page.
"""

from django.conf import settings
from icalendar import Calendar, Event

from . import parties
from .models import Booking

PRODID = "-//Rooted//Consultation calls//EN"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(booking: Booking, summary: str, description: str) -> Event:
    event = Event()
    event.add("uid", f"consultation-call-{booking.series}@rooted")
    event.add("sequence", booking.sequence)
    event.add("dtstamp", booking.changed_at or booking.created_at)
    event.add("dtstart", booking.start)
    event.add("dtend", booking.end)
    event.add("summary", summary)
    event.add("description", description)
    return event


def booking_file(booking: Booking, practice_name: str, phone: str) -> bytes:
    """The person's copy: the practice calls them, and its number is there in case they need to call first."""
    calendar = _calendar(practice_name)
    description = f"{practice_name} will call you for your free phone consultation."
    if phone:
        description += f" To reach us, call {phone}."
    event = _event(booking, f"Free phone consultation with {practice_name}", description)
    # A cancelled call's file removes the event (same UID, higher SEQUENCE) from calendars that have it.
    cancelled = booking.status == Booking.Status.CANCELLED
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()


def staff_feed(bookings, calendar_name: str) -> bytes:
    calendar = _calendar(calendar_name)
    bookings = list(bookings)
    known = parties.owner().parties(bookings)
    for booking in bookings:
        party = known[booking.pk]
        link = settings.WAGTAILADMIN_BASE_URL + party.staff_path
        event = _event(booking, f"Free consultation — {party.label[:1].lower()}{party.label[1:]}", link)
        event.add("url", link)
        calendar.add_component(event)
    return calendar.to_ical()
