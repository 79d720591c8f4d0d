"""What a waitlist entry waits for, as staff fill it in."""

from django import forms

from contact.models.waitlist import WaitlistEntry
from practice_site.directory.models import Concern, InsurancePlan
from practice_site.pages.models import ClinicianPage


class WaitlistEntryForm(forms.ModelForm):
    clinicians = forms.ModelMultipleChoiceField(
        ClinicianPage.objects.order_by("title"), required=False, widget=forms.CheckboxSelectMultiple,
        label="Waiting for", help_text="Choose none for anyone.",
    )
    concerns = forms.ModelMultipleChoiceField(
        Concern.objects.order_by("name"), required=False, widget=forms.CheckboxSelectMultiple,
    )
    times = forms.MultipleChoiceField(
        choices=WaitlistEntry.Slot.choices, required=False, widget=forms.CheckboxSelectMultiple,
        label="Days and times that suit", help_text="Choose none for any.",
    )
    insurance = forms.ModelChoiceField(
        InsurancePlan.objects.order_by("name"), required=False, empty_label="Self-pay or not sure",
    )

    class Meta:
        model = WaitlistEntry
        fields = ["clinicians", "session_format", "age_group", "concerns", "times", "insurance"]
        widgets = {"session_format": forms.RadioSelect, "age_group": forms.RadioSelect}
        error_messages = {
            "session_format": {"required": "Choose the format they want."},
            "age_group": {"required": "Choose who the therapy is for."},
        }
