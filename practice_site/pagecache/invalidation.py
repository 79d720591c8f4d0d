"""What follows a change visitors could see, once its transaction commits, in this order: a new content version
(version.py), the outage copies checked against it (copies.py), then the CDN purge (cdn.py).

Before the commit another process could still render the old content, under the new version or into the CDN
right after a purge; after it, every process renders the new content on its very next request. A transaction
that rolls back (an import's dry run) does none of it. Many changes in one transaction (an import) are acted on
once, with one batch of URLs to purge. This process forgets its kept site-wide objects at once, so it shows its
own change even before the commit.
"""

import logging

from django.conf import settings
from django.db import transaction

from practice_site.core import sitewide

from . import cdn, copies, memory, version

logger = logging.getLogger(__name__)


class CommittedChange:
    """The changes of one transaction, acted on once when it commits.

    Each change registers its own on-commit callback (``act``), and the first to run acts for all: a change
    registered in a savepoint that rolls back is dropped with it, and the others still run.
    """

    def __init__(self):
        self.urls: set[str] = set()
        self.site_wide = False
        # Whether the header, footer or every card could show it (version.FRAGMENTS_KEY).
        self.in_fragments = False
        self.done = False

    def act(self):
        if self.done:
            return
        self.done = True
        if self.in_fragments:
            version.replace_fragments()
        current = version.replace()
        memory.version_replaced()
        if settings.PAGE_CACHE_ENABLED:
            copies.revalidate(current)
        if cdn.enabled():
            cdn.purge(cdn.site_urls() if self.site_wide else self.urls)


def pending() -> CommittedChange:
    """This transaction's change so far, or a new one (outside a transaction, acted on at once)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _, callback, _ in connection.run_on_commit:
            change = getattr(callback, "__self__", None)
            if isinstance(change, CommittedChange) and not change.done:
                return change
    return CommittedChange()


def content_changed(*, page=None, site_wide: bool = False) -> None:
    """``page``: a page published or unpublished (purged with its listings); ``site_wide``: a change that shows
    on every page; neither: a change the page cache must see but no CDN purge covers (a move, a delete)."""
    sitewide.forget()
    change = pending()
    if site_wide or page is None or not getattr(page, "publish_changes_only_its_card", False):
        change.in_fragments = True
    if site_wide:
        change.site_wide = True
    elif page is not None and cdn.enabled() and not change.site_wide:
        change.urls |= cdn.page_urls(page)
    # Robust: the change is committed whatever happens here; a failed purge is logged.
    transaction.on_commit(change.act, robust=True)
