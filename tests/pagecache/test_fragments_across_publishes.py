"""A publish keeps the fragments it did not change: an article's publish through another process re-renders
only that article's card, while a settings change or a menu page's publish replaces the header and footer."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .conftest import in_another_process

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The header's and footer's queries choose pages by "show in menus", which a kept fragment does not send.
MENU_CONDITION = '"wagtailcore_page"."show_in_menus"'


def menu_queries(queries: list[str]) -> list[str]:
    return [query for query in queries if MENU_CONDITION in query.partition(" WHERE ")[2]]


def blog_index(client) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/blog/").content.decode()
    return html, [query["sql"] for query in queries]


def test_an_article_published_elsewhere_keeps_the_header_footer_and_other_cards(demo):
    client = Client()
    html, _ = blog_index(client)
    assert "EMDR, explained without the jargon" in html

    in_another_process(
        "from blog.models import ArticlePage\n"
        "page = ArticlePage.objects.get(slug='emdr-explained')\n"
        "page.title = 'EMDR in plain words'\n"
        "page.save_revision().publish()"
    )
    html, queries = blog_index(client)
    assert "EMDR in plain words" in html, "the article's own card was kept from before its publish"
    assert not menu_queries(queries), "the header or footer was rendered again"


def test_a_settings_change_or_a_menu_page_published_elsewhere_replaces_the_header_and_footer(demo):
    client = Client()
    blog_index(client)
    in_another_process(
        "from practice_site.core.models import PracticeSettings\n"
        "practice = PracticeSettings.load()\n"
        "practice.phone = '(832) 555-0199'\n"
        "practice.save()"
    )
    html, queries = blog_index(client)
    assert "(832) 555-0199" in html
    assert menu_queries(queries)

    in_another_process(
        "from wagtail.models import Page\n"
        "page = Page.objects.get(url_path='/home/fees/').specific\n"
        "page.title = 'Fees and insurance'\n"
        "page.save_revision().publish()"
    )
    html, _ = blog_index(client)
    assert ">Fees and insurance</a>" in html
