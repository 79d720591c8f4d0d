import datetime
import zoneinfo

import pytest
from contact.worklists import add_business_days, is_reply_overdue, reply_overdue_before

from contact.models import ConsultationRequest

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
MONDAY = datetime.date(2026, 11, 23)
FRIDAY = datetime.date(2026, 11, 27)


@pytest.mark.parametrize(("start", "count", "expected"), [
    (MONDAY, 2, datetime.date(2026, 11, 25)),
    (FRIDAY, 2, datetime.date(2026, 12, 1)),
    (datetime.date(2026, 11, 28), 2, datetime.date(2026, 12, 1)),  # Saturday
    (datetime.date(2026, 11, 29), 1, datetime.date(2026, 11, 30)),  # Sunday
    (MONDAY, 0, MONDAY),
])
def test_add_business_days_skips_weekends(start, count, expected):
    assert add_business_days(start, count) == expected


def at(day, hour=10):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=CHICAGO)


@pytest.mark.parametrize(("received", "today", "overdue"), [
    (MONDAY, datetime.date(2026, 11, 25), False),  # due Wednesday: still on time that day
    (MONDAY, datetime.date(2026, 11, 26), True),
    (FRIDAY, datetime.date(2026, 11, 30), False),  # the weekend does not count
    (FRIDAY, datetime.date(2026, 12, 1), False),
    (FRIDAY, datetime.date(2026, 12, 2), True),
])
def test_a_new_request_is_overdue_after_two_business_days(received, today, overdue):
    request = ConsultationRequest(received_at=at(received), status="new")
    assert is_reply_overdue(request, today) is overdue
    assert (request.received_at < reply_overdue_before(today)) is overdue


def test_an_answered_request_is_never_overdue():
    request = ConsultationRequest(received_at=at(MONDAY), status="contacted")
    assert not is_reply_overdue(request, datetime.date(2026, 12, 30))


def test_overdue_boundary_is_the_end_of_the_last_overdue_day():
    # On Thursday the 26th, everything received up to the end of Monday the 23rd is overdue.
    assert reply_overdue_before(datetime.date(2026, 11, 26)) == at(datetime.date(2026, 11, 24), hour=0)
