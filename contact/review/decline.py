"""Decline a request with referrals: pick entries the directory suggests, start from a reply template, edit,
preview and send. Works without JavaScript: each step is a form post that shows the next one.

Whoever may change the request may decline it (coordinators any, clinicians those assigned to them). The email
carries only the previewed text; the text is kept with the request (ReferralReply) and its history names the
referrals, never anything the person wrote.
"""

from functools import partial

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from contact import tasks
from contact.models.referral import ReferralReply
from contact.models.request import ConsultationRequest, RequestNotification
from contact.review import audit
from contact.review.call import _request_for
from practice_site.directory.choices import AgeGroup, SessionFormat
from practice_site.referrals.matching import RequestAnswers, suggest
from practice_site.referrals.models import ReplyTemplate

Status = ConsultationRequest.Status
# A few more than the two or three to pick, so a coordinator who knows an entry fits better still finds it.
SHOWN_SUGGESTIONS = 6
PICK_AT_MOST = 3
AGE_GROUPS = {ConsultationRequest.TherapyFor.CHILD: "", ConsultationRequest.TherapyFor.SELF: AgeGroup.ADULTS,
              ConsultationRequest.TherapyFor.COUPLE: AgeGroup.ADULTS}


def answers_of(consultation: ConsultationRequest) -> RequestAnswers:
    """What the directory matches on, from the request's answers (never its message)."""
    Payment = ConsultationRequest.Payment
    concerns = list(consultation.service.concerns.values_list("pk", flat=True)) if consultation.service else []
    session_format = consultation.session_format
    return RequestAnswers(
        concerns=concerns,
        # "My child or teen" does not say which of the two, so age is left to the entries that see every age.
        age_group=AGE_GROUPS[consultation.therapy_for],
        language=consultation.session_language,
        insurance=consultation.insurance_carrier if consultation.payment == Payment.INSURANCE else "",
        low_cost=consultation.payment == Payment.SELF_PAY,
        session_format=session_format if session_format in SessionFormat.values else "",
        in_texas=consultation.in_texas,
    )


def first_name(consultation: ConsultationRequest) -> str:
    return consultation.preferred_name or (consultation.name.split() or [""])[0]


def can_email(consultation: ConsultationRequest) -> bool:
    """Only someone who asked for email gets one: a person may have good reasons to want only a call."""
    return bool(consultation.email) and consultation.preferred_contact == ConsultationRequest.ContactMethod.EMAIL


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, template):
        return f"{template.title} ({template.get_reason_display()})"


class DeclineForm(forms.Form):
    template = TemplateChoiceField(
        ReplyTemplate.objects.filter(active=True), label="Reply to start from", widget=forms.RadioSelect,
        empty_label=None, error_messages={"required": "Choose the reply to start from."},
    )
    entries = forms.TypedMultipleChoiceField(
        coerce=int, label="Referrals", error_messages={"required": "Choose two or three referrals."},
    )
    subject = forms.CharField(max_length=150, required=False)
    body = forms.CharField(label="Message", max_length=6000, required=False, widget=forms.Textarea(attrs={"rows": 16}))

    def __init__(self, *args, suggestions, writing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = {entry.pk: entry for entry in suggestions}
        self.fields["entries"].choices = [(entry.pk, entry.name) for entry in suggestions]
        # The text is only asked for once it was written from the template.
        self.fields["subject"].required = self.fields["body"].required = writing

    def clean_entries(self):
        chosen = self.cleaned_data["entries"]
        if len(chosen) > PICK_AT_MOST or len(chosen) < min(2, len(self.suggestions)):
            raise forms.ValidationError("Choose two or three referrals.")
        return chosen

    def chosen_entries(self):
        return [self.suggestions[pk] for pk in self.cleaned_data["entries"]]


class DeclineView(WagtailAdminTemplateMixin, TemplateView):
    """One page, three steps: choose (template and referrals), write (edit the text), preview, then send."""

    template_name = "contact/admin/decline.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.consultation = _request_for(request.user, kwargs["pk"])
        if self.consultation.status in Status.finished():
            messages.error(request, f"This request is already {self.consultation.get_status_display().lower()}.")
            return redirect(self.inspect_url())
        self.suggestions = suggest(answers_of(self.consultation), limit=SHOWN_SUGGESTIONS)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Decline {self.consultation} with referrals"

    def inspect_url(self):
        return reverse("consultation_requests:inspect", args=[self.consultation.pk])

    def get_context_data(self, form=None, step="choose", **kwargs):
        if form is None:
            initial = {"entries": [entry.pk for entry in self.suggestions[:PICK_AT_MOST]]}
            form = DeclineForm(initial=initial, suggestions=self.suggestions)
        return super().get_context_data(**kwargs) | {
            "consultation": self.consultation, "form": form, "step": step, "suggestions": self.suggestions,
            "chosen": [str(pk) for pk in (form["entries"].value() or [])],
            "emails": can_email(self.consultation), "inspect_url": self.inspect_url(),
        }

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "write")
        writing = action in {"preview", "send"}
        form = DeclineForm(request.POST, suggestions=self.suggestions, writing=writing)
        if not form.is_valid():
            return self.show(form, "write" if writing or action == "edit" else "choose")
        if action == "write":
            reply = form.cleaned_data["template"].render(first_name(self.consultation), form.chosen_entries())
            data = request.POST.copy()
            data["subject"], data["body"] = reply.subject, reply.body
            return self.show(DeclineForm(data, suggestions=self.suggestions, writing=True), "write")
        if action == "send":
            return self.send(form)
        return self.show(form, "preview" if action == "preview" else "write")

    def show(self, form, step):
        return self.render_to_response(self.get_context_data(form=form, step=step))

    def send(self, form):
        with transaction.atomic():
            consultation = ConsultationRequest.objects.select_for_update().get(pk=self.consultation.pk)
            if consultation.status in Status.finished() or ReferralReply.objects.filter(
                consultation=consultation
            ).exists():
                messages.error(self.request, "Someone else has just closed this request; nothing was sent.")
                return redirect(self.inspect_url())
            record_decline(consultation, self.request.user, form)
        if can_email(consultation):
            messages.success(self.request, "The referral reply is on its way and the request is referred out.")
        else:
            messages.success(self.request, "The request is referred out. They asked not to be emailed: the reply "
                                           "is kept below for you to share the way they asked.")
        return redirect(self.inspect_url())


def record_decline(consultation, user, form):
    """Store the reply, the status and the history, and queue the email: all or nothing."""
    data = form.cleaned_data
    entries = form.chosen_entries()
    template = data["template"]
    emailed = can_email(consultation)
    reply = ReferralReply.objects.create(
        consultation=consultation, reason=template.reason, subject=data["subject"], body=data["body"],
        emailed=emailed, sent_by=user,
    )
    reply.entries.set(entries)
    before = consultation.get_status_display()
    consultation.status = Status.REFERRED_OUT
    consultation.save(update_fields=["status", "updated_at"])
    audit.record(consultation, user, audit.Action.STATUS_CHANGED, f"Status: {before} → {Status.REFERRED_OUT.label}")
    names = ", ".join(entry.name for entry in entries)
    audit.record(consultation, user, audit.Action.REFERRED,
                 f"{template.get_reason_display()}: referred to {names}"[:200])
    if emailed:
        notification = RequestNotification.objects.create(
            consultation=consultation, kind=RequestNotification.Kind.REFERRAL
        )
        transaction.on_commit(partial(tasks.enqueue_all, [notification.pk]))
    return reply
