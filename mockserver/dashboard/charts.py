"""Charts as inline SVG, drawn on the server: no charting script, nothing fetched by the browser.

Pure: numbers in, markup out. Each series' `<polyline>` carries `data-points` (how many data points it
has) so a test can count them; the drawn vertices are thinned past MAX_VERTICES to keep pages small.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 260
WIDE = 1000  # the bar chart spans the page: a wider canvas keeps its labels the size of the line charts'
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 16, 28, 36
MAX_VERTICES = 1000
PALETTE = ("#2563eb", "#ea580c", "#16a34a", "#9333ea", "#db2777", "#0891b2", "#ca8a04", "#4b5563")


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[tuple[float, float]]


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values from at or below `low` to at or above `high` (1, 2 or 5 times a power of ten apart)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(1, count)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = [first]
    while ticks[-1] < high - step * 1e-9 or len(ticks) < 2:  # the last tick at or above the highest value
        ticks.append(round(first + len(ticks) * step, 10))
    return ticks


def _label(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:.3g}"


def _thinned(points: Sequence[tuple[float, float]]) -> Sequence[tuple[float, float]]:
    if len(points) <= MAX_VERTICES:
        return points
    stride = math.ceil(len(points) / MAX_VERTICES)
    kept = list(points[::stride])
    return kept if kept[-1] == points[-1] else [*kept, points[-1]]


class _Frame:
    """Maps data to pixels inside the margins."""

    def __init__(self, x_ticks: list[float], y_ticks: list[float], width: int = WIDTH) -> None:
        self.width = width
        self.x0, self.x1 = x_ticks[0], x_ticks[-1]
        self.y0, self.y1 = y_ticks[0], y_ticks[-1]

    def x(self, value: float) -> float:
        span = (self.x1 - self.x0) or 1
        return MARGIN_LEFT + (value - self.x0) / span * (self.width - MARGIN_LEFT - MARGIN_RIGHT)

    def y(self, value: float) -> float:
        span = (self.y1 - self.y0) or 1
        return HEIGHT - MARGIN_BOTTOM - (value - self.y0) / span * (HEIGHT - MARGIN_TOP - MARGIN_BOTTOM)


def _axes(frame: _Frame, x_ticks: list[float], y_ticks: list[float], x_label: str,
          y_labels: Sequence[str] | None = None) -> list[str]:
    parts = []
    for index, tick in enumerate(y_ticks):
        y = frame.y(tick)
        text = y_labels[index] if y_labels is not None else _label(tick)
        right = frame.width - MARGIN_RIGHT
        parts.append(f'<line class="grid" x1="{MARGIN_LEFT}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
                     f"{escape(text)}</text>")
    for tick in x_ticks:
        x = frame.x(tick)
        parts.append(f'<text class="tick" x="{x:.1f}" y="{HEIGHT - MARGIN_BOTTOM + 16}" '
                     f'text-anchor="middle">{escape(_label(tick))}</text>')
    parts.append(f'<text class="axis-label" x="{frame.width - MARGIN_RIGHT}" y="{HEIGHT - 4}" '
                 f'text-anchor="end">{escape(x_label)}</text>')
    return parts


def _legend(names: Sequence[str]) -> str:
    items, x = [], MARGIN_LEFT
    for index, name in enumerate(names):
        colour = PALETTE[index % len(PALETTE)]
        items.append(f'<rect x="{x}" y="8" width="10" height="10" fill="{colour}"/>'
                     f'<text class="legend" x="{x + 14}" y="17">{escape(name)}</text>')
        x += 24 + 7 * len(name)
    return "".join(items)


def line_chart(series: Sequence[Series], *, title: str, x_label: str = "step") -> Markup:
    """Lines of (x, y) points over shared axes; an empty chart says there is no data yet."""
    shown = [s for s in series if s.points]
    if not shown:
        return Markup('<p class="empty">No data yet.</p>')
    xs = [x for s in shown for x, _ in s.points]
    ys = [y for s in shown for _, y in s.points]
    x_ticks, y_ticks = nice_ticks(min(xs), max(xs), 6), nice_ticks(min(0.0, min(ys)), max(ys), 5)
    frame = _Frame(x_ticks, y_ticks)
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>", *_axes(frame, x_ticks, y_ticks, x_label)]
    for index, s in enumerate(shown):
        colour = PALETTE[index % len(PALETTE)]
        vertices = " ".join(f"{frame.x(x):.1f},{frame.y(y):.1f}" for x, y in _thinned(s.points))
        parts.append(f'<polyline class="series" data-series="{escape(s.name)}" data-points="{len(s.points)}" '
                     f'fill="none" stroke="{colour}" stroke-width="1.6" points="{vertices}"/>')
        if len(s.points) == 1:
            x, y = s.points[0]
            parts.append(f'<circle cx="{frame.x(x):.1f}" cy="{frame.y(y):.1f}" r="3" fill="{colour}"/>')
    parts.append(_legend([s.name for s in shown]))
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class Bar:
    label: str
    segments: Sequence[tuple[str, float]]  # (group, value), stacked bottom up


def bar_chart(bars: Sequence[Bar], *, title: str, unit: str = "$") -> Markup:
    """Stacked bars, one per label (e.g. a day), a colour per group; each segment has a tooltip."""
    groups = sorted({group for bar in bars for group, value in bar.segments if value})
    totals = [sum(value for _, value in bar.segments) for bar in bars]
    if not bars or not groups:
        return Markup('<p class="empty">Nothing charged in this period.</p>')
    y_ticks = nice_ticks(0.0, max(totals), 4)
    frame = _Frame([0.0, float(len(bars))], y_ticks, WIDE)
    parts = [f'<svg class="chart" viewBox="0 0 {WIDE} {HEIGHT}" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>",
             *_axes(frame, [], y_ticks, "", [f"{unit}{_label(t)}" for t in y_ticks])]
    slot = (WIDE - MARGIN_LEFT - MARGIN_RIGHT) / len(bars)
    for index, bar in enumerate(bars):
        x, bottom = MARGIN_LEFT + index * slot + slot * 0.15, 0.0
        for group, value in bar.segments:
            if not value:
                continue
            colour = PALETTE[groups.index(group) % len(PALETTE)]
            top, low = frame.y(bottom + value), frame.y(bottom)
            parts.append(f'<rect class="bar" x="{x:.1f}" y="{top:.1f}" width="{slot * 0.7:.1f}" '
                         f'height="{max(0.5, low - top):.1f}" fill="{colour}"><title>{escape(bar.label)} · '
                         f'{escape(group)}: {unit}{value:.6g}</title></rect>')
            bottom += value
        if len(bars) <= 16 or index % math.ceil(len(bars) / 16) == 0:
            parts.append(f'<text class="tick" x="{x + slot * 0.35:.1f}" y="{HEIGHT - MARGIN_BOTTOM + 16}" '
                         f'text-anchor="middle">{escape(bar.label)}</text>')
    parts.append("</svg>")
    legend = "".join(f'<li><span class="swatch" style="background:{PALETTE[index % len(PALETTE)]}"></span>'
                     f"{escape(group)}</li>" for index, group in enumerate(groups))
    return Markup("".join(parts) + f'<ul class="legend">{legend}</ul>')
