"""What a CDN or caching proxy is told to purge (backends from ``WAGTAILFRONTENDCACHE``, filled from the
environment; without one nothing is sent).

Wagtail's own frontend_cache app purges only the page itself; a new or changed article also appears in the
listings above it (its section index, the home page). So a page's purge covers the page and every ancestor
below the tree root, each with its ``get_cached_paths()`` (a routable index lists its sub-pages, such as topic
listings, there). A site-wide change (a setting, a snippet) shows on every page: all of them go in one batch,
which Wagtail sends as one call per backend.
"""

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page


def enabled() -> bool:
    return bool(settings.WAGTAILFRONTENDCACHE)


def page_urls(page) -> set[str]:
    """The page and the pages that list it: its ancestors up to the site's home page."""
    batch = PurgeBatch()
    batch.add_pages([*page.get_ancestors().filter(depth__gt=1), page])
    return batch.urls


def site_urls() -> set[str]:
    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().public().filter(depth__gt=1).specific())
    return batch.urls


def purge(urls: set[str]) -> None:
    if urls:
        PurgeBatch(urls).purge()
