from datetime import time

import pytest

from practice_site.scheduling.models import ConsultationSchedule, SchedulingSettings, WeeklyHours
from tests.factories.users import coordinator

EVERY_WEEKDAY = range(7)


@pytest.fixture
def make_host(db):
    """``make_host(hours=[(weekday, time(9), time(12)), ...], user=None, **schedule_fields)``"""

    def make(hours=(), user=None, **fields):
        user = user or coordinator()
        schedule = ConsultationSchedule.objects.create(host=user, **fields)
        WeeklyHours.objects.bulk_create(
            WeeklyHours(schedule=schedule, weekday=day, starts_at=start, ends_at=end) for day, start, end in hours
        )
        return schedule

    return make


@pytest.fixture
def rules(db):
    rules = SchedulingSettings.load()
    rules.save()
    return rules


def all_week(start=time(9), end=time(17)):
    return [(day, start, end) for day in EVERY_WEEKDAY]
