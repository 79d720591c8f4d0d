"""Writing what the readers found into Wagtail: pages, images, topics and redirects, in one transaction.

Each thing made is remembered in ImportedItem under its source's id, so a second run updates it (or leaves it,
when nothing changed or when someone has edited the page since) instead of making another.
"""

import hashlib
import json
import sys
from dataclasses import asdict
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify
from tqdm import tqdm
from wagtail.contrib.redirects.models import Redirect
from wagtail.coreutils import find_available_slug
from wagtail.models import Page, Site

from blog.models import ArticlePage, BlogIndexPage, Topic
from practice_site.pages.models import ClinicianPage, StandardPage

from .blocks import BodyContext, to_blocks
from .bundle import Asset, Bundle, ImportRefused, Item
from .images import ImageStore
from .models import ImportedItem
from .report import Report

CONTACT = "contact"
PROGRESS_FROM = 10  # items; fewer finish before a bar would be worth drawing


def consultation_page():
    """The live consultation request page, found by its type so this app needs no import from contact."""
    content_type = ContentType.objects.filter(app_label="contact", model="contactpage").first()
    return Page.objects.filter(content_type=content_type, live=True).first() if content_type else None


def unique_assets(bundle: Bundle) -> list[Asset]:
    return list({asset.source_id: asset for asset in bundle.assets.values()}.values())


def fingerprint(item: Item, status: str) -> str:
    return hashlib.sha256(json.dumps([asdict(item), status], default=str, sort_keys=True).encode()).hexdigest()


