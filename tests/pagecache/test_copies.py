"""Which local page copies may be served while the database is down (practice_site/pagecache/copies.py), asked of
this process as the outage middleware asks it. tests/outage/test_page_copies.py does the same through a real outage."""

import pytest
from django.test import Client, RequestFactory
from wagtail.models import Page

from blog.models import ArticlePage
from practice_site.pagecache import copies, keys, version

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARTICLE = "/blog/emdr-explained/"


@pytest.fixture
def copied(demo, settings, tmp_path):
    """The demo site with this process's copies and manifest in a fresh folder, the article and FAQ copied."""
    settings.LOCAL_STATE_DIR = tmp_path
    copies.page_copies().clear()
    copies._written.clear()
    copies._checked["version"] = None
    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    for path in (ARTICLE, "/faq/"):
        assert client.get(path).status_code == 200


def from_copy(path):
    return copies.copy_response(RequestFactory(HTTP_ACCEPT_ENCODING="gzip").get(path))


def test_a_current_copy_is_served_with_its_coding(copied):
    response = from_copy(ARTICLE)
    assert response["X-Page-Cache"] == "copy"
    assert response["Content-Encoding"] == "gzip"
    assert response["Vary"] == "Accept-Encoding"


def test_a_deleted_page_is_not_served_from_its_copy(copied):
    ArticlePage.objects.get(url_path__endswith=ARTICLE).delete()

    assert from_copy(ARTICLE) is None
    assert from_copy("/faq/") is not None


def test_a_copy_older_than_the_maximum_age_is_not_served(copied, settings):
    key = keys.cache_key(RequestFactory().get(ARTICLE))
    for coding in ("gzip", "identity"):
        entry = copies.page_copies().get(f"{key}:{coding}")
        entry["written"] -= settings.PAGE_COPY_MAX_AGE + 1
        copies.page_copies().set(f"{key}:{coding}", entry)

    assert from_copy(ARTICLE) is None
    assert from_copy("/faq/") is not None


def test_a_change_made_elsewhere_is_checked_by_the_first_request_that_reads_the_new_version(copied, settings):
    # The change is committed by another machine: this one's manifest learns of it from the version alone.
    elsewhere = settings.LOCAL_STATE_DIR / "elsewhere"
    settings.LOCAL_STATE_DIR = elsewhere
    ArticlePage.objects.get(url_path__endswith=ARTICLE).unpublish()
    settings.LOCAL_STATE_DIR = elsewhere.parent
    # As a process of this machine that has not seen the new version yet.
    copies._checked["version"] = None
    assert from_copy(ARTICLE) is not None

    assert Client().get("/faq/").status_code == 200

    assert from_copy(ARTICLE) is None
    assert from_copy("/faq/") is not None


def test_without_the_list_of_public_pages_only_copies_of_the_current_version_are_served(copied):
    copies.pages_file().unlink()
    assert from_copy(ARTICLE) is None
    copies.revalidate(version.current())
    assert from_copy(ARTICLE) is not None


def test_a_page_of_another_path_never_answers_for_a_moved_one(copied):
    article = ArticlePage.objects.get(url_path__endswith=ARTICLE)
    article.move(Page.objects.get(url_path="/home/about/"), pos="last-child")

    assert from_copy(ARTICLE) is None
