"""Pages are found in one query for the whole path (BasePage.route), answering as Wagtail's routing does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories.pages import ArticleFactory

pytestmark = pytest.mark.django_db

def routing_queries(client, path) -> list[str]:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return [query["sql"] for query in queries.captured_queries if '"wagtailcore_page"."url_path" IN' in query["sql"]]


def test_an_article_is_found_in_one_query_whatever_its_depth(client, small_site):
    article = small_site.articles[0]
    assert client.get(article.url).status_code == 200
    assert len(routing_queries(client, article.url)) == 1


def test_a_route_of_the_blog_answers_before_an_article_with_the_same_slug(client, small_site):
    ArticleFactory(parent=small_site.blog, title="Feed", slug="feed")
    response = client.get(small_site.blog.url + "feed/")
    assert response["Content-Type"].startswith("application/atom+xml")


def test_topic_pages_and_paths_that_name_nothing(client, small_site):
    blog = small_site.blog.url
    article = small_site.articles[0].url
    assert client.get(blog + "topic/anxiety/").status_code == 200
    for path in ("/nothing-here/", blog + "nothing-here/", blog + "topic/", article + "more/", "/services/x/y/z/"):
        assert client.get(path).status_code == 404, path


def test_a_live_page_under_a_draft_section_is_served_as_wagtail_does(client, small_site):
    small_site.blog.unpublish()
    assert client.get(small_site.blog.url_path.removeprefix("/home")).status_code == 404
    assert client.get("/blog/" + small_site.articles[0].slug + "/").status_code == 200


def test_a_restriction_on_a_section_guards_its_pages(client, small_site):
    PageViewRestriction.objects.create(
        page=small_site.blog, restriction_type=PageViewRestriction.PASSWORD, password="quiet-room"
    )
    article = client.get(small_site.articles[0].url).content.decode()
    assert 'name="password"' in article
    assert small_site.articles[0].title not in client.get(small_site.blog.url).content.decode()


def test_an_alias_takes_its_sources_restriction(client, small_site):
    source = small_site.articles[1]
    PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.PASSWORD, password="x-9")
    alias = source.create_alias(parent=small_site.services_index, update_slug="alias-of-an-article")
    answer = client.get(alias.url).content.decode()
    assert 'name="password"' in answer
    assert 'class="article"' not in answer
