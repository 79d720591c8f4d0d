"""Every public page says what it is to search engines."""

import re

import pytest
from django.test import Client
from django.utils.text import Truncator

from blog.models import ArticlePage

pytestmark = pytest.mark.django_db

PAGES = ["/", "/services/", "/services/trauma-therapy/", "/team/", "/team/priya-raman/", "/blog/",
         "/blog/emdr-explained/", "/blog/topic/anxiety/", "/about/", "/fees/", "/faq/", "/privacy/",
         "/notice-of-privacy-practices/", "/accessibility/", "/search/", "/contact/"]


def description(path: str) -> str:
    html = Client().get(path).content.decode()
    found = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(found) == 1, path
    return found[0]


def test_every_public_page_has_a_meta_description(demo_site):
    for path in PAGES:
        text = description(path)
        assert 20 <= len(text) <= 160, path
        assert "<" not in text, path


def test_the_search_description_comes_first_then_the_summary(demo_site):
    article = ArticlePage.objects.get(slug="emdr-explained")
    assert description(article.url) == Truncator(article.summary).chars(160)

    article.search_description = "How EMDR sessions work, in plain words."
    article.save_revision().publish()
    assert description(article.url) == "How EMDR sessions work, in plain words."
