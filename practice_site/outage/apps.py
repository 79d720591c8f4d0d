from django.apps import AppConfig


class OutageConfig(AppConfig):
    name = "practice_site.outage"
    label = "outage"
    verbose_name = "Database outages"

    def ready(self):
        # Not a cycle: models can be imported only once the app registry is ready.
        from django.db.models.signals import post_migrate, post_save

        from practice_site.core.models import PracticeSettings

        from . import lastknown

        post_save.connect(lastknown.practice_saved, sender=PracticeSettings, dispatch_uid="outage-practice-copy")
        # A deploy runs migrate: the copy then exists before the first outage, even if nobody saves the settings.
        post_migrate.connect(lastknown.after_migrate, sender=self, dispatch_uid="outage-practice-copy-migrate")
