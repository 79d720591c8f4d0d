"""Spam without trackers: suspicious requests are kept as spam; a flood from one client is refused kindly."""

import re
import time

import pytest
from django.core.cache import cache
from django.db import connection

from contact.form import rate_limit, submission, views
from contact.models import ConsultationRequest, RequestNotification
from tests.intake.conftest import aged_token
from tests.intake.test_consultation_form import database_down

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_honeypot_is_hidden_from_people_keyboards_screen_readers_and_autofill(client, contact_page):
    html = client.get("/contact/").content.decode()
    assert '<div class="intake-form__trap" aria-hidden="true">' in html
    assert 'name="leave_this_empty" tabindex="-1" autocomplete="off"' in html
    # Browsers and password managers fill fields whose names look like these, even with autocomplete="off".
    for autofilled in ("website", "url", "company", "address", "name", "email", "phone", "tel", "organization"):
        assert autofilled not in "leave_this_empty", autofilled
    assert 'name="website"' not in html


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"leave_this_empty": "https://cheap-pills.example"}, "hidden field"),
        ({"form_token": 0.5}, "faster than a person types"),
        ({"form_token": "tampered:token"}, "missing or altered"),
        ({"form_token": ""}, "missing or altered"),
        ({"leave_this_empty": "x\x00y"}, "hidden field"),
        # An old form is not suspicious by itself, but a bot filling the hidden field is, however old.
        ({"leave_this_empty": "https://cheap-pills.example", "form_token": 3 * 24 * 3600}, "hidden field"),
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


def _form_token_in(html: str) -> str:
    (token,) = re.findall(r'name="form_token" value="([^"]+)"', html)
    return token


def test_a_form_left_open_overnight_comes_back_as_typed_with_a_fresh_token_and_nothing_is_stored(
    client, contact_page, valid_data, settings
):
    settings.INTAKE_MIN_SECONDS = 4
    old_token = aged_token(settings.INTAKE_MAX_FORM_AGE + 3600)

    response = client.post("/contact/", {**valid_data, "form_token": old_token})

    assert response.status_code == 200
    assert not ConsultationRequest.objects.exists()
    html = response.content.decode()
    assert "This form was open for a long time, so we could not send it yet." in html
    assert "Everything you typed is still here — please check it and press Send again." in html
    assert 'value="Maya Torres"' in html
    assert "Evenings work best for me.</textarea>" in html
    assert 'value="tue" id="id_available_days_1" checked' in html
    # No field is marked wrong: nothing was.
    assert 'aria-invalid="true"' not in html and 'id="error-summary"' not in html
    fresh = _form_token_in(html)
    assert fresh != old_token

    # Pressing Send again after a moment's check sends it.
    time.sleep(0.01)
    settings.INTAKE_MIN_SECONDS = 0
    assert client.post("/contact/", {**valid_data, "form_token": fresh}).status_code == 302
    assert ConsultationRequest.objects.get().status == ConsultationRequest.Status.NEW


def test_an_old_form_with_mistakes_shows_the_mistakes_with_a_fresh_token(client, contact_page, valid_data, settings):
    old_token = aged_token(settings.INTAKE_MAX_FORM_AGE + 60)

    response = client.post("/contact/", {**valid_data, "name": "", "form_token": old_token})

    assert response.status_code == 200
    assert "Please tell us your name." in response.content.decode()
    assert not ConsultationRequest.objects.exists()
    # The fresh token is given only once the form is otherwise right; until then the old one is kept.
    assert _form_token_in(response.content.decode()) == old_token


def test_two_requests_racing_for_the_last_place_get_one_place(client, contact_page, valid_data, settings, monkeypatch):
    """The second request checks the limit while the first is still saving: it must not get a place too."""
    settings.INTAKE_RATE_LIMIT = 1

    statuses = []
    real_store = submission.store_request

    def store_while_a_second_request_arrives(form, **kwargs):
        statuses.append(client.post("/contact/", valid_data).status_code)
        return real_store(form, **kwargs)

    monkeypatch.setattr(views, "store_request", store_while_a_second_request_arrives)
    first = client.post("/contact/", valid_data)

    assert (first.status_code, statuses) == (302, [429])
    assert ConsultationRequest.objects.count() == 1


def test_a_request_that_could_not_be_saved_gives_its_place_back(
    client, contact_page, valid_data, settings, monkeypatch
):
    settings.INTAKE_RATE_LIMIT = 1

    with monkeypatch.context() as patched:
        patched.setattr(ConsultationRequest, "save", database_down)
        assert client.post("/contact/", valid_data).status_code == 503

    assert client.post("/contact/", valid_data).status_code == 302
    assert client.post("/contact/", valid_data).status_code == 429


def test_the_window_stays_fixed_from_the_first_request(client, contact_page, valid_data, settings, monkeypatch):
    settings.INTAKE_RATE_LIMIT = 2
    settings.INTAKE_RATE_LIMIT_WINDOW = 3600
    clock = [time.time()]
    monkeypatch.setattr(rate_limit.time, "time", lambda: clock[0])
    assert client.post("/contact/", valid_data).status_code == 302
    clock[0] += 1800
    assert client.post("/contact/", valid_data).status_code == 302
    assert client.post("/contact/", valid_data).status_code == 429
    clock[0] += 1801  # the hour since the first request is over
    assert client.post("/contact/", valid_data).status_code == 302
