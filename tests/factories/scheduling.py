"""Hosts of consultation calls for tests: a staff member with a schedule and weekly hours."""

from datetime import time

from contact.models import ConsultationRequest, RequestCall
from practice_site.scheduling.models import Booking, ConsultationSchedule, WeeklyHours
from tests.factories.users import coordinator


def make_host(hours=(), user=None, **fields) -> ConsultationSchedule:
    """``make_host(hours=[(weekday, time(9), time(12)), ...], user=None, **schedule_fields)``"""
    user = user or coordinator()
    schedule = ConsultationSchedule.objects.create(host=user, **fields)
    WeeklyHours.objects.bulk_create(
        WeeklyHours(schedule=schedule, weekday=day, starts_at=start, ends_at=end) for day, start, end in hours
    )
    return schedule


def all_week(start=time(9), end=time(17)):
    return [(day, start, end) for day in range(7)]


def book(consultation, **fields) -> Booking:
    """A call held for ``consultation``, linked as the intake app links it."""
    booking = Booking.objects.create(**fields)
    RequestCall.objects.create(booking=booking, consultation=consultation)
    return booking


def request_of(booking) -> ConsultationRequest:
    return ConsultationRequest.objects.get(calls__booking=booking.pk)
