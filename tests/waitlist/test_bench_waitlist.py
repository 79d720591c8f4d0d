"""`make bench WAITLIST=N`: the generator puts N requests on the waitlist with their entries, and the timing runs the
coordinator's listing (the figure itself belongs to the bench, not here)."""

import pytest

from contact.models import ConsultationRequest, WaitlistEntry
from practice_site.bench.generate import generate_waitlist
from practice_site.bench.measure import waitlist_p50

pytestmark = pytest.mark.django_db


def test_the_generator_adds_entries_with_their_requests_and_the_listing_is_timed(clinicians):
    generate_waitlist(30)

    assert WaitlistEntry.objects.count() == 30
    assert ConsultationRequest.objects.filter(status="waitlist", waitlist_entry__isnull=False).count() == 30
    assert WaitlistEntry.objects.filter(lapsed_at__isnull=False).count() == 3
    assert WaitlistEntry.clinicians.through.objects.count() == 10
    assert waitlist_p50(repeats=1) > 0
