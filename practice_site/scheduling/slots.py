"""Open times for free consultation calls, worked out from the schedules, the rules and the calls booked.

Everything is read in a fixed number of queries (the rules, the schedules with their hours and exceptions,
and the booked calls in the period) and the rest is arithmetic, so the cost does not grow with the number
of hosts or days. Weekly hours are wall-clock times in the practice's zone: each day's times are built on
that day's calendar, and a time that does not exist (the hour skipped when clocks go forward) is not offered.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from itertools import islice

from django.db.models import Prefetch
from django.utils import timezone

from practice_site.core.business_days import BusinessCalendar
from practice_site.core.models import ClosedDay

from .models import LIMITS, Booking, ConsultationSchedule, ScheduleException, SchedulingSettings, WeeklyHours

VALUE_FORMAT = "%Y%m%dT%H%MZ"
# However the rules or hours read (a call of 0 minutes, a window of a whole day), no host is offered more times
# than this: the work of every page showing the times stays bounded.
MAX_STARTS_PER_HOST = 5000


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime
    # Hosts free at this time, the least busy that day first.
    host_ids: tuple[int, ...]

    @property
    def value(self) -> str:
        """How the time travels in a form: UTC, so a daylight-saving change cannot make it ambiguous."""
        return self.start.astimezone(UTC).strftime(VALUE_FORMAT)

    @property
    def local_start(self) -> datetime:
        return timezone.localtime(self.start)


def parse_value(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, VALUE_FORMAT).replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def local_moment(day: date, wall_time: time, zone) -> datetime | None:
    """``day`` at ``wall_time`` in ``zone``, or None when the clocks skip that time. A time that happens twice
    (when clocks go back) is its first occurrence."""
    naive = datetime.combine(day, wall_time)
    moment = naive.replace(tzinfo=zone)
    if moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        return None
    return moment


def schedules_with_hours():
    return ConsultationSchedule.objects.taking_calls().prefetch_related(
        Prefetch("weekly_hours", queryset=WeeklyHours.objects.order_by("weekday", "starts_at")),
        Prefetch("exceptions", queryset=ScheduleException.objects.order_by("date", "starts_at")),
    )


def hosts_for(schedules, clinician_page_id=None) -> list:
    """A preferred clinician who takes their own calls has them; otherwise any host may take it."""
    if clinician_page_id:
        own = [schedule for schedule in schedules if schedule.clinician_page_id == clinician_page_id]
        if own:
            return own
    return list(schedules)


EPOCH = datetime(1970, 1, 1)
MINUTE = timedelta(minutes=1)


def _minutes(moment: datetime) -> int:
    """Minutes since 1970 of an aware time (in UTC) or of a naive one (as it reads)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return (moment - EPOCH) // MINUTE


def _of_day(value: time) -> int:
    return value.hour * 60 + value.minute


def _starts(windows, call: int, step: int) -> list[int]:
    """Wall-clock start minutes (from midnight) of the calls that fit in the windows."""
    starts = []
    for window_start, window_end in windows:
        minute, close = _of_day(window_start), _of_day(window_end)
        while minute + call <= close:
            starts.append(minute)
            minute += step
    return starts


def _day_starts(day, weekly_starts, day_exceptions, call: int, step: int) -> list[int]:
    """The weekly starts of the day, with its extra hours added and its time off taken out."""
    starts = list(weekly_starts)
    extra = [(e.starts_at, e.ends_at) for e in day_exceptions if e.kind == ScheduleException.Kind.EXTRA_HOURS]
    starts += _starts(extra, call, step)
    for e in day_exceptions:
        if e.kind == ScheduleException.Kind.TIME_OFF:
            off_start = _of_day(e.starts_at) if e.starts_at else 0
            off_end = _of_day(e.ends_at) if e.ends_at else 24 * 60
            starts = [minute for minute in starts if not (off_start < minute + call and minute < off_end)]
    return sorted(set(starts))


@dataclass(frozen=True)
class _Period:
    """The days asked for and the rules that apply, in the whole minutes the arithmetic below counts in."""

    days: list[tuple[date, int | None]]  # each day with its midnight in minutes (UTC), None when clocks change
    zone: object
    call: int
    gap: int
    now_minute: int
    max_calls_per_day: int

    @property
    def step(self) -> int:
        return self.call + self.gap


def _days(start_day: date, last_day: date, zone, closed: set[date]) -> list[tuple[date, int | None]]:
    days = []
    day = start_day
    while day <= last_day:
        if day in closed:
            day += timedelta(days=1)
            continue
        midnight = datetime.combine(day, time.min)
        offset = midnight.replace(tzinfo=zone).utcoffset()
        # On the two days a year the clocks change, each time is converted on its own.
        same_all_day = offset == (midnight + timedelta(hours=23, minutes=59)).replace(tzinfo=zone).utcoffset()
        days.append((day, _minutes(midnight - offset) if same_all_day else None))
        day += timedelta(days=1)
    return days


