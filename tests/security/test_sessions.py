import time
from unittest import mock

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from practice_site.settings import base
from tests.factories.users import PASSWORD, coordinator, editor

pytestmark = pytest.mark.django_db

MINUTE = 60


def at(timestamp):
    return mock.patch("time.time", return_value=timestamp)


def test_an_idle_admin_session_ends_after_the_configured_time(client, login_verified, settings):
    assert settings.ADMIN_IDLE_TIMEOUT_MINUTES == 30
    login_verified(client, coordinator())
    start = time.time()

    with at(start):
        assert client.get("/admin/").status_code == 200
    with at(start + 29 * MINUTE):
        assert client.get("/admin/account/").status_code == 200
    # Counted from the last request, not from sign-in.
    with at(start + 58 * MINUTE):
        assert client.get("/admin/").status_code == 200
    with at(start + 88 * MINUTE + 1):
        response = client.get("/admin/account/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=%2Fadmin%2Faccount%2F"
    login_page = client.get(response["Location"])
    assert "signed out after 30 minutes without activity" in login_page.text
    assert "_auth_user_id" not in client.session


def test_the_way_back_after_an_idle_sign_out_carries_no_search_terms(client, login_verified):
    login_verified(client, coordinator())
    start = time.time()
    with at(start):
        client.get("/admin/")
    with at(start + 31 * MINUTE):
        response = client.get("/admin/consultation-requests/?q=Maya%20Torres")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=%2Fadmin%2Fconsultation-requests%2F"
    assert "Maya" not in client.get(response["Location"]).text


def test_the_idle_time_is_configurable(client, login_verified, settings):
    settings.ADMIN_IDLE_TIMEOUT_MINUTES = 5
    login_verified(client, editor())
    start = time.time()
    with at(start):
        client.get("/admin/")
    with at(start + 5 * MINUTE + 1):
        assert client.get("/admin/").status_code == 302


def test_the_editors_background_ping_does_not_keep_a_session_alive(client, login_verified, home_page):
    login_verified(client, editor())
    start = time.time()
    with at(start):
        client.get("/admin/")
    ping = f"/admin/editing-sessions/ping/wagtailcore/page/{home_page.pk}/0/"
    with at(start + 20 * MINUTE):
        client.post(ping)
    with at(start + 31 * MINUTE):
        assert client.get("/admin/").status_code == 302


def test_admin_sessions_end_when_the_browser_closes(client):
    user = editor()
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD, "remember": "on"})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert client.session.get_expire_at_browser_close()


def test_the_login_page_offers_no_remember_me(client):
    page = client.get("/admin/login/")
    assert page.status_code == 200
    assert 'name="remember"' not in page.text
    assert "asked for a code" in page.text


def test_production_cookie_settings():
    assert base.SESSION_COOKIE_SECURE and base.CSRF_COOKIE_SECURE
    assert base.SESSION_COOKIE_HTTPONLY
    assert base.SESSION_COOKIE_SAMESITE == "Lax"
    assert base.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.mark.parametrize("password", ["short-pw-1", "password1234", "123456789012345"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_twelve_character_passphrase_is_accepted():
    validate_password("quiet river stone")
