"""The audit trail of consultation requests: who looked at or changed which request, and when.

Details name fields and staff, never what the person wrote.
"""

from contact.models.request import RequestEvent

Action = RequestEvent.Action


def record(consultation, actor, action, detail=""):
    return RequestEvent.objects.create(consultation=consultation, actor=actor, action=action, detail=detail)


def record_export(consultation_ids, actor, export_format):
    """One event per exported request, so each request's history shows it left the system."""
    RequestEvent.objects.bulk_create(
        RequestEvent(consultation_id=pk, actor=actor, action=Action.EXPORTED, detail=f"{export_format.upper()} export")
        for pk in consultation_ids
    )
