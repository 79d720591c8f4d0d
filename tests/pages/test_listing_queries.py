"""Every listing runs a fixed number of queries, whether the site has 3 or 30 of each thing.

The first request warms Wagtail's rendition cache and Site root paths; the second is the one a
visitor would normally get and is the one counted.
"""

import pytest
from wagtail.images.models import Filter

from blog.models import ArticlePage
from practice_site.pages.models import ClinicianPage
from tests.public_site_fixtures import build_site

pytestmark = pytest.mark.django_db

# (what is shown, how to find its URL, queries)
PAGES = [
    ("home sections", lambda site: "/", 21),
    ("services index", lambda site: "/services/", 16),
    ("service page", lambda site: site.services[0].url, 25),
    ("team index", lambda site: "/team/", 22),
    ("clinician page", lambda site: site.clinicians[0].url, 26),
    ("blog index", lambda site: "/blog/", 21),
    ("topic page", lambda site: "/blog/topic/anxiety/", 22),
    ("article page", lambda site: site.articles[0].url, 25),
    ("feed", lambda site: "/blog/feed/", 13),
    ("search results", lambda site: "/search/?q=Article", 10),
]


@pytest.mark.parametrize("count", [3, 30])
def test_listings_run_the_same_queries_whatever_the_number_of_items(
    client, home_page, count, django_assert_num_queries
):
    site = build_site(home_page, count)
    for name, url_of, expected in PAGES:
        url = url_of(site)
        first = client.get(url)
        assert first.status_code == 200, name
        with django_assert_num_queries(expected):
            response = client.get(url)
        assert response.status_code == 200, name


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
