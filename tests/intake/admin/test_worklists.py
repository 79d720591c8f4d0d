import datetime
import zoneinfo

import pytest

from contact.deadlines import add_business_days, reply_overdue_before
from contact.models import ConsultationRequest
from tests.factories.consultations import ConsultationRequestFactory

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


@pytest.mark.django_db
@pytest.mark.parametrize(("received", "today", "overdue"), [
    (MONDAY, datetime.date(2026, 11, 25), False),  # due Wednesday: still on time that day
    (MONDAY, datetime.date(2026, 11, 26), True),
    (FRIDAY, datetime.date(2026, 11, 30), False),  # the weekend does not count
    (FRIDAY, datetime.date(2026, 12, 1), False),
    (FRIDAY, datetime.date(2026, 12, 2), True),
])
def test_a_new_request_is_overdue_after_two_business_days(received, today, overdue):
    ConsultationRequestFactory(received_at=at(received), status="new")
    requests = ConsultationRequest.objects
    assert requests.reply_overdue(today).exists() is overdue
    assert requests.with_flags(today).get().is_reply_overdue is overdue
    assert requests.counts("reply_overdue", today=today) == {"reply_overdue": int(overdue)}


@pytest.mark.django_db
def test_an_answered_request_is_never_overdue():
    ConsultationRequestFactory(received_at=at(MONDAY), status="contacted")
    assert not ConsultationRequest.objects.reply_overdue(datetime.date(2026, 12, 30)).exists()
    assert not ConsultationRequest.objects.with_flags(datetime.date(2026, 12, 30)).get().is_reply_overdue


@pytest.mark.django_db
def test_each_flag_filters_annotates_and_counts_the_same_requests():
    ConsultationRequestFactory(name="Teen", therapy_for="child", in_texas=False)
    ConsultationRequestFactory(name="Self Pay", payment="self_pay")
    requests = ConsultationRequest.objects
    for flag, expected in [("minor", {"Teen"}), ("out_of_area", {"Teen"}), ("self_pay", {"Self Pay"})]:
        assert set(requests.flagged(flag).values_list("name", flat=True)) == expected
        assert {r.name for r in requests.with_flags() if getattr(r, f"is_{flag}")} == expected
        assert requests.counts(flag) == {flag: len(expected)}


def test_overdue_boundary_is_the_end_of_the_last_overdue_day():
    # On Thursday the 26th, everything received up to the end of Monday the 23rd is overdue.
    assert reply_overdue_before(datetime.date(2026, 11, 26)) == at(datetime.date(2026, 11, 24), hour=0)
