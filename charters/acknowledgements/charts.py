"""The geometry of the campaign's completion chart (an inline SVG drawn by a template, no script).

Signatures per day are bars against the left axis; the cumulative percentage is a line against the
right axis (0-100 %). Coordinates are strings with a dot, whatever the reader's number format: the
template writes them into SVG attributes as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from charters.acknowledgements.selectors import SignatureDay

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 44, 12, 30  # margins for the axes' labels
MAX_DATE_LABELS = 6


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class Bar:
    x: str
    y: str
    width: str
    height: str
    day: SignatureDay


@dataclass(frozen=True)
class Tick:
    label: str
    position: str  # y for the vertical axes, x for the dates


@dataclass(frozen=True)
class DateTick:
    day: date
    x: str


@dataclass(frozen=True)
class CompletionChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    bars: list[Bar]
    line: str  # the cumulative percentage, as <polyline points>
    count_ticks: list[Tick]
    percent_ticks: list[Tick]
    date_ticks: list[DateTick]
    days: Sequence[SignatureDay]

    @property
    def signed(self) -> int:
        return self.days[-1].cumulative if self.days else 0

    @property
    def percent(self) -> int:
        return self.days[-1].percent if self.days else 0


def _count_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if peak / step <= 5:
            return step
    return 10_000


def completion_chart(days: Sequence[SignatureDay]) -> CompletionChart:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    bottom = TOP + plot_h
    slot = plot_w / max(1, len(days))
    step = _count_step(max((d.signed for d in days), default=0))
    ceiling = max(step, step * -(-max((d.signed for d in days), default=0) // step))  # rounded up to a tick
    bars, points = [], []
    for i, d in enumerate(days):
        height = plot_h * d.signed / ceiling
        bars.append(
            Bar(
                x=_n(LEFT + i * slot + slot * 0.15),
                y=_n(bottom - height),
                width=_n(max(slot * 0.7, 0.5)),
                height=_n(height),
                day=d,
            )
        )
        points.append(f"{_n(LEFT + (i + 0.5) * slot)},{_n(bottom - plot_h * d.percent / 100)}")
    count_ticks = [Tick(str(v), _n(bottom - plot_h * v / ceiling)) for v in range(0, ceiling + 1, step)]
    percent_ticks = [Tick(f"{v}", _n(bottom - plot_h * v / 100)) for v in range(0, 101, 25)]
    every = max(1, -(-len(days) // MAX_DATE_LABELS))
    labelled = [i for i in range(0, len(days), every)]
    date_ticks = [DateTick(days[i].day, _n(LEFT + (i + 0.5) * slot)) for i in labelled]
    return CompletionChart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP,
        plot_bottom=bottom,
        bars=bars,
        line=" ".join(points),
        count_ticks=count_ticks,
        percent_ticks=percent_ticks,
        date_ticks=date_ticks,
        days=days,
    )
