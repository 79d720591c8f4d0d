from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "practice_site.scheduling"
    label = "scheduling"
    verbose_name = "Consultation scheduling"

    def ready(self):
        from . import signals  # noqa: F401 -- connects the receivers that flag calls needing attention
