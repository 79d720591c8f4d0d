"""Who takes free consultation calls and when, and the calls booked with them.

Times are stored as aware datetimes (UTC in PostgreSQL) and the weekly hours as wall-clock times in the
practice's zone (settings.TIME_ZONE), so "Tuesday 9:00" stays 9:00 across daylight-saving changes.
"""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import BigIntegerRangeField, DateTimeRangeField, RangeBoundary, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Func, Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable

# (lowest, highest) of each rule: a call of at least 5 minutes, a horizon of at most a year, every number bounded.
LIMITS = {
    "call_minutes": (5, 240),
    "gap_minutes": (0, 120),
    "notice_business_days": (0, 30),
    "horizon_days": (1, 366),
    "max_calls_per_day": (1, 50),
}


def _bounds(low, high):
    return [
        MinValueValidator(low, message=f"Please enter a number from {low} to {high}."),
        MaxValueValidator(high, message=f"Please enter a number from {low} to {high}."),
    ]


@register_setting(icon="date")
class SchedulingSettings(BaseGenericSetting):
    """The practice-wide rules every host's open times follow."""

    call_minutes = models.PositiveSmallIntegerField(
        "call length (minutes)", default=15, help_text="How long each free consultation call is (5 to 240).",
        validators=_bounds(*LIMITS["call_minutes"]),
    )
    gap_minutes = models.PositiveSmallIntegerField(
        "gap between calls (minutes)", default=0, help_text="Free time kept after each call, for notes (0 to 120).",
        validators=_bounds(*LIMITS["gap_minutes"]),
    )
    notice_business_days = models.PositiveSmallIntegerField(
        "minimum notice (business days)", default=1,
        help_text="1 means the earliest time offered is on the next business day (Monday to Friday); "
        "0 allows calls later today. At most 30.",
        validators=_bounds(*LIMITS["notice_business_days"]),
    )
    horizon_days = models.PositiveSmallIntegerField(
        "how far ahead (days)", default=21, help_text="Times are offered this many days ahead (1 to 366).",
        validators=_bounds(*LIMITS["horizon_days"]),
    )
    max_calls_per_day = models.PositiveSmallIntegerField(
        "most calls per person per day", default=6,
        help_text="Once a host has this many calls on a day, their other times that day are not offered (1 to 50).",
        validators=_bounds(*LIMITS["max_calls_per_day"]),
    )

    panels = [
        FieldPanel("call_minutes"), FieldPanel("gap_minutes"), FieldPanel("notice_business_days"),
        FieldPanel("horizon_days"), FieldPanel("max_calls_per_day"),
    ]

    class Meta:
        verbose_name = "consultation scheduling"
        # The same bounds as the form's, so no path (a shell, a fixture, an import) can store rules that would
        # make open-time generation run away.
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{field}__gte": low, f"{field}__lte": high}), name=f"scheduling_{field}_in_range"
            )
            for field, (low, high) in LIMITS.items()
        ]

    def __str__(self):
        return "Consultation scheduling"


def feed_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ConsultationScheduleQuerySet(models.QuerySet):
    def taking_calls(self):
        return self.filter(takes_calls=True, host__is_active=True)


class ConsultationSchedule(ClusterableModel):
    """One staff member's hours for free consultation calls."""

    host = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_schedule",
        help_text="The staff member taking the calls.",
    )
    takes_calls = models.BooleanField(
        "taking consultation calls", default=True,
        help_text="Untick to stop offering this person's times; calls already booked stay as they are.",
    )
    clinician_page = models.ForeignKey(
        "pages.ClinicianPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="For clinicians who take their own calls: people who choose this clinician see these times.",
    )
    # The SHA-256 of the feed address's secret (a leaked database copy gives no working address); empty while
    # the feed is off; a new value makes every old address stop working.
    feed_token = models.CharField(max_length=64, blank=True, editable=False)

    objects = ConsultationScheduleQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("host"), FieldPanel("takes_calls"), FieldPanel("clinician_page")], heading="Host"),
        InlinePanel(
            "weekly_hours", heading="Weekly hours", label="Hours",
            help_text="The times, in Central Time, when this person takes calls each week.",
        ),
        InlinePanel(
            "exceptions", heading="Dated exceptions", label="Exception",
            help_text="Time off, holidays or extra hours on a given date. Calls already booked in time off are "
            "flagged for a coordinator to move, never dropped.",
        ),
    ]

    class Meta:
        verbose_name = "consultation schedule"

    def __str__(self):
        name = self.host.get_full_name() or self.host.get_username()
        return f"Consultation schedule of {name}"

    def reset_feed(self) -> str:
        """A new secret for the feed's address, returned once: only its hash is kept."""
        token = secrets.token_urlsafe(32)
        self.feed_token = feed_hash(token)
        self.save(update_fields=["feed_token"])
        return token

    def turn_feed_off(self) -> None:
        self.feed_token = ""
        self.save(update_fields=["feed_token"])


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


def _check_window(starts_at, ends_at):
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": "Please choose an end time after the start time."})


