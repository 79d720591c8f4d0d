"""Storing a request: committed first; emails are queued only once the row is safely in PostgreSQL."""

from django.db import transaction

from contact import calls, tasks
from contact.form import waitlist_offer
from contact.models.receipts import REUSED_TOKEN_REASON, SpooledRequest, use_form_token
from contact.models.request import ConsultationRequest, RequestEvent, RequestNote


def store_request(
    form, *, spam_reason: str, received_at=None, spool_id=None, attention="", as_received=""
) -> ConsultationRequest:
    """``received_at`` and ``spool_id`` come with a request kept in the spool during an outage
    (contact/outage/spool.py): a spool_id already stored raises IntegrityError and stores nothing. ``attention``
    flags what staff must look at, ``as_received`` (a staff note) keeps answers the form no longer accepts."""
    with transaction.atomic():
        if spool_id is not None:
            SpooledRequest.objects.create(spool_id=spool_id)
        if not spam_reason and not use_form_token(form.cleaned_data["form_token"]):
            # One form sent again (a replay, or the same form from several addresses): kept for staff to see.
            spam_reason = REUSED_TOKEN_REASON
        consultation = form.save(commit=False)
        if received_at is not None:
            consultation.received_at = consultation.privacy_notice_accepted_at = received_at
        consultation.attention = attention[:120]
        if spam_reason:
            consultation.status = ConsultationRequest.Status.SPAM
            consultation.spam_reason = spam_reason[:120]
        consultation.save()
        RequestEvent.objects.create(
            consultation=consultation,
            action=RequestEvent.Action.SUBMITTED,
            detail=submitted_detail(spam_reason=spam_reason, spooled=spool_id is not None),
        )
        if as_received:
            RequestNote.objects.create(consultation=consultation, text=as_received)
        waitlist_age = "" if spam_reason else waitlist_offer.chosen_age(form)
        start = form.cleaned_data.get("consultation_time")
        # Spam never holds a time; SlotTaken rolls the whole request back, so nothing is half-stored. Joining the
        # waitlist holds none either: a time comes with the opening offered later (contact/waitlist/offers.py).
        held = start and not spam_reason and not waitlist_age
        consultation.held_booking = calls.hold(consultation, start) if held else None
        if waitlist_age:
            waitlist_offer.join(consultation, form, waitlist_age)
        tasks.queue_arrival_emails(consultation)
    return consultation


def submitted_detail(*, spam_reason: str, spooled: bool) -> str:
    detail = "Marked as spam by the automatic checks" if spam_reason else "Sent from the website"
    if spooled:
        detail += " while the database was unreachable; stored once it was back"
    return detail

