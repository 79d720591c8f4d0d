import datetime
import zoneinfo

import pytest

from contact.deadlines import reply_due_on, reply_overdue_before
from contact.models import ConsultationRequest
from practice_site.core.models import ClosedDay, PracticeSettings
from tests.factories.consultations import ConsultationRequestFactory

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
MONDAY = datetime.date(2026, 11, 23)
FRIDAY = datetime.date(2026, 11, 27)


# The business-day arithmetic itself (weekends, holidays, closed days) is tested in tests/core/test_business_days.py.


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


@pytest.mark.django_db
def test_overdue_boundary_is_the_end_of_the_last_overdue_day():
    # On Thursday the 26th, everything received up to the end of Monday the 23rd is overdue.
    assert reply_overdue_before(datetime.date(2026, 11, 26)) == at(datetime.date(2026, 11, 24), hour=0)


@pytest.mark.django_db
@pytest.mark.parametrize(("received", "today", "overdue"), [
    # Received the day before Thanksgiving: due the Monday after, as the holiday does not count.
    (datetime.date(2026, 11, 25), datetime.date(2026, 11, 30), False),
    (datetime.date(2026, 11, 25), datetime.date(2026, 12, 1), True),
    # Received on the Friday before Martin Luther King Jr. Day: due Wednesday.
    (datetime.date(2027, 1, 15), datetime.date(2027, 1, 20), False),
    (datetime.date(2027, 1, 15), datetime.date(2027, 1, 21), True),
])
def test_holidays_do_not_count_toward_the_reply(received, today, overdue):
    ConsultationRequestFactory(received_at=at(received), status="new")
    assert ConsultationRequest.objects.reply_overdue(today).exists() is overdue
    assert ConsultationRequest.objects.with_flags(today).get().is_reply_overdue is overdue


@pytest.mark.django_db
def test_a_closed_day_and_a_longer_promise_set_by_staff_move_the_deadline():
    consultation = ConsultationRequestFactory(received_at=at(datetime.date(2026, 11, 25)), status="new")
    practice = PracticeSettings.load()
    assert reply_due_on(consultation.received_at) == datetime.date(2026, 11, 30)
    ClosedDay.objects.create(settings=practice, day=datetime.date(2026, 11, 27), reason="Day after Thanksgiving")
    assert reply_due_on(consultation.received_at) == datetime.date(2026, 12, 1)
    assert not ConsultationRequest.objects.reply_overdue(datetime.date(2026, 12, 1)).exists()
    assert ConsultationRequest.objects.reply_overdue(datetime.date(2026, 12, 2)).exists()
    practice.reply_within_business_days = 10
    practice.save()
    assert reply_due_on(consultation.received_at) == datetime.date(2026, 12, 11)
    assert not ConsultationRequest.objects.reply_overdue(datetime.date(2026, 12, 11)).exists()
    assert ConsultationRequest.objects.reply_overdue(datetime.date(2026, 12, 14)).exists()
