"""Site search at /search/: finds public pages, and answers any input with a page, never an error."""

import pytest

from tests.factories.pages import ServiceFactory

pytestmark = pytest.mark.django_db


def search(client, query_string):
    response = client.get("/search/" + query_string)
    assert response.status_code == 200, query_string[:80]
    return response.content.decode()


def test_search_finds_public_pages_by_their_words(client, small_site):
    ServiceFactory(parent=small_site.services_index, title="Couples counseling", summary="For partners.")
    html = search(client, "?q=couples")
    assert '<a href="/services/couples-counseling/">Couples counseling</a>' in html
    assert "1 result for “couples”" in html


def test_search_without_a_query_shows_just_the_form(client, small_site):
    html = search(client, "")
    assert '<label for="id_q">Search this site</label>' in html
    assert "result" not in html


def test_a_search_that_matches_nothing_says_so_kindly(client, small_site):
    html = search(client, "?q=zebra")
    assert "0 results for “zebra”" in html
    assert "Nothing matched" in html


@pytest.mark.parametrize(
    "query_string",
    [
        "?q=" + "a" * 5000,
        "?q=anxiety%00panic",
        "?q=%E2%80%AE%F0%9F%92%9A%20%CC%81%CC%81",
        "?q=%27%22%3B--%20DROP",
        "?q=Article&page=abc",
        "?q=Article&page=99999",
        "?q=Article\r\nSet-Cookie:%20x=1",
    ],
)
def test_odd_queries_get_a_proper_page(client, small_site, query_string):
    search(client, query_string)


def test_an_overlong_query_is_explained_and_kept(client, small_site):
    html = search(client, "?q=" + "calm " * 1000)
    assert "Please shorten your search to 200 characters or fewer." in html
    assert 'aria-invalid="true"' in html
    assert "calm calm" in html


def test_search_result_pages_keep_the_query_in_their_links(client, small_site):
    for index in range(11):
        ServiceFactory(parent=small_site.services_index, title=f"Grounding skill {index}")
    html = search(client, "?q=grounding")
    assert 'href="?q=grounding&amp;page=2"' in html
