from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from . import parties
from .models import ConsultationSchedule
from .staff import feed
from .staff.agenda import AgendaView
from .staff.schedules import ConsultationScheduleViewSet, schedule_policy

# Before anything asks for the model's policy, or Wagtail makes and caches a plain one.
register_permission_policy(ConsultationSchedule, schedule_policy)


@hooks.register("register_admin_viewset")
def register_consultation_schedule_viewset():
    return ConsultationScheduleViewSet()


@hooks.register("register_admin_urls")
def register_scheduling_urls():
    return [
        path("calendar-feed/", feed.feed_settings, name="scheduling_feed"),
        path("consultation-calls/", AgendaView.as_view(), name="consultation_agenda"),
    ]


class FeedMenuItem(MenuItem):
    def is_shown(self, request):
        return ConsultationSchedule.objects.filter(host=request.user).exists()


@hooks.register("register_settings_menu_item")
def register_feed_menu_item():
    return FeedMenuItem("My calendar feed", reverse("scheduling_feed"), icon_name="date", order=900)


class AgendaMenuItem(MenuItem):
    def is_shown(self, request):
        return parties.owner().sees_calls(request.user)


@hooks.register("register_admin_menu_item")
def register_agenda_menu_item():
    return AgendaMenuItem("Consultation calls", reverse("consultation_agenda"), icon_name="date", order=155)
