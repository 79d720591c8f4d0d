import datetime

import pytest
from django.utils import timezone

from contact.models import ConsultationRequest, WaitlistEntry

# The staff accounts and the real SMTP server other tests use.
from tests.browser.test_decline_referral_browser import smtp_inbox  # noqa: F401
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.pages import ClinicianFactory, TeamIndexFactory
from tests.intake.admin.conftest import clinician_user, coordinator_user, editor_user  # noqa: F401


def make_entry(*, days=0, clinicians=(), session_format="telehealth", age_group="adults", **request_fields):
    """A request on the waitlist, joined ``days`` ago."""
    joined = timezone.now() - datetime.timedelta(days=days)
    consultation = ConsultationRequestFactory(status=ConsultationRequest.Status.WAITLIST, **request_fields)
    entry = WaitlistEntry.objects.create(
        consultation=consultation, session_format=session_format, age_group=age_group, joined_at=joined,
        clock_started_at=joined,
    )
    entry.clinicians.set(clinicians)
    return entry


@pytest.fixture
def clinicians(home_page):
    team = TeamIndexFactory(parent=home_page)
    return ClinicianFactory(parent=team, title="Ana Ruiz"), ClinicianFactory(parent=team, title="Ben Cole")
