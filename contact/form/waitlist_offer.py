"""The consultation form's waitlist offer: when every clinician who fits the answers is full, the form comes back
(nothing stored yet, everything typed kept) with a choice between joining the waitlist and sending the request
anyway. The choice travels as the pressed button's value in the form's ``waitlist`` field, so a request kept in
the outage spool keeps it too: storing it (submission.py) joins the waitlist whenever it was asked for.
"""

from django.conf import settings

from contact.models.request import ConsultationRequest
from contact.waitlist import membership
from practice_site.directory.choices import AgeGroup
from practice_site.directory.models import InsurancePlan
from practice_site.pages.models import ClinicianPage, ServicePage

TherapyFor = ConsultationRequest.TherapyFor
SKIP = "skip"
# The age groups a "who is it for" answer may be; "my child or teen" does not say which, so the person picks.
AGES = {
    TherapyFor.SELF: [AgeGroup.ADULTS],
    TherapyFor.COUPLE: [AgeGroup.ADULTS],
    TherapyFor.CHILD: [AgeGroup.CHILDREN, AgeGroup.TEENS],
}
BUTTONS = {
    AgeGroup.ADULTS: "Join the waitlist",
    AgeGroup.CHILDREN: "Join the waitlist for a child under 13",
    AgeGroup.TEENS: "Join the waitlist for a teen (13 to 17)",
}


def chosen_age(form) -> str:
    """The age group the person joins the waitlist for, or "" when they did not ask to join.

    A value that does not fit the answers (a button from before "who is it for" was changed) counts as no choice.
    """
    choice = form.cleaned_data.get("waitlist", "")
    return choice if choice in AGES.get(form.cleaned_data.get("therapy_for"), ()) else ""


def concerns(cleaned_data) -> list[int]:
    """The concerns the chosen service treats: the clinicians who fit are those who see one of them."""
    if not cleaned_data.get("service"):
        return []
    return list(
        ServicePage.concerns.through.objects.filter(servicepage_id=int(cleaned_data["service"]))
        .values_list("concern_id", flat=True)
    )


def offer(form) -> list[tuple[str, str]]:
    """The join buttons to show (value, label), or none: the person already chose, it is spam, or someone is open."""
    data = form.cleaned_data
    if form.spam_reason or data.get("waitlist") == SKIP or chosen_age(form):
        return []
    ages = AGES[data["therapy_for"]]
    session_format = data["session_format"]
    formats = [] if session_format == ConsultationRequest.SessionFormat.EITHER else [session_format]
    if not ClinicianPage.objects.everyone_full(formats=formats, ages=ages, concerns=concerns(data)):
        return []
    return [(age, BUTTONS[age]) for age in ages]


def offer_context(form, buttons) -> dict:
    data = form.cleaned_data
    return {
        "waitlist_buttons": buttons,
        "waitlist_skip": SKIP,
        "check_in_weeks": settings.WAITLIST_CHECK_IN_WEEKS,
        "asked_for_email": data.get("preferred_contact") == ConsultationRequest.ContactMethod.EMAIL,
        "chose_a_time": bool(data.get("consultation_time")),
    }


def join(consultation, form, age_group: str) -> None:
    """Put a just-stored request on the waitlist, waiting for what its answers say."""
    carrier = form.cleaned_data.get("insurance_carrier", "")
    plan = InsurancePlan.objects.filter(name__iexact=carrier).first() if carrier else None
    membership.join_from_request(consultation, age_group, concerns(form.cleaned_data), insurance=plan)
