"""The demo practice has two hosts with weekly hours, so the consultation form shows open times."""

import pytest
from django.core.management import call_command

from practice_site.scheduling.models import ConsultationSchedule, WeeklyHours

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_hosts_whose_times_the_form_offers_and_a_second_run_adds_none(client):
    call_command("load_demo_content")
    schedules = ConsultationSchedule.objects.select_related("host", "clinician_page")
    assert schedules.count() == 2
    assert all(schedule.takes_calls and not schedule.host.has_usable_password() for schedule in schedules)
    assert {schedule.clinician_page.slug for schedule in schedules if schedule.clinician_page} == {"priya-raman"}
    hours = WeeklyHours.objects.count()

    html = client.get("/contact/").content.decode()
    assert "Pick a time for your free 15-minute phone call" in html
    assert html.count('name="consultation_time"') > 10

    call_command("load_demo_content")
    assert (ConsultationSchedule.objects.count(), WeeklyHours.objects.count()) == (2, hours)
