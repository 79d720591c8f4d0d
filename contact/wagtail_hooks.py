from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from contact.models.request import ConsultationRequest
from contact.models.waitlist import WaitlistEntry
from contact.outage import spool
from contact.outage.page import handle_request_during_outage
from contact.review.access_report import access_report
from contact.review.call import RequestCallView
from contact.review.dashboard import ConsultationRequestsPanel
from contact.review.decline import DeclineView
from contact.review.permissions import consultation_request_policy, user_can_see_requests
from contact.review.viewset import ConsultationRequestViewSet
from contact.waitlist.access import waitlist_policy
from contact.waitlist.listing import WaitlistViewSet
from contact.waitlist.staff_views import JoinWaitlistView, OfferOpeningView, WhoFitsView
from practice_site.outage import DATABASE_AVAILABLE_HOOK, OUTAGE_REQUEST_HOOK
from practice_site.security.two_factor import TWO_FACTOR_REQUIRED_HOOK

# Before anything asks for the model's policy, or Wagtail makes and caches a plain one.
register_permission_policy(ConsultationRequest, consultation_request_policy)
register_permission_policy(WaitlistEntry, waitlist_policy)


@hooks.register("register_admin_viewset")
def register_consultation_request_viewset():
    return ConsultationRequestViewSet()


@hooks.register("register_admin_viewset")
def register_waitlist_viewset():
    return WaitlistViewSet()


@hooks.register("construct_homepage_panels")
def add_consultation_requests_panel(request, panels):
    if consultation_request_policy.user_has_any_permission(request.user, ["view", "change"]):
        panels.append(ConsultationRequestsPanel(set_aside=spool.set_aside_count()))


# Consultation requests are health information: whoever could open one signs in with a second factor.
hooks.register(TWO_FACTOR_REQUIRED_HOOK, user_can_see_requests)


@hooks.register("register_admin_urls")
def register_call_urls():
    return [
        path("consultation-requests/<int:pk>/call/", RequestCallView.as_view(), name="consultation_call"),
        path("consultation-requests/<int:pk>/decline/", DeclineView.as_view(), name="consultation_decline"),
        path("consultation-requests/access/", access_report, name="consultation_access_report"),
        path("consultation-requests/<int:pk>/waitlist/", JoinWaitlistView.as_view(), name="consultation_waitlist"),
        path("waitlist/fits/", WhoFitsView.as_view(), name="waitlist_fits"),
        path("waitlist/<int:pk>/offer/", OfferOpeningView.as_view(), name="waitlist_offer_opening"),
    ]


# Through a database outage (practice_site.outage): the form still takes requests, into the encrypted spool.
hooks.register(OUTAGE_REQUEST_HOOK, handle_request_during_outage)


@hooks.register(DATABASE_AVAILABLE_HOOK)
def drain_intake_spool(*, batch=None):
    """The worker drains everything; a web request only ``batch`` requests, so no visitor waits on the rest."""
    if spool.waiting():
        spool.drain(limit=batch)
