"""A frontend-cache backend that remembers each batch it was sent, and what the database showed at that moment."""

from django.db import connection
from wagtail.contrib.frontend_cache.backends import BaseBackend

from practice_site.pagecache import version

calls: list[dict] = []


class RecordingBackend(BaseBackend):
    def __init__(self, params):
        super().__init__(params)
        self.name = params.get("NAME", "")

    def purge_batch(self, urls) -> None:
        calls.append({
            "backend": self.name,
            "urls": set(urls),
            # False once the change is committed: the purge comes after it.
            "in_transaction": connection.in_atomic_block,
            "version": version.page_cache().get(version.VERSION_KEY),
        })

    def purge(self, url) -> None:
        self.purge_batch([url])
