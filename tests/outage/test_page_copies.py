"""Page copies through a real outage (gunicorn -w 2, PostgreSQL stopped): a page that has left public view since
its copy was made is never served from it; the others are, with their coding and Vary."""

import pytest
import requests
from wagtail.models import PageViewRestriction

from tests.public_site_fixtures import build_site

from .conftest import database_stopped

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BROTLI = {"Accept-Encoding": "br"}


@pytest.fixture
def site_pages(home_page):
    return build_site(home_page, 3)


def test_unpublished_restricted_and_moved_pages_are_never_served_from_a_copy(web_server, site_pages):
    unpublished, restricted, kept = site_pages.articles
    moved = site_pages.services[0]
    paths = {page: page.url for page in (unpublished, restricted, kept, moved)}
    for path in paths.values():
        # Four times: each of gunicorn's two workers keeps the page and its copy.
        for _ in range(4):
            assert requests.get(web_server.url + path, headers=BROTLI, timeout=10).status_code == 200

    unpublished.unpublish()
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    moved.move(site_pages.home, pos="last-child")
    # A worker learns of the new content version on its next request, and checks this machine's copies.
    assert requests.get(web_server.url + "/", timeout=10).status_code == 200

    with database_stopped():
        answers = {page: requests.get(web_server.url + path, headers=BROTLI, timeout=10)
                   for page, path in paths.items()}

    for page in (unpublished, restricted, moved):
        assert answers[page].status_code == 503, page.title
        assert page.title not in answers[page].text
    copy = answers[kept]
    assert copy.status_code == 200
    assert copy.headers["X-Page-Cache"] == "copy"
    assert copy.headers["Content-Encoding"] == "br"
    assert copy.headers["Vary"] == "Accept-Encoding"
    assert copy.headers["Cache-Control"].startswith("public")
    # requests decodes brotli itself.
    assert kept.title in copy.text
