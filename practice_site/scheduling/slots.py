"""Open times for free consultation calls, worked out from the schedules, the rules and the calls booked.

Everything is read in a fixed number of queries (the rules, the schedules with their hours and exceptions,
and the booked calls in the period) and the rest is arithmetic, so the cost does not grow with the number
of hosts or days. Weekly hours are wall-clock times in the practice's zone: each day's times are built on
that day's calendar, and a time that does not exist (the hour skipped when clocks go forward) is not offered.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Prefetch
from django.utils import timezone

from .models import Booking, ConsultationSchedule, ScheduleException, SchedulingSettings, WeeklyHours

VALUE_FORMAT = "%Y%m%dT%H%MZ"


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


def first_day(today: date, notice_business_days: int) -> date:
    """The earliest day calls may be offered: ``notice_business_days`` working days (Monday–Friday) ahead."""
    day, counted = today, 0
    while counted < notice_business_days:
        day += timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return day


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


def _day_windows(schedule, day: date, weekly, exceptions) -> tuple[list, list]:
    """(windows, time off) for one host on one day, as (start, end) wall-clock pairs."""
    windows = [(hours.starts_at, hours.ends_at) for hours in weekly.get(day.weekday(), ())]
    time_off = []
    for exception in exceptions.get(day, ()):
        if exception.kind == ScheduleException.Kind.EXTRA_HOURS:
            windows.append((exception.starts_at, exception.ends_at))
        else:
            time_off.append((exception.starts_at or time.min, exception.ends_at or time.max))
    return windows, time_off


def open_slots(*, clinician_page_id=None, host_ids=None, now=None, rules=None, schedules=None) -> list[Slot]:
    """Every open time from the first allowed day to the horizon, earliest first."""
    now = now or timezone.now()
    rules = rules or SchedulingSettings.load()
    zone = timezone.get_current_timezone()
    today = timezone.localdate(now)
    start_day = first_day(today, rules.notice_business_days)
    last_day = today + timedelta(days=rules.horizon_days)
    call, gap = rules.call_length, rules.gap
    step = call + gap

    if schedules is None:
        schedules = schedules_with_hours()
    hosts = hosts_for(schedules, clinician_page_id)
    if host_ids is not None:
        hosts = [schedule for schedule in hosts if schedule.host_id in set(host_ids)]
    if not hosts:
        return []

    period_start = datetime.combine(start_day, time.min, tzinfo=zone)
    period_end = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=zone)
    booked = defaultdict(list)
    calls_per_day = defaultdict(int)
    bookings = (
        Booking.objects.active().overlapping(period_start - step, period_end + step)
        .filter(host_id__in=[schedule.host_id for schedule in hosts]).values_list("host_id", "start", "end")
    )
    for host_id, start, end in bookings:
        booked[host_id].append((start - gap, end + gap))
        calls_per_day[host_id, timezone.localdate(start)] += 1

    free = defaultdict(list)
    for schedule in hosts:
        weekly = defaultdict(list)
        for hours in schedule.weekly_hours.all():
            weekly[hours.weekday].append(hours)
        exceptions = defaultdict(list)
        for exception in schedule.exceptions.all():
            exceptions[exception.date].append(exception)
        host_booked = booked[schedule.host_id]

        day = start_day
        while day <= last_day:
            if calls_per_day[schedule.host_id, day] >= rules.max_calls_per_day:
                day += timedelta(days=1)
                continue
            windows, time_off = _day_windows(schedule, day, weekly, exceptions)
            for window_start, window_end in windows:
                wall = datetime.combine(day, window_start)
                window_close = datetime.combine(day, window_end)
                while wall + call <= window_close:
                    wall_end = wall + call
                    start = local_moment(day, wall.time(), zone)
                    unavailable = (
                        start is None
                        or start <= now
                        or any(off_start < wall_end.time() and wall.time() < off_end for off_start, off_end in time_off)
                    )
                    if not unavailable:
                        start = start.astimezone(UTC)
                        end = start + call
                        if not any(busy_start < end and start < busy_end for busy_start, busy_end in host_booked):
                            free[start].append((calls_per_day[schedule.host_id, day], schedule.host_id))
                    wall += step
            day += timedelta(days=1)

    return [
        Slot(start=start, end=start + call, host_ids=tuple(host_id for _, host_id in sorted(hosts_free)))
        for start, hosts_free in sorted(free.items())
    ]


def find_slot(start: datetime, **kwargs) -> Slot | None:
    """The open slot starting at ``start``, if it is still open."""
    return next((slot for slot in open_slots(**kwargs) if slot.start == start), None)


def by_day(slots: list[Slot]) -> list[tuple[date, list[Slot]]]:
    """Slots grouped by their local day, in order."""
    days = defaultdict(list)
    for slot in slots:
        days[slot.local_start.date()].append(slot)
    return list(days.items())
