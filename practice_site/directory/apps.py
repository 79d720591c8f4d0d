from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "practice_site.directory"
    label = "directory"
    verbose_name = "Finding a clinician"
