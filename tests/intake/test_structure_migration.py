"""contact.0009 and scheduling.0003 move the link from a call to its request onto the intake side: a database
from before (requests with booked, moved and cancelled calls, notes and history) keeps every row and link."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from contact.calls import active_booking
from contact.models import ConsultationRequest, RequestCall, RequestEvent, RequestNote
from practice_site.scheduling import parties
from practice_site.scheduling.models import Booking
from tests.factories.migrations import latest, migrate

pytestmark = pytest.mark.django_db

BEFORE = [("contact", "0008_listing_and_search_indexes"), ("scheduling", "0002_coordinators_set_the_rules")]


def old_request(apps, name, **fields):
    return apps.get_model("contact", "ConsultationRequest").objects.create(
        name=name, email=f"{name.lower()}@example.org", preferred_contact="email", therapy_for="self",
        in_texas=True, session_format="either", payment="not_sure", privacy_notice_accepted_at=timezone.now(),
        **fields,
    )


def old_history(apps):
    """Three requests as the schema before the move held them: one whose call was moved, one whose call was
    cancelled, one without a call; each with a note and its status history."""
    Booking = apps.get_model("scheduling", "Booking")
    Note = apps.get_model("contact", "RequestNote")
    Event = apps.get_model("contact", "RequestEvent")
    host = get_user_model().objects.create_user("host", "host@example.org", "x")
    soon = timezone.now().replace(microsecond=0) + timedelta(days=3)
    moved_request = old_request(apps, "Moved", status="scheduled")
    cancelled_request = old_request(apps, "Cancelled", status="new")
    quiet_request = old_request(apps, "Quiet", status="contacted")
    calls = {
        "moved": Booking.objects.create(consultation=moved_request, host_id=host.pk, start=soon,
                                        end=soon + timedelta(minutes=15), status="moved", changed_at=timezone.now()),
        "booked": Booking.objects.create(consultation=moved_request, host_id=host.pk, start=soon + timedelta(hours=1),
                                         end=soon + timedelta(hours=1, minutes=15)),
        "cancelled": Booking.objects.create(consultation=cancelled_request, host_id=host.pk, start=soon,
                                            end=soon + timedelta(minutes=15), status="cancelled"),
    }
    for request in (moved_request, cancelled_request, quiet_request):
        Note.objects.create(consultation=request, author_id=host.pk, text=f"A note on {request.name}")
        Event.objects.create(consultation=request, actor_id=host.pk, action="status", detail="Status: New → Contacted")
    return calls, {"moved": moved_request.pk, "cancelled": cancelled_request.pk, "quiet": quiet_request.pk}


def test_every_call_keeps_its_request_and_nothing_else_is_lost():
    # Schema changes inside the test's transaction: no constraint check may be left pending.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    try:
        old_apps = migrate(BEFORE)
        calls, requests = old_history(old_apps)
        counts = {model: old_apps.get_model(app, model).objects.count() for app, model in (
            ("contact", "ConsultationRequest"), ("contact", "RequestNote"), ("contact", "RequestEvent"),
            ("scheduling", "Booking"),
        )}
    finally:
        migrate(latest())

    assert counts == {
        "ConsultationRequest": ConsultationRequest.objects.count(), "RequestNote": RequestNote.objects.count(),
        "RequestEvent": RequestEvent.objects.count(), "Booking": Booking.objects.count(),
    }
    assert counts["Booking"] == 3
    links = dict(RequestCall.objects.values_list("booking_id", "consultation_id"))
    assert links == {
        calls["moved"].pk: requests["moved"], calls["booked"].pk: requests["moved"],
        calls["cancelled"].pk: requests["cancelled"],
    }
    moved = ConsultationRequest.objects.get(pk=requests["moved"])
    assert sorted(moved.bookings.values_list("status", flat=True)) == ["booked", "moved"]
    assert active_booking(moved).pk == calls["booked"].pk
    assert active_booking(ConsultationRequest.objects.get(pk=requests["cancelled"])) is None
    # The cancelled call still reaches its person, for the email saying it is cancelled.
    assert parties.party(Booking.objects.get(pk=calls["cancelled"].pk)).email == "cancelled@example.org"
    for name, pk in requests.items():
        request = ConsultationRequest.objects.get(pk=pk)
        assert list(request.notes.values_list("text", flat=True)) == [f"A note on {request.name}"], name
        assert list(request.events.values_list("action", "detail")) == [("status", "Status: New → Contacted")]
    assert ConsultationRequest.objects.get(pk=requests["quiet"]).status == "contacted"
