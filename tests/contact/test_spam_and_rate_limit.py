"""Spam without trackers: suspicious requests are kept as spam; a flood from one client is refused kindly."""

import pytest
from django.core.cache import cache

from contact.models import ConsultationRequest, RequestNotification
from tests.contact.conftest import aged_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_honeypot_is_hidden_from_people_keyboards_and_screen_readers(client, contact_page):
    html = client.get("/contact/").content.decode()
    assert '<div class="intake-form__trap" aria-hidden="true">' in html
    assert 'name="website" tabindex="-1" autocomplete="off"' in html


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"website": "https://cheap-pills.example"}, "hidden field"),
        ({"form_token": 0.5}, "faster than a person types"),
        ({"form_token": 3 * 24 * 3600}, "long after the form was shown"),
        ({"form_token": "tampered:token"}, "missing or altered"),
        ({"form_token": ""}, "missing or altered"),
        ({"website": "x\x00y"}, "hidden field"),
    ],
)
def test_a_suspicious_request_is_stored_as_spam_and_the_sender_sees_the_thank_you(
    client, contact_page, valid_data, settings, changes, reason, mailoutbox, django_capture_on_commit_callbacks
):
    settings.INTAKE_MIN_SECONDS = 4
    valid_data.update(changes)
    if isinstance(valid_data["form_token"], float | int):
        valid_data["form_token"] = aged_token(valid_data["form_token"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", valid_data)

    assert response.status_code == 302
    assert response["Location"] == "/contact/thank-you/"
    stored = ConsultationRequest.objects.get()
    assert stored.status == ConsultationRequest.Status.SPAM
    assert reason in stored.spam_reason
    # A form must never become a way for bots to send email.
    assert mailoutbox == []
    assert not RequestNotification.objects.exists()


def test_a_person_taking_their_time_is_not_spam(client, contact_page, valid_data, settings):
    settings.INTAKE_MIN_SECONDS = 4
    valid_data["form_token"] = aged_token(90)
    client.post("/contact/", valid_data)
    assert ConsultationRequest.objects.get().status == ConsultationRequest.Status.NEW


def test_the_time_token_survives_a_round_of_corrections(client, contact_page, valid_data, settings):
    settings.INTAKE_MIN_SECONDS = 4
    token = aged_token(90)
    first = client.post("/contact/", {**valid_data, "name": "", "form_token": token})
    assert f'value="{token}"' in first.content.decode()


def test_over_the_rate_limit_a_kind_message_gives_the_phone_number_and_nothing_more_is_stored(
    client, contact_page, valid_data, settings
):
    settings.INTAKE_RATE_LIMIT = 3
    for _ in range(3):
        assert client.post("/contact/", valid_data).status_code == 302

    response = client.post("/contact/", valid_data)

    assert response.status_code == 429
    html = response.content.decode()
    assert "We’ve received several requests from this connection" in html
    assert 'href="tel:7135550142"' in html
    assert 'value="Maya Torres"' in html
    assert ConsultationRequest.objects.count() == 3


def test_the_limit_is_per_client_and_the_cache_never_holds_the_address(client, contact_page, valid_data, settings):
    settings.INTAKE_RATE_LIMIT = 1
    assert client.post("/contact/", valid_data, REMOTE_ADDR="203.0.113.7").status_code == 302
    assert client.post("/contact/", valid_data, REMOTE_ADDR="203.0.113.7").status_code == 429
    assert client.post("/contact/", valid_data, REMOTE_ADDR="198.51.100.23").status_code == 302

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("select cache_key, value from django_cache")
        rows = cursor.fetchall()
    assert rows
    assert not any("203.0.113.7" in key or "203.0.113.7" in str(value) for key, value in rows)


def test_behind_a_trusted_proxy_the_limit_counts_the_forwarded_client(client, contact_page, valid_data, settings):
    settings.INTAKE_RATE_LIMIT = 1
    settings.TRUSTED_PROXY = True
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    assert client.post("/contact/", valid_data, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy).status_code == 302
    assert client.post("/contact/", valid_data, HTTP_X_FORWARDED_FOR="198.51.100.23", **proxy).status_code == 302
    # A client cannot dodge the limit by prepending addresses: only the proxy's own entry counts.
    forged = "192.0.2.99, 203.0.113.7"
    assert client.post("/contact/", valid_data, HTTP_X_FORWARDED_FOR=forged, **proxy).status_code == 429


def test_errors_do_not_count_towards_the_limit(client, contact_page, valid_data, settings):
    settings.INTAKE_RATE_LIMIT = 1
    for _ in range(3):
        assert client.post("/contact/", {**valid_data, "name": ""}).status_code == 200
    assert client.post("/contact/", valid_data).status_code == 302
