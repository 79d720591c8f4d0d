"""Who owns a call: the request is with whoever hosts its call, through every move, so the host's agenda and
feed show it and the request opens for them."""

from datetime import time

import pytest
from django.urls import reverse
from icalendar import Calendar

from practice_site.scheduling import slots
from practice_site.scheduling.models import Booking
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.scheduling import call_url, make_host, request_of
from tests.factories.users import clinician
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db
AGENDA = "/admin/consultation-calls/"


def _book(client, consultation, slot):
    return client.post(reverse("consultation_call", args=[consultation.pk]), {"consultation_time": slot.value})


def test_a_call_moved_to_another_host_shows_on_their_agenda_and_feed_and_opens_for_them(
    client, coordinator_user, rules
):
    first, second = clinician(), clinician()
    make_host(user=first, hours=[(day, time(9), time(10)) for day in range(7)])
    new_host = make_host(user=second, hours=[(day, time(14), time(15)) for day in range(7)])
    consultation = ConsultationRequestFactory(assigned_to=first)
    force_login_verified(client, coordinator_user)
    morning = next(slot for slot in slots.open_slots() if slot.local_start.hour == 9)
    assert _book(client, consultation, morning).status_code == 302
    booking = Booking.objects.get()
    assert booking.host == first

    afternoon = next(slot for slot in slots.open_slots() if slot.local_start.hour == 14)
    assert _book(client, consultation, afternoon).status_code == 302
    moved = Booking.objects.get(status="booked")
    consultation.refresh_from_db()
    assert (moved.host, consultation.assigned_to) == (second, second)
    assert consultation.events.filter(action="assigned", detail__contains="who hosts the call").exists()

    client.logout()
    force_login_verified(client, second)
    assert f"Request #{consultation.pk}" in client.get(AGENDA).content.decode()
    assert client.get(reverse("consultation_requests:inspect", args=[consultation.pk])).status_code == 200
    token = new_host.reset_feed()
    (event,) = Calendar.from_ical(client.get(f"/calendar/{token}.ics").content).walk("VEVENT")
    assert event.decoded("dtstart") == afternoon.start

    client.logout()
    force_login_verified(client, first)
    assert f"Request #{consultation.pk}" not in client.get(AGENDA).content.decode()


def test_a_move_keeps_the_host_when_they_are_free_at_the_new_time(client, coordinator_user, rules):
    busy, free = clinician(), clinician()
    make_host(user=busy, hours=[(day, time(9), time(10)) for day in range(7)])
    make_host(user=free, hours=[(day, time(9), time(10)) for day in range(7)])
    consultation = ConsultationRequestFactory(assigned_to=busy)
    force_login_verified(client, coordinator_user)
    times = slots.open_slots()
    _book(client, consultation, times[0])
    _book(client, consultation, times[2])
    moved = Booking.objects.get(status="booked")
    consultation.refresh_from_db()
    assert (moved.start, moved.host, consultation.assigned_to) == (times[2].start, busy, busy)


def test_staff_book_a_time_of_a_host_other_than_the_chosen_clinician_without_a_false_just_taken(
    client, coordinator_user, rules, home_page
):
    from tests.factories.pages import ClinicianFactory, TeamIndexFactory

    page = ClinicianFactory(parent=TeamIndexFactory(parent=home_page))
    own, other = clinician(), clinician()
    make_host(user=own, clinician_page=page, hours=[(day, time(9), time(10)) for day in range(7)])
    make_host(user=other, hours=[(day, time(14), time(15)) for day in range(7)])
    consultation = ConsultationRequestFactory(preferred_clinician=page)
    force_login_verified(client, coordinator_user)
    afternoon = next(slot for slot in slots.open_slots() if slot.local_start.hour == 14)
    page_html = client.get(reverse("consultation_call", args=[consultation.pk])).content.decode()
    assert afternoon.value in page_html
    response = _book(client, consultation, afternoon)
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.host, request_of(booking).assigned_to) == (other, other)
    assert call_url(booking)
