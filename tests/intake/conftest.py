import time

import pytest
from django.core import signing

from contact import spam
from practice_site.core.models import PracticeSettings
from practice_site.demo import consultation as demo_content


@pytest.fixture
def contact_page(home_page, settings):
    settings.INTAKE_MIN_SECONDS = 0
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
    return {
        "name": "Maya Torres",
        "preferred_name": "Maya",
        "pronouns": "she/her",
        "email": "maya.torres@Example.COM",
        "phone": "(281) 624-0199",
        "preferred_contact": "email",
        "voicemail_ok": "on",
        "therapy_for": "self",
        "in_texas": "yes",
        "service": "",
        "preferred_clinician": "",
        "session_format": "telehealth",
        "available_days": ["tue", "thu"],
        "available_times": ["evening"],
        "payment": "self_pay",
        "message": "Evenings work best for me.",
        "privacy_notice": "on",
        "leave_this_empty": "",
        "form_token": aged_token(60),
    }
