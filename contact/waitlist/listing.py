"""The coordinators' waitlist in the admin: oldest on the list first, with counts by clinician and the oldest
wait above the list. Every query is scoped to the entries the user may see (access.py)."""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from contact.models.waitlist import WaitlistEntry
from contact.waitlist import matching
from contact.waitlist.access import visible_entries, waitlist_policy
from contact.waitlist.forms import WaitlistEntryForm
from practice_site.directory.choices import AgeGroup, SessionFormat
from practice_site.pages.models import ClinicianPage

LAPSED_CHOICES = [("yes", "Lapsed only"), ("no", "Not lapsed")]


class WaitlistFilterSet(WagtailFilterSet):
    clinician = django_filters.ModelChoiceFilter(
        label="Waiting for", queryset=ClinicianPage.objects.order_by("title"), empty_label="Any clinician",
        method="filter_clinician", help_text="Entries that named this clinician, or anyone.",
    )
    session_format = django_filters.ChoiceFilter(
        label="Format", choices=SessionFormat.choices, empty_label="Any format", widget=forms.RadioSelect,
        method="filter_format",
    )
    age_group = django_filters.ChoiceFilter(choices=AgeGroup.choices, empty_label="Any age", widget=forms.RadioSelect)
    lapsed = django_filters.ChoiceFilter(
        label="Lapsed", choices=LAPSED_CHOICES, empty_label="Everyone", widget=forms.RadioSelect,
        method="filter_lapsed",
    )

    class Meta:
        model = WaitlistEntry
        fields = []

    def filter_clinician(self, queryset, name, value):
        return queryset.filter(matching.wants_clinician(value.pk))

    def filter_format(self, queryset, name, value):
        return queryset.filter(matching.wants_format(value))

    def filter_lapsed(self, queryset, name, value):
        return queryset.filter(lapsed_at__isnull=value == "no")


def wanted(entry) -> str:
    return ", ".join(clinician.title for clinician in entry.clinicians.all()) or "Anyone"


def time_on_list(entry) -> str:
    days = (timezone.now() - entry.joined_at).days
    return f"{days} day{'s' if days != 1 else ''}"


def summary(entries) -> dict:
    """Counts by clinician (people who named them; "anyone" apart) and the oldest wait, in two queries."""
    totals = entries.aggregate(total=Count("pk"), oldest=Min("joined_at"))
    by_clinician = (
        entries.values("clinicians__title").annotate(count=Count("pk")).order_by("-count", "clinicians__title")
    )
    oldest = totals["oldest"]
    return {
        "total": totals["total"],
        "oldest_days": (timezone.now() - oldest).days if oldest else None,
        "by_clinician": [(row["clinicians__title"] or "Anyone", row["count"]) for row in by_clinician],
    }


class WaitlistIndexView(generic.IndexView):
    template_name = "contact/waitlist/index.html"
    default_ordering = ("joined_at", "pk")

    def get_base_queryset(self):
        return visible_entries(self.request.user).select_related("consultation").prefetch_related("clinicians")

    def get_inspect_url(self, instance):
        return reverse("consultation_requests:inspect", args=(quote(instance.pk),))

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            Column("joined_at", label="On the list", accessor=time_on_list, sort_key="joined_at"),
            title_column_class("name", label="Name", accessor=lambda entry: entry.consultation.name,
                               get_url=self.get_inspect_url),
            Column("clinicians", label="Waiting for", accessor=wanted),
            Column("session_format", label="Format", accessor="get_session_format_display"),
            Column("age_group", label="Age group", accessor="get_age_group_display"),
            Column("lapsed_at", label="Check-ins", accessor=check_in_state),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = summary(visible_entries(self.request.user))
        context["fits_url"] = reverse("waitlist_fits")
        return context


def check_in_state(entry) -> str:
    if entry.offer_expires_at and entry.offer_expires_at > timezone.now():
        return f"Offered an opening until {timezone.localtime(entry.offer_expires_at):%b %d}"
    if entry.lapsed_at:
        return "Lapsed: no answer, close or contact"
    if entry.check_ins_sent:
        return f"Asked {entry.check_ins_sent}×, no answer yet"
    return "Up to date"


class WaitlistViewSet(ModelViewSet):
    model = WaitlistEntry
    name = "waitlist"
    url_prefix = "waitlist"
    icon = "list-ul"
    menu_label = "Waitlist"
    menu_order = 151
    add_to_admin_menu = True
    add_to_reference_index = False
    permission_policy = waitlist_policy
    index_view_class = WaitlistIndexView
    list_per_page = 50
    ordering = ("joined_at", "pk")
    filterset_class = WaitlistFilterSet
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return WaitlistEntryForm

    def get_common_view_kwargs(self, **kwargs):
        # Entries join and leave with their request (the request's "Waitlist" page), so there are no add,
        # edit or delete views of their own.
        return super().get_common_view_kwargs(
            add_url_name=None, edit_url_name=None, delete_url_name=None, history_url_name=None,
            usage_url_name=None, **kwargs
        )

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in {"index", "index_results"}]
