"""The practice's business days: Monday to Friday, except US federal holidays and the days staff close.

Only date arithmetic and wording. The practice settings (core.models.PracticeSettings) hold the numbers and the
closed days and hand them to ``BusinessCalendar``; deadlines and open times ask the calendar.

Federal holidays only, with their observed days (Independence Day on a Saturday closes the Friday before): the
Texas state holidays in ``holidays.US(subdiv="TX")`` are state-office closures (Confederate Heroes Day, San
Jacinto Day, LBJ Day, ...) that a private practice does not keep. Days the practice closes besides (the Friday
after Thanksgiving, Christmas Eve) are its own closed days, set by staff.
"""

import datetime
from dataclasses import dataclass, field
from functools import cache

import holidays

ONE_DAY = datetime.timedelta(days=1)
# AP style, as the site's copy is written: numbers under ten in words. (Django's apnumber would translate the
# number but not the words around it.)
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@cache
def _federal_holidays_in(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.US(years=year))


def federal_holidays(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    """The US federal holidays (and the weekdays they are observed on) from ``start`` to ``end``, both included."""
    return {
        day for year in range(start.year, end.year + 1) for day in _federal_holidays_in(year) if start <= day <= end
    }


def in_words(count: int) -> str:
    """"one business day", "three business days", ... "10 business days": the way the practice says it."""
    number = NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)
    return f"{number} business day{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class BusinessCalendar:
    """Which days are business days, given the days the practice itself closes."""

    closed: frozenset[datetime.date] = field(default_factory=frozenset)

    def is_business_day(self, day: datetime.date) -> bool:
        return day.weekday() < 5 and day not in self.closed and day not in _federal_holidays_in(day.year)

    def add(self, day: datetime.date, count: int) -> datetime.date:
        """The date ``count`` business days after ``day`` (``day`` itself when ``count`` is 0)."""
        while count > 0:
            day += ONE_DAY
            if self.is_business_day(day):
                count -= 1
        return day

    def closed_between(self, start: datetime.date, end: datetime.date) -> set[datetime.date]:
        """The holidays and closed days from ``start`` to ``end``, both included; weekends are not listed."""
        return federal_holidays(start, end) | {day for day in self.closed if start <= day <= end}
