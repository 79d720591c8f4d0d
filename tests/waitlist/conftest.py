import datetime

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from contact.models import ConsultationRequest, WaitlistEntry
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.pages import ClinicianFactory, TeamIndexFactory
from tests.factories.users import clinician, coordinator, editor
from tests.outage.conftest import free_port
from tests.outage.test_worker_outage import Inbox


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


@pytest.fixture
def coordinator_user(db):
    return coordinator()


@pytest.fixture
def clinician_user(db):
    return clinician()


@pytest.fixture
def editor_user(db):
    return editor()


@pytest.fixture
def smtp_inbox(settings):
    """A real SMTP server on localhost, the site's mailer pointed at it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    options = {"host": "127.0.0.1", "port": controller.port, "use_tls": False, "timeout": 5}
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}}
    yield inbox
    controller.stop()
