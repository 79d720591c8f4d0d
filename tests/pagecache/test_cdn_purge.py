"""Publishing purges the page and every listing that shows it from a CDN or caching proxy."""

import socket

import pytest

from tests.factories.pages import ArticleFactory

# Purges are sent once the change commits (test_purge_after_commit.py): each change here commits.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def http_purge(settings, purge_server):
    host, port = purge_server.server_address
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": f"http://{host}:{port}"}
    }
    return purge_server


def listings_of(article):
    return {
        ("localhost", f"/blog/{article.slug}/"),
        ("localhost", "/blog/"),
        ("localhost", "/blog/feed/"),
        ("localhost", "/blog/topic/anxiety/"),
        ("localhost", "/"),
    }


def test_publishing_an_article_purges_it_its_blog_index_topic_listings_feed_and_home(small_site, http_purge):
    article = ArticleFactory(parent=small_site.blog, title="Sleep and worry", live=False, topics=[small_site.topic])
    http_purge.purged.clear()

    article.save_revision().publish()

    assert set(http_purge.purged) == listings_of(article)


def test_unpublishing_purges_the_same_listings(small_site, http_purge):
    article = small_site.articles[0]
    http_purge.purged.clear()

    article.unpublish()

    assert set(http_purge.purged) == listings_of(article)


def test_publishing_through_the_admin_purges_too(small_site, http_purge, client, admin_user, login_verified):
    service = small_site.services[0]
    login_verified(client, admin_user)
    http_purge.purged.clear()

    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={service.pk}&next=/admin/pages/",
        {"include_descendants": ""},
    )

    assert response.status_code == 302
    assert set(http_purge.purged) == {("localhost", f"/services/{service.slug}/"), ("localhost", "/services/"),
                                      ("localhost", "/")}


def test_without_a_configured_backend_nothing_is_sent(small_site, settings, purge_server):
    settings.WAGTAILFRONTENDCACHE = {}
    small_site.articles[0].save_revision().publish()
    assert purge_server.purged == []


def test_an_unreachable_cache_never_blocks_publishing(small_site, settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": f"http://127.0.0.1:{closed_port}"}
    }
    article = small_site.articles[0]
    article.title = "Sleep, revisited"

    article.save_revision().publish()

    article.refresh_from_db()
    assert article.live and article.title == "Sleep, revisited"
