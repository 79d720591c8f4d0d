"""Every listing runs a fixed number of queries, whether the site has 3 or 30 of each thing.

The first request warms Wagtail's rendition cache and Site root paths; the second is the one a
visitor would normally get and is the one counted.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Filter

from blog.models import ArticlePage
from practice_site.pages.models import ClinicianPage
from tests.public_site_fixtures import build_site

pytestmark = pytest.mark.django_db

# (what is shown, how to find its URL, queries)
PAGES = [
    ("home sections", lambda site: "/", 7),
    ("services index", lambda site: "/services/", 5),
    ("service page", lambda site: site.services[0].url, 10),
    ("team index", lambda site: "/team/", 10),
    # Its openings are one more query (the badge, the list and the consultation button share it).
    ("clinician page", lambda site: site.clinicians[0].url, 11),
    ("blog index", lambda site: "/blog/", 8),
    ("topic page", lambda site: "/blog/topic/anxiety/", 9),
    ("article page", lambda site: site.articles[0].url, 8),
    ("feed", lambda site: "/blog/feed/", 6),
    ("search results", lambda site: "/search/?q=Article", 4),
]


@pytest.mark.parametrize("count", [3, 30])
def test_listings_run_the_same_queries_whatever_the_number_of_items(client, home_page, count):
    site = build_site(home_page, count)
    counted = {}
    for name, url_of, _ in PAGES:
        url = url_of(site)
        assert client.get(url).status_code == 200, name
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, name
        counted[name] = len(queries.captured_queries)
    assert counted == {name: expected for name, _, expected in PAGES}, counted


def test_the_listings_really_list_all_the_items(client, home_page):
    site = build_site(home_page, 30)
    team = client.get("/team/").content.decode()
    services = client.get("/services/").content.decode()
    blog = client.get("/blog/").content.decode()
    assert all(clinician.title in team for clinician in site.clinicians)
    assert all(f">{service.title}<" in services for service in site.services)
    assert blog.count('class="card"') == 12


@pytest.mark.parametrize(
    ("model", "image_field", "card_spec"),
    [
        (ClinicianPage, "photo", "format-{avif,webp,jpeg}|fill-{400x400,800x800}"),
        (ArticlePage, "hero_image", "format-{avif,webp,jpeg}|fill-{400x225,800x450}"),
    ],
)
def test_listings_fetch_only_the_renditions_their_cards_use(client, home_page, model, image_field, card_spec):
    site = build_site(home_page, 3)
    # The detail pages make larger renditions of the same pictures; a card listing must not fetch those.
    for url in ("/team/", "/blog/", site.clinicians[0].url, site.articles[0].url):
        assert client.get(url).status_code == 200
    listed = model.objects.listed().filter(pk__in=[site.clinicians[0].pk, site.articles[0].pk]).get()
    fetched = {rendition.filter_spec for rendition in getattr(listed, image_field).prefetched_renditions}
    assert fetched == set(Filter.expand_spec(card_spec))


# Every public page type of the demo site, rendered from scratch (the page cache is off in tests), is
# at most this many queries. The content version is read once; the Site, its root paths, the settings,
# the view-restricted sections, the header and the footer are kept per process under it; routing finds
# the page in one query and reads it in one more; what is left is the page's own content.
PUBLIC_PAGE_QUERY_LIMIT = 12
DEMO_PAGES = [
    ("home page", "/", 7),
    ("service index", "/services/", 5),
    ("service page", "/services/trauma-therapy/", 10),
    ("team index", "/team/", 10),
    ("clinician page", "/team/priya-raman/", 11),
    ("blog index", "/blog/", 8),
    ("topic page", "/blog/topic/anxiety/", 9),
    ("article page", "/blog/emdr-explained/", 11),
    ("feed", "/blog/feed/", 6),
    ("standard page", "/about/", 4),
    ("FAQ page", "/faq/", 4),
    # Open times also read the practice's closed days (holidays and closed days offer no calls).
    ("consultation page", "/contact/", 12),
]


def test_every_demo_page_type_runs_a_pinned_number_of_queries(client):
    call_command("load_demo_content", stdout=None)
    counted = {}
    for name, path, _ in DEMO_PAGES:
        # The first request warms Wagtail's rendition cache, the Site root paths and the cached fragments.
        assert client.get(path).status_code == 200, name
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, name
        counted[name] = len(queries.captured_queries)
    assert counted == {name: expected for name, _, expected in DEMO_PAGES}, counted
    assert max(counted.values()) <= PUBLIC_PAGE_QUERY_LIMIT
