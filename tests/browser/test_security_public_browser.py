"""Public pages render in Chromium under the strict CSP without a single violation."""

from django.core.management import call_command
from wagtail.models import Page

from tests.factories.users import PASSWORD, SuperuserFactory
from tests.security.helpers import csp_violations, enrol, sign_in_in_browser


def public_page_urls():
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    return [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]


def test_every_public_page_renders_without_a_csp_violation(page):
    urls = public_page_urls()
    assert urls
    for url in [*urls, "/no-such-page/"]:
        response = page.goto(url)
        page.wait_for_load_state("networkidle")
        assert "unsafe-inline" not in response.headers["content-security-policy"], url
        assert response.headers["permissions-policy"] == "camera=(), microphone=(), geolocation=()"
    assert csp_violations(page) == []


def test_the_userbar_a_signed_in_editor_sees_breaks_no_rule(page):
    urls = public_page_urls()
    owner = SuperuserFactory()
    sign_in_in_browser(page, owner.username, PASSWORD, enrol(owner))
    for url in urls:
        page.goto(url)
        page.locator("wagtail-userbar").wait_for(state="attached")
        page.wait_for_load_state("networkidle")
    page.locator("wagtail-userbar").get_by_role("button").first.click()
    page.wait_for_timeout(300)
    assert csp_violations(page) == []
