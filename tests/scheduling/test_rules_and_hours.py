"""The practice-wide rules and each schedule's hours can only be stored in shapes that keep open times bounded
and one host's calls apart; only coordinators decide who is offered calls and for which clinician."""

from datetime import time

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from practice_site.scheduling import slots
from practice_site.scheduling.models import ConsultationSchedule, SchedulingSettings
from tests.factories.pages import ClinicianFactory, TeamIndexFactory
from tests.factories.scheduling import all_week, make_host
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db

RULES = {"call_minutes": 15, "gap_minutes": 0, "notice_business_days": 1, "horizon_days": 21, "max_calls_per_day": 6}


def _settings_url(client):
    response = client.get(reverse("wagtailsettings:edit", args=["scheduling", "schedulingsettings"]), follow=True)
    return response.redirect_chain[-1][0] if response.redirect_chain else reverse(
        "wagtailsettings:edit", args=["scheduling", "schedulingsettings"])


@pytest.mark.parametrize(("field", "value", "message"), [
    ("call_minutes", 0, "Please enter a number from 5 to 240."),
    ("call_minutes", 4, "Please enter a number from 5 to 240."),
    ("call_minutes", 241, "Please enter a number from 5 to 240."),
    ("gap_minutes", 121, "Please enter a number from 0 to 120."),
    ("notice_business_days", 31, "Please enter a number from 0 to 30."),
    ("horizon_days", 0, "Please enter a number from 1 to 366."),
    ("horizon_days", 367, "Please enter a number from 1 to 366."),
    ("max_calls_per_day", 0, "Please enter a number from 1 to 50."),
    ("max_calls_per_day", 51, "Please enter a number from 1 to 50."),
])
def test_the_rules_form_refuses_each_out_of_range_value_and_keeps_what_was_typed(
    client, coordinator_user, field, value, message
):
    force_login_verified(client, coordinator_user)
    url = _settings_url(client)
    response = client.post(url, RULES | {field: value})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'name="{field}" value="{value}"' in html
    stored = SchedulingSettings.load()
    assert getattr(stored, field) == RULES[field]


def test_the_rules_form_stores_values_in_range(client, coordinator_user):
    force_login_verified(client, coordinator_user)
    client.post(_settings_url(client), RULES | {"call_minutes": 5, "horizon_days": 366, "gap_minutes": 120})
    stored = SchedulingSettings.load()
    assert (stored.call_minutes, stored.horizon_days, stored.gap_minutes) == (5, 366, 120)


@pytest.mark.parametrize(("field", "value"), [("call_minutes", 0), ("horizon_days", 400), ("max_calls_per_day", 0)])
def test_the_database_refuses_rules_out_of_range_whatever_path_stores_them(field, value):
    SchedulingSettings.load().save()
    with pytest.raises(IntegrityError), transaction.atomic():
        SchedulingSettings.objects.update(**{field: value})


def test_open_times_stay_bounded_with_rules_that_were_never_validated(make_host):
    """Once a call of 0 minutes made every page showing the times loop forever."""
    make_host(hours=all_week(time(0), time(23, 59)))
    rules = SchedulingSettings(call_minutes=0, gap_minutes=0, notice_business_days=0, horizon_days=30000,
                               max_calls_per_day=60000)
    offered = slots.open_slots(rules=rules)
    assert 0 < len(offered) <= slots.MAX_STARTS_PER_HOST
    # A call of 0 minutes is read as the shortest allowed call.
    assert offered[1].start - offered[0].start >= offered[0].end - offered[0].start
    assert (offered[0].end - offered[0].start).total_seconds() == 5 * 60


def _schedule_post(host, weekly=(), exceptions=(), **fields):
    data = {"host": host.pk, "takes_calls": "on", "clinician_page": ""} | fields
    for prefix, rows in (("weekly_hours", weekly), ("exceptions", exceptions)):
        data |= {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0,
                 f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}
        for number, row in enumerate(rows):
            data |= {f"{prefix}-{number}-{key}": value for key, value in row.items()}
            data[f"{prefix}-{number}-ORDER"] = number + 1
    if not data["takes_calls"]:
        del data["takes_calls"]
    return data


