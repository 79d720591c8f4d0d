"""Every intake page prints the practice's own crisis notice, the one staff edit in the practice settings."""

import pytest
from django.test import Client

from contact.models import ConsultationRequest, ContactPage
from practice_site.core.models import PracticeSettings
from tests.intake.test_consultation_form import database_down

pytestmark = pytest.mark.django_db

NOTICE = "If you are in danger right now, call 911 or the Harris Center crisis line at 713-970-7000."


def crisis_notice_in(html: str) -> str:
    start = html.index('<aside class="intake-crisis"')
    return html[start:html.index("</aside>", start)]


@pytest.fixture
def edited_notice(contact_page):
    practice = PracticeSettings.load()
    practice.crisis_notice = NOTICE
    practice.save()
    return NOTICE


def test_the_form_and_thank_you_pages_print_the_edited_notice(client, edited_notice):
    for url in ["/contact/", "/contact/thank-you/"]:
        notice = crisis_notice_in(client.get(url).content.decode())
        assert edited_notice in notice
        assert "Suicide &amp; Crisis Lifeline" not in notice
        assert 'href="tel:988"' in notice and 'href="tel:911"' in notice


def test_the_page_shown_when_the_database_fails_prints_it_too(client, edited_notice, valid_data, monkeypatch):
    monkeypatch.setattr(ConsultationRequest, "save", database_down)
    monkeypatch.setattr(ContactPage, "get_context", database_down)
    response = client.post("/contact/", valid_data)
    assert response.status_code == 503
    assert edited_notice in crisis_notice_in(response.content.decode())


def test_the_csrf_failure_page_prints_it_too(edited_notice):
    response = Client(enforce_csrf_checks=True).post("/contact/thank-you/", {})
    assert response.status_code == 403
    assert edited_notice in crisis_notice_in(response.content.decode())


def test_an_emptied_notice_still_leaves_the_heading_and_the_numbers(client, contact_page):
    practice = PracticeSettings.load()
    practice.crisis_notice = ""
    practice.save()

    notice = crisis_notice_in(client.get("/contact/").content.decode())

    assert "This form is not for emergencies" in notice
    assert 'href="tel:988"' in notice and 'href="sms:988"' in notice and 'href="tel:911"' in notice
    assert "<p></p>" not in notice
