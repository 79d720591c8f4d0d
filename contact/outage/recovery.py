"""Storing a request that waited in the spool: every request a person was thanked for is stored.

What changed while it waited is not the person's fault. A chosen time no longer open is dropped and the request
flagged for a call back; answers the form no longer accepts are left out of the fields, kept word for word in a
staff note, and the request flagged for review. Only a file that cannot be decrypted or read is set aside (by
spool.py), and coordinators hear of it: the dashboard's count, an email to the intake team and a log line.
"""

import json
import logging
import uuid
from datetime import datetime

from cryptography.fernet import InvalidToken
from django.db import DataError, IntegrityError
from django.forms.forms import NON_FIELD_ERRORS
from django.http import QueryDict
from psycopg2 import errorcodes

from contact import notifications
from contact.form.request_form import ConsultationRequestForm
from contact.form.submission import store_request
from contact.models.receipts import SpooledRequest
from practice_site.scheduling.holding import SlotTaken

logger = logging.getLogger(__name__)

TIME = "consultation_time"
TIME_GONE = "Chosen time no longer available: please call back"
ANSWERS_CHANGED = "Some answers no longer pass the form's checks: see the note"


def store_kept(data: bytes, fernet) -> str:
    """Store one spool file's request: "stored", "already_stored", or "rejected" (unreadable: set it aside)."""
    try:
        payload = json.loads(fernet.decrypt(data))
        spool_id = uuid.UUID(payload["id"])
        received_at = datetime.fromisoformat(payload["received_at"])
        post = QueryDict(mutable=True)
        for name, values in payload["post"].items():
            post.setlist(name, [str(value) for value in values])
        spam_reason = str(payload["spam_reason"])
    except (InvalidToken, ValueError, KeyError, TypeError, AttributeError):
        return "rejected"
    if SpooledRequest.objects.filter(spool_id=spool_id).exists():
        return "already_stored"
    form, attention, as_received = checked_form(post)
    if form is None:
        return "rejected"
    kept = {"spam_reason": spam_reason, "received_at": received_at, "spool_id": spool_id, "as_received": as_received}
    try:
        try:
            store_request(form, attention=attention, **kept)
        except SlotTaken:
            # Taken while the request waited (or since it was checked): stored without it, for a call back.
            form, _, _ = checked_form(_without(post, [TIME]))
            if form is None:
                return "rejected"
            store_request(form, attention=_joined(attention, TIME_GONE), **kept)
    except IntegrityError as error:
        if _is_duplicate(error, spool_id):
            return "already_stored"
        raise
    return "stored"


def checked_form(post: QueryDict):
    """The form to store the request with, what to flag and a note of answers left out; (None, ...) if none."""
    form = ConsultationRequestForm(post)
    if form.is_valid():
        return form, "", ""
    attention = ""
    if post.get(TIME):
        # A time needs a phone number and an open slot: without the time, the rest stands on its own.
        post, attention = _without(post, [TIME]), TIME_GONE
        form = ConsultationRequestForm(post)
        if form.is_valid():
            return form, attention, ""
    refused = [name for name in form.errors if name != NON_FIELD_ERRORS and name in form.fields]
    note = "\n".join(
        f"{form.fields[name].label or name} (as sent, no longer accepted): {', '.join(post.getlist(name))}"
        for name in refused if post.getlist(name)
    )
    form = ConsultationRequestForm(_without(post, refused))
    if not form.is_valid():
        return None, "", ""
    note = "Stored as received after a database outage. " + (note or "")
    return form, _joined(attention, ANSWERS_CHANGED), note.strip()


def _without(post: QueryDict, names) -> QueryDict:
    post = post.copy()
    for name in names:
        post.setlist(name, [])
    return post


def _joined(*flags: str) -> str:
    return "; ".join(flag for flag in flags if flag)


def _is_duplicate(error: IntegrityError, spool_id) -> bool:
    """Only the unique key on the spool id means "already stored"; any other refusal is a real problem."""
    if getattr(error.__cause__, "pgcode", None) != errorcodes.UNIQUE_VIOLATION:
        return False
    return SpooledRequest.objects.filter(spool_id=spool_id).exists()


def database_gone(error) -> bool:
    """Whether a drain should stop (the database is away or read-only) rather than go on to the next file."""
    return not isinstance(error, IntegrityError | DataError)


def alert_set_aside(count: int) -> None:
    try:
        notifications.set_aside_alert(count).send()
    except Exception as error:  # noqa: BLE001 -- the dashboard count and the log line still tell
        logger.error("The intake team could not be told of set-aside spool files (%s)", type(error).__name__)
