"""Campaign links are answered from the page's own entry; parameters a page does not read never create one."""

import pytest
from django.db import connection
from django.test import Client

from practice_site.directory.models import Concern
from practice_site.pagecache import keys

pytestmark = pytest.mark.django_db

ARTICLE = "/blog/emdr-explained/"
CAMPAIGNS = [
    "utm_source=newsletter&utm_medium=email&utm_campaign=winter",
    "fbclid=IwAR2x",
    "gclid=Cj0KCQ&utm_source=google",
    "mc_eid=4f2a&mc_cid=99",
    "msclkid=abc123",
]


def kept_rows() -> int:
    """Pages in the page cache (three codings per page), the versions aside."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM page_cache WHERE cache_key LIKE '%%pagecache:page:%%'")
        return cursor.fetchone()[0]


@pytest.mark.parametrize("query", CAMPAIGNS)
def test_a_campaign_link_is_a_hit_on_the_page_entry(demo, query):
    client = Client()
    page = client.get(ARTICLE)
    rows = kept_rows()

    campaign = client.get(f"{ARTICLE}?{query}")

    assert campaign["X-Page-Cache"] == "hit"
    assert campaign.content == page.content
    assert kept_rows() == rows


def test_a_campaign_link_first_fills_the_page_entry(demo):
    client = Client()
    assert client.get(f"{ARTICLE}?utm_source=newsletter")["X-Page-Cache"] == "miss"
    assert client.get(ARTICLE)["X-Page-Cache"] == "hit"
    assert kept_rows() == 3


def test_a_parameter_the_page_does_not_read_creates_no_entry_and_is_answered_from_the_page(demo):
    client = Client()
    first = client.get("/faq/?ref=partner-site")
    assert first["X-Page-Cache"] == "miss"
    assert kept_rows() == 3
    assert client.get("/faq/")["X-Page-Cache"] == "hit"
    for query in ("ref=another-site", "x=1&y=2", "page=3"):
        answer = client.get(f"/faq/?{query}")
        assert answer["X-Page-Cache"] == "hit", query
        assert answer.content == first.content
    assert kept_rows() == 3


def test_a_parameter_the_page_reads_still_counts(demo):
    client = Client()
    client.get("/team/")
    concern = Concern.objects.get(name="Anxiety")
    filtered = client.get(f"/team/?concern={concern.pk}&utm_source=newsletter")
    # The finder's filtered lists are never kept (team page); the unfiltered one answers campaign links.
    assert "X-Page-Cache" not in filtered
    assert "no-store" in filtered["Cache-Control"]
    assert client.get("/team/?utm_source=newsletter&unknown=1")["X-Page-Cache"] == "hit"


def test_a_page_type_that_started_reading_a_parameter_is_not_answered_from_an_older_entry(demo, settings):
    client = Client()
    client.get("/faq/?ref=a")
    assert client.get("/faq/?ref=b")["X-Page-Cache"] == "hit"
    settings.PAGE_CACHE_PARAMETERS_READ_EVERYWHERE = [*settings.PAGE_CACHE_PARAMETERS_READ_EVERYWHERE, "ref"]
    # A new release: its processes start knowing nothing, while the entries stay in the shared table.
    keys._reads.clear()
    assert client.get("/faq/?ref=b")["X-Page-Cache"] == "miss"
    assert client.get("/faq/?ref=b")["X-Page-Cache"] == "hit"
    assert client.get("/faq/?ref=c")["X-Page-Cache"] == "miss"
