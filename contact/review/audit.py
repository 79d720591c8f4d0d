"""The audit trail of consultation requests: who looked at or changed which request, and when.

Details name fields and staff, never what the person wrote.
"""

from contact.models.request import AccessRecord, RequestEvent

Action = RequestEvent.Action
# Looks at a request, kept in AccessRecord beyond the request's purge.
ACCESS = {Action.VIEWED, Action.EXPORTED}


def record(consultation, actor, action, detail=""):
    if action in ACCESS:
        record_access([consultation.pk], actor, action)
    return RequestEvent.objects.create(consultation=consultation, actor=actor, action=action, detail=detail)


def record_access(numbers, actor, action):
    """The request number, who and when: never anything from the request."""
    name = (actor.get_full_name() or actor.get_username()) if actor else ""
    AccessRecord.objects.bulk_create(
        AccessRecord(request_number=number, actor=actor, actor_name=name[:150], action=action) for number in numbers
    )


def record_export(consultation_ids, actor, export_format):
    """One event per exported request, so each request's history shows it left the system."""
    record_access(consultation_ids, actor, Action.EXPORTED)
    RequestEvent.objects.bulk_create(
        RequestEvent(consultation_id=pk, actor=actor, action=Action.EXPORTED, detail=f"{export_format.upper()} export")
        for pk in consultation_ids
    )
