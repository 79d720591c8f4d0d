"""Purge a CDN or caching proxy when a page is published or unpublished.

Wagtail's own frontend_cache app purges only the page itself; a new or changed article also appears in
the listings above it (its section index, the home page). One batch purges the page and every ancestor
below the tree root, each with its ``get_cached_paths()`` (a routable index lists its sub-pages, such as
topic listings, there). The backends come from ``WAGTAILFRONTENDCACHE``, filled from the environment;
without one configured nothing is sent.
"""

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.signals import page_published, page_unpublished


def pages_to_purge(page):
    """The page and the pages that list it: its ancestors up to the site's home page."""
    return [*page.get_ancestors().filter(depth__gt=1), page]


def purge_page_and_listings(sender, instance, **kwargs):
    if not settings.WAGTAILFRONTENDCACHE:
        return
    batch = PurgeBatch()
    batch.add_pages(pages_to_purge(instance))
    batch.purge()


def connect_signals():
    page_published.connect(purge_page_and_listings, dispatch_uid="operations.cdn_purge.published")
    page_unpublished.connect(purge_page_and_listings, dispatch_uid="operations.cdn_purge.unpublished")
