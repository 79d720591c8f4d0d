"""Emails about a booked call. Like every email to the person, none holds anything they typed: only the
time they chose, the practice's name and phone, and the signed link to cancel or move the call."""

from django.core.mail import EmailMessage
from django.utils import timezone

from practice_site.core.models import PracticeSettings

from .models import Booking
from .tokens import make_token


def describe(moment, practice: PracticeSettings | None = None) -> str:
    """"Tuesday, December 8 at 9:00 a.m. Central Time", in the practice's time zone, as people and emails read it."""
    practice = practice or PracticeSettings.load()
    local = timezone.localtime(moment, practice.zone)
    hour = local.strftime("%I").lstrip("0")
    meridiem = "a.m." if local.hour < 12 else "p.m."
    return f"{local:%A, %B} {local.day} at {hour}:{local:%M} {meridiem} {practice.time_zone_name}"


def manage_url(booking: Booking, practice: PracticeSettings) -> str:
    """The signed link to cancel or move the call, on the consultation page the practice settings name."""
    page = practice.consultation_page
    if page is None:
        return ""
    page = page.specific
    return page.full_url + page.reverse_subpage("manage_call", args=[make_token(booking)]).lstrip("/")


def call_paragraphs(booking: Booking, practice: PracticeSettings) -> str:
    text = (
        f"Your free phone consultation is booked for {describe(booking.start, practice)}. "
        f"Someone from {practice.practice_name} will call you then at the number you gave us.\n\n"
    )
    link = manage_url(booking, practice)
    if link:
        text += f"To cancel or choose another time, use this link (it works until the call):\n{link}\n\n"
    return text


def _phone_line(practice):
    return f" If you need to reach us, call {practice.phone}." if practice.phone else ""


def moved(booking: Booking, practice: PracticeSettings, to: str) -> EmailMessage:
    body = (
        f"Your call with {practice.practice_name} has a new time.\n\n"
        + call_paragraphs(booking, practice)
        + "The attached calendar file updates the event in your calendar. "
        + f"The link in our earlier email no longer works.{_phone_line(practice)}\n"
    )
    return EmailMessage(f"Your new call time – {practice.practice_name}", body, to=[to])


def _cancelled(booking, practice, to, why: str) -> EmailMessage:
    body = (
        f"Your free phone consultation on {describe(booking.start, practice)} is cancelled{why}.\n\n"
        f"Your request is still with us: someone from our intake team will reply {practice.reply_promise}, "
        f"the way you asked us to.{_phone_line(practice)}\n"
    )
    return EmailMessage(f"Your call is cancelled – {practice.practice_name}", body, to=[to])


def cancelled(booking: Booking, practice: PracticeSettings, to: str) -> EmailMessage:
    return _cancelled(booking, practice, to, ", as you asked")


def cancelled_by_us(booking: Booking, practice: PracticeSettings, to: str) -> EmailMessage:
    return _cancelled(booking, practice, to, " by our team; we are sorry for the change")


def reminder(booking: Booking, practice: PracticeSettings, to: str) -> EmailMessage:
    body = (
        "A reminder of your call tomorrow.\n\n"
        + call_paragraphs(booking, practice)
        + f"{practice.crisis_notice}\n"
    )
    return EmailMessage(
        f"Reminder: your call with {practice.practice_name} tomorrow", body, to=[to]
    )


HOST_NOTICES = {
    "new": "New consultation call",
    "moved": "Consultation call moved",
    "handed_over": "Consultation call moved to another host",
    "cancelled": "Consultation call cancelled",
}


def host_notice(booking: Booking, kind: str, label: str, to: str) -> EmailMessage:
    """The host's short notice: what changed, when, and the request number. Email passes through other
    companies' servers, so never a name, a reason or anything the person typed."""
    practice = PracticeSettings.load()
    heading = HOST_NOTICES[kind]
    body = (
        f"{heading}: {label}, {describe(booking.start, practice)}.\n\n"
        "The details are in the admin, under Consultation calls.\n"
    )
    return EmailMessage(f"{heading} – {label}", body, to=[to])


# The emails that carry the call's calendar file (tasks.py attaches it), to update or remove the saved event.
WITH_CALENDAR = {"moved", "cancelled", "cancelled_by_us"}

BUILDERS = {"moved": moved, "cancelled": cancelled, "cancelled_by_us": cancelled_by_us, "reminder": reminder}
