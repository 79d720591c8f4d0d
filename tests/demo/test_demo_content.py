"""`manage.py load_demo_content`: a complete practice site, and a second run changes nothing."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from blog.models import ArticlePage, ArticleRelatedLink, Topic
from practice_site.core.models import PracticeSettings
from practice_site.pages.models import ClinicianPage, LicenseType, ServicePage

pytestmark = pytest.mark.django_db

DEMO_URLS = [
    "/", "/services/", "/services/trauma-therapy/", "/services/emdr-therapy/", "/team/", "/team/priya-raman/",
    "/blog/", "/blog/emdr-explained/", "/blog/feed/", "/blog/topic/anxiety/", "/about/", "/fees/", "/faq/",
    "/privacy/", "/notice-of-privacy-practices/", "/accessibility/", "/search/", "/search/?q=anxiety",
    "/contact/", "/contact/thank-you/",
]


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "topics": Topic.objects.count(),
        "related links": ArticleRelatedLink.objects.count(),
        "settings": PracticeSettings.objects.count(),
    }


@pytest.fixture
def demo(db):
    call_command("load_demo_content", stdout=None)


def test_a_second_run_creates_and_changes_nothing(demo):
    before = snapshot()
    call_command("load_demo_content")
    assert snapshot() == before


def test_a_second_run_keeps_what_staff_edited(demo):
    service = ServicePage.objects.get(slug="anxiety-therapy")
    service.summary = "Edited by staff."
    service.save_revision().publish()
    practice = PracticeSettings.load()
    practice.phone = "(832) 555-0199"
    practice.save()

    call_command("load_demo_content")

    assert ServicePage.objects.get(slug="anxiety-therapy").summary == "Edited by staff."
    assert PracticeSettings.load().phone == "(832) 555-0199"


def test_every_demo_url_answers_and_links_to_the_consultation_page(client, demo):
    for url in DEMO_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("text/html"):
            assert 'href="/contact/"' in response.content.decode(), url
    assert 'href="/contact/"' in client.get("/no-such-page/").content.decode()


def test_the_demo_practice_is_complete(client, demo):
    assert ServicePage.objects.live().count() >= 4
    clinicians = ClinicianPage.objects.live()
    assert clinicians.count() == 4
    associate = clinicians.get(licenses__license_type=LicenseType.LPC_ASSOCIATE)
    assert associate.supervisor_name
    assert "supervised by Maya Castillo, LPC-S" in client.get(associate.url).content.decode()
    assert clinicians.filter(languages__contains=["es"]).exists()

    articles = ArticlePage.objects.live()
    assert articles.count() >= 6
    assert Topic.objects.filter(articles__in=articles).distinct().count() >= 3
    for article in articles:
        words = " ".join(article.body.stream_block.get_searchable_content(article.body)).split()
        assert len(words) >= 400, article.title
        kinds = {block.block_type for block in article.body}
        assert {"heading", "paragraph", "quote"} <= kinds, article.title
        assert "<ul>" in str(article.body) or "<ol>" in str(article.body), article.title
        assert article.hero_image.description, article.title

    emdr = client.get("/blog/emdr-explained/").content.decode()
    figure = emdr[emdr.index('<figure class="figure">'):]
    assert 'alt="Soft circles placed left and right' in figure[: figure.index("</figure>")]
    assert "<figcaption>Bilateral stimulation can be eye movements" in figure

    practice = PracticeSettings.load()
    assert practice.privacy_notice_page.slug == "notice-of-privacy-practices"
    fees = client.get("/fees/").content.decode()
    assert "Your right to a Good Faith Estimate" in fees
    assert "www.cms.gov/nosurprises" in fees


@pytest.mark.parametrize("url", ["/", "/team/priya-raman/", "/blog/emdr-explained/"])
def test_images_come_in_modern_formats_with_sizes_and_dimensions(client, demo, url):
    html = client.get(url).content.decode()
    pictures = re.findall(r"<picture>.*?</picture>", html, flags=re.S)
    assert pictures, url
    for picture in pictures:
        assert 'type="image/avif"' in picture and 'type="image/webp"' in picture, url
        assert "sizes=" in picture, url
        # Width and height reserve the space before the file arrives: no layout shift.
        assert re.search(r'<img [^>]*width="\d+"', picture) and re.search(r'<img [^>]*height="\d+"', picture), url


def test_the_command_reports_what_it_added(db):
    first, second = StringIO(), StringIO()
    call_command("load_demo_content", stdout=first)
    call_command("load_demo_content", stdout=second)
    assert "Loading the consultation page" in first.getvalue()
    assert re.search(r"added [1-9]\d* pages, [1-9]\d* pictures, 5 topics", first.getvalue())
    assert "added 0 pages, 0 pictures, 0 topics" in second.getvalue()
