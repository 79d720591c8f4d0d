"""Joining and leaving the waitlist, and the person's "still interested" answer. Each change of the request's
status is written to its history (RequestEvent), never with anything the person wrote."""

from django.utils import timezone

from contact.models.request import ConsultationRequest, RequestEvent
from contact.models.waitlist import WaitlistEntry
from contact.review import audit
from practice_site.directory.choices import AgeGroup

Status = ConsultationRequest.Status
# What the request already says, as the waitlist's days and times.
TIMES_FROM_REQUEST = {
    "morning": WaitlistEntry.Slot.WEEKDAY_MORNING, "afternoon": WaitlistEntry.Slot.WEEKDAY_AFTERNOON,
    "evening": WaitlistEntry.Slot.WEEKDAY_EVENING,
}
AGE_FROM_REQUEST = {"self": AgeGroup.ADULTS, "couple": AgeGroup.ADULTS}


def initial_from(consultation: ConsultationRequest) -> dict:
    """What the entry waits for, as far as the request's answers say."""
    return {
        "clinicians": [consultation.preferred_clinician_id] if consultation.preferred_clinician_id else [],
        "session_format": consultation.session_format,
        "age_group": AGE_FROM_REQUEST.get(consultation.therapy_for, ""),
        "times": [TIMES_FROM_REQUEST[time] for time in consultation.available_times if time in TIMES_FROM_REQUEST],
    }


def _set_status(consultation, status, actor, why=""):
    before = consultation.get_status_display()
    consultation.status = status
    consultation.save(update_fields=["status", "updated_at"])
    detail = f"Status: {before} → {consultation.get_status_display()}" + (f" ({why})" if why else "")
    audit.record(consultation, actor, audit.Action.STATUS_CHANGED, detail[:200])


def join(consultation: ConsultationRequest, actor) -> None:
    """Called once the entry is saved: the request is now on the waitlist."""
    if consultation.status != Status.WAITLIST:
        _set_status(consultation, Status.WAITLIST, actor)


def join_from_request(consultation: ConsultationRequest, age_group: str, concerns=(), insurance=None) -> WaitlistEntry:
    """The person asked to join on the consultation form: the entry is filled from their answers."""
    wants = initial_from(consultation)
    entry = WaitlistEntry.objects.create(
        consultation=consultation, session_format=wants["session_format"], age_group=age_group, times=wants["times"],
        insurance=insurance,
    )
    entry.clinicians.set(wants["clinicians"])
    entry.concerns.set(concerns)
    join(consultation, None)
    return entry


def stay(entry: WaitlistEntry) -> None:
    """The person is still interested: their place is kept and the check-ins start again from now."""
    entry.clock_started_at = timezone.now()
    entry.check_ins_sent = 0
    entry.last_check_in_at = None
    entry.lapsed_at = None
    entry.link_round += 1
    entry.save(update_fields=["clock_started_at", "check_ins_sent", "last_check_in_at", "lapsed_at", "link_round"])
    audit.record(entry.consultation, None, RequestEvent.Action.WAITLIST, "Still interested (their link): kept")


def leave(entry: WaitlistEntry, actor=None, why="left by their link") -> None:
    """Off the waitlist: the request is closed and what it waited for is deleted."""
    consultation = entry.consultation
    entry.delete()
    _set_status(consultation, Status.CLOSED, actor, why)
