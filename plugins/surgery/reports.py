"""Surgical figures for the daily and final campaign report.

A case counts on its operating day (a date, so no time-zone question). *Listed* cases are those
placed on a theatre's list in scope — including those later cancelled or postponed, which keep the
day they were listed for. Rates are percentages of listed cases, to one decimal.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from ayni.core import ReportRow, Text, fold, phrase
from ayni.core.documents.reporting import days_clause
from ayni.core.model import Campaign

from . import forms
from .cases import Case, CaseStatus, latest_form
from .codes import SERVICES
from .views import theatre_label

SPECIALTY = forms.SPECIALTY

#: The titles of this specialty's own report tables.
GROUP_TITLES = {
    "schedule": Text("Programación quirúrgica", "Surgical schedule"),
    "complications": Text("Complicaciones", "Complications"),
    "theatre": Text("Quirófano", "Operating theatre"),
    "training": Text("Capacitación", "Training"),
}
_GRADES = [c.value for c in forms.CLAVIEN_DINDO]


def listed_cases(store, campaign: Campaign, day: dt.date | None) -> list[Case]:
    """The campaign's cases placed on a list (on ``day``, in the period ``day``, or on any day)."""
    on_days, day_params = days_clause(day, "day")
    return store.rows(Case, "surgery_cases", f"campaign_id = ? AND day IS NOT NULL AND {on_days}",
                      [campaign.id, *day_params], order_by="day, theatre, slot")


def percent(part: int, whole: int) -> Decimal:
    """``part`` of ``whole`` in per cent, one decimal (0 when there is no whole)."""
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def worst_grade(store, case_id: str) -> str | None:
    """The highest Clavien–Dindo grade recorded on post-op day 1 or at discharge."""
    grades = [latest_form(store, case_id, f.key).get(forms.GRADE.key) for f in (forms.POSTOP_DAY1, forms.DISCHARGE)]
    grades = [g for g in grades if g]
    return max(grades, key=_GRADES.index) if grades else None


def theatre_minutes(note: dict) -> int:
    """Minutes between the operative note's start and end (0 without a note)."""
    if not note.get("start_time") or not note.get("end_time"):
        return 0
    return forms.minutes(note["end_time"]) - forms.minutes(note["start_time"])


def trained_names(note: dict) -> list[str]:
    """The local surgeons trained in one operation, one per name given."""
    return [n.strip() for n in note.get(forms.TRAINED.key, "").replace(";", ",").split(",") if n.strip()]


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), ROUND_HALF_UP)


def case_rows(store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """Operations by service, completion and cancellation rates, complications by Clavien–Dindo
    grade, theatre hours (per theatre and total) and local surgeons trained."""
    cases = listed_cases(store, campaign, day)
    done = [c for c in cases if c.status == CaseStatus.COMPLETED]
    cancelled = sum(c.status == CaseStatus.CANCELLED for c in cases)
    postponed = sum(c.status == CaseStatus.POSTPONED for c in cases)
    rows = [ReportRow(SPECIALTY, label, sum(c.service == key for c in done), group="operations")
            for key, label in SERVICES.items()]
    rows += [
        ReportRow(SPECIALTY, Text("operaciones realizadas", "operations performed"), len(done), group="headline",
                  label_one=Text("operación realizada", "operation performed")),
        ReportRow(SPECIALTY, Text("Casos programados", "Cases listed"), len(cases), group="schedule"),
        ReportRow(SPECIALTY, Text("Tasa de realización (%)", "Completion rate (%)"), percent(len(done), len(cases)),
                  group="schedule"),
        ReportRow(SPECIALTY, Text("Cancelados", "Cancelled"), cancelled, group="schedule"),
        ReportRow(SPECIALTY, Text("Tasa de cancelación (%)", "Cancellation rate (%)"), percent(cancelled, len(cases)),
                  group="schedule"),
        ReportRow(SPECIALTY, Text("Postergados", "Postponed"), postponed, group="schedule"),
    ]
    grades = Counter(worst_grade(store, c.id) for c in done)
    rows.append(ReportRow(SPECIALTY, Text("Sin complicaciones", "No complications"), grades.pop(None, 0),
                          group="complications"))
    rows += [ReportRow(SPECIALTY, Text(f"Clavien–Dindo {g}", f"Clavien–Dindo {g}"), grades[g], group="complications")
             for g in _GRADES if grades[g]]
    notes = [(c, latest_form(store, c.id, forms.OPERATIVE_NOTE.key)) for c in done]
    by_theatre = Counter()
    for case, note in notes:
        by_theatre[case.theatre] += theatre_minutes(note)
    rows += [ReportRow(SPECIALTY, phrase(Text("Horas en {theatre}", "Hours in {theatre}"), theatre=theatre_label(t)),
                       _hours(m), group="theatre") for t, m in sorted(by_theatre.items())]
    rows.append(ReportRow(SPECIALTY, Text("Horas de quirófano (total)", "Theatre hours (total)"),
                          _hours(sum(by_theatre.values())), group="theatre"))
    trained = {fold(name) for _, note in notes for name in trained_names(note)}
    rows += [
        ReportRow(SPECIALTY, Text("Cirujanos locales capacitados", "Local surgeons trained"), len(trained),
                  group="training"),
        ReportRow(SPECIALTY, Text("Operaciones con cirujanos locales", "Operations with local surgeons"),
                  sum(bool(trained_names(note)) for _, note in notes), group="training"),
    ]
    return rows
