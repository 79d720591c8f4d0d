"""Staff booking a call choose a day first, each with its count of open times, then one of its times."""

import re
from datetime import time

import pytest
from django.urls import reverse

from practice_site.scheduling import slots
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.scheduling import all_week, make_host
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db


def test_staff_see_the_days_with_their_counts_before_the_times(client, coordinator_user):
    make_host(hours=all_week(time(8), time(18)), user=coordinator_user)
    consultation = ConsultationRequestFactory()
    force_login_verified(client, coordinator_user)
    html = client.get(reverse("consultation_call", args=[consultation.pk])).content.decode()
    summaries = re.findall(r'<details class="w-mt-2" name="call-day">\s*<summary>([^<]+)</summary>', html)
    by_day = slots.by_day(slots.open_slots())
    assert summaries == [f"{day:%A, %B} {day.day} ({len(times)} open times)" for day, times in by_day]
