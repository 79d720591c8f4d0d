"""Business days: weekends, US federal holidays (with their observed days) and the practice's own closed days."""

import datetime

import pytest

from practice_site.core.business_days import BusinessCalendar, federal_holidays, in_words
from practice_site.core.models import ClosedDay, PracticeSettings

day = datetime.date
CALENDAR = BusinessCalendar()
MONDAY = day(2026, 11, 23)
FRIDAY = day(2026, 11, 27)


@pytest.mark.parametrize(("start", "count", "expected"), [
    (MONDAY, 2, day(2026, 11, 25)),
    (FRIDAY, 2, day(2026, 12, 1)),
    (day(2026, 11, 28), 2, day(2026, 12, 1)),  # Saturday
    (day(2026, 11, 29), 1, day(2026, 11, 30)),  # Sunday
    (MONDAY, 0, MONDAY),
])
def test_weekends_are_not_business_days(start, count, expected):
    assert CALENDAR.add(start, count) == expected


@pytest.mark.parametrize(("start", "count", "expected"), [
    # Friday before Martin Luther King Jr. Day (Monday, January 18, 2027).
    (day(2027, 1, 15), 1, day(2027, 1, 19)),
    (day(2027, 1, 15), 2, day(2027, 1, 20)),
    # Thanksgiving week: Thursday the 26th is a holiday, the Friday after is not a federal one.
    (day(2026, 11, 25), 1, day(2026, 11, 27)),
    (day(2026, 11, 25), 2, day(2026, 11, 30)),
    (day(2026, 11, 26), 2, day(2026, 11, 30)),  # received on Thanksgiving itself
    # Year boundary: New Year's Day 2027 is a Friday.
    (day(2026, 12, 30), 2, day(2027, 1, 4)),
    # New Year's Day 2028 is a Saturday, observed on Friday, December 31, 2027: a year's holiday in the year before.
    (day(2027, 12, 30), 1, day(2028, 1, 3)),
    # Independence Day 2026 is a Saturday, observed on Friday the 3rd.
    (day(2026, 7, 2), 1, day(2026, 7, 6)),
    # Christmas week 2026: Friday the 25th.
    (day(2026, 12, 23), 2, day(2026, 12, 28)),
])
def test_federal_holidays_and_their_observed_days_are_not_business_days(start, count, expected):
    assert CALENDAR.add(start, count) == expected


def test_only_federal_holidays_close_the_practice_not_texas_state_ones():
    # Texas state-office holidays: Confederate Heroes Day 2027, Texas Independence Day, San Jacinto Day, LBJ Day,
    # the Friday after Thanksgiving and Christmas Eve. The practice closes on those only if staff say so.
    texas_only = [day(2027, 1, 19), day(2026, 3, 2), day(2026, 4, 21), day(2026, 8, 27), day(2026, 11, 27),
                  day(2026, 12, 24)]
    assert all(CALENDAR.is_business_day(d) for d in texas_only)
    assert federal_holidays(day(2026, 1, 1), day(2026, 1, 31)) == {day(2026, 1, 1), day(2026, 1, 19)}


def test_a_closed_day_staff_set_is_skipped_like_a_holiday():
    closed = BusinessCalendar(frozenset({day(2026, 11, 27)}))  # the Friday after Thanksgiving
    assert closed.add(day(2026, 11, 25), 1) == day(2026, 11, 30)
    assert closed.add(day(2026, 11, 25), 2) == day(2026, 12, 1)
    assert closed.closed_between(day(2026, 11, 20), day(2026, 11, 30)) == {day(2026, 11, 26), day(2026, 11, 27)}


@pytest.mark.parametrize(("count", "expected_day"), [(1, day(2026, 11, 24)), (10, day(2026, 12, 8))])
def test_the_promise_at_its_bounds(count, expected_day):
    # Ten business days from Monday the 23rd: Thanksgiving is skipped, so the second Tuesday after, not Monday.
    assert CALENDAR.add(MONDAY, count) == expected_day


@pytest.mark.parametrize(("count", "words"), [
    (1, "one business day"), (2, "two business days"), (9, "nine business days"), (10, "10 business days"),
])
def test_the_promise_is_worded_as_the_site_writes_numbers(count, words):
    assert in_words(count) == words


@pytest.mark.django_db
def test_closed_dates_lists_holidays_and_closed_days_in_the_range_only():
    practice = PracticeSettings.load()
    ClosedDay.objects.create(settings=practice, day=day(2026, 12, 24), reason="Christmas Eve")
    ClosedDay.objects.create(settings=practice, day=day(2027, 3, 1), reason="Outside the range")
    assert practice.closed_dates(day(2026, 12, 20), day(2027, 1, 2)) == {
        day(2026, 12, 24), day(2026, 12, 25), day(2027, 1, 1),
    }
    assert practice.closed_dates(day(2026, 12, 26), day(2026, 12, 31)) == set()


@pytest.mark.django_db
def test_the_practice_settings_hold_the_promise_and_the_time_zone_with_defaults():
    practice = PracticeSettings.load()
    assert (practice.reply_within_business_days, practice.time_zone) == (2, "America/Chicago")
    assert practice.reply_promise == "within two business days"
    assert practice.time_zone_name == "Central Time"
    practice.reply_within_business_days = 1
    practice.time_zone = "America/Denver"
    assert (practice.reply_promise, practice.time_zone_name) == ("within one business day", "Mountain Time")
    assert str(practice.zone) == "America/Denver"
