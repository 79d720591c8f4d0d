"""Hosts of consultation calls for tests: a staff member with a schedule and weekly hours."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from contact.models import ConsultationRequest, RequestCall
from practice_site.scheduling.models import Booking, ConsultationSchedule, WeeklyHours
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.users import coordinator

CENTRAL = ZoneInfo("America/Chicago")


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


def call(host, days=3, hour=10, **request_fields) -> Booking:
    """A scheduled request's call with ``host``, ``days`` ahead at ``hour`` in the practice's zone."""
    consultation = ConsultationRequestFactory(status="scheduled", assigned_to=host, **request_fields)
    start = datetime.combine(timezone.localdate() + timedelta(days=days), time(hour), tzinfo=CENTRAL)
    return book(consultation, host=host, start=start, end=start + timedelta(minutes=15))


def call_url(booking) -> str:
    """The staff page of the request's call."""
    return reverse("consultation_call", args=[request_of(booking).pk])
