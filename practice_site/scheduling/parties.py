"""Whom a call is for, and who may work with calls: asked of the app that books them.

Scheduling holds times, hosts and calls, not people. The intake app above it (which this app never imports)
keeps the link from each request to its calls and registers a ``CallOwner`` here from its AppConfig.ready.
Everything scheduling needs from a request goes through it: the address for call emails, the staff link and
label in the agenda and feed, the history line of a change, and who is a coordinator.
"""

from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Party:
    """The person a call is for, as far as scheduling may know them."""

    label: str  # "Request #12": what staff calendars and the agenda show, never anything the person typed
    staff_path: str  # the admin page of the request (a path), for staff only
    email: str  # empty unless the person asked to hear from us by email
    how_to_reach: str  # for the agenda, which only staff who may open the request see
    clinician_page_id: int | None  # the clinician they chose, whose own times they see when moving the call


class CallOwner(Protocol):
    def parties(self, bookings) -> dict[int, Party]:
        """The party of each booking, by booking id, in one or two queries."""

    def call_held(self, booking, party, actor) -> None:
        """A new booking for ``party`` (the owner's own object), in the transaction that made it."""

    def call_moved(self, old, new, actor) -> None: ...

    def call_cancelled(self, booking, actor) -> None: ...

    def email_result(self, booking, detail: str) -> None:
        """Whether a call email went out, for the party's history."""

    def is_coordinator(self, user) -> bool: ...

    def works_with_calls(self, user) -> bool:
        """May hold, move and cancel calls, and keep a schedule of their own."""

    def sees_calls(self, user) -> bool:
        """May see the agenda (of the calls whose party they may see)."""

    def staff_working_with_calls(self):
        """Users who work with calls (a queryset)."""

    def assignable_staff(self):
        """Users a coordinator may make the host of a schedule (a queryset)."""

    def visible_calls(self, user, bookings):
        """``bookings`` narrowed to those whose party ``user`` may see; PermissionDenied if they may see none."""


_owner: CallOwner | None = None


def register(owner: CallOwner) -> None:
    global _owner
    _owner = owner


def owner() -> CallOwner:
    if _owner is None:
        raise ImproperlyConfigured("No installed app registered whom consultation calls are for.")
    return _owner


def party(booking) -> Party:
    return owner().parties([booking])[booking.pk]
