"""Openings: whether a clinician takes new clients, per session format and age group.

A clinician is open for a format and age group only where a row says so: a format or age group without a row, or
a clinician without any, counts as not taking new clients, so nobody is promised a place that no one set.
"""

from django.db import models
from django.db.models import Case, CharField, Exists, OuterRef, Q, Subquery, Value, When
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from practice_site.directory.choices import AgeGroup, SessionFormat
from practice_site.directory.fields import MonthField


class OpeningStatus(models.TextChoices):
    OPEN = "open", "Open to new clients"
    WAITLIST = "waitlist", "Waitlist only"
    CLOSED = "closed", "Closed"


# What a card or page says for a clinician's status.
BADGES = {
    OpeningStatus.OPEN: "Open to new clients",
    OpeningStatus.WAITLIST: "Waitlist",
    OpeningStatus.CLOSED: "Not taking new clients",
}


class ClinicianOpening(Orderable):
    page = ParentalKey("pages.ClinicianPage", on_delete=models.CASCADE, related_name="openings")
    session_format = models.CharField("sessions", max_length=20, choices=SessionFormat.choices)
    age_group = models.CharField("for", max_length=20, choices=AgeGroup.choices)
    status = models.CharField(max_length=10, choices=OpeningStatus.choices, default=OpeningStatus.OPEN)
    expected_open = MonthField(
        "expected to open", null=True, blank=True,
        help_text="Optional, and only when not open now: the month a place is likely, e.g. 2027-03.",
    )
    note = models.CharField(
        "public note", max_length=160, blank=True,
        help_text="Shown on the clinician’s page, e.g. “Evening times only”. No client details.",
    )

    panels = [
        FieldRowPanel([FieldPanel("session_format"), FieldPanel("age_group"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("expected_open"), FieldPanel("note")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "opening"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "session_format", "age_group"], name="pages_opening_one_per_format_and_age",
                violation_error_message="This clinician already has a row for that format and age group.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=OpeningStatus.values), name="pages_opening_status_known",
            ),
            models.CheckConstraint(
                condition=Q(session_format__in=SessionFormat.values), name="pages_opening_format_known",
            ),
            models.CheckConstraint(condition=Q(age_group__in=AgeGroup.values), name="pages_opening_age_known"),
            models.CheckConstraint(
                condition=Q(expected_open__isnull=True) | ~Q(status=OpeningStatus.OPEN),
                name="pages_opening_expected_only_when_not_open",
                violation_error_message="An expected month is only for a waitlist or a closed row; this one is "
                "open now.",
            ),
            models.CheckConstraint(
                condition=Q(expected_open__isnull=True) | Q(expected_open__day=1),
                name="pages_opening_expected_is_a_month",
            ),
        ]

    def __str__(self):
        return f"{self.get_session_format_display()}, {self.get_age_group_display()}: {self.get_status_display()}"

    @property
    def badge(self) -> str:
        return BADGES[self.status]


def relevant_openings(formats=(), ages=()):
    """The outer clinician's rows for any of these formats and age groups (all of them when none is given)."""
    openings = ClinicianOpening.objects.filter(page=OuterRef("pk"))
    if formats:
        openings = openings.filter(session_format__in=formats)
    if ages:
        openings = openings.filter(age_group__in=ages)
    return openings


def is_open(formats=(), ages=()) -> Exists:
    """Whether the outer clinician has an open row for one of these formats and age groups."""
    return Exists(relevant_openings(formats, ages).filter(status=OpeningStatus.OPEN))


def availability(formats=(), ages=()) -> dict:
    """Annotations for a clinician listing: the best status among the relevant rows, and, when not open, the
    earliest month one of them expects to open."""
    openings = relevant_openings(formats, ages)
    return {
        "availability": Case(
            When(is_open(formats, ages), then=Value(OpeningStatus.OPEN)),
            When(Exists(openings.filter(status=OpeningStatus.WAITLIST)), then=Value(OpeningStatus.WAITLIST)),
            default=Value(OpeningStatus.CLOSED), output_field=CharField(),
        ),
        "expected_open": Subquery(
            openings.exclude(status=OpeningStatus.OPEN).filter(expected_open__isnull=False)
            .order_by("expected_open").values("expected_open")[:1]
        ),
    }
