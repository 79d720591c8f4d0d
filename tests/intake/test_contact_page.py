import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from contact.models import ContactPage
from practice_site.core.models import PracticeSettings
from practice_site.demo import consultation as demo_content
from practice_site.home.models import HomePage
from practice_site.pages.models import ClinicianPage, ServiceIndexPage, ServicePage, TeamIndexPage

pytestmark = pytest.mark.django_db


def test_demo_loader_creates_the_page_at_contact_once_and_points_the_practice_settings_at_it(home_page):
    page = demo_content.load()
    demo_content.load()

    assert ContactPage.objects.count() == 1
    assert page.url == "/contact/"
    assert page.live
    assert PracticeSettings.load().consultation_page_id == page.pk


def test_demo_loader_leaves_a_consultation_page_chosen_by_staff_alone(home_page):
    chosen = home_page.add_child(instance=Page(title="Book", slug="book"))
    practice = PracticeSettings.load()
    practice.consultation_page = chosen
    practice.save()

    demo_content.load()

    assert PracticeSettings.load().consultation_page_id == chosen.pk


def test_the_thank_you_page_is_never_cached_and_says_nothing_personal(client, contact_page):
    response = client.get("/contact/thank-you/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_editors_wording_appears_on_the_form_and_thank_you_pages(client, contact_page):
    contact_page.introduction = "<p>Reaching out takes courage.</p>"
    contact_page.what_happens_next = "<p>Our coordinators work Monday to Thursday.</p>"
    contact_page.thank_you_text = "<p>Expect our reply by Thursday.</p>"
    contact_page.save_revision().publish()

    form_html = client.get("/contact/").content.decode()
    thanks_html = client.get("/contact/thank-you/").content.decode()

    assert "Reaching out takes courage." in form_html
    assert "Our coordinators work Monday to Thursday." in form_html
    assert "Expect our reply by Thursday." in thanks_html


def test_the_form_page_needs_no_query_per_service_or_clinician(client, contact_page, home_page):
    def queries_for_the_form():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/contact/").status_code == 200
        return len(captured)

    client.get("/contact/")
    before = queries_for_the_form()
    services = home_page.add_child(instance=ServiceIndexPage(title="Services", slug="services"))
    team = home_page.add_child(instance=TeamIndexPage(title="Team", slug="team"))
    for number in range(4):
        services.add_child(instance=ServicePage(title=f"Service {number}", slug=f"s{number}", summary="x"))
        team.add_child(instance=ClinicianPage(title=f"Clinician {number}", slug=f"c{number}", credentials="LPC"))

    # The first view after a change reads the site-wide objects again (core/sitewide.py); count the next.
    client.get("/contact/")
    assert queries_for_the_form() == before


class TestContactPageRules(WagtailPageTestCase):
    def test_it_lives_only_under_the_home_page_once(self):
        self.assertAllowedParentPageTypes(ContactPage, {HomePage})
        self.assertAllowedSubpageTypes(ContactPage, {})
        home = HomePage.objects.get(depth=2)
        self.assertCanCreateAt(HomePage, ContactPage)
        self.assertCanNotCreateAt(ServiceIndexPage, ContactPage)
        demo_content.load()
        self.assertFalse(ContactPage.can_create_at(home))

    def test_form_and_thank_you_routes_render(self):
        page = demo_content.load()
        self.assertPageIsRenderable(page)
        self.assertPageIsRoutable(page, "thank-you/")
        self.assertPageIsRenderable(page, "thank-you/")


def test_pages_still_holding_the_old_default_words_lose_the_promise_they_restated(contact_page):
    """contact.0009: the promise now comes from the practice settings, before the page's own words."""
    reworded = importlib.import_module("contact.migrations.0010_reply_promise_from_practice_settings")
    old_next, new_next = reworded.REWORDED["what_happens_next"]
    old_thanks, new_thanks = reworded.REWORDED["thank_you_text"]
    contact_page.what_happens_next, contact_page.thank_you_text = old_next, "<p>Our own words.</p>"
    contact_page.save_revision().publish()
    contact_page.thank_you_text = old_thanks
    contact_page.save_revision()  # a draft, still holding the old words

    reworded.reword(apps, None)

    contact_page.refresh_from_db()
    assert (contact_page.what_happens_next, contact_page.thank_you_text) == (new_next, "<p>Our own words.</p>")
    draft = contact_page.get_latest_revision().content
    assert (draft["what_happens_next"], draft["thank_you_text"]) == (new_next, new_thanks)


def test_the_form_and_thank_you_pages_promise_the_reply_the_practice_settings_set(client, contact_page):
    practice = PracticeSettings.load()
    practice.reply_within_business_days = 3
    practice.save()
    form_html = client.get("/contact/").content.decode()
    thanks_html = client.get("/contact/thank-you/").content.decode()
    assert "read your request and reply within three business days, the way you asked us to." in form_html
    assert "will reply within three business days, by the contact method you chose." in thanks_html
    assert "two business days" not in form_html + thanks_html
