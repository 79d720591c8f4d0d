"""Adds generated articles and consultation requests to the bench database, in bulk.

Articles are copies of the first demo article with their own title, slug and dates, inserted as rows
(page tree paths computed here) rather than one ``add_child`` and revision each: 5,000 take seconds.
They are not in the search index. Run by ``python -m practice_site.bench`` with its environment.
"""

import argparse
import random
import time
import uuid
from datetime import timedelta

import django

# Not a cycle: the functions below import models only after __main__ has called django.setup()
# with the bench's own settings, which module-level imports would precede.

BATCH = 1000
SURNAMES = ["Smith", "Garcia", "Nguyen", "Johnson", "Patel", "Williams", "Brown", "Lopez", "Kim", "Okafor"]
GIVEN = ["Maya", "Sam", "Alex", "Jordan", "Priya", "Luis", "Avery", "Taylor", "Noor", "Chris"]


def generate_articles(count: int) -> None:
    from django.db import connection, transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    from blog.models import ArticlePage, BlogIndexPage

    blog = BlogIndexPage.objects.get()
    template = ArticlePage.objects.child_of(blog).order_by("path").first()
    topics = list(template.topics.all())
    last_step = Page._str2int(blog.get_last_child().path[-Page.steplen :])
    skipped = {"id", "page_ptr", "path", "depth", "numchild", "url_path", "slug", "title", "draft_title",
               "translation_key", "latest_revision", "live_revision", "first_published_at", "last_published_at",
               "latest_revision_created_at"}
    copied = {
        field.attname: field.value_from_object(template)
        for field in ArticlePage._meta.concrete_fields
        if field.name not in skipped
    }
    now = timezone.now()
    topic_links = ArticlePage.topics.through
    with transaction.atomic():
        for start in range(0, count, BATCH):
            articles = []
            for number in range(start, min(count, start + BATCH)):
                title = f"Generated article {number + 1}"
                slug = f"generated-article-{number + 1}"
                published = now - timedelta(hours=number + 1)
                articles.append(ArticlePage(
                    **copied, title=title, draft_title=title, slug=slug, url_path=f"{blog.url_path}{slug}/",
                    path=Page._get_path(blog.path, blog.depth + 1, last_step + number + 1), depth=blog.depth + 1,
                    numchild=0, translation_key=uuid.uuid4(), first_published_at=published,
                    last_published_at=published, latest_revision_created_at=published,
                ))
            # Multi-table rows: the Page row first (bulk_create returns its id), then the article's own row.
            pages = Page.objects.bulk_create([Page(**{
                field.attname: getattr(article, field.attname)
                for field in Page._meta.concrete_fields if field.name != "id"
            }) for article in articles])
            for article, page in zip(articles, pages, strict=True):
                article.page_ptr_id = article.id = page.id
            local = [field for field in ArticlePage._meta.local_concrete_fields]
            ArticlePage._base_manager._insert(articles, fields=local, using=connection.alias)
            topic_links.objects.bulk_create(
                [topic_links(articlepage_id=article.id, topic_id=topic.id) for article in articles for topic in topics]
            )
            print(f"  articles: {min(count, start + BATCH):,} of {count:,}", flush=True)
        Page.objects.filter(pk=blog.pk).update(numchild=F("numchild") + count)


def generate_requests(count: int) -> None:
    from django.utils import timezone

    from contact.models import ConsultationRequest as Request

    rng = random.Random(10)
    now = timezone.now()
    statuses = [choice for choice, _ in Request.Status.choices]
    for start in range(0, count, BATCH * 5):
        Request.objects.bulk_create([
            Request(
                received_at=now - timedelta(minutes=number * 7),
                name=f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}",
                email=f"person{number}@example.com",
                phone=f"+1713555{number % 10000:04d}",
                preferred_contact=Request.ContactMethod.EMAIL,
                therapy_for=Request.TherapyFor.SELF,
                in_texas=True,
                session_format=Request.SessionFormat.EITHER,
                payment=Request.Payment.SELF_PAY,
                privacy_notice_accepted_at=now,
                status=rng.choice(statuses),
            )
            for number in range(start, min(count, start + BATCH * 5))
        ])
        print(f"  consultation requests: {min(count, start + BATCH * 5):,} of {count:,}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=0)
    parser.add_argument("--requests", type=int, default=0)
    arguments = parser.parse_args()
    django.setup()
    began = time.monotonic()
    if arguments.articles:
        generate_articles(arguments.articles)
    if arguments.requests:
        generate_requests(arguments.requests)
    print(f"  generated in {time.monotonic() - began:.1f} s", flush=True)


if __name__ == "__main__":
    main()
