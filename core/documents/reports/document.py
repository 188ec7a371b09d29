"""A :class:`~.model.Report` as a PDF: headline figures first, then the charts, the core tables and
each specialty's own figures.

Long tables are cut into blocks of :data:`BLOCK_ROWS` rows, each its own ``<table>`` that is never
split across pages: WeasyPrint lays out many short tables in linear time, whereas one long table
that spans pages grows super-linearly (WeasyPrint #1296, #1104).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ...dates import format_date, format_date_range
from ...i18n import DEFAULT_LANG, Text
from .charts import age_pyramid, patients_per_day
from .contents import Figure, Kind, Report, Row, Table
from .formatting import format_count, format_money
from .scope import period_words

BLOCK_ROWS = 32

#: The words of the report documents, read by the templates as ``L.key``.
REPORT_LABELS: dict[str, Text] = {
    "daily_report": Text("Informe diario de la campaña", "Daily campaign report"),
    "final_report": Text("Informe final de la campaña", "Final campaign report"),
    "weekly_report": Text("Informe semanal de la campaña", "Weekly campaign report"),
    "period_report": Text("Informe de la campaña por periodo", "Campaign report for a period"),
    "whole_campaign": Text("Campaña completa", "Whole campaign"),
    "headline": Text("Cifras principales", "Headline figures"),
    "per_day": Text("Pacientes por día y especialidad", "Patients per day by specialty"),
    "pyramid": Text("Pirámide de edades (pacientes atendidos)", "Age pyramid (patients seen)"),
    "women": Text("Mujeres", "Women"),
    "men": Text("Hombres", "Men"),
    "core_tables": Text("Atenciones, procedimientos, entregas y tarifas", "Encounters, procedures, supplies and fees"),
    "by_specialty": Text("Cifras de cada especialidad", "Each specialty's figures"),
    "no_rows": Text("Sin registros.", "Nothing recorded."),
    "code": Text("Código", "Code"),
    "warnings": Text("Advertencias", "Warnings"),
    "numbers_note": Text("Los miles se separan con coma y los decimales con punto (1,690; S/ 1,234.50).",
                         "Thousands are separated by a comma and decimals by a point (1,690; S/ 1,234.50)."),
}


def long_date(day: dt.date, lang: str) -> str:
    """«lunes, 23 de noviembre de 2026», «Monday, 23 November 2026»."""
    return format_date(day, lang, "full")


def cell(value, kind: Kind, lang: str) -> str:
    """One table value as printed; ``None`` is a dash."""
    if value is None:
        return "—"
    if kind == Kind.MONEY:
        return format_money(value, lang)
    if kind == Kind.TEXT or not isinstance(value, (int, Decimal)):
        return str(value)
    return format_count(value, lang)


def figure_parts(figure: Figure, lang: str) -> tuple[str, str, str]:
    """A headline figure cut around its number, so the number can be set in bold: («», «1,690», « consultas»)."""
    phrase = (figure.one if figure.value == 1 and not figure.money else figure.many).get(lang)
    number = format_money(figure.value, lang) if figure.money else format_count(figure.value, lang)
    before, _, after = phrase.partition("{n}")
    return before, number, after


def figure_text(figure: Figure, lang: str) -> str:
    """A headline figure as one phrase: «1,690 atenciones ambulatorias»."""
    return "".join(figure_parts(figure, lang))


def _row(row: Row, table: Table, lang: str) -> dict[str, Any]:
    return {"label": row.label_text(lang), "code": row.code,
            "cells": [cell(v, c.kind, lang) for v, c in zip(row.values, table.columns)]}


def table_context(table: Table, lang: str, block_rows: int = BLOCK_ROWS) -> dict[str, Any]:
    """A table ready for the template: headings, rows in blocks, the total and the note."""
    rows = [_row(r, table, lang) for r in table.rows]
    return {
        "key": table.key,
        "title": table.title.get(lang),
        "label": table.label.get(lang),
        "columns": [{"label": c.label.get(lang), "numeric": c.kind != Kind.TEXT} for c in table.columns],
        "blocks": [rows[i:i + block_rows] for i in range(0, len(rows), block_rows)],
        "total": _row(table.total, table, lang) if table.total and rows else None,
        "note": table.note.get(lang) if table.note else "",
        "show_codes": table.show_codes,
    }


def charts(report: Report, lang: str) -> dict[str, str]:
    """The two charts of a report as SVG text."""
    series = [(name.get(lang), [report.per_day[d].get(key, 0) for d in report.days])
              for key, name in report.specialty_names.items()]
    return {
        "per_day": patients_per_day(list(report.days), series, lang, REPORT_LABELS["per_day"].get(lang)),
        "pyramid": age_pyramid(list(report.pyramid), lang, REPORT_LABELS["pyramid"].get(lang),
                               REPORT_LABELS["women"].get(lang), REPORT_LABELS["men"].get(lang)),
    }


def report_title(report: Report) -> Text:
    """What kind of report it is: daily, weekly, of a range of days, or final."""
    if report.period is not None:
        return REPORT_LABELS["weekly_report" if report.period.week else "period_report"]
    return REPORT_LABELS["final_report" if report.day is None else "daily_report"]


def report_context(report: Report, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """Everything ``report_campaign.html`` prints."""
    from ..pdf import campaign_context

    campaign = report.campaign
    title = report_title(report).get(lang)
    if report.period is not None:
        words = period_words(report.period, lang)
        scope = words[:1].upper() + words[1:]  # «Semana 48 de 2026 (…)» opens its line
    elif report.day is None:
        scope = f"{REPORT_LABELS['whole_campaign'].get(lang)}: {format_date_range(campaign.start_date, campaign.end_date, lang)}"
    else:
        scope = long_date(report.day, lang)
    return {
        "campaign": campaign_context(campaign, report.site, lang),
        "title": title,
        "scope": scope,
        "headline": [figure_parts(f, lang) for f in report.headline],
        "charts": charts(report, lang),
        "tables": [table_context(t, lang) for t in report.tables],
        "sections": [{"name": s.name.get(lang), "tables": [table_context(t, lang) for t in s.tables]}
                     for s in report.plugin_sections],
        "warnings": [w.get(lang) for w in report.warnings],
    }


def render_report(report: Report, lang: str = DEFAULT_LANG, printed_at: dt.datetime | None = None) -> bytes:
    """The report as PDF bytes, in ``lang``."""
    from ..pdf import render

    return render("report_campaign.html", report_context(report, lang), lang, extra_labels=REPORT_LABELS,
                  printed_at=printed_at)
