"""The staff side of consultation calls: schedules, a request's call, and the agenda.

Every decision follows the request rules (contact/permissions.py): coordinators work with every schedule
and every call; a clinician with their own schedule and the calls of requests assigned to them; editors,
who cannot see requests, with none of it.
"""

from collections import defaultdict
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from practice_site.core.models import PracticeSettings
from practice_site.scheduling.models import Booking, ConsultationSchedule
from practice_site.scheduling.slots import parse_value

from . import bookings
from .booking_emails import describe
from .booking_form import ConsultationTimeForm
from .exports import readable_phone
from .permissions import consultation_request_policy
from .staff_choice import StaffChoiceField

WORK_PERMISSIONS = ["view", "change"]
AGENDA_DAYS = 21


def is_coordinator(user) -> bool:
    return user.is_active and (user.is_superuser or consultation_request_policy.sees_every_request(user))


def works_with_requests(user) -> bool:
    return consultation_request_policy.user_has_permission(user, "change")


class SchedulePermissionPolicy(BasePermissionPolicy):
    """Coordinators manage every schedule; anyone else who works on requests, only their own."""

    OWN_ACTIONS = {"add", "change", "view"}

    def user_has_permission(self, user, action):
        if is_coordinator(user):
            return True
        return works_with_requests(user) and action in self.OWN_ACTIONS

    def users_with_any_permission(self, actions):
        return consultation_request_policy.users_with_any_permission(["change"])

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        return is_coordinator(user) or instance.host_id == user.pk

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def instances_user_has_any_permission_for(self, user, actions):
        schedules = ConsultationSchedule.objects.all()
        if not self.user_has_any_permission(user, actions):
            return schedules.none()
        return schedules if is_coordinator(user) else schedules.filter(host=user.pk)

    def users_with_any_permission_for_instance(self, actions, instance):
        return self.users_with_any_permission(actions).filter(Q(pk=instance.host_id) | Q(is_superuser=True))


schedule_policy = SchedulePermissionPolicy(ConsultationSchedule)


class ConsultationScheduleForm(WagtailAdminModelForm):
    host = StaffChoiceField(queryset=get_user_model().objects.none(), label="Host",
                            help_text="The staff member taking the calls.")

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        users = get_user_model().objects.order_by("first_name", "last_name", "username")
        if for_user is not None and is_coordinator(for_user):
            staff = consultation_request_policy.assignable_users().values("pk")
            users = users.filter(Q(pk__in=staff) | Q(pk=self.instance.host_id))
        else:
            users = users.filter(pk=getattr(for_user, "pk", None))
        self.fields["host"].queryset = users
        if users.count() == 1:
            self.fields["host"].initial = users.first().pk


class OwnSchedulesMixin:
    """Every schedule view reaches only the schedules the policy allows, so a guessed URL gives 404."""

    def get_base_queryset(self):
        return schedule_policy.instances_user_has_any_permission_for(self.request.user, ["change", "view"])

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_base_queryset(), pk=self.kwargs["pk"])


class ScheduleIndexView(OwnSchedulesMixin, generic.IndexView):
    pass


class ScheduleEditView(OwnSchedulesMixin, generic.EditView):
    pass


class ScheduleDeleteView(OwnSchedulesMixin, generic.DeleteView):
    pass


class ConsultationScheduleViewSet(ModelViewSet):
    model = ConsultationSchedule
    name = "consultation_schedules"
    url_prefix = "consultation-schedules"
    icon = "date"
    menu_label = "Consultation schedules"
    menu_order = 160
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    permission_policy = schedule_policy
    index_view_class = ScheduleIndexView
    edit_view_class = ScheduleEditView
    delete_view_class = ScheduleDeleteView
    list_display = ["__str__", "takes_calls", "clinician_page"]

    def get_edit_handler(self):
        return ObjectList(ConsultationSchedule.panels, base_form_class=ConsultationScheduleForm).bind_to_model(
            self.model
        )


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
        self.booking = bookings.active_booking(self.consultation)
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
            bookings.cancel(self.booking, actor=user)
            messages.success(request, "The call is cancelled and its time is free again.")
            return redirect(self.inspect_url())
        form = StaffTimeForm(request.POST)
        start = parse_value(request.POST.get("consultation_time", ""))
        if not form.is_valid() or start is None:
            messages.error(request, "Please choose a time.")
            return self.render_to_response(self.get_context_data(form=form))
        try:
            if self.booking:
                bookings.move(self.booking, start, actor=user, any_host=True)
            else:
                with transaction.atomic():
                    bookings.hold(self.consultation, start, actor=user)
        except bookings.SlotTaken:
            form.time_taken()
            messages.error(request, "That time was just taken. Here are the times still open.")
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, f"The call is booked for {describe(start)}.")
        return redirect(self.inspect_url())


def visible_upcoming_calls(user):
    """The calls this user may see: coordinators everyone's, anyone else their own requests' they host."""
    if not consultation_request_policy.user_has_any_permission(user, WORK_PERMISSIONS):
        raise PermissionDenied
    requests = consultation_request_policy.instances_user_has_any_permission_for(user, WORK_PERMISSIONS)
    calls = Booking.objects.upcoming().filter(consultation__in=requests.values("pk"))
    if not is_coordinator(user):
        calls = calls.filter(host=user.pk)
    horizon = timezone.now() + timedelta(days=AGENDA_DAYS)
    return calls.filter(start__lt=horizon).select_related("consultation", "host").order_by("start")


class AgendaView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "contact/admin/agenda.html"
    page_title = "Consultation calls"
    header_icon = "date"

    def get_context_data(self, **kwargs):
        days = defaultdict(list)
        for call in visible_upcoming_calls(self.request.user):
            days[timezone.localdate(call.start, PracticeSettings.load(self.request).zone)].append({
                "booking": call,
                "phone": readable_phone(call.consultation.phone),
                "host": get_user_display_name(call.host) if call.host else "Nobody: reassign",
                "url": reverse("consultation_requests:inspect", args=[call.consultation_id]),
            })
        sees_everyone = is_coordinator(self.request.user)
        return super().get_context_data(**kwargs) | {"days": list(days.items()), "sees_everyone": sees_everyone}

