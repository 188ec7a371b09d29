"""The report's charts as inline SVG, drawn here in a few lines each (WeasyPrint renders SVG itself).

Both charts print well in black and white: bars carry their numbers, colours are told apart by
lightness too, and every text is escaped. Sizes are in SVG user units on a fixed ``viewBox``; the
page decides the printed size.
"""

from __future__ import annotations

import datetime as dt
import math

from markupsafe import escape

from ...formatting import format_date
from .formatting import format_count

#: Dark to light, so the series stay apart when printed in grey.
PALETTE = ("#1f3b5c", "#c8651b", "#5f8f3a", "#8c8c8c", "#d8b23a", "#6b3f8f", "#2f8f8f", "#b03a48")
WOMEN, MEN = "#c8651b", "#1f3b5c"
FONT = 'font-family="DejaVu Sans, sans-serif"'


def nice_step(largest: float, ticks: int = 5) -> int:
    """A round step (1, 2 or 5 × 10ⁿ) giving about ``ticks`` grid lines up to ``largest``."""
    if largest <= 0:
        return 1
    raw = largest / ticks
    power = 10 ** math.floor(math.log10(raw))
    return max(1, int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw)))


def _text(x: float, y: float, text: str, size: float = 10, anchor: str = "middle", weight: str = "normal",
          fill: str = "#222") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
            f'fill="{fill}" {FONT}>{escape(text)}</text>')


def _svg(width: int, height: int, body: list[str], label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">' + "".join(body) + "</svg>")


def day_label(day: dt.date, lang: str) -> str:
    """«23 nov.» / «23 Nov»."""
    return format_date(day, lang, "short")


def patients_per_day(days: list[dt.date], series: list[tuple[str, list[int]]], lang: str, title: str) -> str:
    """Stacked bars: one bar per day, one segment per specialty (``series`` is ``(name, counts per
    day)``), the day's total above each bar and a legend below."""
    width, left, right, top = 680, 44, 12, 14
    legend_rows = math.ceil(len(series) / 3) or 1
    plot_h = 170
    height = top + plot_h + 28 + 18 * legend_rows
    totals = [sum(counts[i] for _, counts in series) for i in range(len(days))]
    step = nice_step(max(totals, default=0))
    top_value = max(step, math.ceil(max(totals, default=0) / step) * step)
    scale = plot_h / top_value
    base = top + plot_h
    body = []
    for tick in range(0, top_value + 1, step):
        y = base - tick * scale
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ccc" stroke-width="0.6"/>')
        body.append(_text(left - 5, y + 3.5, format_count(tick, lang), 9, "end", fill="#555"))
    slot = (width - left - right) / max(len(days), 1)
    bar = min(46.0, slot * 0.7)
    for i, day in enumerate(days):
        x = left + i * slot + (slot - bar) / 2
        y = base
        for s, (_, counts) in enumerate(series):
            h = counts[i] * scale
            if h:
                y -= h
                body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                            f'fill="{PALETTE[s % len(PALETTE)]}" stroke="#fff" stroke-width="0.5"/>')
        if totals[i]:
            body.append(_text(x + bar / 2, y - 3, format_count(totals[i], lang), 9, weight="bold"))
        if len(days) <= 16 or i % 2 == 0:
            body.append(_text(x + bar / 2, base + 13, day_label(day, lang), 9, fill="#333"))
    body.append(f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" stroke="#333" stroke-width="0.9"/>')
    for s, (name, _) in enumerate(series):
        row, col = divmod(s, 3)
        x, y = left + col * 210, base + 30 + row * 18
        body.append(f'<rect x="{x}" y="{y - 9}" width="11" height="11" fill="{PALETTE[s % len(PALETTE)]}"/>')
        body.append(_text(x + 16, y, name, 9.5, "start"))
    return _svg(width, height, body, title)


def age_pyramid(bands: list[tuple[str, int, int]], lang: str, title: str, women: str, men: str) -> str:
    """Horizontal bars by age band (youngest at the bottom): men to the left, women to the right,
    each bar with its number."""
    width, row_h, top = 680, 20, 24
    height = top + row_h * len(bands) + 8
    centre, label_w = width / 2, 54
    reach = centre - label_w / 2 - 40
    largest = max((max(f, m) for _, f, m in bands), default=0) or 1
    body = [_text(centre - label_w / 2 - 4, 14, men, 10.5, "end", "bold", MEN),
            _text(centre + label_w / 2 + 4, 14, women, 10.5, "start", "bold", WOMEN)]
    for i, (label, f, m) in enumerate(reversed(bands)):
        y = top + i * row_h
        body.append(_text(centre, y + row_h / 2 + 3.5, label, 9.5))
        for count, sign, colour in ((m, -1, MEN), (f, 1, WOMEN)):
            length = count / largest * reach
            start = centre + sign * label_w / 2
            x = start - length if sign < 0 else start
            if count:
                body.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{length:.1f}" height="{row_h - 4}" fill="{colour}"/>')
            end = start + sign * (length + 4)
            body.append(_text(end, y + row_h / 2 + 3.5, format_count(count, lang), 9, "end" if sign < 0 else "start"))
    return _svg(width, height, body, title)
