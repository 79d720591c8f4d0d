from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "practice_site.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        # Not a cycle: the signal handlers import models, which exist only once the app registry is ready.
        from . import signals

        signals.connect()
