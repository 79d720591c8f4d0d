"""Signed links that let a person cancel or move their call without an account, and read its calendar file.

A manage token names one booking. It works while that booking is still held and its call has not started: once
the call is cancelled or moved (the move makes a new booking with a new link) the old link is spent, and
after the call it has expired. A calendar token, signed with another salt so neither can stand for the other,
names the call through its moves (its series) and only ever reads: a calendar service given it can see the
time, never change it.
"""

import base64
from enum import StrEnum

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from .models import Booking

SALT = "scheduling.booking-link"
CALENDAR_SALT = "scheduling.calendar-file"


class LinkProblem(StrEnum):
    FORGED = "forged"
    USED = "used"
    EXPIRED = "expired"


def _sign(value, salt) -> str:
    # Re-encoded, because page routes take only letters, digits, "-" and "_", and the signature has ":".
    signed = signing.dumps(value, salt=salt)
    return base64.urlsafe_b64encode(signed.encode()).rstrip(b"=").decode()


def _unsign(token: str, salt):
    """The signed value, or None when the token is not one of ours (bad base64 and bytes are ValueErrors)."""
    try:
        return signing.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode(), salt=salt)
    except (ValueError, signing.BadSignature):
        return None


def make_token(booking: Booking) -> str:
    return _sign(booking.pk, SALT)


def make_calendar_token(booking: Booking) -> str:
    return _sign(str(booking.series), CALENDAR_SALT)


def read_calendar_token(token: str) -> Booking | None:
    """The latest state of the call the token names (held, or cancelled), for its calendar file."""
    series = _unsign(token, CALENDAR_SALT)
    if not isinstance(series, str):
        return None
    try:
        return Booking.objects.filter(series=series).exclude(status=Booking.Status.MOVED).order_by("-sequence").first()
    except ValidationError:
        return None


def read_token(token: str, *, for_update=False) -> tuple[Booking | None, LinkProblem | None]:
    booking_id = _unsign(token, SALT)
    if booking_id is None:
        return None, LinkProblem.FORGED
    bookings = Booking.objects.select_for_update() if for_update else Booking.objects
    booking = bookings.filter(pk=booking_id).first() if isinstance(booking_id, int) else None
    if booking is None:
        return None, LinkProblem.FORGED
    if booking.start <= timezone.now():
        return booking, LinkProblem.EXPIRED
    if not booking.is_active:
        return booking, LinkProblem.USED
    return booking, None