class Importer:
    """``status``: "source" keeps each item's own status, "draft"/"live" force one; None picks per format."""

    def __init__(self, *, status=None, overwrite=False, dry_run=False, progress=False, on_step=None):
        self.status = status
        self.overwrite = overwrite
        self.dry_run = dry_run
        self.progress = progress
        # on_step(done, total): how the admin's progress page learns how far the import is.
        self.on_step = on_step or (lambda done, total: None)
        self.report = Report(dry_run=dry_run)
        self.store = ImageStore(self.report, dry_run=dry_run)
        self.image_for = self.store.image_for
        self.authors: dict[str, ClinicianPage | None] = {}
        self.topics_seen: set[str] = set()

    def run(self, bundles: list[Bundle]) -> Report:
        self.steps = sum(len(bundle.items) + len(unique_assets(bundle)) for bundle in bundles)
        steps = self.steps
        self.done = 0
        self.bar = tqdm(
            total=steps, desc="Importing", unit="item", file=sys.stderr, leave=False,
            disable=not self.progress or steps < PROGRESS_FROM,
        )
        try:
            with transaction.atomic():
                for bundle in bundles:
                    self.write(bundle)
                # A dry run's rows vanish with the rollback, and with them any work queued for after the commit
                # (the CDN purge, search indexing): it stores no file and publishes nothing in the first place.
                if self.dry_run:
                    transaction.set_rollback(True)
        except BaseException:
            self.store.remove_stored_files()
            raise
        finally:
            self.bar.close()
        return self.report

    def step(self):
        self.bar.update()
        self.done += 1
        self.on_step(self.done, self.steps)

    # Places -------------------------------------------------------------------------------------------------

    def places(self, bundle: Bundle):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise ImportRefused("There is no default site to import into.")
        home = site.root_page.specific
        blog = BlogIndexPage.objects.descendant_of(home).first() or BlogIndexPage.objects.first()
        if blog is None and any(item.kind == "article" for item in bundle.items):
            raise ImportRefused("There is no blog index page to put articles under; add one, then import again.")
        return home, blog

    def target_status(self, bundle: Bundle, item: Item) -> str:
        choice = self.status or ("source" if bundle.is_export else "draft")
        return item.status if choice == "source" else choice

    # Writing ------------------------------------------------------------------------------------------------

    def write(self, bundle: Bundle):
        home, blog = self.places(bundle)
        self.report.skipped += [f"{label}: {reason}" for label, reason in bundle.skipped]
        self.report.comments += bundle.comments
        self.report.notes += bundle.notes
        self.report.add(self.report.other_types, bundle.other_types)
        self.report.add(self.report.removed, bundle.findings.removed)
        self.report.add(self.report.unknown_shortcodes, bundle.findings.unknown_shortcodes)
        for skipped in bundle.skipped:
            self.report.count("pages" if skipped[0].startswith("Page") else "articles", "skipped")

        for asset in unique_assets(bundle):
            self.image_for(asset)
            self.step()

        path_map = {Redirect.normalise_path(path): item.source_id for item in bundle.items for path in item.old_paths}
        path_map.update({Redirect.normalise_path(path): CONTACT for path in bundle.contact_paths})
        consultation = consultation_page()

        pages = {}
        for item in self.parents_first(bundle.items):
            parent = blog if item.kind == "article" else pages.get(item.parent_id, home)
            pages[item.source_id] = self.page_for(item, parent)

        def link(href):
            return self.link(href, bundle, path_map, pages, consultation)

        for item in bundle.items:
            context = BodyContext(link=link, image=lambda src, alt, css: self.body_image(bundle, src, alt, css))
            self.fill(item, pages[item.source_id], self.target_status(bundle, item), context, bundle)
            self.step()
        for item in bundle.items:
            self.redirects(item.source_id, item.old_paths, pages[item.source_id])
        if consultation is not None and bundle.items:
            self.redirects(bundle.items[0].source_id.rsplit("#", 1)[0] + "#contact", bundle.contact_paths, consultation)

    @staticmethod
    def parents_first(items: list[Item]) -> list[Item]:
        known = {item.source_id for item in items}
        ordered, placed = [], set()
        pending = list(items)
        while pending:
            ready = [item for item in pending if not item.parent_id or item.parent_id in placed
                     or item.parent_id not in known]
            if not ready:  # a loop of parents in a damaged export: the rest go under the home page
                ready = pending
            for item in ready:
                ordered.append(item)
                placed.add(item.source_id)
            pending = [item for item in pending if item.source_id not in placed]
        return ordered

    def page_for(self, item: Item, parent):
        """The page this item was imported to before, or a new one waiting for its content."""
        record = ImportedItem.objects.filter(kind=ImportedItem.Kind.PAGE, source_id=item.source_id).first()
        if record and record.page_id:
            return record.page.specific
        model = ArticlePage if item.kind == "article" else StandardPage
        slug = find_available_slug(parent, item.slug)
        if slug != item.slug:
            self.report.notes.append(f"New address: “{item.title}” is at {slug}, as {item.slug} was taken")
        page = model(
            title=item.title,
            slug=slug,
            live=False,
            body=[{"type": "paragraph", "value": "<p>…</p>"}],
            **({"summary": item.summary or item.title} if model is ArticlePage else {}),
        )
        parent.add_child(instance=page)
        page.imported_now = True
        ImportedItem.objects.create(kind=ImportedItem.Kind.PAGE, source_id=item.source_id, page=page)
        return page

    def fill(self, item: Item, page, status: str, context: BodyContext, bundle: Bundle):
        kind = "articles" if item.kind == "article" else "pages"
        record = ImportedItem.objects.get(kind=ImportedItem.Kind.PAGE, source_id=item.source_id)
        new = getattr(page, "imported_now", False)
        digest = fingerprint(item, status)
        if not new:
            if record.revision_id and page.latest_revision_id != record.revision_id and not self.overwrite:
                self.report.kept_edits.append(page.title)
                self.report.count(kind, "skipped")
                return
            if record.fingerprint == digest and page.latest_revision_id == record.revision_id:
                self.report.count(kind, "unchanged")
                return
            page = page.get_latest_revision_as_object()

        body = to_blocks(item.html, context) or [{"type": "paragraph", "value": f"<p>{item.title}</p>"}]
        asset = (bundle.assets.get(item.image_src) or bundle.find_image(item.image_src)) if item.image_src else None
        article = isinstance(page, ArticlePage)
        hero = self.image_for(asset) if asset and article else None
        topics = [self.topic(name) for name in dict.fromkeys(item.topics)] if article else []
        if self.dry_run:
            self.report.count(kind, "created" if new else "updated")
            return
        page.title = item.title
        page.slug = page.slug if new else find_available_slug(page.get_parent(), item.slug, ignore_page_id=page.pk)
        page.search_description = item.search_description
        page.body = body
        if article:
            page.summary = item.summary or item.title
            page.hero_image = hero
            page.author = self.author(item.author)
            page.topics.set(topics)
        else:
            page.introduction = item.summary[:500] if item.search_description else ""
        if not page.live:
            page.save()
        revision = page.save_revision(changed=True)
        if status == "live":
            revision.publish()
            if item.published_at:
                Page.objects.filter(pk=page.pk).update(
                    first_published_at=item.published_at, last_published_at=item.modified_at or item.published_at
                )
        record.revision_id = revision.pk
        record.fingerprint = digest
        record.save()
        self.report.count(kind, "created" if new else "updated")
        self.report.pages.append((item.title, page.pk, "created" if new else "updated"))

    # Bodies: links and images -------------------------------------------------------------------------------

    def link(self, href: str, bundle: Bundle, path_map: dict, pages: dict, consultation):
        href = (href or "").strip()
        parts = urlsplit(href)
        if not href or (parts.scheme and parts.scheme not in {"http", "https", "mailto", "tel"}):
            return None
        if parts.scheme in {"mailto", "tel"} or (not parts.path and parts.fragment):
            return ("url", href)
        host = parts.netloc.lower().removeprefix("www.")
        if not parts.netloc or host in bundle.old_hosts:
            target = path_map.get(Redirect.normalise_path(href))
            if target == CONTACT and consultation is not None:
                return ("page", consultation.pk)
            if target in pages:
                return ("page", pages[target].pk)
        return ("url", href)

    def body_image(self, bundle: Bundle, src: str, alt: str, css_class: str):
        asset = bundle.find_image(css_class) if "wp-image-" in css_class else None
        asset = asset or bundle.assets.get(src) or bundle.find_image(src)
        if asset is None:
            self.report.images_missing.append(src or "an image without an address")
            return None
        image = self.image_for(asset)
        if image is None:
            return None
        return image.pk, alt.strip() or asset.alt or image.description

    def author(self, name: str):
        name = (name or "").strip()
        if name not in self.authors:
            self.authors[name] = ClinicianPage.objects.filter(title__iexact=name).first() if name else None
        return self.authors[name]

    def topic(self, name: str) -> Topic:
        name = name.strip()[:80]
        slug = slugify(name)[:80] or "topic"
        topic = Topic.objects.filter(name__iexact=name).first() or Topic.objects.filter(slug=slug).first()
        if topic is not None:
            if topic.pk not in self.topics_seen:
                self.topics_seen.add(topic.pk)
                self.report.count("topics", "unchanged")
            return topic
        self.report.count("topics", "created")
        topic = Topic.objects.create(name=name, slug=slug)
        self.topics_seen.add(topic.pk)
        return topic

    # Old addresses ------------------------------------------------------------------------------------------

    def redirects(self, source_id: str, old_paths, page):
        new_path = Redirect.normalise_path(page.get_url() or page.url_path)
        for old in dict.fromkeys(Redirect.normalise_path(path) for path in old_paths):
            if old in {new_path, "/"}:
                continue
            key = f"{source_id.rsplit('#', 1)[0]}{old}"
            record = ImportedItem.objects.filter(kind=ImportedItem.Kind.REDIRECT, source_id=key).first()
            redirect = Redirect.objects.filter(old_path=old, site=None).first()
            if redirect is None:
                redirect = Redirect.objects.create(old_path=old, site=None, is_permanent=True, redirect_page=page)
                ImportedItem.objects.update_or_create(
                    kind=ImportedItem.Kind.REDIRECT, source_id=key, defaults={"redirect": redirect}
                )
                self.report.count("redirects", "created")
            elif redirect.redirect_page_id == page.pk and redirect.is_permanent:
                self.report.count("redirects", "unchanged")
            elif record and record.redirect_id == redirect.pk:
                redirect.redirect_page, redirect.redirect_link, redirect.is_permanent = page, "", True
                redirect.save()
                self.report.count("redirects", "updated")
            else:
                self.report.count("redirects", "skipped")
                self.report.skipped.append(f"Redirect from {old}: one already exists there and was kept")

