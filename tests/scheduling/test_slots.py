"""Open times: the weekly hours, the practice's rules, exceptions and booked calls, in Central Time."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from practice_site.core.models import ClosedDay, PracticeSettings
from practice_site.scheduling import slots
from practice_site.scheduling.models import ScheduleException
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.pages import ClinicianFactory, TeamIndexFactory
from tests.factories.scheduling import all_week, book

CENTRAL = ZoneInfo("America/Chicago")
# A Friday afternoon: with the default notice, the first times offered are on Monday.
FRIDAY = datetime(2026, 12, 4, 15, 0, tzinfo=CENTRAL)


def local(slot):
    return slot.start.astimezone(CENTRAL)


def test_times_start_on_the_next_business_day_and_stop_at_the_horizon(make_host, rules):
    make_host(hours=all_week(time(9), time(10)))
    found = slots.open_slots(now=FRIDAY)
    days = sorted({local(slot).date() for slot in found})
    assert days[0] == date(2026, 12, 7)  # Monday: Saturday and Sunday are not business days
    # 21 days after the Friday is Christmas Day, a federal holiday: the last day with calls is the 24th.
    assert days[-1] == date(2026, 12, 24)
    assert [local(slot).time() for slot in found if local(slot).date() == days[0]] == [
        time(9), time(9, 15), time(9, 30), time(9, 45)
    ]
    assert all(slot.end - slot.start == timedelta(minutes=15) for slot in found)


def test_the_last_slot_of_the_day_ends_when_the_hours_end(make_host, rules):
    make_host(hours=[(0, time(16), time(17, 10))])
    found = [local(slot).time() for slot in slots.open_slots(now=FRIDAY) if local(slot).date() == date(2026, 12, 7)]
    assert found[-1] == time(16, 45)  # 16:45–17:00 fits, 17:00–17:15 would run past 17:10


def test_a_gap_is_kept_after_each_call(make_host, rules):
    rules.gap_minutes = 5
    rules.save()
    make_host(hours=[(0, time(9), time(10))])
    found = [local(slot).time() for slot in slots.open_slots(now=FRIDAY) if local(slot).date() == date(2026, 12, 7)]
    assert found == [time(9), time(9, 20), time(9, 40)]


def test_times_follow_the_wall_clock_across_the_autumn_change(make_host, rules):
    # 2026-11-01, 2:00 CDT becomes 1:00 CST: 1:00–2:00 happens twice, and is offered once.
    make_host(hours=[(6, time(0), time(3)), (0, time(9), time(10))])
    rules.call_minutes = 60
    rules.notice_business_days = 0
    rules.save()
    found = slots.open_slots(now=datetime(2026, 10, 29, 12, 0, tzinfo=CENTRAL))
    sunday = [slot for slot in found if local(slot).date() == date(2026, 11, 1)]
    assert [local(slot).strftime("%H:%M") for slot in sunday] == ["00:00", "01:00", "02:00"]
    assert [slot.start.astimezone(UTC).strftime("%H:%M") for slot in sunday] == ["05:00", "06:00", "08:00"]
    monday = next(slot for slot in found if local(slot).date() == date(2026, 11, 2))
    assert monday.start == datetime(2026, 11, 2, 15, 0, tzinfo=UTC)  # 9:00 CST


def test_the_skipped_hour_of_the_spring_change_is_never_offered(make_host, rules):
    # 2027-03-14, 2:00 CST jumps to 3:00 CDT: there is no 2:30.
    make_host(hours=[(6, time(1), time(4)), (0, time(9), time(10))])
    rules.call_minutes = 30
    rules.notice_business_days = 0
    rules.save()
    found = slots.open_slots(now=datetime(2027, 3, 12, 12, 0, tzinfo=CENTRAL))
    sunday = [local(slot).strftime("%H:%M") for slot in found if local(slot).date() == date(2027, 3, 14)]
    assert sunday == ["01:00", "01:30", "03:00", "03:30"]
    monday = next(slot for slot in found if local(slot).date() == date(2027, 3, 15))
    assert monday.start == datetime(2027, 3, 15, 14, 0, tzinfo=UTC)  # 9:00 CDT
    assert all(slot.end - slot.start == timedelta(minutes=30) for slot in found)


def test_time_off_removes_times_and_extra_hours_add_them(make_host, rules):
    schedule = make_host(hours=[(0, time(9), time(10))])
    ScheduleException.objects.create(schedule=schedule, date=date(2026, 12, 7), starts_at=time(9, 15),
                                     ends_at=time(9, 45))
    ScheduleException.objects.create(schedule=schedule, date=date(2026, 12, 14))
    ScheduleException.objects.create(schedule=schedule, date=date(2026, 12, 9), kind="extra",
                                     starts_at=time(14), ends_at=time(14, 30))
    found = slots.open_slots(now=FRIDAY)
    by_day = {day: [local(slot).strftime("%H:%M") for slot in day_slots] for day, day_slots in slots.by_day(found)}
    assert by_day[date(2026, 12, 7)] == ["09:00", "09:45"]
    assert date(2026, 12, 14) not in by_day
    assert by_day[date(2026, 12, 9)] == ["14:00", "14:15"]


def test_booked_times_and_full_days_are_not_offered(make_host, rules):
    rules.max_calls_per_day = 2
    rules.save()
    schedule = make_host(hours=[(0, time(9), time(10))])
    monday_nine = datetime(2026, 12, 7, 9, 0, tzinfo=CENTRAL)
    book(ConsultationRequestFactory(), host=schedule.host,
                           start=monday_nine, end=monday_nine + timedelta(minutes=15))
    found = [local(slot).strftime("%H:%M") for slot in slots.open_slots(now=FRIDAY)
             if local(slot).date() == date(2026, 12, 7)]
    assert found == ["09:15", "09:30", "09:45"]

    book(ConsultationRequestFactory(), host=schedule.host,
                           start=monday_nine + timedelta(minutes=30), end=monday_nine + timedelta(minutes=45))
    assert not [slot for slot in slots.open_slots(now=FRIDAY) if local(slot).date() == date(2026, 12, 7)]


def test_a_time_free_with_two_hosts_lists_both_the_less_busy_first(make_host, rules):
    busy = make_host(hours=[(0, time(9), time(10))])
    free = make_host(hours=[(0, time(9), time(10))])
    nine = datetime(2026, 12, 7, 9, 30, tzinfo=CENTRAL)
    book(ConsultationRequestFactory(), host=busy.host, start=nine,
                           end=nine + timedelta(minutes=15))
    first = slots.open_slots(now=FRIDAY)[0]
    assert first.host_ids == (free.host_id, busy.host_id)


def test_a_preferred_clinician_who_takes_calls_offers_only_their_times(make_host, rules, home_page):
    team = TeamIndexFactory(parent=home_page)
    clinician_page, other_page = ClinicianFactory(parent=team), ClinicianFactory(parent=team)
    make_host(hours=[(0, time(9), time(9, 30))])
    make_host(hours=[(0, time(13), time(13, 30))], clinician_page=clinician_page)
    monday = date(2026, 12, 7)

    def times(**kwargs):
        return [local(s).strftime("%H:%M") for s in slots.open_slots(now=FRIDAY, **kwargs) if local(s).date() == monday]

    assert times(clinician_page_id=clinician_page.pk) == ["13:00", "13:15"]
    assert times(clinician_page_id=other_page.pk) == ["09:00", "09:15", "13:00", "13:15"]
    assert times() == ["09:00", "09:15", "13:00", "13:15"]


def test_hosts_who_stopped_or_were_deactivated_offer_nothing(make_host, rules):
    stopped = make_host(hours=all_week(), takes_calls=False)
    gone = make_host(hours=all_week())
    gone.host.is_active = False
    gone.host.save()
    assert slots.open_slots(now=FRIDAY) == []
    assert stopped.host.is_active


def test_five_hosts_over_21_days_take_a_fixed_number_of_queries(make_host, rules, django_assert_num_queries):
    for _ in range(5):
        make_host(hours=all_week(time(8), time(18)))
    # Schedules, their weekly hours, their exceptions, the practice's closed days, the booked calls: however many
    # hosts and days.
    with django_assert_num_queries(5):
        found = slots.open_slots(now=FRIDAY, rules=rules)
    # Monday 7 to Thursday 24 December (Christmas is a holiday), 8:00–18:00 in 15-minute calls.
    assert len(found) == 18 * 40
    assert all(len(slot.host_ids) == 5 for slot in found)


def test_no_call_is_offered_on_a_holiday_or_a_day_the_practice_closed(make_host, rules):
    practice = PracticeSettings.load()
    ClosedDay.objects.create(settings=practice, day=date(2026, 11, 30), reason="Staff training")
    make_host(hours=all_week(time(9), time(10)))
    # The Tuesday before Thanksgiving: the notice counts business days, and Thanksgiving is not one.
    days = {local(slot).date() for slot in slots.open_slots(now=datetime(2026, 11, 24, 15, 0, tzinfo=CENTRAL))}
    assert date(2026, 11, 26) not in days  # Thanksgiving
    assert date(2026, 11, 30) not in days  # closed by the practice
    assert min(days) == date(2026, 11, 25) and date(2026, 11, 27) in days
