import time

import pytest
from django.core import signing

from contact.form import spam
from practice_site.core.models import PracticeSettings
from practice_site.demo import consultation as demo_content
from tests.factories.consultations import form_answers


@pytest.fixture
def contact_page(home_page, settings, tmp_path):
    settings.INTAKE_MIN_SECONDS = 0
    # This test's own local folder: a copy of the form kept by an earlier test would turn a failed save into a
    # spooled, thanked request, and the test would then depend on the order tests run in.
    settings.LOCAL_STATE_DIR = tmp_path / "local"
    settings.INTAKE_SPOOL_DIR = tmp_path / "local" / "intake-spool"
    practice = PracticeSettings.load()
    practice.phone = "(713) 555-0142"
    practice.email = "hello@rootedtherapy.example"
    practice.save()
    return demo_content.load()


def aged_token(seconds: float) -> str:
    return signing.dumps(time.time() - seconds, salt=spam.SIGNING_SALT)


@pytest.fixture
def valid_data():
    """A complete request, as a person would send it after a minute with the form."""
    return form_answers(form_token=aged_token(60))
