"""The business facts staff set in the practice settings, and where people read them."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from contact import notifications
from practice_site.core.models import ClosedDay, PracticeSettings
from practice_site.scheduling import emails as call_emails
from practice_site.scheduling.emails import describe
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.scheduling import book, request_of
from tests.factories.users import SuperuserFactory, coordinator
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db


def settings_form(practice, **changes):
    """The settings form as the admin sends it, with no closed days unless given."""
    data = {
        "practice_name": practice.practice_name, "tagline": "", "phone": "", "email": "", "street_address": "",
        "service_area": "", "hours": "", "crisis_notice": practice.crisis_notice, "quick_exit_enabled": "on",
        "quick_exit_url": practice.quick_exit_url, "good_faith_estimate_notice": practice.good_faith_estimate_notice,
        "consultation_page": "", "privacy_notice_page": "",
        "reply_within_business_days": str(practice.reply_within_business_days), "time_zone": practice.time_zone,
        "closed_days-TOTAL_FORMS": "0", "closed_days-INITIAL_FORMS": "0", "closed_days-MIN_NUM_FORMS": "0",
        "closed_days-MAX_NUM_FORMS": "1000",
    }
    closed = changes.pop("closed_days", [])
    for number, (day, reason) in enumerate(closed):
        data |= {f"closed_days-{number}-day": day, f"closed_days-{number}-reason": reason,
                 f"closed_days-{number}-id": "", f"closed_days-{number}-ORDER": str(number + 1),
                 f"closed_days-{number}-DELETE": ""}
    data["closed_days-TOTAL_FORMS"] = str(len(closed))
    return data | changes


@pytest.fixture
def settings_url(client):
    force_login_verified(client, SuperuserFactory())
    response = client.get(reverse("wagtailsettings:edit", args=["core", "practicesettings"]), follow=True)
    assert response.status_code == 200
    return response.redirect_chain[-1][0] if response.redirect_chain else response.request["PATH_INFO"]


def test_staff_set_the_promise_the_time_zone_and_closed_days_in_the_admin(client, settings_url):
    html = client.get(settings_url).content.decode()
    assert "Reply within (business days)" in html and "Closed days" in html and "Central Time" in html

    practice = PracticeSettings.load()
    response = client.post(settings_url, settings_form(
        practice, reply_within_business_days="3", time_zone="America/Denver",
        closed_days=[("2026-11-27", "Day after Thanksgiving"), ("2026-12-24", "Christmas Eve")],
    ))
    assert response.status_code == 302

    practice = PracticeSettings.load()
    assert (practice.reply_within_business_days, practice.time_zone) == (3, "America/Denver")
    assert sorted(ClosedDay.objects.values_list("day", "reason")) == [
        (datetime.date(2026, 11, 27), "Day after Thanksgiving"), (datetime.date(2026, 12, 24), "Christmas Eve"),
    ]
    assert practice.reply_promise == "within three business days"


@pytest.mark.parametrize(("changes", "message"), [
    ({"reply_within_business_days": "0"}, "greater than or equal to 1"),
    ({"reply_within_business_days": "11"}, "less than or equal to 10"),
    ({"time_zone": "Mars/Olympus_Mons"}, "Select a valid choice"),
    ({"closed_days": [("2026-12-24", "Christmas Eve"), ("2026-12-24", "Again")]}, "duplicate data for day"),
])
def test_bad_settings_get_a_clear_error_and_keep_what_was_typed(client, settings_url, changes, message):
    practice = PracticeSettings.load()
    response = client.post(settings_url, settings_form(practice, **changes))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert PracticeSettings.load().reply_within_business_days == 2
    assert not ClosedDay.objects.exists()


def test_a_time_zone_not_offered_is_refused():
    practice = PracticeSettings.load()
    practice.time_zone = "America/Nowhere"
    with pytest.raises(ValidationError, match="not a valid choice"):
        practice.clean_fields()


def test_every_time_zone_offered_is_one_zoneinfo_knows():
    offered = {value for value, _label in PracticeSettings._meta.get_field("time_zone").choices}
    assert offered <= zoneinfo.available_timezones()


def test_call_times_are_written_in_the_practice_time_zone_with_its_name():
    moment = datetime.datetime(2026, 12, 8, 15, 0, tzinfo=datetime.UTC)
    practice = PracticeSettings.load()
    assert describe(moment, practice) == "Tuesday, December 8 at 9:00 a.m. Central Time"
    practice.time_zone = "America/Denver"
    practice.save()
    assert describe(moment) == "Tuesday, December 8 at 8:00 a.m. Mountain Time"


@pytest.fixture
def practice_one_day_mountain():
    practice = PracticeSettings.load()
    practice.reply_within_business_days = 1
    practice.time_zone = "America/Denver"
    practice.save()
    return practice


def booked_call(host, start):
    consultation = ConsultationRequestFactory(status="scheduled", assigned_to=host, email="sam@example.net")
    return book(consultation, host=host, start=start, end=start + datetime.timedelta(minutes=15))


def test_the_emails_promise_what_the_settings_say_in_their_time_zone(practice_one_day_mountain):
    ack = notifications.acknowledgement(ConsultationRequestFactory(email="sam@example.net"), practice_one_day_mountain)
    assert "will reply within one business day, the way you asked us to" in ack.body

    start = datetime.datetime(2026, 12, 8, 15, 0, tzinfo=datetime.UTC)
    cancelled = call_emails.cancelled(booked_call(coordinator(), start), practice_one_day_mountain, "sam@example.net")
    assert "Tuesday, December 8 at 8:00 a.m. Mountain Time is cancelled" in cancelled.body
    assert "will reply within one business day" in cancelled.body
    assert "Central" not in cancelled.body


def test_staff_pages_use_the_promise_and_the_time_zone(client, practice_one_day_mountain):
    staff = coordinator()
    force_login_verified(client, staff)
    ConsultationRequestFactory.aged(9)
    assert "No reply within one business day" in client.get("/admin/consultation-requests/").content.decode()
    assert "waiting more than one business day</a>" in client.get("/admin/").content.decode()

    start = timezone.now().astimezone(zoneinfo.ZoneInfo("America/Denver")).replace(hour=9, minute=0) \
        + datetime.timedelta(days=2)
    booking = booked_call(staff, start)
    agenda = " ".join(client.get("/admin/consultation-calls/").content.decode().split())
    assert "upcoming free consultation calls, in Mountain Time." in agenda
    assert ">9:00 a.m.</time>" in agenda
    request_page = client.get(reverse("consultation_requests:inspect", args=[request_of(booking).pk]))
    assert "9:00 a.m.</time></strong> (Mountain Time)" in request_page.content.decode()
