"""Related articles and the blog's topics, now semi-joins instead of SELECT DISTINCT, give what the old queries gave."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from blog.models import ArticlePage, ArticleRelatedLink, Topic
from practice_site.core.models import RELATED_ARTICLE_COUNT
from tests.factories.pages import ArticleFactory, TopicFactory

pytestmark = pytest.mark.django_db


def related_the_old_way(article):
    listed = ArticlePage.objects.listed().exclude(pk=article.pk)
    picked = list(listed.filter(related_from__page=article).order_by("related_from__sort_order"))
    remaining = RELATED_ARTICLE_COUNT - len(picked)
    if remaining <= 0:
        return picked[:RELATED_ARTICLE_COUNT]
    same_topic = (
        listed.filter(topics__in=article.topics.all()).exclude(pk__in=[a.pk for a in picked]).distinct()[:remaining]
    )
    return picked + list(same_topic)


@pytest.fixture
def mixed_blog(small_site):
    """Articles on two topics, some on both, some hidden, some hand-picked, published on different days."""
    blog, anxiety = small_site.blog, small_site.topic
    grief = TopicFactory(name="Grief", slug="grief")
    unused = TopicFactory(name="Unused", slug="unused")
    now = timezone.now()
    articles = [
        ArticleFactory(parent=blog, title=f"Mixed {index}", first_published_at=now - timedelta(days=index),
                       topics=[[anxiety], [grief], [anxiety, grief], []][index % 4])
        for index in range(12)
    ]
    draft = ArticleFactory(parent=blog, title="Draft", live=False, topics=[grief, unused])
    private = ArticleFactory(parent=blog, title="Private", topics=[grief, unused])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    ArticleRelatedLink.objects.create(page=articles[0], article=articles[7], sort_order=0)
    ArticleRelatedLink.objects.create(page=articles[0], article=draft, sort_order=1)
    ArticleRelatedLink.objects.create(page=articles[1], article=articles[3], sort_order=0)
    ArticleRelatedLink.objects.create(page=articles[1], article=articles[2], sort_order=1)
    ArticleRelatedLink.objects.create(page=articles[1], article=articles[5], sort_order=2)
    ArticleRelatedLink.objects.create(page=articles[2], article=private, sort_order=0)
    return small_site


def test_related_articles_are_the_ones_the_distinct_query_found(mixed_blog):
    for article in ArticlePage.objects.all():
        assert article.related_articles() == related_the_old_way(article), article.title


def test_blog_topics_are_the_ones_the_distinct_query_found(mixed_blog):
    blog = mixed_blog.blog
    old = Topic.objects.filter(articles__in=blog.articles().values("pk")).distinct()
    assert list(blog.topics()) == list(old)
    assert [topic.slug for topic in blog.topics()] == ["anxiety", "grief"]
