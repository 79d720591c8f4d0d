from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "practice_site.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import signals

        signals.connect()
