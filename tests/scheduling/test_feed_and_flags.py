"""Each host's private calendar feed, and calls that can no longer happen as booked."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from practice_site.scheduling.models import Booking, ScheduleException
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.scheduling import book, request_of
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db
CENTRAL = ZoneInfo("America/Chicago")


def call(host, days=3, hour=10, **kwargs):
    start = datetime.combine(timezone.localdate() + timedelta(days=days), time(hour), tzinfo=CENTRAL)
    consultation = kwargs.pop("consultation", None) or ConsultationRequestFactory(
        name="Maya Torres", phone="+12816240199", email="maya@example.com"
    )
    return book(consultation, host=host, start=start,
                                  end=start + timedelta(minutes=15), **kwargs)


def test_the_database_refuses_two_held_calls_for_one_host_at_one_time(make_host):
    host = make_host().host
    first = call(host)
    with pytest.raises(IntegrityError), transaction.atomic():
        call(host)
    # A cancelled or moved call frees its time.
    Booking.objects.filter(pk=first.pk).update(status=Booking.Status.CANCELLED)
    assert call(host).is_active


def test_the_feed_lists_only_its_hosts_calls_without_names_or_numbers_and_stops_after_a_reset(client, make_host):
    mine, theirs = make_host(), make_host()
    own_call = call(mine.host)
    call(theirs.host, hour=11)
    call(mine.host, hour=12, status=Booking.Status.CANCELLED)
    token = mine.reset_feed()
    assert len(token) >= 40

    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == f"Free consultation — request #{request_of(own_call).pk}"
    assert event.decoded("dtstart") == own_call.start
    assert str(event["url"]).endswith(reverse("consultation_requests:inspect", args=[request_of(own_call).pk]))
    text = response.content.decode()
    for private in ["Maya", "Torres", "2816240199", "624-0199", "maya@example.com"]:
        assert private not in text

    mine.reset_feed()
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    mine.turn_feed_off()
    assert client.get("/calendar/.ics").status_code == 404


def test_staff_turn_their_own_feed_on_and_reset_it_in_the_admin(client, make_host):
    schedule = make_host()
    force_login_verified(client, schedule.host)
    url = reverse("scheduling_feed")
    assert "Turn on my calendar feed" in client.get(url).content.decode()
    shown = client.post(url, {"action": "on"}).content.decode()
    schedule.refresh_from_db()
    first = schedule.feed_token
    address = re.search(r'value="https?://[^"]+(/calendar/[\w-]+\.ics)"', shown).group(1)
    # Only a hash is stored: the address is shown once, and the database holds nothing that opens the feed.
    assert first and first not in address and len(first) == 64
    assert client.get(address).status_code == 200
    assert address not in client.get(url).content.decode()
    client.post(url, {"action": "reset"})
    schedule.refresh_from_db()
    assert schedule.feed_token and schedule.feed_token != first
    assert client.get(address).status_code == 404
    client.post(url, {"action": "off"})
    schedule.refresh_from_db()
    assert schedule.feed_token == ""


def test_the_feed_stops_for_a_host_who_lost_the_permission_or_was_deactivated(client, make_host):
    from django.contrib.auth.models import Group

    from tests.factories.users import clinician

    schedule = make_host(user=clinician())
    call(schedule.host, consultation=ConsultationRequestFactory(assigned_to=schedule.host))
    token = schedule.reset_feed()
    assert client.get(f"/calendar/{token}.ics").status_code == 200
    groups = list(schedule.host.groups.all())
    schedule.host.groups.clear()
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    schedule.host.groups.set(groups)
    assert client.get(f"/calendar/{token}.ics").status_code == 200
    schedule.host.is_active = False
    schedule.host.save()
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    assert Group.objects.exists()


def test_calls_of_a_host_made_inactive_are_flagged_for_reassignment(make_host):
    schedule = make_host()
    upcoming, past = call(schedule.host), call(schedule.host, days=-2)
    schedule.host.is_active = False
    schedule.host.save()
    upcoming.refresh_from_db()
    past.refresh_from_db()
    assert (upcoming.attention, upcoming.status) == (Booking.Attention.HOST_UNAVAILABLE, "booked")
    assert past.attention == ""


def test_calls_of_a_deleted_host_stay_flagged_with_no_host(make_host):
    schedule = make_host()
    booking = call(schedule.host)
    schedule.host.delete()
    booking.refresh_from_db()
    assert (booking.host, booking.attention, booking.status) == (None, Booking.Attention.HOST_UNAVAILABLE, "booked")


def test_calls_of_a_host_who_stops_taking_calls_are_flagged(make_host):
    schedule = make_host()
    booking = call(schedule.host)
    schedule.takes_calls = False
    schedule.save()
    booking.refresh_from_db()
    assert booking.attention == Booking.Attention.HOST_UNAVAILABLE


def test_time_off_added_over_a_booked_call_flags_it_and_keeps_it(make_host):
    schedule = make_host()
    booking, other_day = call(schedule.host, hour=10), call(schedule.host, days=4, hour=10)
    day = timezone.localtime(booking.start).date()
    ScheduleException.objects.create(schedule=schedule, date=day, starts_at=time(9), ends_at=time(11))
    ScheduleException.objects.create(schedule=schedule, date=day + timedelta(days=1), starts_at=time(9),
                                     ends_at=time(9, 30))
    booking.refresh_from_db()
    other_day.refresh_from_db()
    assert (booking.attention, booking.status) == (Booking.Attention.TIME_OFF, "booked")
    assert other_day.attention == ""
    # A whole day off flags it too.
    ScheduleException.objects.create(schedule=schedule, date=day + timedelta(days=1))
    other_day.refresh_from_db()
    assert other_day.attention == Booking.Attention.TIME_OFF


def test_a_host_is_deleted_even_when_a_colleague_has_a_call_at_the_same_time(make_host):
    """A call whose host was deleted blocks no one's time: it waits, flagged, for a coordinator to reassign it."""
    leaving, staying = make_host().host, make_host().host
    theirs, colleagues = call(leaving), call(staying)
    leaving.delete()
    theirs.refresh_from_db()
    assert (theirs.host, theirs.status, theirs.attention) == (None, "booked", Booking.Attention.HOST_UNAVAILABLE)
    assert Booking.objects.get(pk=colleagues.pk).is_active
