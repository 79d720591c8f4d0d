"""The blog as visitors and feed readers see it: listings, topics, feed, articles and related reading."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from blog.models import ArticleRelatedLink
from tests.factories.pages import ArticleFactory, TopicFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def titles_on(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def hidden_articles(small_site):
    """A draft and a password-protected article that share everything with the listed ones."""
    common = {"parent": small_site.blog, "topics": [small_site.topic], "related_services": [small_site.services[0]]}
    draft = ArticleFactory(title="Unfinished draft", live=False, **common)
    private = ArticleFactory(title="Staff only piece", **common)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return [draft, private]


def test_blog_index_paginates_twelve_to_a_page(client, small_site):
    for index in range(10):
        ArticleFactory(
            parent=small_site.blog, title=f"Older {index}",
            first_published_at=timezone.now() - timedelta(days=30 + index),
        )

    first = titles_on(client, "/blog/")
    second = titles_on(client, "/blog/?page=2")

    assert first.count('class="card"') == 12
    assert second.count('class="card"') == 1
    assert "Older 9" in second and "Older 9" not in first
    assert 'href="?page=2" rel="next"' in first


@pytest.mark.parametrize("query", ["?page=abc", "?page=99999", "?page=0", "?page=-1", "?page=" + "9" * 5000])
def test_bad_page_numbers_are_a_404_not_an_error(client, small_site, query):
    response = client.get("/blog/" + query)
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


def test_topic_pages_list_only_their_articles_at_a_stable_address(client, small_site):
    other_topic = TopicFactory(name="Couples", slug="couples")
    couples_article = ArticleFactory(parent=small_site.blog, title="Same argument again", topics=[other_topic])

    anxiety = titles_on(client, "/blog/topic/anxiety/")
    couples = titles_on(client, "/blog/topic/couples/")

    assert couples_article.title not in anxiety
    assert all(article.title in anxiety for article in small_site.articles)
    assert couples_article.title in couples and small_site.articles[0].title not in couples
    assert '<a href="/blog/topic/couples/" aria-current="page">Couples</a>' in couples


def test_unknown_topic_is_a_404(client, small_site):
    assert client.get("/blog/topic/no-such-topic/").status_code == 404
    assert client.get("/blog/topic/" + "x" * 3000 + "/").status_code == 404


def test_topics_without_public_articles_are_not_offered(client, small_site, hidden_articles):
    lonely = TopicFactory(name="Lonely topic", slug="lonely")
    hidden_articles[0].topics.set([lonely])
    hidden_articles[0].save()
    assert "Lonely topic" not in titles_on(client, "/blog/")


def test_drafts_and_private_articles_never_appear_in_listings(client, small_site, hidden_articles):
    for url in ("/", "/blog/", "/blog/topic/anxiety/", small_site.services[0].url, small_site.articles[0].url,
                "/search/?q=draft", "/search/?q=staff"):
        html = titles_on(client, url)
        assert "Unfinished draft" not in html, url
        assert "Staff only piece" not in html, url


def test_feed_lists_public_articles_as_atom_with_absolute_links(client, small_site, hidden_articles):
    response = client.get("/blog/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 (our own feed, not untrusted input)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert sorted(titles) == sorted(article.title for article in small_site.articles)
    link = feed.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link.startswith("http://testserver/blog/article-")


def test_article_shows_authorship_review_reading_time_and_content_note(client, small_site):
    article = small_site.articles[0]
    article.content_note = "This article mentions panic attacks."
    article.last_updated = timezone.localdate()
    article.save()

    html = titles_on(client, article.url)

    assert f"By <a href=\"{small_site.clinicians[0].url}\">{small_site.clinicians[0].title}, LPC</a>" in html
    assert "Clinically reviewed by" in html and "January 5, 2026" in html
    assert "2 min read" in html  # 442 words at 220 a minute
    assert "Updated <time" in html
    note = html.index('<details class="content-note">')
    assert "<details class=\"content-note\" open" not in html
    assert note < html.index("<h2>A heading</h2>")
    assert 'href="/blog/topic/anxiety/">Anxiety</a>' in html


def test_reading_time_is_computed_from_the_body(small_site):
    article = ArticleFactory(
        parent=small_site.blog, body=[{"type": "paragraph", "value": "<p>" + "word " * 1100 + "</p>"}]
    )
    assert article.reading_time_minutes == 5


def test_related_articles_put_hand_picked_ones_first_then_same_topic(small_site, hidden_articles):
    article, *others = small_site.articles
    elsewhere = ArticleFactory(parent=small_site.blog, title="Unrelated topic")
    ArticleRelatedLink.objects.create(page=article, article=elsewhere, sort_order=0)
    ArticleRelatedLink.objects.create(page=article, article=hidden_articles[0], sort_order=1)

    related = article.related_articles()

    assert related[0] == elsewhere
    assert set(related[1:]) == set(others)
    assert article not in related
    assert not set(hidden_articles) & set(related)
    assert len(related) <= 3
