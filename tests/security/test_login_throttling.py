from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import RequestFactory

from practice_site.core.client_address import client_ip_address
from tests.factories.users import PASSWORD, editor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def three_failures_allowed(settings):
    settings.AXES_FAILURE_LIMIT = 3


def sign_in(client, username, password, address="203.0.113.5", **headers):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address, headers=headers
    )


def is_locked_out(response):
    return response.status_code == 429 and "Sign-in paused" in response.text


def test_a_username_is_locked_out_after_the_configured_failures_with_a_kind_page(client):
    user = editor()
    for address in ("203.0.113.1", "203.0.113.2"):
        response = sign_in(client, user.username, "wrong password", address)
        assert response.status_code == 200
        assert "and password didn" in response.text

    response = sign_in(client, user.username, "wrong password", "203.0.113.3")
    assert is_locked_out(response)
    assert "try again in about 15 minutes" in response.text
    assert "Back to sign-in" in response.text

    # Even the right password from a fresh address waits out the cool-off.
    assert is_locked_out(sign_in(client, user.username, PASSWORD, "198.51.100.7"))


def test_an_address_is_locked_out_whatever_usernames_it_tries(client):
    for username in ("ana", "ben", "cai"):
        sign_in(client, username, "guess", "203.0.113.9")
    user = editor()
    assert is_locked_out(sign_in(client, user.username, PASSWORD, "203.0.113.9"))
    assert not is_locked_out(sign_in(client, user.username, PASSWORD, "198.51.100.1"))


def test_a_successful_sign_in_resets_the_count(client):
    user = editor()
    sign_in(client, user.username, "wrong")
    sign_in(client, user.username, "wrong")
    assert sign_in(client, user.username, PASSWORD).status_code == 302
    client.post("/admin/logout/")

    sign_in(client, user.username, "wrong")
    sign_in(client, user.username, "wrong")
    assert sign_in(client, user.username, PASSWORD).status_code == 302


def test_the_lockout_lifts_after_the_cool_off(client, settings):
    user = editor()
    for _ in range(3):
        sign_in(client, user.username, "wrong")
    assert is_locked_out(sign_in(client, user.username, PASSWORD))

    cool_off = settings.AXES_COOLOFF_TIME
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= cool_off + timedelta(seconds=1)
        attempt.save()
    assert sign_in(client, user.username, PASSWORD).status_code == 302


def test_axes_reset_username_unlocks_a_person(client, capsys):
    user = editor()
    for address in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        sign_in(client, user.username, "wrong", address)
    assert is_locked_out(sign_in(client, user.username, PASSWORD, "198.51.100.2"))

    call_command("axes_reset_username", user.username)
    assert sign_in(client, user.username, PASSWORD, "198.51.100.2").status_code == 302


def test_a_forwarded_address_counts_only_behind_a_trusted_proxy(client, settings):
    forged = {"X-Forwarded-For": "192.0.2.1"}
    for username in ("ana", "ben", "cai"):
        sign_in(client, username, "guess", "10.0.0.2", **forged)
    # Untrusted: the header is ignored, so the proxy's own address was counted.
    assert is_locked_out(sign_in(client, "dee", "guess", "10.0.0.2", **{"X-Forwarded-For": "192.0.2.99"}))

    call_command("axes_reset")
    settings.TRUSTED_PROXY = True
    for username in ("ana", "ben", "cai"):
        sign_in(client, username, "guess", "10.0.0.2", **forged)
    assert is_locked_out(sign_in(client, "dee", "guess", "10.0.0.2", **forged))
    assert not is_locked_out(sign_in(client, "dee", "guess", "10.0.0.2", **{"X-Forwarded-For": "192.0.2.99"}))


@pytest.mark.parametrize(
    ("trusted", "header", "expected"),
    [
        (False, "192.0.2.1", "10.0.0.2"),
        (True, "192.0.2.1", "192.0.2.1"),
        # Only the entry our proxy appended counts; the client wrote everything to its left.
        (True, "198.51.100.66, 192.0.2.1", "192.0.2.1"),
        (True, "2001:db8::1", "2001:db8::1"),
        (True, "not an address", "10.0.0.2"),
        (True, "", "10.0.0.2"),
    ],
)
def test_client_ip_address(settings, trusted, header, expected):
    settings.TRUSTED_PROXY = trusted
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=header)
    assert client_ip_address(request) == expected


def test_the_proxy_header_name_is_configurable(settings):
    settings.TRUSTED_PROXY = True
    settings.TRUSTED_PROXY_CLIENT_IP_HEADER = "X-Real-IP"
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="192.0.2.8")
    assert client_ip_address(request) == "192.0.2.8"
