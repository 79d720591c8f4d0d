"""Admin views for consultation requests: every one scoped to the requests the user may see.

Opening a request (inspect or edit form) and exporting it are recorded in its history. Loading the
listing is not: it shows only what is needed to pick a request, and a row per request per page load
would bury the entries that matter.
"""

from collections import OrderedDict

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic

from contact import calls, tasks
from contact.deadlines import reply_due_on
from contact.models.request import ConsultationRequest, RequestNote
from contact.models.waitlist import WaitlistEntry
from contact.review import audit
from contact.review.columns import FlagsColumn, ReceivedColumn, StatusColumn
from contact.review.exports import EXPORT_VALUES, neutralise_formula, readable_phone, user_name
from contact.review.permissions import consultation_request_policy
from practice_site.scheduling import holding

Status = ConsultationRequest.Status
Action = audit.Action
WORK_PERMISSIONS = ["view", "change"]
CHANGE_NAMES = {
    "status": "status", "assigned_to": "assigned person", "follow_up_on": "next follow-up", "new_note": "note",
}


class VisibleRequestsMixin:
    def visible_requests(self):
        """The requests this user may open. Someone with no access at all gets 403, not 404."""
        user = self.request.user
        if not consultation_request_policy.user_has_any_permission(user, WORK_PERMISSIONS):
            raise PermissionDenied
        return consultation_request_policy.instances_user_has_any_permission_for(user, WORK_PERMISSIONS)


class RequestDetailMixin(VisibleRequestsMixin):
    """What the inspect view and the edit form both show about one request."""

    def get_object(self, queryset=None):
        requests = self.visible_requests().with_flags().select_related(
            "service", "preferred_clinician", "assigned_to", "referral_reply__sent_by"
        )
        return get_object_or_404(requests, pk=self.kwargs["pk"])

    def get_request_context(self):
        consultation = self.object
        return {
            "consultation": consultation,
            "phone_display": readable_phone(consultation.phone),
            "assigned_name": user_name(consultation.assigned_to),
            "reply_due_on": reply_due_on(consultation.received_at),
            "available_days": [label for value, label in ConsultationRequest.Day.choices
                               if value in consultation.available_days],
            "available_times": [label for value, label in ConsultationRequest.TimeOfDay.choices
                                if value in consultation.available_times],
            "notes": consultation.notes.select_related("author"),
            "notifications": consultation.notifications.order_by("kind"),
            "events": consultation.events.select_related("actor"),
            "booking": calls.active_booking(consultation),
            "call_url": reverse("consultation_call", args=[consultation.pk]),
            "referral_reply": getattr(consultation, "referral_reply", None),
            "decline_url": "" if consultation.status in Status.finished()
            else reverse("consultation_decline", args=[consultation.pk]),
        }


class ConsultationRequestIndexView(VisibleRequestsMixin, generic.IndexView):
    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not self.user_has_permission("export"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        requests = self.visible_requests()
        if not (self.filters and self.filters.asks_for_spam()):
            requests = requests.exclude(status=Status.SPAM)
        return requests.select_related("service", "assigned_to", "preferred_clinician").with_flags()

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.search(self.search_query)

    def get_inspect_url(self, instance):
        return reverse(self.inspect_url_name, args=(quote(instance.pk),))

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            ReceivedColumn("received_at", label="Received", sort_key="received_at"),
            title_column_class("name", label="Name", sort_key="name", get_url=self.get_inspect_url),
            Column("service", label="Service", accessor=lambda r: r.service.title if r.service else "Not sure"),
            Column("session_format", label="Format", accessor="get_session_format_display"),
            Column("payment", label="Payment", accessor="get_payment_display"),
            FlagsColumn("flags", label="Flags"),
            StatusColumn("status", label="Status", accessor="get_status_display", sort_key="status"),
            Column("assigned_to", label="Assigned to", accessor=lambda r: user_name(r.assigned_to) or "Nobody yet"),
        ]

    @cached_property
    def show_export_buttons(self):
        return super().show_export_buttons and self.user_has_permission("export")

    def to_row_dict(self, item):
        return OrderedDict((field, EXPORT_VALUES[field](item)) for field in self.list_export)

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(super().preprocess_field_value(field, value, export_format))

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            exported = context["object_list"].values_list("pk", flat=True)
            audit.record_export(list(exported), self.request.user, self.request.GET["export"])
        return super().render_to_response(context, **response_kwargs)


class ConsultationRequestInspectView(RequestDetailMixin, generic.InspectView):
    template_name = "contact/admin/inspect.html"

    def get(self, request, *args, **kwargs):
        audit.record(self.object, request.user, Action.VIEWED, "Opened the request")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | self.get_request_context() | {"edit_url": self.get_edit_url()}


class ConsultationRequestEditView(RequestDetailMixin, generic.EditView):
    template_name = "contact/admin/edit.html"
    success_message = "%(object)s saved."

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit.record(self.object, request.user, Action.VIEWED, "Opened for editing")
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs) | self.get_request_context()
        context["can_assign"] = "assigned_to" in self.form.fields
        return context

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=(quote(self.object.pk),))

    def save_instance(self):
        form = self.form
        user = self.request.user
        # RequestEvent is the request's history. Wagtail's own log entry would outlive the purge and show
        # in the Site history report to everyone with any permission on requests, not only those assigned.
        consultation = self.action_class(form.instance, user=user, form=form, log_action=False).execute(
            skip_permission_checks=True
        )
        changed = [CHANGE_NAMES[name] for name in form.changed_data]
        audit.record(consultation, user, Action.EDITED, "Changed: " + ", ".join(changed) if changed else "Saved")
        if "status" in form.changed_data:
            before = Status(form.initial["status"]).label
            audit.record(consultation, user, Action.STATUS_CHANGED,
                         f"Status: {before} → {consultation.get_status_display()}")
            # Spam never holds a time, also when staff spot it after it was booked.
            if consultation.status == Status.SPAM and (booking := calls.active_booking(consultation)):
                holding.cancel(booking, actor=user)
            if form.initial["status"] == Status.SPAM:
                tasks.treat_as_new_arrival(consultation)
            # Off the waitlist by its status: what it waited for goes too.
            if form.initial["status"] == Status.WAITLIST:
                WaitlistEntry.objects.filter(pk=consultation.pk).delete()
        if "assigned_to" in form.changed_data:
            assignee = user_name(consultation.assigned_to)
            detail = f"Assigned to {assignee}"[:200] if assignee else "Unassigned"
            audit.record(consultation, user, Action.ASSIGNED, detail)
        if note := form.cleaned_data.get("new_note"):
            RequestNote.objects.create(consultation=consultation, author=user, text=note)
            audit.record(consultation, user, Action.NOTE_ADDED, "Note added")
        return consultation
