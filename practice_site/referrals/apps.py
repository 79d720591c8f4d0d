from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "practice_site.referrals"
    label = "referrals"
    verbose_name = "Referring people on"
