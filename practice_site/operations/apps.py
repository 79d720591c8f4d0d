from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "practice_site.operations"
    label = "operations"
    verbose_name = "Operations (health, storage, CDN purge, backups)"

    def ready(self):
        from . import cdn_purge

        cdn_purge.connect_signals()
