from django.apps import AppConfig

from . import cdn_purge


class OperationsConfig(AppConfig):
    name = "practice_site.operations"
    label = "operations"
    verbose_name = "Operations (health, storage, CDN purge, backups)"

    def ready(self):
        cdn_purge.connect_signals()
