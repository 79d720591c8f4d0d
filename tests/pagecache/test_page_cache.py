"""What the page cache serves, to whom, with which bytes and headers."""

import gzip
import re

import brotli
import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from blog.models import ArticlePage
from tests.factories.users import SuperuserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARTICLE = "/blog/emdr-explained/"
PUBLIC_PAGES = ["/", "/services/", "/services/trauma-therapy/", "/team/", "/team/priya-raman/", "/blog/", ARTICLE,
                "/blog/feed/", "/blog/topic/anxiety/", "/blog/?page=1", "/faq/", "/sitemap.xml", "/sitemap-pages.xml"]
def directives(response) -> set[str]:
    return {directive.strip() for directive in response["Cache-Control"].split(",")}


DECODE = {"br": brotli.decompress, "gzip": gzip.decompress, "identity": lambda body: body}


@pytest.mark.parametrize("coding", ["br", "gzip", "identity"])
def test_a_hit_returns_the_page_the_miss_stored(demo, coding):
    client = Client(HTTP_ACCEPT_ENCODING=coding)
    miss = client.get(ARTICLE)
    hit = client.get(ARTICLE)

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    # The miss is compressed quickly for its visitor, the kept page thoroughly once the miss was sent.
    assert DECODE[coding](hit.content) == DECODE[coding](miss.content)
    assert len(hit.content) <= len(miss.content)
    assert int(miss["Content-Length"]) == len(miss.content)
    assert dict(hit.headers) == {**dict(miss.headers), "X-Page-Cache": "hit", "Content-Length": str(len(hit.content))}
    assert hit.get("Content-Encoding") == (None if coding == "identity" else coding)
    html = DECODE[coding](hit.content).decode()
    assert "EMDR, explained without the jargon" in html
    assert int(hit["Content-Length"]) == len(hit.content)
    # The headers the middleware inside the cache adds on a miss come with a hit too.
    assert "script-src" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["Content-Type"] == "text/html; charset=utf-8"


def test_cached_pages_tell_shared_caches_they_may_keep_them(demo, settings):
    response = Client().get(ARTICLE)

    assert response["Cache-Control"] == "public, max-age=0, s-maxage=60, stale-while-revalidate=300"
    assert response["Vary"] == "Accept-Encoding"
    assert not response.cookies


def test_head_is_answered_from_the_cache(demo):
    client = Client(HTTP_ACCEPT_ENCODING="br")
    client.get(ARTICLE)
    get = client.get(ARTICLE)
    head = client.head(ARTICLE)

    assert head.status_code == 200
    assert head["X-Page-Cache"] == "hit"
    assert head.content == b""
    assert head["Content-Length"] == get["Content-Length"]
    assert head["Content-Encoding"] == "br"


def test_a_head_before_any_get_is_answered_without_keeping_an_empty_page(demo):
    client = Client()
    head = client.head("/services/")
    assert head.status_code == 200
    assert "X-Page-Cache" not in head
    assert head["Cache-Control"].startswith("public")
    get = client.get("/services/")
    assert get["X-Page-Cache"] == "miss"
    assert "<h1" in get.content.decode()


def test_no_cached_page_carries_a_cookie_or_a_csrf_token(demo):
    client = Client()
    # A visitor who has seen the form carries a CSRF cookie; pages from the cache must not echo it.
    client.get("/contact/")
    assert "csrftoken" in client.cookies
    for path in PUBLIC_PAGES:
        client.get(path)
        hit = client.get(path)
        assert hit.status_code == 200, path
        assert hit["X-Page-Cache"] == "hit", path
        assert not hit.cookies, path
        assert "Set-Cookie" not in hit, path
        assert "csrfmiddlewaretoken" not in hit.content.decode(), path


@pytest.mark.parametrize("path", ["/contact/", "/contact/thank-you/", "/search/?q=anxiety", "/search/"])
def test_the_consultation_page_and_search_are_never_cached(demo, path):
    client = Client()
    responses = [client.get(path), client.get(path)]

    for response in responses:
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]


def test_the_consultation_forms_of_two_visitors_carry_their_own_tokens(demo):
    tokens = []
    for _ in range(2):
        html = Client().get("/contact/").content.decode()
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))
    assert tokens[0] != tokens[1]


