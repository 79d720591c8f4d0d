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
# One series is solid; a stacked bar's later series are lighter, each outlined so a pale part still shows.
SHADES = ("1", "0.45", "0.1")


@dataclass(frozen=True)
class Segment:
    x: int
    width: int
    shade: str


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[int, ...]
    segments: tuple[Segment, ...]
    y: int = 0

    @property
    def value(self) -> int:
        return sum(self.values)

    @property
    def width(self) -> int:
        return sum(segment.width for segment in self.segments)


@dataclass(frozen=True)
class BarChart:
    caption: str
    bars: list[Bar]
    height: int
    # The table's value columns; a legend is drawn only when there is more than one.
    series: tuple[str, ...] = ("Number",)
    width: int = WIDTH

    @property
    def legend(self) -> list[tuple[str, str]]:
        return list(zip(self.series, SHADES, strict=False)) if len(self.series) > 1 else []


def segments(values: tuple[int, ...], largest: int) -> tuple[Segment, ...]:
    """Each part from where the last ended, positions rounded from running totals so the parts add up to the
    bar's own scaled length; a zero part draws nothing."""
    drawn, running, start = [], 0, 0
    for value, shade in zip(values, SHADES, strict=False):
        running += value
        end = round(WIDTH * running / largest)
        if end > start:
            drawn.append(Segment(start, end - start, shade))
        start = end
    return tuple(drawn)


def stacked_bar_chart(caption: str, series: tuple[str, ...], rows: list[tuple[str, tuple[int, ...]]]) -> BarChart:
    """Horizontal bars, one per row, each split into its series and scaled to the largest row's total."""
    largest = max((sum(values) for _, values in rows), default=0) or 1
    bars = [
        Bar(label, values, segments(values, largest), y=index * (BAR_HEIGHT + GAP))
        for index, (label, values) in enumerate(rows)
    ]
    return BarChart(caption, bars, height=max(len(bars) * (BAR_HEIGHT + GAP) - GAP, 0), series=series)


def bar_chart(caption: str, counts: list[tuple[str, int]]) -> BarChart:
    """Horizontal bars scaled to the largest count; a zero draws no bar, and the table still says 0."""
    return stacked_bar_chart(caption, ("Number",), [(label, (value,)) for label, value in counts])


def referred_out_by_reason(today) -> BarChart:
    """Requests declined with a referral since the first of this month, per reason, every reason shown."""
    counted = dict(
        ReferralReply.objects.filter(sent_at__gte=start_of(today.replace(day=1)))
        .values_list("reason").annotate(count=Count("pk")).values_list("reason", "count")
    )
    counts = [(label, counted.get(reason, 0)) for reason, label in ReplyTemplate.Reason.choices]
    return bar_chart(f"Referred out since {today.replace(day=1):%B} 1, by reason", counts)
