"""The filters of the consultation request listing."""

import django_filters
from django import forms
from django.utils.functional import lazy
from django.utils.text import format_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from contact.models.request import ConsultationRequest
from contact.review.permissions import consultation_request_policy
from practice_site.core.models import PracticeSettings
from practice_site.core.staff_choice import StaffChoiceField
from practice_site.pages.models import ServicePage

Status = ConsultationRequest.Status

# Keys are ConsultationRequestQuerySet's flags and worklists.
FLAGS = {"out_of_area": "Out of area", "self_pay": "Self-pay", "minor": "Minor"}
# The promise is read when the filter is shown, so a change in the practice settings shows at once.
ATTENTION = {
    "reply_overdue": format_lazy("No reply {}", lazy(lambda: PracticeSettings.load().reply_promise, str)()),
    "follow_up_due": "Follow-up due today or overdue",
    "needs_attention": "Flagged: not stored exactly as sent",
    "stale": "New or Contacted, unchanged for a long time",
}
SPAM_CHOICES = [("include", "Include spam"), ("only", "Only spam")]


class StaffFilter(django_filters.ModelChoiceFilter):
    field_class = StaffChoiceField


def assignable_staff(request):
    return consultation_request_policy.assignable_users()


class ConsultationRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=Status.choices, empty_label="Any status", widget=forms.RadioSelect
    )
    attention = django_filters.ChoiceFilter(
        label="Needs attention",
        choices=list(ATTENTION.items()),
        empty_label="Everything",
        widget=forms.RadioSelect,
        method="filter_attention",
    )
    service = django_filters.ModelChoiceFilter(
        queryset=ServicePage.objects.order_by("title"), empty_label="Any service", null_label="Not sure"
    )
    assigned_to = StaffFilter(
        label="Assigned to", queryset=assignable_staff, empty_label="Anyone", null_label="Nobody yet"
    )
    received_at = django_filters.DateFromToRangeFilter(label="Received", widget=DateRangePickerWidget)
    flags = django_filters.MultipleChoiceFilter(
        label="Flags",
        choices=list(FLAGS.items()),
        widget=forms.CheckboxSelectMultiple,
        method="filter_flags",
    )
    spam = django_filters.ChoiceFilter(
        label="Spam", choices=SPAM_CHOICES, empty_label="Hide spam", widget=forms.RadioSelect, method="filter_spam"
    )

    class Meta:
        model = ConsultationRequest
        fields = []

    def filter_attention(self, queryset, name, value):
        return queryset.flagged(value)

    def filter_flags(self, queryset, name, value):
        for flag in value:
            queryset = queryset.flagged(flag)
        return queryset

    def filter_spam(self, queryset, name, value):
        return queryset.filter(status=Status.SPAM) if value == "only" else queryset

    def asks_for_spam(self) -> bool:
        """Spam stays hidden unless the filters (valid ones) explicitly ask for it."""
        if not self.is_valid():
            return False
        data = self.form.cleaned_data
        return data.get("status") == Status.SPAM or bool(data.get("spam"))