def test_a_signed_in_editor_gets_the_userbar_and_visitors_never_do(demo, login_verified):
    visitor = Client()
    visitor.get(ARTICLE)
    assert visitor.get(ARTICLE)["X-Page-Cache"] == "hit"

    editor = Client()
    login_verified(editor, SuperuserFactory())
    for _ in range(2):
        response = editor.get(ARTICLE)
        assert "X-Page-Cache" not in response
        assert "wagtail-userbar" in response.content.decode()
        assert directives(response) == {"private", "no-store"}

    after = visitor.get(ARTICLE)
    assert after["X-Page-Cache"] == "hit"
    assert "wagtail-userbar" not in after.content.decode()


def test_a_preview_is_never_served_to_visitors(demo, login_verified):
    article = ArticlePage.objects.get(url_path__endswith=ARTICLE)
    article.title = "A draft nobody may see yet"
    article.save_revision()
    editor = Client()
    login_verified(editor, SuperuserFactory())
    for _ in range(2):
        draft = editor.get(reverse("wagtailadmin_pages:view_draft", args=(article.pk,)))
        assert "A draft nobody may see yet" in draft.content.decode()
        assert "X-Page-Cache" not in draft

    for _ in range(2):
        public = Client().get(ARTICLE).content.decode()
        assert "A draft nobody may see yet" not in public
        assert "EMDR, explained without the jargon" in public


def test_a_password_protected_page_is_never_cached(demo):
    article = ArticlePage.objects.get(url_path__endswith=ARTICLE)
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="quiet-room"
    )
    reader = Client()
    for _ in range(2):
        form = reader.get(ARTICLE)
        assert "X-Page-Cache" not in form
        assert "EMDR, explained without the jargon" not in form.content.decode()

    reader.post(
        reverse("wagtailcore_authenticate_with_password", args=(restriction.pk, article.pk)),
        {"password": "quiet-room", "return_url": ARTICLE},
    )
    for _ in range(2):
        allowed = reader.get(ARTICLE)
        assert "EMDR, explained without the jargon" in allowed.content.decode()
        assert "X-Page-Cache" not in allowed

    stranger = Client().get(ARTICLE)
    assert "EMDR, explained without the jargon" not in stranger.content.decode()
    assert "X-Page-Cache" not in stranger


def test_error_responses_are_not_cached(demo):
    client = Client()
    for _ in range(2):
        missing = client.get("/no-such-page/")
        assert missing.status_code == 404
        assert "X-Page-Cache" not in missing
        assert directives(missing) == {"private", "no-store"}


def test_query_strings_count_for_the_parameters_the_page_reads_in_any_order(demo):
    client = Client()
    assert client.get("/sitemap-pages.xml?p=1")["X-Page-Cache"] == "miss"
    assert client.get("/sitemap-pages.xml?p=1&x=2")["X-Page-Cache"] == "hit"
    assert client.get("/blog/?page=1&x=2")["X-Page-Cache"] == "miss"
    assert client.get("/blog/?x=2&page=1")["X-Page-Cache"] == "hit"
    assert client.get("/blog/?page=1")["X-Page-Cache"] == "hit"
    assert client.get("/blog/")["X-Page-Cache"] == "miss"


def test_the_cache_switched_off_renders_every_time_and_still_compresses(demo, settings):
    settings.PAGE_CACHE_ENABLED = False
    client = Client(HTTP_ACCEPT_ENCODING="gzip, br")
    for _ in range(2):
        response = client.get(ARTICLE)
        assert "X-Page-Cache" not in response
        assert response["Content-Encoding"] == "br"
        assert "EMDR" in brotli.decompress(response.content).decode()
        assert response["Cache-Control"].startswith("public")


@pytest.mark.parametrize(
    ("accept", "coding"),
    [("br;q=0, gzip", "gzip"), ("gzip;q=0.5, br;q=0.4", "gzip"), ("*", "br"), ("identity", None), ("br;q=0", None)],
)
def test_the_coding_follows_accept_encoding(demo, accept, coding):
    client = Client(HTTP_ACCEPT_ENCODING=accept)
    for response in (client.get("/faq/"), client.get("/contact/")):
        assert response.get("Content-Encoding") == coding
        assert "Accept-Encoding" in response["Vary"]
