import re

import pytest
from django.core.management import call_command
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.test import RequestFactory
from wagtail.models import Page, get_page_models

from practice_site.security.middleware import with_frame_ancestors
from tests.factories.users import SuperuserFactory

pytestmark = pytest.mark.django_db

STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)


def live_public_pages():
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    return list(Page.objects.live().filter(depth__gt=1).specific())


def has_template(model) -> bool:
    try:
        get_template(model().get_template(RequestFactory().get("/")))
    except TemplateDoesNotExist:
        return False
    return True


def assert_public_headers(response):
    csp = response["Content-Security-Policy"]
    # A nonce appears only when a template used one; it is the only thing allowed to differ.
    assert re.sub(r" 'nonce-[^']+'", "", csp) == STRICT_CSP
    assert "unsafe-inline" not in csp and "http" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"


def test_every_public_page_is_served_with_the_strict_policy_and_headers(client):
    pages = live_public_pages()
    assert pages
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert_public_headers(response)


def test_the_demo_content_covers_every_page_type_that_can_be_rendered():
    """So the header test above (and the browser one) really sees each page type."""
    covered = {type(page) for page in live_public_pages()}
    renderable = {model for model in get_page_models() if model is not Page and has_template(model)}
    missing = sorted(model.__name__ for model in renderable - covered)
    assert not missing, f"load_demo_content creates no live page of type(s): {', '.join(missing)}"


def test_error_pages_carry_the_headers_too(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_public_headers(response)


def test_the_admin_gets_its_exceptions_only_under_admin(client, home_page):
    admin = client.get("/admin/login/")
    csp = admin["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "http" not in csp
    assert admin["X-Frame-Options"] == "DENY"
    assert admin["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"

    assert "unsafe-inline" not in client.get("/").headers["Content-Security-Policy"]


def test_a_signed_in_editor_sees_public_pages_under_the_strict_policy(client, login_verified, home_page):
    login_verified(client, SuperuserFactory())
    response = client.get("/")
    assert "wagtail-userbar" in response.text
    assert_public_headers(response)


def test_only_frame_ancestors_changes_for_a_preview():
    policy = "default-src 'self'; script-src 'self' 'nonce-abc'; frame-ancestors 'none'; object-src 'none'"
    assert with_frame_ancestors(policy, ["'self'"]) == (
        "default-src 'self'; script-src 'self' 'nonce-abc'; object-src 'none'; frame-ancestors 'self'"
    )
