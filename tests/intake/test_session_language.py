"""The consultation form's optional “language you'd like sessions in”, from the team finder's language list."""

import re

import pytest
from django.urls import reverse

from contact.models import ConsultationRequest
from practice_site.directory.choices import LANGUAGES
from practice_site.pages.models import ClinicianOpening, ClinicianPage, TeamIndexPage
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.users import coordinator
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db


def test_the_form_offers_the_same_languages_english_and_spanish_first(client, contact_page):
    html = client.get("/contact/").content.decode()
    label = '<label class="field__label" for="id_session_language">Language you’d like sessions in (optional)</label>'
    assert label in html
    select = html[html.index('<select name="session_language"'):]
    select = select[:select.index("</select>")]
    options = re.findall(r'<option value="([^"]*)"', select)
    assert options == [""] + [code for code, _ in LANGUAGES]
    assert options[1:3] == ["en", "es"]


@pytest.mark.parametrize(("sent", "stored"), [("es", "es"), ("", ""), (None, "")])
def test_the_language_is_stored_when_given(client, contact_page, valid_data, sent, stored):
    if sent is not None:
        valid_data["session_language"] = sent
    assert client.post("/contact/", valid_data).status_code == 302
    assert ConsultationRequest.objects.get().session_language == stored


def test_an_unknown_language_is_refused_kindly_and_nothing_is_stored(client, contact_page, valid_data):
    valid_data["session_language"] = "<script>"
    response = client.post("/contact/", valid_data)
    assert response.status_code == 200
    assert "Please choose one of the options." in response.content.decode()
    assert not ConsultationRequest.objects.exists()


def test_the_clinician_list_still_leaves_out_clinicians_not_taking_anyone(client, contact_page, home_page):
    team = home_page.add_child(instance=TeamIndexPage(title="Team", slug="team"))
    team.add_child(instance=ClinicianPage(title="Open Clinician", slug="open", openings=[
        ClinicianOpening(session_format="telehealth", age_group="adults", status="open"),
    ]))
    team.add_child(instance=ClinicianPage(title="Closed Clinician", slug="closed", openings=[
        ClinicianOpening(session_format="telehealth", age_group="adults", status="closed"),
    ]))
    html = client.get("/contact/").content.decode()
    assert "Open Clinician" in html and "Closed Clinician" not in html


def test_staff_see_the_language_on_the_request(client):
    consultation = ConsultationRequestFactory(session_language="es")
    force_login_verified(client, coordinator())
    html = client.get(reverse("consultation_requests:inspect", args=[consultation.pk])).content.decode()
    assert "<dt>Language for sessions</dt>\n        <dd>Spanish</dd>" in html
