"""My openings: a clinician a coordinator has allowed sets their own page's openings, and nothing else.

Saving publishes a new revision of the live page with only the openings changed, so the page cache and the team
finder follow through Wagtail's usual publish signals, and the page's history names the clinician. A page with an
editor's unpublished draft is left alone: publishing would publish their draft too.
"""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views import View
from wagtail.admin.viewsets.model import ModelViewSet

from practice_site.directory.choices import AgeGroup, SessionFormat
from practice_site.pages.models import ClinicianOpening, ClinicianPage
from practice_site.pages.openings import OpeningsEditor

DRAFT_REFUSAL = (
    "An editor is working on a draft of this page; ask them to publish it or set your openings there."
)


class OwnOpeningForm(forms.ModelForm):
    class Meta:
        model = ClinicianOpening
        fields = ["status", "expected_open", "note"]


def own_pages(user):
    return ClinicianPage.objects.live().filter(openings_editor__user=user).order_by("path")


def opening_forms(page, data=None):
    """One form per format the page offers and age group it sees, on the live page's row where there is one."""
    rows = {(row.session_format, row.age_group): row for row in page.openings.all()}
    formats = [value for value in SessionFormat.values if getattr(page, value)]
    forms_ = []
    for session_format in formats:
        for age_group in (value for value in AgeGroup.values if value in page.ages_served):
            row = rows.get((session_format, age_group)) or ClinicianOpening(
                page=page, session_format=session_format, age_group=age_group,
            )
            form = OwnOpeningForm(data, instance=row, prefix=f"{session_format}-{age_group}")
            form.label = f"{row.get_session_format_display()}, {row.get_age_group_display()}"
            forms_.append(form)
    return rows, forms_


class MyOpeningsIndex(View):
    def get(self, request):
        page = own_pages(request.user).first()
        if page is None:
            raise Http404("No clinician page is yours to set.")
        return redirect("own_openings", page_id=page.pk)


class MyOpeningsView(View):
    template_name = "pages/admin/own_openings.html"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(own_pages(request.user), pk=page_id)
        return super().dispatch(request, page_id)

    def render(self, forms_, status=200):
        return TemplateResponse(self.request, self.template_name, {
            "page": self.page, "forms": forms_, "header_title": f"My openings: {self.page.title}",
            "page_title": "My openings", "draft_refusal": DRAFT_REFUSAL if self.page.has_unpublished_changes else "",
        }, status=status)

    def get(self, request, page_id):
        return self.render(opening_forms(self.page)[1])

    def post(self, request, page_id):
        with transaction.atomic():
            # Locked, so an editor's draft saved meanwhile is seen rather than published with the openings.
            page = ClinicianPage.objects.select_for_update().get(pk=self.page.pk)
            rows, forms_ = opening_forms(page, request.POST)
            if page.has_unpublished_changes:
                messages.error(request, DRAFT_REFUSAL)
                return self.render(forms_, status=409)
            if not all(form.is_valid() for form in forms_):
                messages.error(request, "Some openings need a change; see below.")
                return self.render(forms_, status=400)
            # The forms changed the stored rows in place; rows for formats the page no longer offers stay as set.
            page.openings = [*rows.values(), *(form.instance for form in forms_ if form.instance.pk is None)]
            # The coordinator's link is the permission here: the clinician may publish this change, not edit pages.
            revision = page.save_revision(user=request.user, log_action=True)
            revision.publish(user=request.user, skip_permission_checks=True)
        messages.success(request, "Your openings are saved and shown on your page.")
        return redirect("own_openings", page_id=page.pk)


class OpeningsEditorViewSet(ModelViewSet):
    """Only intake coordinators (given these permissions by migration pages/0013) and superusers reach it."""

    model = OpeningsEditor
    form_fields = ["page", "user"]
    list_display = ["page", "user"]
    icon = "user"
    menu_label = "Own openings"
    add_to_settings_menu = True
    name = "openings_editors"
