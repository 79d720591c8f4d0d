"""A request's free consultation call, for staff: book, move or cancel it; the history records who and when."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from contact import calls
from contact.review.permissions import consultation_request_policy
from practice_site.scheduling import holding
from practice_site.scheduling.emails import describe
from practice_site.scheduling.forms import ConsultationTimeForm
from practice_site.scheduling.slots import parse_value


class StaffTimeForm(ConsultationTimeForm):
    no_time_label = "Keep the current time"

    def _chosen_clinician(self):
        return None


def _request_for(user, pk):
    if not consultation_request_policy.user_has_permission(user, "change"):
        raise PermissionDenied
    requests = consultation_request_policy.instances_user_has_any_permission_for(user, ["change"])
    return get_object_or_404(requests, pk=pk)


class RequestCallView(WagtailAdminTemplateMixin, TemplateView):
    """Book, move or cancel the call of one request; the history records who did it and when."""

    template_name = "contact/admin/call.html"
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        self.consultation = _request_for(request.user, kwargs["pk"])
        self.booking = calls.active_booking(self.consultation)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Call for {self.consultation}"

    def inspect_url(self):
        return reverse("consultation_requests:inspect", args=[self.consultation.pk])

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or StaffTimeForm()
        return super().get_context_data(**kwargs) | {
            "consultation": self.consultation, "booking": self.booking, "form": form,
            "call_time": describe(self.booking.start) if self.booking else "",
            "host_name": get_user_display_name(self.booking.host) if self.booking and self.booking.host else "",
            "inspect_url": self.inspect_url(),
        }

    def post(self, request, *args, **kwargs):
        user = request.user
        if request.POST.get("action") == "cancel" and self.booking:
            holding.cancel(self.booking, actor=user)
            messages.success(request, "The call is cancelled and its time is free again.")
            return redirect(self.inspect_url())
        form = StaffTimeForm(request.POST)
        start = parse_value(request.POST.get("consultation_time", ""))
        if not form.is_valid() or start is None:
            messages.error(request, "Please choose a time.")
            return self.render_to_response(self.get_context_data(form=form))
        try:
            if self.booking:
                holding.move(self.booking, start, actor=user, any_host=True)
            else:
                with transaction.atomic():
                    calls.hold(self.consultation, start, actor=user, any_host=True)
        except holding.SlotTaken:
            form.time_taken()
            messages.error(request, "That time was just taken. Here are the times still open.")
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, f"The call is booked for {describe(start)}.")
        return redirect(self.inspect_url())
