"""What replaces the content version: publishing signals, and saves of the models named in settings."""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from practice_site.core import sitewide

from . import version


def content_changed(sender, **kwargs):
    version.bump()


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        version.bump()


def page_saved(sender, instance, **kwargs):
    # A saved draft changes nothing a visitor sees, so the shared version stays; but a page saved outside
    # Wagtail's publishing (a script, a test) may have changed its live fields, so this process forgets.
    if isinstance(instance, Page):
        sitewide.forget()


def connect() -> None:
    # Scheduled publishing (`manage.py publish_scheduled`) publishes and unpublishes through these too.
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(content_changed, dispatch_uid=f"pagecache-{id(signal)}")
    # Deleting a page deletes its descendants as plain Page rows: no publishing signal says so.
    post_delete.connect(page_deleted, dispatch_uid="pagecache-page-deleted")
    post_save.connect(page_saved, dispatch_uid="pagecache-page-saved")
    for label in settings.PAGE_CACHE_INVALIDATED_BY:
        model = apps.get_model(label)
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                content_changed, sender=field.remote_field.through, dispatch_uid=f"pagecache-m2m-{label}-{field.name}"
            )
