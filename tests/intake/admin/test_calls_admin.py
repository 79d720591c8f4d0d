"""A request's call in the admin: staff book, move and cancel it, under the same rules as requests."""

from datetime import time

import pytest
from django.urls import reverse
from django.utils import timezone

from practice_site.scheduling import slots
from practice_site.scheduling.emails import describe
from practice_site.scheduling.models import Booking
from tests.factories.scheduling import all_week, call, call_url, make_host, request_of
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db
AGENDA = "/admin/consultation-calls/"










def test_the_request_shows_its_call_and_staff_move_and_cancel_it_with_history(client, coordinator_user):
    make_host(hours=all_week(time(8), time(18)), user=coordinator_user)
    booking = call(coordinator_user, days=30)  # beyond the horizon: still shown, still movable
    force_login_verified(client, coordinator_user)
    inspect = client.get(reverse("consultation_requests:inspect", args=[request_of(booking).pk])).content.decode()
    assert "Free consultation call" in inspect and "Move or cancel the call" in inspect
    page = client.get(call_url(booking)).content.decode()
    assert describe(booking.start) in page and "Cancel the call" in page and "Move the call" in page

    new_time = slots.open_slots()[2]
    response = client.post(call_url(booking), {"action": "move", "consultation_time": new_time.value})
    assert response.status_code == 302
    booking.refresh_from_db()
    moved = Booking.objects.get(status="booked")
    assert (booking.status, moved.start, request_of(moved).pk) == ("moved", new_time.start, request_of(booking).pk)
    event = request_of(booking).events.get(action="call")
    assert event.actor == coordinator_user and describe(new_time.start) in event.detail

    client.post(call_url(booking), {"action": "cancel"})
    moved.refresh_from_db()
    assert moved.status == "cancelled"
    cancel_event = request_of(booking).events.filter(action="call", detail__contains="cancelled").get()
    assert cancel_event.actor == coordinator_user and cancel_event.created_at <= timezone.now()






def test_a_request_marked_as_spam_by_staff_frees_its_time(client, coordinator_user):
    booking = call(coordinator_user)
    force_login_verified(client, coordinator_user)
    response = client.post(reverse("consultation_requests:edit", args=[request_of(booking).pk]),
                           {"status": "spam", "assigned_to": coordinator_user.pk, "follow_up_on": "", "new_note": ""})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    request_of(booking).refresh_from_db()
    assert request_of(booking).status == "spam"
