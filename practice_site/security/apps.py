from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "practice_site.security"
    label = "security"
    verbose_name = "Staff access security"