def _booked(hosts, period: _Period):
    """Each host's booked calls (widened by the gap) and their number of calls per day, in one query."""
    first_day, last_day = period.days[0][0], period.days[-1][0]
    margin = timedelta(minutes=period.step)
    period_start = datetime.combine(first_day, time.min, tzinfo=period.zone) - margin
    period_end = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=period.zone) + margin
    booked = defaultdict(list)
    calls_per_day = defaultdict(int)
    bookings = (
        Booking.objects.active().overlapping(period_start, period_end)
        .filter(host_id__in=[schedule.host_id for schedule in hosts]).values_list("host_id", "start", "end")
    )
    for host_id, start, end in bookings:
        booked[host_id].append((_minutes(start) - period.gap, _minutes(end) + period.gap))
        calls_per_day[host_id, timezone.localdate(start)] += 1
    return booked, calls_per_day


def _host_starts(schedule, period: _Period):
    """The host's weekly start minutes by weekday, and their dated exceptions by date."""
    weekly = defaultdict(list)
    for hours in schedule.weekly_hours.all():
        weekly[hours.weekday].append((hours.starts_at, hours.ends_at))
    weekly_starts = {weekday: _starts(windows, period.call, period.step) for weekday, windows in weekly.items()}
    exceptions = defaultdict(list)
    for exception in schedule.exceptions.all():
        exceptions[exception.date].append(exception)
    return weekly_starts, exceptions


def _free_starts(schedule, period: _Period, host_booked, calls_per_day):
    """(start minute, calls that day) of each time this host is free, at most MAX_STARTS_PER_HOST of them."""
    return islice(_all_free_starts(schedule, period, host_booked, calls_per_day), MAX_STARTS_PER_HOST)


def _all_free_starts(schedule, period: _Period, host_booked, calls_per_day):
    weekly_starts, exceptions = _host_starts(schedule, period)
    for day, midnight_utc in period.days:
        calls = calls_per_day[schedule.host_id, day]
        if calls >= period.max_calls_per_day:
            continue
        starts = weekly_starts.get(day.weekday(), ())
        if day in exceptions:
            starts = _day_starts(day, starts, exceptions[day], period.call, period.step)
        for minute in starts:
            if midnight_utc is not None:
                start = midnight_utc + minute
            else:
                moment = local_moment(day, time(minute // 60, minute % 60), period.zone)
                if moment is None:
                    continue
                start = _minutes(moment)
            if start <= period.now_minute:
                continue
            if host_booked and any(a < start + period.call and start < b for a, b in host_booked):
                continue
            yield start, calls


def _bounded(rules, name) -> int:
    """A rule within its limits, even when given rules that were never validated (a call of 0 would loop)."""
    low, high = LIMITS[name]
    return min(max(getattr(rules, name), low), high)


def open_slots(*, clinician_page_id=None, host_ids=None, now=None, rules=None, schedules=None) -> list[Slot]:
    """Every open time from the first allowed day to the horizon, earliest first."""
    now = now or timezone.now()
    rules = rules or SchedulingSettings.load()
    hosts = hosts_for(schedules_with_hours() if schedules is None else schedules, clinician_page_id)
    if host_ids is not None:
        hosts = [schedule for schedule in hosts if schedule.host_id in set(host_ids)]
    if not hosts:
        return []

    # Everything below counts in whole minutes since 1970 (UTC): integer arithmetic, no time zone lookups
    # per slot, which keeps 5 hosts over 21 days within a few milliseconds.
    zone = timezone.get_current_timezone()
    today = timezone.localdate(now, zone)
    rule = partial(_bounded, rules)
    # Holidays and the practice's closed days count neither towards the notice nor as days with calls.
    calendar = BusinessCalendar(frozenset(ClosedDay.objects.filter(day__gte=today).values_list("day", flat=True)))
    start_day = calendar.add(today, rule("notice_business_days"))
    last_day = today + timedelta(days=rule("horizon_days"))
    period = _Period(
        days=_days(start_day, last_day, zone, calendar.closed_between(start_day, last_day)),
        zone=zone, call=rule("call_minutes"), gap=rule("gap_minutes"), now_minute=_minutes(now),
        max_calls_per_day=rule("max_calls_per_day"),
    )
    if not period.days:
        return []
    booked, calls_per_day = _booked(hosts, period)
    free = defaultdict(list)
    for schedule in hosts:
        for start, calls in _free_starts(schedule, period, booked[schedule.host_id], calls_per_day):
            free[start].append((calls, schedule.host_id))

    length = timedelta(minutes=period.call)
    result = []
    for start, hosts_free in sorted(free.items()):
        moment = (EPOCH + timedelta(minutes=start)).replace(tzinfo=UTC)
        result.append(Slot(start=moment, end=moment + length, host_ids=tuple(h for _, h in sorted(hosts_free))))
    return result


def find_slot(start: datetime, **kwargs) -> Slot | None:
    """The open slot starting at ``start``, if it is still open."""
    return next((slot for slot in open_slots(**kwargs) if slot.start == start), None)


def by_day(slots: list[Slot]) -> list[tuple[date, list[Slot]]]:
    """Slots grouped by their local day, in order."""
    days = defaultdict(list)
    for slot in slots:
        days[slot.local_start.date()].append(slot)
    return list(days.items())
