from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "practice_site.importer"
    label = "importer"
    verbose_name = "Content import"
