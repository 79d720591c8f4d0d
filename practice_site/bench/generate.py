"""Adds generated articles, consultation requests and waitlist entries to the bench database, in bulk.

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


def copy_pages(template, count: int, label: str, batch_done=None) -> None:
    """``count`` live copies of ``template`` after its last sibling, titled "Generated <label> N", with their
    own slugs and dates; ``batch_done(pages)`` adds what each batch's pages need besides their rows."""
    from django.db import connection, transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    model = type(template)
    parent = template.get_parent()
    last_step = Page._str2int(parent.get_last_child().path[-Page.steplen :])
    skipped = {"id", "page_ptr", "path", "depth", "numchild", "url_path", "slug", "title", "draft_title",
               "translation_key", "latest_revision", "live_revision", "first_published_at", "last_published_at",
               "latest_revision_created_at"}
    copied = {
        field.attname: field.value_from_object(template) for field in model._meta.concrete_fields
        if field.name not in skipped
    }
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, count, BATCH):
            pages = []
            for number in range(start, min(count, start + BATCH)):
                title = f"Generated {label} {number + 1}"
                slug = f"generated-{label}-{number + 1}"
                published = now - timedelta(hours=number + 1)
                pages.append(model(
                    **copied, title=title, draft_title=title, slug=slug, url_path=f"{parent.url_path}{slug}/",
                    path=Page._get_path(parent.path, parent.depth + 1, last_step + number + 1),
                    depth=parent.depth + 1, numchild=0, translation_key=uuid.uuid4(), first_published_at=published,
                    last_published_at=published, latest_revision_created_at=published,
                ))
            # Multi-table rows: the Page row first (bulk_create returns its id), then the page type's own row.
            rows = Page.objects.bulk_create([Page(**{
                field.attname: getattr(page, field.attname)
                for field in Page._meta.concrete_fields if field.name != "id"
            }) for page in pages])
            for page, row in zip(pages, rows, strict=True):
                page.page_ptr_id = page.id = row.id
            model._base_manager._insert(pages, fields=model._meta.local_concrete_fields, using=connection.alias)
            if batch_done:
                batch_done(pages)
            print(f"  {label}s: {min(count, start + BATCH):,} of {count:,}", flush=True)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + count)


def generate_articles(count: int) -> None:
    from blog.models import ArticlePage, BlogIndexPage

    template = ArticlePage.objects.child_of(BlogIndexPage.objects.get()).order_by("path").first()
    topics = list(template.topics.all())
    topic_links = ArticlePage.topics.through

    def link_topics(articles):
        topic_links.objects.bulk_create(
            [topic_links(articlepage_id=article.id, topic_id=topic.id) for article in articles for topic in topics]
        )

    copy_pages(template, count, "article", link_topics)


def request_row(number: int, rng: random.Random, now, status: str):
    from contact.models import ConsultationRequest as Request

    return Request(
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
        status=status,
    )


def generate_requests(count: int) -> None:
    from django.utils import timezone

    from contact.models import ConsultationRequest as Request

    rng = random.Random(10)
    now = timezone.now()
    statuses = [choice for choice, _ in Request.Status.choices]
    for start in range(0, count, BATCH * 5):
        Request.objects.bulk_create([
            request_row(number, rng, now, rng.choice(statuses))
            for number in range(start, min(count, start + BATCH * 5))
        ])
        print(f"  consultation requests: {min(count, start + BATCH * 5):,} of {count:,}", flush=True)


def generate_waitlist(count: int) -> None:
    """Requests on the waitlist with their entries, joined over the last year; a third name a clinician, one in
    ten has lapsed."""
    from django.utils import timezone

    from contact.models import ConsultationRequest as Request
    from contact.models import WaitlistEntry
    from practice_site.directory.choices import AgeGroup
    from practice_site.pages.models import ClinicianPage

    rng = random.Random(24)
    now = timezone.now()
    clinicians = list(ClinicianPage.objects.values_list("pk", flat=True))
    links = WaitlistEntry.clinicians.through
    for start in range(0, count, BATCH * 5):
        numbers = range(start, min(count, start + BATCH * 5))
        requests = Request.objects.bulk_create([request_row(number, rng, now, Request.Status.WAITLIST)
                                                for number in numbers])
        entries = WaitlistEntry.objects.bulk_create([
            WaitlistEntry(
                consultation=request, session_format=rng.choice(Request.SessionFormat.values),
                age_group=rng.choice(AgeGroup.values), joined_at=now - timedelta(days=rng.uniform(0, 365)),
                lapsed_at=now if number % 10 == 0 else None,
            )
            for number, request in zip(numbers, requests, strict=True)
        ])
        if clinicians:
            links.objects.bulk_create([links(waitlistentry_id=entry.pk, clinicianpage_id=rng.choice(clinicians))
                                       for entry in entries[::3]])
        print(f"  waitlist entries: {min(count, start + BATCH * 5):,} of {count:,}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=0)
    parser.add_argument("--requests", type=int, default=0)
    parser.add_argument("--waitlist", type=int, default=0)
    arguments = parser.parse_args()
    django.setup()
    began = time.monotonic()
    if arguments.articles:
        generate_articles(arguments.articles)
    if arguments.requests:
        generate_requests(arguments.requests)
    if arguments.waitlist:
        generate_waitlist(arguments.waitlist)
    print(f"  generated in {time.monotonic() - began:.1f} s", flush=True)


if __name__ == "__main__":
    main()
