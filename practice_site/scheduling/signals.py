"""Calls that can no longer happen as booked are flagged for a coordinator, never silently dropped."""

from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from .models import Booking, ConsultationSchedule, ScheduleException


def flag_upcoming(host_id, attention, **window) -> int:
    bookings = Booking.objects.upcoming().filter(host_id=host_id)
    if window:
        bookings = bookings.overlapping(window["start"], window["end"])
    return bookings.update(attention=attention)


@receiver(post_save, sender=get_user_model())
def flag_calls_of_deactivated_host(sender, instance, **kwargs):
    if not instance.is_active:
        flag_upcoming(instance.pk, Booking.Attention.HOST_UNAVAILABLE)


@receiver(pre_delete, sender=get_user_model())
def flag_calls_of_deleted_host(sender, instance, **kwargs):
    # Before the delete sets the bookings' host to NULL, while they can still be found by host.
    flag_upcoming(instance.pk, Booking.Attention.HOST_UNAVAILABLE)


@receiver(post_save, sender=ConsultationSchedule)
def flag_calls_of_host_who_stopped(sender, instance, **kwargs):
    if not instance.takes_calls:
        flag_upcoming(instance.host_id, Booking.Attention.HOST_UNAVAILABLE)


@receiver(post_delete, sender=ConsultationSchedule)
def flag_calls_of_removed_schedule(sender, instance, **kwargs):
    flag_upcoming(instance.host_id, Booking.Attention.HOST_UNAVAILABLE)


@receiver(post_save, sender=ScheduleException)
def flag_calls_in_time_off(sender, instance, **kwargs):
    if instance.kind != ScheduleException.Kind.TIME_OFF:
        return
    zone = timezone.get_current_timezone()
    start = datetime.combine(instance.date, instance.starts_at or time.min, tzinfo=zone)
    end = datetime.combine(instance.date, instance.ends_at or time.max, tzinfo=zone)
    flag_upcoming(instance.schedule.host_id, Booking.Attention.TIME_OFF, start=start, end=end)
