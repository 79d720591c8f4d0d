"""The staff form for working on a consultation request. What the person submitted is not in it."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm

from contact.models.request import ConsultationRequest, RequestNote
from contact.models.waitlist import WaitlistEntry
from contact.review.permissions import consultation_request_policy
from practice_site.core.staff_choice import StaffChoiceField


class ConsultationRequestReviewForm(WagtailAdminModelForm):
    assigned_to = StaffChoiceField(
        queryset=get_user_model().objects.none(), required=False, label="Assigned to", empty_label="Nobody yet"
    )
    new_note = forms.CharField(
        label="Add a note",
        required=False,
        max_length=RequestNote._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Notes are kept with your name and the time, and cannot be changed later.",
    )

    class Meta:
        model = ConsultationRequest
        fields = ["status", "assigned_to", "follow_up_on"]
        # Reassigning is triage work: a clinician who could hand a request on would lose sight of it
        # and could pass health information to a colleague nobody chose for it.
        field_permissions = {"assigned_to": "contact.triage_consultationrequest"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assigned_to" in self.fields:
            # Keep the current assignee choosable even if they have since lost access, or saving the
            # form for another reason would silently unassign the request.
            assignable = consultation_request_policy.assignable_users().values("pk")
            self.fields["assigned_to"].queryset = get_user_model().objects.filter(
                Q(pk__in=assignable) | Q(pk=self.instance.assigned_to_id)
            ).order_by("first_name", "last_name", "username")

    def clean_new_note(self):
        return self.cleaned_data["new_note"].strip()

    def clean_status(self):
        status = self.cleaned_data["status"]
        on_list = WaitlistEntry.objects.filter(pk=self.instance.pk).exists()
        if status == ConsultationRequest.Status.WAITLIST and not on_list:
            raise forms.ValidationError("To put this request on the waitlist, use “Put on the waitlist” on its page, "
                                        "so the list says what they wait for.")
        return status
