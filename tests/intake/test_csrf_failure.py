"""Cookies blocked or an old CSRF cookie: the person keeps what they typed and can simply send again."""

import re

import pytest
from django.test import Client

from contact.models import ConsultationRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def _csrf_token_in(html: str) -> str:
    (token,) = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return token


def test_a_request_without_the_csrf_cookie_comes_back_as_typed_and_sending_again_works(
    strict_client, contact_page, valid_data, caplog
):
    caplog.set_level("DEBUG")

    response = strict_client.post("/contact/", valid_data)

    assert response.status_code == 403
    assert not ConsultationRequest.objects.exists()
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Your browser did not send the small security cookie this form needs, so nothing was sent yet." in html
    assert "Everything you typed is still here — please press Send again." in html
    assert 'If this keeps happening, call us at <a href="tel:7135550142">(713) 555-0142</a>.' in html
    assert 'value="Maya Torres"' in html
    assert 'value="maya.torres@Example.COM"' in html
    assert "Evenings work best for me.</textarea>" in html
    assert 'value="telehealth" required id="id_session_format_1" checked' in html
    assert 'value="tue" id="id_available_days_1" checked' in html
    assert 'id="id_privacy_notice" checked' in html
    assert f'value="{valid_data["form_token"]}"' in html
    # Shown again, never checked: no error summary, no field marked wrong.
    assert 'id="error-summary"' not in html
    assert 'aria-invalid="true"' not in html
    assert 'class="errorlist"' not in html
    for typed in ("Maya", "maya.torres", "2816240199", "Evenings work best"):
        assert typed not in caplog.text

    again = strict_client.post("/contact/", {**valid_data, "csrfmiddlewaretoken": _csrf_token_in(html)})

    assert again.status_code == 302
    assert again["Location"] == "/contact/thank-you/"
    assert ConsultationRequest.objects.get().name == "Maya Torres"


def test_a_wrong_csrf_token_also_keeps_what_was_typed(strict_client, contact_page, valid_data):
    strict_client.get("/contact/")

    response = strict_client.post("/contact/", {**valid_data, "csrfmiddlewaretoken": "x" * 64})

    assert response.status_code == 403
    assert 'value="Maya Torres"' in response.content.decode()
    assert not ConsultationRequest.objects.exists()


def test_a_csrf_failure_elsewhere_gets_a_kind_page_without_anything_that_was_sent(strict_client, contact_page):
    response = strict_client.post("/contact/thank-you/", {"name": "Maya Torres"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "Please try that again" in html
    assert "nothing was sent yet" in html
    assert 'href="tel:7135550142"' in html
    assert "Maya" not in html
    assert "<form" not in html.split('id="main"')[1]


def test_a_post_from_another_site_is_not_shown_back_in_the_form(strict_client, contact_page, valid_data):
    strict_client.get("/contact/")
    valid_data["message"] = "Words another site wants to put in your mouth"

    response = strict_client.post("/contact/", valid_data, HTTP_ORIGIN="https://elsewhere.example")

    assert response.status_code == 403
    html = response.content.decode()
    assert "Please try that again" in html
    assert "Words another site" not in html and "Maya" not in html
    assert not ConsultationRequest.objects.exists()
