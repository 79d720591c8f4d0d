"""Small bar charts drawn on the server as SVG: no script, and the same numbers in a table beside them.

The picture is for people who would rather look than read; screen readers get the table, so the SVG is hidden
from them rather than described twice.
"""

from dataclasses import dataclass

from django.db.models import Count

from contact.deadlines import start_of
from contact.models.referral import ReferralReply
from practice_site.referrals.models import ReplyTemplate

WIDTH = 240
BAR_HEIGHT = 18
GAP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: int = 0
    y: int = 0


@dataclass(frozen=True)
class BarChart:
    caption: str
    bars: list[Bar]
    height: int
    width: int = WIDTH


def bar_chart(caption: str, counts: list[tuple[str, int]]) -> BarChart:
    """Horizontal bars scaled to the largest count; a zero draws no bar, and the table still says 0."""
    largest = max((value for _, value in counts), default=0) or 1
    bars = [
        Bar(label, value, width=round(WIDTH * value / largest), y=index * (BAR_HEIGHT + GAP))
        for index, (label, value) in enumerate(counts)
    ]
    return BarChart(caption, bars, height=max(len(bars) * (BAR_HEIGHT + GAP) - GAP, 0))


def referred_out_by_reason(today) -> BarChart:
    """Requests declined with a referral since the first of this month, per reason, every reason shown."""
    counted = dict(
        ReferralReply.objects.filter(sent_at__gte=start_of(today.replace(day=1)))
        .values_list("reason").annotate(count=Count("pk")).values_list("reason", "count")
    )
    counts = [(label, counted.get(reason, 0)) for reason, label in ReplyTemplate.Reason.choices]
    return bar_chart(f"Referred out since {today.replace(day=1):%B} 1, by reason", counts)
