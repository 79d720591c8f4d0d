"""Every change a visitor could see shows on the very next anonymous request, in any process."""

import pytest
from wagtail.models import Page

from blog.models import ArticlePage, Topic
from practice_site.core.models import PracticeSettings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARTICLE = "/blog/emdr-explained/"


def cached(visitor, path):
    """Ask twice, so the page is in the cache (the second answer comes from it)."""
    first = visitor.get(path)
    second = visitor.get(path)
    assert (first.cache, second.cache) == ("miss", "hit")
    assert second.text == first.text
    return second


def test_a_publish_shows_at_once(demo, visitor):
    assert "EMDR, explained without the jargon" in cached(visitor, ARTICLE).text
    article = ArticlePage.objects.get(url_path__endswith=ARTICLE)
    article.title = "EMDR, in plain words"
    article.save_revision().publish()

    after = visitor.get(ARTICLE)
    assert after.cache == "miss"
    assert "EMDR, in plain words" in after.text
    assert "EMDR, in plain words" in visitor.get("/blog/").text


def test_an_unpublish_shows_at_once(demo, visitor):
    cached(visitor, ARTICLE)
    ArticlePage.objects.get(url_path__endswith=ARTICLE).unpublish()

    assert visitor.get(ARTICLE).status == 404
    assert "EMDR, explained without the jargon" not in visitor.get("/blog/").text


def test_a_move_shows_at_once(demo, visitor):
    cached(visitor, ARTICLE)
    article = ArticlePage.objects.get(url_path__endswith=ARTICLE)
    article.move(Page.objects.get(url_path="/home/about/"), pos="last-child")

    # Wagtail leaves a permanent redirect from the old address.
    assert visitor.get(ARTICLE).status == 301
    moved = visitor.get("/about/emdr-explained/")
    assert moved.status == 200
    assert "EMDR, explained without the jargon" in moved.text


def test_a_delete_shows_at_once(demo, visitor):
    cached(visitor, ARTICLE)
    ArticlePage.objects.get(url_path__endswith=ARTICLE).delete()

    assert visitor.get(ARTICLE).status == 404


def test_a_settings_change_shows_at_once(demo, visitor):
    cached(visitor, ARTICLE)
    practice = PracticeSettings.load()
    practice.phone = "(832) 555-0199"
    practice.save()

    assert "(832) 555-0199" in visitor.get(ARTICLE).text


def test_a_topic_change_shows_at_once(demo, visitor):
    cached(visitor, ARTICLE)
    topic = Topic.objects.get(slug="trauma")
    topic.name = "Healing after trauma"
    topic.save()

    assert "Healing after trauma" in visitor.get(ARTICLE).text
