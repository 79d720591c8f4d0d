"""Which entries wait for what: the listing's filters and the "who fits this opening" view ask the same questions."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from contact.models.request import ConsultationRequest
from contact.models.waitlist import WaitlistEntry

Through = WaitlistEntry.clinicians.through


def wants_clinician(clinician_id) -> Q:
    """Named this clinician, or asked for anyone (named nobody)."""
    named = Through.objects.filter(waitlistentry_id=OuterRef("pk"))
    return Q(Exists(named.filter(clinicianpage_id=clinician_id))) | ~Q(Exists(named))


def wants_format(session_format) -> Q:
    return Q(session_format__in=[session_format, ConsultationRequest.SessionFormat.EITHER])


def fits(entries, clinician_id, session_format, age_group):
    """Entries an opening of this clinician, format and age group could go to, longest waiting first. Lapsed
    entries are left out (they have not said they still want a place), and so are those holding an offer until it
    is answered or expires."""
    return entries.filter(
        wants_clinician(clinician_id), wants_format(session_format), age_group=age_group, lapsed_at=None
    ).exclude(offer_expires_at__gt=timezone.now()).order_by("joined_at", "pk")
