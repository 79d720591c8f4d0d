import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from practice_site.directory.choices import LANGUAGES

from .models import ReferralEntry, ReplyTemplate


class ReferralEntryFilterSet(WagtailFilterSet):
    needs_checking = django_filters.BooleanFilter(
        label="Not checked for over a year", method="filter_needs_checking",
        widget=django_filters.widgets.BooleanWidget(),
    )

    language = django_filters.ChoiceFilter(label="Language", choices=LANGUAGES, method="filter_language")

    class Meta:
        model = ReferralEntry
        fields = ["kind", "fees", "active", "concerns", "insurance_plans"]

    def filter_needs_checking(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.stale() if value else queryset.fresh()

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__contains=[value]) if value else queryset


class ReferralEntryViewSet(SnippetViewSet):
    model = ReferralEntry
    icon = "link-external"
    menu_label = "Referral directory"
    filterset_class = ReferralEntryFilterSet
    list_display = [
        "name", "kind", "city", "fees", "last_checked",
        Column("is_stale", label="Needs checking", accessor=lambda entry: "Over a year" if entry.is_stale else "No"),
        "active",
    ]
    search_fields = ["name", "description", "city"]
    list_export = [
        "name", "get_kind_display", "description", "get_fees_display", "city", "state", "phone", "website", "email",
        "last_checked", "is_stale", "active",
    ]
    export_headings = {"get_kind_display": "Kind", "get_fees_display": "Fees", "is_stale": "Needs checking"}
    export_filename = "referral-directory"

    def get_queryset(self, request):
        return ReferralEntry.objects.with_staleness()


class ReplyTemplateViewSet(SnippetViewSet):
    model = ReplyTemplate
    icon = "mail"
    menu_label = "Referral replies"
    list_display = ["title", "reason", "subject", "active"]
    list_filter = ["reason", "active"]
    search_fields = ["title", "subject", "body"]
    list_export = ["title", "get_reason_display", "subject", "body", "active"]
    export_headings = {"get_reason_display": "Reason"}
    export_filename = "referral-replies"


class ReferralsViewSetGroup(SnippetViewSetGroup):
    items = (ReferralEntryViewSet, ReplyTemplateViewSet)
    menu_icon = "link-external"
    menu_label = "Referring on"
    menu_name = "referrals"


register_snippet(ReferralsViewSetGroup)
