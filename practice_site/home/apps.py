from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "practice_site.home"
    label = "home"
    verbose_name = "Home page"
