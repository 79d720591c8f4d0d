"""The sitemap index and its pages: the URLs Wagtail's own sitemap lists, at most SITEMAP_PAGE_SIZE per page."""

import re

import pytest
from django.test import Client, RequestFactory
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import PageViewRestriction

from blog.models import ArticlePage

pytestmark = pytest.mark.django_db


def locations(xml: str) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", xml)


def all_page_urls(client) -> list[str]:
    urls = []
    for sitemap_url in locations(client.get("/sitemap.xml").content.decode()):
        page = client.get(sitemap_url.removeprefix("http://testserver"))
        assert page.status_code == 200
        assert page["Content-Type"] == "application/xml"
        urls += locations(page.content.decode())
    return urls


def wagtail_sitemap_urls() -> list[str]:
    request = RequestFactory().get("/sitemap.xml")
    return [page.get_full_url(request) for page in WagtailSitemap(request).items()]


def test_the_index_pages_hold_the_urls_wagtails_sitemap_lists(demo_site, settings):
    settings.SITEMAP_PAGE_SIZE = 7
    client = Client()
    index = locations(client.get("/sitemap.xml").content.decode())
    expected = wagtail_sitemap_urls()

    assert len(expected) > 14
    assert index[0] == "http://testserver/sitemap-pages.xml"
    assert index[1:] == [f"http://testserver/sitemap-pages.xml?p={n}" for n in range(2, len(index) + 1)]
    assert len(index) == -(-len(expected) // 7)
    assert all_page_urls(client) == expected
    for sitemap_url in index:
        assert len(locations(client.get(sitemap_url.removeprefix("http://testserver")).content.decode())) <= 7


def test_unpublished_and_private_pages_are_left_out(demo_site):
    article = ArticlePage.objects.get(slug="emdr-explained")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="x")
    ArticlePage.objects.get(slug="sleep-and-anxiety").unpublish()

    urls = all_page_urls(Client())
    assert urls == wagtail_sitemap_urls()
    assert "http://localhost/blog/emdr-explained/" not in urls
    assert not any("sleep-and-anxiety" in url for url in urls)
    assert "http://localhost/blog/" in urls


def test_each_entry_says_when_the_page_last_changed(demo_site):
    xml = Client().get("/sitemap-pages.xml").content.decode()
    assert xml.count("<lastmod>") == len(locations(xml))


def test_a_page_past_the_last_is_not_found(demo_site, settings):
    settings.SITEMAP_PAGE_SIZE = 1000
    assert Client().get("/sitemap-pages.xml?p=2").status_code == 404
    assert Client().get("/sitemap-nothing.xml").status_code == 404


def test_the_sitemap_is_cached_like_pages(demo):
    client = Client()
    assert client.get("/sitemap-pages.xml")["X-Page-Cache"] == "miss"
    assert client.get("/sitemap-pages.xml")["X-Page-Cache"] == "hit"
