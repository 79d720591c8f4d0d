from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "practice_site.core"
    label = "core"
    verbose_name = "Site-wide settings"
