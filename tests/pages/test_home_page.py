import re

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from practice_site.core.models import PracticeSettings
from practice_site.home.models import HomePage

pytestmark = pytest.mark.django_db


def test_root_url_serves_the_home_page_after_migrate(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert home_page.heading in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html


def test_header_and_footer_show_the_practice_settings(client, home_page):
    practice = PracticeSettings.load()
    practice.practice_name = "Willow Counseling"
    practice.phone = "(713) 555-0100"
    practice.save()

    html = client.get("/").content.decode()

    assert "Willow Counseling" in html
    assert 'href="tel:7135550100"' in html
    assert "call or text 988" in html
    assert 'href="tel:911"' in html


def test_missing_page_is_a_styled_404(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


def test_public_pages_make_no_third_party_requests(client, home_page):
    html = client.get("/").content.decode()
    for marker in ("https://", "http://", "//"):
        assert f'src="{marker}' not in html, "third-party src= on the home page"
        assert f'srcset="{marker}' not in html, "third-party srcset= on the home page"
        # A canonical link names the page's own address; browsers fetch nothing for it.
        fetched_links = re.findall(r'<link (?![^>]*rel="canonical")[^>]*>', html)
        assert not [link for link in fetched_links if f'href="{marker}' in link], "third-party <link>"
    # The only way off the site is a link the visitor chooses: the quick-exit button.
    external_links = re.findall(r'<a [^>]*href="(?:https?:)?//[^"]*"[^>]*>', html)
    assert len(external_links) == 1 and "data-quick-exit" in external_links[0]


class TestHomePageRules(WagtailPageTestCase):
    def test_home_page_lives_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_is_renderable(self):
        self.assertPageIsRenderable(HomePage.objects.get(depth=2))


def test_the_home_page_content_type_belongs_to_the_home_app(home_page):
    """Moving the model relabelled the migrated row's content type instead of leaving it behind."""
    assert ContentType.objects.get_for_id(home_page.content_type_id).model_class() is HomePage
    assert not ContentType.objects.filter(app_label="pages", model="homepage").exists()
    assert type(Page.objects.get(depth=2).specific) is HomePage