def test_overlapping_weekly_hours_are_refused_with_the_hours_kept(client, coordinator_user):
    force_login_verified(client, coordinator_user)
    response = client.post(reverse("consultation_schedules:add"), _schedule_post(coordinator_user, weekly=[
        {"weekday": 1, "starts_at": "09:00", "ends_at": "12:00"},
        {"weekday": 1, "starts_at": "11:45", "ends_at": "13:00"},
    ]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "These hours overlap other hours on the same day." in html
    assert 'value="11:45"' in html
    assert not ConsultationSchedule.objects.exists()


def test_hours_ending_before_they_start_are_refused(client, coordinator_user):
    force_login_verified(client, coordinator_user)
    response = client.post(reverse("consultation_schedules:add"), _schedule_post(coordinator_user, weekly=[
        {"weekday": 1, "starts_at": "12:00", "ends_at": "09:00"},
    ], exceptions=[{"date": "2030-01-08", "kind": "extra", "starts_at": "15:00", "ends_at": "14:00"}]))
    html = response.content.decode()
    assert html.count("Please choose an end time after the start time.") == 2
    assert not ConsultationSchedule.objects.exists()


def test_extra_hours_overlapping_the_weekly_hours_or_each_other_are_refused(client, coordinator_user):
    force_login_verified(client, coordinator_user)
    # 8 January 2030 is a Tuesday (weekday 1).
    response = client.post(reverse("consultation_schedules:add"), _schedule_post(
        coordinator_user, weekly=[{"weekday": 1, "starts_at": "09:00", "ends_at": "12:00"}],
        exceptions=[{"date": "2030-01-08", "kind": "extra", "starts_at": "11:50", "ends_at": "13:00"},
                    {"date": "2030-01-09", "kind": "extra", "starts_at": "09:00", "ends_at": "10:00"},
                    {"date": "2030-01-09", "kind": "extra", "starts_at": "09:30", "ends_at": "11:00"}],
    ))
    html = response.content.decode()
    assert "These extra hours overlap the weekly hours of that day." in html
    assert "This exception overlaps another on the same date." in html
    assert not ConsultationSchedule.objects.exists()


def test_a_clinician_cannot_link_their_schedule_to_a_colleagues_page_nor_join_the_hosts(
    client, clinician_user, home_page
):
    colleague = ClinicianFactory(parent=TeamIndexFactory(parent=home_page))
    mine = make_host(user=clinician_user, takes_calls=False)
    force_login_verified(client, clinician_user)
    url = reverse("consultation_schedules:edit", args=[mine.pk])
    response = client.post(url, _schedule_post(clinician_user, clinician_page=colleague.pk, takes_calls=""))
    assert response.status_code == 200
    assert "Only a coordinator can link a schedule to a clinician page." in response.content.decode()
    response = client.post(url, _schedule_post(clinician_user))
    assert "Only a coordinator can add a host to those taking calls; please ask one." in response.content.decode()
    mine.refresh_from_db()
    assert (mine.clinician_page_id, mine.takes_calls) == (None, False)


def test_a_coordinator_links_a_schedule_to_a_clinician_page_and_adds_the_host(client, coordinator_user,
                                                                             clinician_user, home_page):
    page = ClinicianFactory(parent=TeamIndexFactory(parent=home_page))
    schedule = make_host(user=clinician_user, takes_calls=False)
    force_login_verified(client, coordinator_user)
    response = client.post(reverse("consultation_schedules:edit", args=[schedule.pk]),
                           _schedule_post(clinician_user, clinician_page=page.pk))
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert (schedule.clinician_page_id, schedule.takes_calls) == (page.pk, True)
