"""The signed "still interested?" links (one to stay on the waitlist, one to leave it), and the link to an
offered opening.

A link names the request, the action and the entry's answer round, signed with a timestamp and this module's
salt. It works for one check-in period (WAITLIST_CHECK_IN_WEEKS) and for one answer: answering moves the round
on (stay) or removes the entry (leave), so the same link or its twin is then spent.
"""

from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from contact.models.waitlist import WaitlistEntry

SALT = "contact.waitlist.check-in"
ACTIONS = ("stay", "leave")


class LinkProblem(StrEnum):
    FORGED = "forged"
    USED = "used"
    EXPIRED = "expired"


def link_age() -> timedelta:
    return timedelta(weeks=settings.WAITLIST_CHECK_IN_WEEKS)


def make_token(entry: WaitlistEntry, action: str) -> str:
    return signing.dumps([entry.pk, entry.link_round, action], salt=SALT, compress=False)


def _site_url(path: str) -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else "") + path


def full_url(entry: WaitlistEntry, action: str) -> str:
    return _site_url(reverse("waitlist_answer", args=[make_token(entry, action)]))


def read_token(token: str, *, for_update=False) -> tuple[WaitlistEntry | None, str, LinkProblem | None]:
    """The entry the link names, its action, and what stops it working (None when it works)."""
    try:
        pk, link_round, action = signing.loads(token, salt=SALT, max_age=link_age())
    except signing.SignatureExpired:
        return None, "", LinkProblem.EXPIRED
    except (signing.BadSignature, TypeError, ValueError):
        return None, "", LinkProblem.FORGED
    if not isinstance(pk, int) or action not in ACTIONS:
        return None, "", LinkProblem.FORGED
    entries = WaitlistEntry.objects.select_for_update() if for_update else WaitlistEntry.objects
    entry = entries.select_related("consultation").filter(pk=pk).first()
    if entry is None or entry.link_round != link_round:
        # Left the list, or answered already: the link was good once.
        return None, action, LinkProblem.USED
    return entry, action, None


OFFER_SALT = "contact.waitlist.opening-offer"


def make_offer_token(entry: WaitlistEntry) -> str:
    # The offer's expiry names this offer: a new offer, or a declined one, leaves the old link spent.
    return signing.dumps([entry.pk, int(entry.offer_expires_at.timestamp())], salt=OFFER_SALT, compress=False)


def offer_url(entry: WaitlistEntry) -> str:
    return _site_url(reverse("waitlist_offer", args=[make_offer_token(entry)]))


def read_offer_token(token: str, *, for_update=False) -> tuple[WaitlistEntry | None, LinkProblem | None]:
    try:
        pk, expires = signing.loads(token, salt=OFFER_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None, LinkProblem.FORGED
    entries = WaitlistEntry.objects.select_for_update() if for_update else WaitlistEntry.objects
    entry = entries.select_related("consultation").filter(pk=pk).first() if isinstance(pk, int) else None
    offered = entry and entry.offer_expires_at
    if not offered or int(entry.offer_expires_at.timestamp()) != expires:
        # Booked, declined, taken off the list, or offered again since.
        return None, LinkProblem.USED
    if entry.offer_expires_at <= timezone.now():
        return None, LinkProblem.EXPIRED
    return entry, None
