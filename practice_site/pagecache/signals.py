"""What replaces the content version: publishing signals, and saves of the models named in settings."""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from practice_site.core import sitewide

from .invalidation import content_changed


def page_changed(sender, instance, **kwargs):
    content_changed(page=instance)


def page_moved(sender, instance, **kwargs):
    content_changed()


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        content_changed()


def site_wide_change(sender, **kwargs):
    content_changed(site_wide=True)


def snippet_published(sender, instance, **kwargs):
    # Pages send these too, after page_published/page_unpublished.
    if not isinstance(instance, Page):
        content_changed(site_wide=True)


def page_saved(sender, instance, **kwargs):
    # A saved draft changes nothing a visitor sees, so the shared version stays; but a page saved outside
    # Wagtail's publishing (a script, a test) may have changed its live fields, so this process forgets.
    if isinstance(instance, Page):
        sitewide.forget()


def connect() -> None:
    # Scheduled publishing (`manage.py publish_scheduled`) publishes and unpublishes through these too.
    page_published.connect(page_changed, dispatch_uid="pagecache-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="pagecache-page-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="pagecache-page-moved")
    # Snippets with drafts (DraftStateMixin) publish through these.
    for signal in (published, unpublished):
        signal.connect(snippet_published, dispatch_uid=f"pagecache-{id(signal)}")
    # Deleting a page deletes its descendants as plain Page rows: no publishing signal says so.
    post_delete.connect(page_deleted, dispatch_uid="pagecache-page-deleted")
    post_save.connect(page_saved, dispatch_uid="pagecache-page-saved")
    for label in settings.PAGE_CACHE_INVALIDATED_BY:
        model = apps.get_model(label)
        post_save.connect(site_wide_change, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(site_wide_change, sender=model, dispatch_uid=f"pagecache-delete-{label}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                site_wide_change, sender=field.remote_field.through,
                dispatch_uid=f"pagecache-m2m-{label}-{field.name}",
            )
