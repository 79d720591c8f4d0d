"""Signed links that let a person cancel or move their call without an account.

A token names one booking. It works while that booking is still held and its call has not started: once
the call is cancelled or moved (the move makes a new booking with a new link) the old link is spent, and
after the call it has expired.
"""

import base64
from enum import StrEnum

from django.core import signing
from django.utils import timezone

from .models import Booking

SALT = "scheduling.booking-link"


class LinkProblem(StrEnum):
    FORGED = "forged"
    USED = "used"
    EXPIRED = "expired"


def make_token(booking: Booking) -> str:
    # Re-encoded, because page routes take only letters, digits, "-" and "_", and the signature has ":".
    signed = signing.dumps(booking.pk, salt=SALT)
    return base64.urlsafe_b64encode(signed.encode()).rstrip(b"=").decode()


def read_token(token: str, *, for_update=False) -> tuple[Booking | None, LinkProblem | None]:
    try:
        signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        booking_id = signing.loads(signed, salt=SALT)
    except (ValueError, signing.BadSignature):  # bad base64 and undecodable bytes are ValueErrors
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
