"""The coordinators' dashboard pictures of how full the practice is: the waitlist by time on it, and each
clinician's openings by status. One query each, however many entries or clinicians there are."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Min, Q

from contact.models.waitlist import WaitlistEntry
from contact.review.charts import BarChart, bar_chart, stacked_bar_chart
from practice_site.pages.models import ClinicianPage
from practice_site.pages.openings import OpeningStatus

# Whole weeks on the list, from (inclusive) and to (exclusive); check-ins go out every few weeks.
WAIT_WEEKS = [(0, 4, "Under 4 weeks"), (4, 8, "4 to 7 weeks"), (8, 13, "8 to 12 weeks"),
              (13, 26, "13 to 25 weeks"), (26, None, "26 weeks or more")]


@dataclass(frozen=True)
class WaitlistReport:
    total: int
    lapsed: int
    oldest_days: int | None
    chart: BarChart


def waited(weeks_from: int, weeks_to: int | None, now) -> Q:
    """Entries on the list for at least ``weeks_from`` whole weeks and fewer than ``weeks_to``. The first band
    has no lower bound on the time and the last no upper one, so together they count every entry."""
    since = Q(joined_at__lte=now - timedelta(weeks=weeks_from)) if weeks_from else Q()
    until = Q(joined_at__gt=now - timedelta(weeks=weeks_to)) if weeks_to else Q()
    return since & until


def waitlist_report(now) -> WaitlistReport:
    """Everyone on the waitlist: how many, how many lapsed, the oldest wait in days, and a bar per band of weeks."""
    bands = {f"band_{index}": Count("pk", filter=waited(start, end, now))
             for index, (start, end, _) in enumerate(WAIT_WEEKS)}
    totals = WaitlistEntry.objects.aggregate(
        total=Count("pk"), lapsed=Count("pk", filter=Q(lapsed_at__isnull=False)), oldest=Min("joined_at"), **bands
    )
    oldest = totals["oldest"]
    chart = bar_chart("On the waitlist, by time on it",
                      [(label, totals[f"band_{index}"]) for index, (_, _, label) in enumerate(WAIT_WEEKS)])
    return WaitlistReport(totals["total"], totals["lapsed"], (now - oldest).days if oldest else None, chart)


def openings_by_clinician() -> BarChart:
    """Each clinician a visitor can find, with how many of their format and age group rows are open, waitlist
    only or closed (a clinician with no rows shows zeros: nobody set them open)."""
    counted = {f"n_{status}": Count("openings", filter=Q(openings__status=status))
               for status in OpeningStatus.values}
    rows = ClinicianPage.objects.visible().order_by("title").annotate(**counted).values_list("title", *counted)
    return stacked_bar_chart(
        "Openings by clinician: format and age group rows by status", tuple(OpeningStatus.labels),
        [(title, tuple(values)) for title, *values in rows],
    )
