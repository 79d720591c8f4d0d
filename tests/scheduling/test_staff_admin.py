"""The scheduling admin: the agenda of calls, each host's schedule and the practice-wide rules, under the same
rules as requests (coordinators see and edit everyone's, clinicians their own, editors nothing)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from practice_site.scheduling.models import ConsultationSchedule
from tests.factories.scheduling import call, call_url, make_host, request_of
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db
AGENDA = "/admin/consultation-calls/"


def test_coordinators_see_everyones_calls_by_day_with_how_to_reach_them(client, coordinator_user, clinician_user):
    own = call(coordinator_user, phone="+17135550142", preferred_contact="call")
    theirs = call(clinician_user, days=4)
    force_login_verified(client, coordinator_user)
    html = client.get(AGENDA).content.decode()
    assert f"Request #{request_of(own).pk}" in html and f"Request #{request_of(theirs).pk}" in html
    assert "(713) 555-0142" in html and "Phone call" in html
    assert reverse("consultation_requests:inspect", args=[request_of(own).pk]) in html
    assert html.index(f"Request #{request_of(own).pk}") < html.index(f"Request #{request_of(theirs).pk}")
    assert f"{timezone.localtime(own.start):%A, %B} {timezone.localtime(own.start).day}" in html


def test_clinicians_see_only_their_own_calls(client, coordinator_user, clinician_user):
    own = call(clinician_user)
    other = call(coordinator_user)
    force_login_verified(client, clinician_user)
    html = client.get(AGENDA).content.decode()
    assert f"Request #{request_of(own).pk}" in html
    assert f"Request #{request_of(other).pk}" not in html
    assert client.get(call_url(other)).status_code == 404


def test_editors_have_no_agenda_nor_menu_item(client, editor_user, coordinator_user):
    booking = call(coordinator_user)
    force_login_verified(client, editor_user)
    response = client.get(AGENDA)
    assert (response.status_code, response.get("Location")) in {(403, None), (302, "/admin/")}
    assert f"Request #{request_of(booking).pk}" not in response.content.decode()
    assert "Consultation calls" not in client.get("/admin/").content.decode()
    refused = client.get(call_url(booking))
    assert refused.status_code in {403, 302}


def test_the_agenda_costs_the_same_queries_for_one_call_or_many(client, coordinator_user):
    call(coordinator_user)
    force_login_verified(client, coordinator_user)
    client.get(AGENDA)
    with CaptureQueriesContext(connection) as one:
        client.get(AGENDA)
    for day in range(4, 9):
        call(coordinator_user, days=day)
    with CaptureQueriesContext(connection) as many:
        client.get(AGENDA)
    assert len(many) == len(one)


def test_clinicians_edit_only_their_own_schedule_and_coordinators_every_one(
    client, coordinator_user, clinician_user, editor_user
):
    mine = make_host(user=clinician_user)
    theirs = make_host(user=coordinator_user)
    edit = "consultation_schedules:edit"

    force_login_verified(client, clinician_user)
    listing = client.get(reverse("consultation_schedules:index")).content.decode()
    assert str(mine) in listing and str(theirs) not in listing
    assert client.get(reverse(edit, args=[mine.pk])).status_code == 200
    assert client.get(reverse(edit, args=[theirs.pk])).status_code in {403, 404, 302}
    add_form = client.get(reverse("consultation_schedules:add")).content.decode()
    hosts = re.findall(r'<option value="(\d+)"', add_form.split('name="host"', 1)[1].split("</select>", 1)[0])
    assert hosts == [str(clinician_user.pk)]

    client.logout()
    force_login_verified(client, coordinator_user)
    assert client.get(reverse(edit, args=[mine.pk])).status_code == 200

    client.logout()
    force_login_verified(client, editor_user)
    response = client.get(reverse("consultation_schedules:index"))
    assert response.status_code in {403, 302}
    assert ConsultationSchedule.objects.count() == 2


def test_coordinators_set_the_practice_wide_rules(client, coordinator_user, clinician_user):
    url = reverse("wagtailsettings:edit", args=["scheduling", "schedulingsettings"])
    force_login_verified(client, coordinator_user)
    assert "Call length (minutes)" in client.get(url, follow=True).content.decode()
    client.logout()
    force_login_verified(client, clinician_user)
    assert client.get(url).status_code in {403, 302}
