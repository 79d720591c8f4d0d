from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from practice_site.outage import DATABASE_AVAILABLE_HOOK, OUTAGE_REQUEST_HOOK
from practice_site.scheduling.models import ConsultationSchedule
from practice_site.security.two_factor import TWO_FACTOR_REQUIRED_HOOK

from . import spool
from .booking_admin import AgendaView, ConsultationScheduleViewSet, RequestCallView, schedule_policy
from .consultations import ConsultationRequest
from .outage import handle_request_during_outage
from .panels import ConsultationRequestsPanel
from .permissions import consultation_request_policy, user_can_see_requests
from .viewsets import ConsultationRequestViewSet

# Before anything asks for the model's policy, or Wagtail makes and caches a plain one.
register_permission_policy(ConsultationRequest, consultation_request_policy)
register_permission_policy(ConsultationSchedule, schedule_policy)


@hooks.register("register_admin_viewset")
def register_consultation_request_viewset():
    return ConsultationRequestViewSet()


@hooks.register("construct_homepage_panels")
def add_consultation_requests_panel(request, panels):
    if consultation_request_policy.user_has_any_permission(request.user, ["view", "change"]):
        panels.append(ConsultationRequestsPanel())


# Consultation requests are health information: whoever could open one signs in with a second factor.
hooks.register(TWO_FACTOR_REQUIRED_HOOK, user_can_see_requests)


@hooks.register("register_admin_viewset")
def register_consultation_schedule_viewset():
    return ConsultationScheduleViewSet()


@hooks.register("register_admin_urls")
def register_call_urls():
    return [
        path("consultation-calls/", AgendaView.as_view(), name="consultation_agenda"),
        path("consultation-requests/<int:pk>/call/", RequestCallView.as_view(), name="consultation_call"),
    ]


class AgendaMenuItem(MenuItem):
    def is_shown(self, request):
        return consultation_request_policy.user_has_any_permission(request.user, ["view", "change"])


@hooks.register("register_admin_menu_item")
def register_agenda_menu_item():
    return AgendaMenuItem("Consultation calls", reverse("consultation_agenda"), icon_name="date", order=155)


# Through a database outage (practice_site.outage): the form still takes requests, into the encrypted spool.
hooks.register(OUTAGE_REQUEST_HOOK, handle_request_during_outage)


@hooks.register(DATABASE_AVAILABLE_HOOK)
def drain_intake_spool():
    if spool.waiting():
        spool.drain()
