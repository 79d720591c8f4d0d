"""People racing for overlapping (not identical) times of one host, and for a host's last call of a day.

Each sender is a real HTTP client of a pooled server whose worker threads each hold their own database
connection, so the requests really run at once under READ COMMITTED.
"""

from datetime import time

from tests.scheduling.test_booking_race import TAKEN, contact_url, pooled_server, send_all  # noqa: F401 -- fixtures

PEOPLE = 12


def _race(url, values):
    results = send_all(url, values, PEOPLE)
    assert len(results) == PEOPLE
    assert all(status != 500 for _, status, _, _ in results)
    winners = [result for result in results if result[1] == 200 and result[2].endswith("/contact/thank-you/")]
    losers = [result for result in results if result[1] == 409]
    assert len(winners) == 1 and len(losers) == PEOPLE - 1
    for number, _, _, body in losers:
        assert TAKEN in body
        assert f'value="Person {number}"' in body and f"Message from person {number}" in body
    return winners[0][0]


def _last_day_slots():
    from practice_site.scheduling import slots

    days = slots.by_day(slots.open_slots())
    return days[-1][1]


def test_overlapping_times_of_one_host_give_one_booking(contact_url):  # noqa: F811
    from contact.models import ConsultationRequest
    from practice_site.scheduling.models import Booking, ConsultationSchedule, WeeklyHours

    # Hours stored before they were validated: a second row five minutes later offers 9:00 and 9:05 for one host.
    schedule = ConsultationSchedule.objects.get()
    WeeklyHours.objects.bulk_create(
        WeeklyHours(schedule=schedule, weekday=day, starts_at=time(9, 5), ends_at=time(9, 20)) for day in range(7)
    )
    day_slots = _last_day_slots()
    by_time = {slot.local_start.time(): slot for slot in day_slots}
    first, overlapping = by_time[time(9)], by_time[time(9, 5)]
    assert first.host_ids == overlapping.host_ids

    winner = _race(contact_url, [first.value, overlapping.value])

    (booking,) = Booking.objects.all()
    assert booking.start in (first.start, overlapping.start) and booking.status == "booked"
    assert ConsultationRequest.objects.get().name == f"Person {winner}"


def test_the_daily_maximum_holds_when_people_race_for_different_times(contact_url):  # noqa: F811
    from practice_site.scheduling.models import Booking, SchedulingSettings

    rules = SchedulingSettings.load()
    rules.max_calls_per_day = 1
    rules.save()
    day_slots = _last_day_slots()
    assert len(day_slots) == 4  # 9:00, 9:15, 9:30, 9:45: none overlaps another

    _race(contact_url, [slot.value for slot in day_slots])

    assert Booking.objects.count() == 1
