from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "practice_site.pages"
    label = "pages"
    verbose_name = "Pages"
