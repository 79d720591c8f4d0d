"""Coordinators' waitlist pages beside the listing: put a request on the list (saying what it waits for), and
"who fits this opening". Both work without JavaScript."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from contact.models.request import ConsultationRequest
from contact.models.waitlist import WaitlistEntry
from contact.review.call import _request_for
from contact.waitlist import matching, membership, offers
from contact.waitlist.access import may_work, visible_entries
from contact.waitlist.forms import WaitlistEntryForm
from contact.waitlist.listing import time_on_list, wanted
from contact.waitlist.membership import initial_from
from practice_site.directory.choices import AgeGroup, SessionFormat
from practice_site.pages.models import ClinicianPage

Status = ConsultationRequest.Status
class JoinWaitlistView(WagtailAdminTemplateMixin, TemplateView):
    """A request's waitlist page: put it on the list, change what it waits for, or take it off."""

    template_name = "contact/waitlist/join.html"
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        self.consultation = _request_for(request.user, kwargs["pk"])
        self.entry = WaitlistEntry.objects.filter(pk=self.consultation.pk).first()
        if self.entry is None and self.consultation.status in Status.finished():
            messages.error(request, f"This request is already {self.consultation.get_status_display().lower()}.")
            return redirect(self.inspect_url())
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Waitlist: {self.consultation}"

    def inspect_url(self):
        return reverse("consultation_requests:inspect", args=[self.consultation.pk])

    def get_context_data(self, form=None, **kwargs):
        if form is None:
            initial = None if self.entry else initial_from(self.consultation)
            form = WaitlistEntryForm(instance=self.entry, initial=initial)
        return super().get_context_data(**kwargs) | {
            "consultation": self.consultation, "entry": self.entry, "form": form, "inspect_url": self.inspect_url(),
        }

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "leave" and self.entry:
            with transaction.atomic():
                membership.leave(self.entry, request.user, why="taken off the waitlist by staff")
            messages.success(request, f"{self.consultation} is off the waitlist and closed.")
            return redirect(self.inspect_url())
        form = WaitlistEntryForm(request.POST, instance=self.entry)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        with transaction.atomic():
            form.instance.consultation = self.consultation
            form.save()
            membership.join(self.consultation, request.user)
        messages.success(request, f"{self.consultation} is on the waitlist.")
        return redirect(self.inspect_url())


class OfferOpeningView(View):
    """Offer the opening chosen in "who fits" to one entry; back to the same choice, where the next person shows."""

    def post(self, request, pk):
        _request_for(request.user, pk)
        form = OpeningForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose the clinician, format and age group of the opening first.")
            return redirect("waitlist_fits")
        back = reverse("waitlist_fits") + "?" + urlencode(
            {"clinician": form.cleaned_data["clinician"].pk, "session_format": form.cleaned_data["session_format"],
             "age_group": form.cleaned_data["age_group"]})
        with transaction.atomic():
            entry = WaitlistEntry.objects.select_for_update().filter(pk=pk).first()
            if entry is None or entry.offer_expires_at and entry.offer_expires_at > timezone.now():
                messages.error(request, "This entry is no longer waiting for an offer.")
                return redirect(back)
            try:
                offers.offer(entry, form.cleaned_data["clinician"], request.user)
            except offers.NoOwnTimes:
                messages.error(request, "This clinician takes no calls of their own yet: give them a consultation "
                                        "schedule linked to their page first.")
                return redirect(back)
        messages.success(request, f"{entry.consultation} has been offered the opening.")
        return redirect(back)


class OpeningForm(forms.Form):
    clinician = forms.ModelChoiceField(ClinicianPage.objects.order_by("title"), empty_label="Choose a clinician")
    session_format = forms.ChoiceField(label="Format", choices=SessionFormat.choices, widget=forms.RadioSelect)
    age_group = forms.ChoiceField(choices=AgeGroup.choices, widget=forms.RadioSelect)


class WhoFitsView(WagtailAdminTemplateMixin, TemplateView):
    """Choose the opening (clinician, format, age group): the entries it could go to, longest waiting first."""

    template_name = "contact/waitlist/fits.html"
    header_icon = "list-ul"
    page_title = "Who fits this opening"

    def dispatch(self, request, *args, **kwargs):
        if not may_work(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        form = OpeningForm(self.request.GET or None)
        entries = None
        if form.is_valid():
            data = form.cleaned_data
            entries = [
                {"entry": entry, "waited": time_on_list(entry), "wanted": wanted(entry),
                 "url": reverse("consultation_requests:inspect", args=[entry.pk]),
                 "offer_url": reverse("waitlist_offer_opening", args=[entry.pk])}
                for entry in matching.fits(
                    visible_entries(self.request.user), data["clinician"].pk, data["session_format"],
                    data["age_group"],
                ).select_related("consultation").prefetch_related("clinicians")
            ]
        return super().get_context_data(**kwargs) | {
            "form": form, "entries": entries, "listing_url": reverse("waitlist:index"),
            "opening": form.cleaned_data if entries is not None else None,
        }
