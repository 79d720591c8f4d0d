from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "practice_site.operations"
    label = "operations"
    verbose_name = "Operations (health, storage, backups)"