class WeeklyHours(Orderable):
    schedule = ParentalKey(ConsultationSchedule, on_delete=models.CASCADE, related_name="weekly_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts_at = models.TimeField("from")
    ends_at = models.TimeField("until", help_text="The last call ends by this time.")

    panels = [FieldPanel("weekday"), FieldPanel("starts_at"), FieldPanel("ends_at")]

    class Meta(Orderable.Meta):
        verbose_name = "weekly hours"
        verbose_name_plural = "weekly hours"

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def clean(self):
        _check_window(self.starts_at, self.ends_at)


class ScheduleException(Orderable):
    class Kind(models.TextChoices):
        TIME_OFF = "off", "Time off (no calls)"
        EXTRA_HOURS = "extra", "Extra hours"

    schedule = ParentalKey(ConsultationSchedule, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField()
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.TIME_OFF)
    starts_at = models.TimeField("from", null=True, blank=True, help_text="Leave both times empty for the whole day.")
    ends_at = models.TimeField("until", null=True, blank=True)

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("starts_at"), FieldPanel("ends_at")]

    class Meta(Orderable.Meta):
        verbose_name = "dated exception"

    def __str__(self):
        return f"{self.get_kind_display()} on {self.date:%Y-%m-%d}"

    def clean(self):
        if (self.starts_at is None) != (self.ends_at is None):
            raise ValidationError("Please give both times, or leave both empty for the whole day.")
        if self.kind == self.Kind.EXTRA_HOURS and self.starts_at is None:
            raise ValidationError("Extra hours need a start and an end time.")
        _check_window(self.starts_at, self.ends_at)


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class HostRange(Func):
    """The host as a one-value range: "same host" as range overlap, which GiST indexes without btree_gist."""

    template = "INT8RANGE(%(expressions)s, %(expressions)s, '[]')"
    output_field = BigIntegerRangeField()


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Booking.Status.BOOKED)

    def upcoming(self, now=None):
        return self.active().filter(end__gt=now or timezone.now())

    def overlapping(self, start, end):
        return self.filter(start__lt=end, end__gt=start)


class Booking(models.Model):
    """A free consultation call. Cancelled and moved calls are kept, for the history.

    Whom it is for is the business of the app that booked it (scheduling/parties.py): the intake app links
    each request to its calls, so this app never names the one above it.
    """

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        MOVED = "moved", "Moved to another time"
        CANCELLED = "cancelled", "Cancelled"

    class Attention(models.TextChoices):
        NONE = "", "Nothing to do"
        HOST_UNAVAILABLE = "host", "Host no longer takes calls: reassign"
        TIME_OFF = "time_off", "Host has time off then: move the call"
        # Set only by scheduling.0004, on calls that overlapped an earlier-made call of their host.
        OVERLAPPED = "overlap", "Cancelled when calls could no longer overlap: offer another time"

    # SET_NULL, not CASCADE: when a staff account is deleted their calls stay, flagged for reassignment.
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="consultation_bookings"
    )
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    # The end of the call plus the gap kept after it: the time no other call of this host may overlap.
    blocked_until = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    # One call through its moves: the calendar event's UID, kept by each new time, whose SEQUENCE rises with
    # every change, so the person's calendar updates the event instead of keeping the old one.
    series = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    attention = models.CharField(max_length=10, choices=Attention.choices, blank=True, default=Attention.NONE)
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        constraints = [
            # The guarantee against double-booking: two requests racing for one time cannot both commit.
            models.UniqueConstraint(
                fields=["host", "start"], condition=Q(status="booked"), name="one_active_booking_per_host_and_start"
            ),
            # No two held calls of one host overlap, the gap after each included: PostgreSQL refuses the second
            # of two racing requests for overlapping times (an IntegrityError, like the unique constraint's).
            # Both parts are ranges, so the constraint needs no extension (the embedded PostgreSQL the tests
            # run on ships without contrib's btree_gist). A call whose host was deleted has no host range (a NULL
            # bound is an unbounded range, which would overlap every host's calls): it is left out.
            ExclusionConstraint(
                name="no_overlapping_calls_per_host",
                expressions=[
                    (TsTzRange("start", "blocked_until", RangeBoundary()), RangeOperators.OVERLAPS),
                    (HostRange("host"), RangeOperators.OVERLAPS),
                ],
                condition=Q(status="booked", host__isnull=False),
            ),
        ]

    def __str__(self):
        return f"Consultation call on {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.blocked_until is None:
            self.blocked_until = self.end
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.BOOKED


class CallEmail(models.Model):
    """Whether each email about a call went out, so a failed one is sent again: which call, to whom and what kind
    of email, never its content or address (the call's owner knows whom it is for)."""

    class Audience(models.TextChoices):
        PERSON = "person", "The person"
        HOST = "host", "The host"

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Not sent: outdated or not wanted"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="emails")
    audience = models.CharField(max_length=6, choices=Audience.choices)
    kind = models.CharField(max_length=20)  # the email's name in emails.py: "moved", "reminder", "handed_over"...
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True, help_text="The error's type only, never its text.")
    # When it is meant to go (a reminder waits for the day before): a pending email long past this was lost.
    due_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "email about a call"
        constraints = [
            models.UniqueConstraint(fields=["booking", "audience", "kind"], name="one_call_email_per_kind")
        ]

    def __str__(self):
        return f"The {self.audience}'s {self.kind} email of call {self.booking_id}: {self.get_state_display()}"
