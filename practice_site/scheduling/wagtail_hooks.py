from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .models import ConsultationSchedule


@hooks.register("register_admin_urls")
def register_feed_url():
    return [path("calendar-feed/", views.feed_settings, name="scheduling_feed")]


class FeedMenuItem(MenuItem):
    def is_shown(self, request):
        return ConsultationSchedule.objects.filter(host=request.user).exists()


@hooks.register("register_settings_menu_item")
def register_feed_menu_item():
    return FeedMenuItem("My calendar feed", reverse("scheduling_feed"), icon_name="date", order=900)
