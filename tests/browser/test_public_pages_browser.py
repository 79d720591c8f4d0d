"""One page of every public type in a real browser: it renders, the skip link works, and axe finds nothing."""

import pytest
from django.core.management import call_command

from tests.browser.axe import assert_no_axe_violations

PAGES_OF_EVERY_TYPE = [
    "/",
    "/services/",
    "/services/trauma-therapy/",
    "/team/",
    "/team/priya-raman/",
    "/blog/",
    "/blog/topic/anxiety/",
    "/blog/emdr-explained/",
    "/about/",
    "/fees/",
    "/faq/",
    "/search/?q=anxiety",
]


@pytest.fixture
def demo_site(site_url):
    call_command("load_demo_content")
    return site_url


def test_every_page_type_renders_with_a_working_skip_link_and_no_axe_violations(page, demo_site):
    for url in PAGES_OF_EVERY_TYPE:
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("h1").first.is_visible(), url

        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to main content", url
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main", url

        broken_images = page.evaluate(
            "[...document.images].filter(img => img.complete && img.naturalWidth === 0).map(img => img.src)"
        )
        assert broken_images == [], url
        assert_no_axe_violations(page)


def test_content_note_starts_collapsed_and_opens(page, demo_site):
    page.goto("/blog/emdr-explained/")
    note = page.locator("details.content-note")
    assert note.get_attribute("open") is None
    note.locator("summary").click()
    assert note.get_attribute("open") is not None
    assert page.get_by_text("how distressing memories are processed").is_visible()


def test_quick_exit_replaces_the_page_so_back_does_not_return(page, site_url):
    from practice_site.pages.models import HomePage
    from tests.factories.pages import StandardPageFactory

    StandardPageFactory(parent=HomePage.objects.get(depth=2), title="About", slug="about")
    # The neutral site is answered locally: browser tests never reach the internet.
    page.route("https://www.weather.gov/**", lambda route: route.fulfill(body="<title>Weather</title>Forecast"))

    page.goto("/")
    page.goto("/about/")
    page.get_by_role("link", name="Leave this site quickly").click()
    page.wait_for_url("https://www.weather.gov/")

    page.go_back()
    assert page.url == site_url + "/"
