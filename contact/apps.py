from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = "Consultation requests"

    def ready(self):
        from practice_site.scheduling import parties

        from .calls import IntakeCalls

        parties.register(IntakeCalls())
