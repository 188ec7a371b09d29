"""The SVG charts: bar heights follow the figures, texts are escaped, the axis is round."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from ayni.core.documents.reports.charts import age_pyramid, nice_step, patients_per_day

SVG = "{http://www.w3.org/2000/svg}"


def test_round_steps():
    assert [nice_step(v) for v in (0, 4, 10, 37, 188, 1690)] == [1, 1, 2, 10, 50, 500]


def test_stacked_bars_are_proportional_and_labelled():
    days = [dt.date(2026, 11, 21), dt.date(2026, 11, 22)]
    svg = patients_per_day(days, [("Medicina <general>", [40, 10]), ("Odontología", [20, 0])], "es", "Pacientes")
    root = ET.fromstring(svg)  # well-formed: the < in the name is escaped
    bars = [float(r.get("height")) for r in root.iter(f"{SVG}rect") if float(r.get("height")) > 11]
    assert len(bars) == 3
    assert abs(bars[0] / bars[1] - 2) < 0.01 and abs(bars[0] / bars[2] - 4) < 0.01
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "60" in texts and "10" in texts  # each day's total above its bar
    assert "21 nov." in texts and "Medicina <general>" in texts


def test_pyramid_puts_men_left_and_women_right():
    svg = age_pyramid([("0–9", 6, 2), ("10–19", 3, 0)], "en", "Ages", "Women", "Men")
    root = ET.fromstring(svg)
    rects = [(float(r.get("x")), float(r.get("width"))) for r in root.iter(f"{SVG}rect")]
    centre = 340
    left = [w for x, w in rects if x + w <= centre]
    right = [w for x, w in rects if x >= centre]
    assert len(left) == 1 and len(right) == 2  # no bar for zero men aged 10–19
    assert max(right) / left[0] == 3
