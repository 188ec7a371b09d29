"""A :class:`~.model.Report` as CSV: one figure per line, in long form, for a spreadsheet.

Columns: ``section`` (the table's key: ``headline``, ``patients_by_specialty``, ``fees``,
``dental.teeth`` …), ``title`` (the table's title), ``code`` (a procedure or item code, a specialty
key; may be empty), ``item`` (the row), ``measure`` (the column) and ``value``. The first lines
(section ``report``) say which campaign and which day, or which period (``from``, ``to`` and,
for a week, ``week``: ``2026-W48``). Values are numbers where they are figures
(money in soles, to the céntimo); the file is written as every Ayni CSV is (:mod:`ayni.core.documents.csvformat`:
UTF-8 with a byte-order mark, ``;`` between cells, decimal comma, text that could start a formula
made safe), with headings in the report's language.
"""

from __future__ import annotations

from ...i18n import DEFAULT_LANG, Text
from ...money.fees import CENT
from ..csvformat import csv_bytes
from .contents import Kind, Report, Table
from .document import REPORT_LABELS, report_title

HEADINGS = (Text("seccion", "section"), Text("titulo", "title"), Text("codigo", "code"), Text("item", "item"),
            Text("medida", "measure"), Text("valor", "value"))
META = {
    "campaign": Text("Campaña", "Campaign"),
    "campaign_id": Text("Id de la campaña", "Campaign id"),
    "start": Text("Inicio", "Start"),
    "end": Text("Fin", "End"),
    "day": Text("Día del informe", "Report day"),
    "from": Text("Desde", "From"),
    "to": Text("Hasta", "To"),
    "week": Text("Semana ISO", "ISO week"),
    "scope": Text("Alcance", "Scope"),
}
VALUE = Text("Valor", "Value")


def _value(value, kind: Kind):
    return value.quantize(CENT) if kind == Kind.MONEY and value is not None else value


def _table_lines(table: Table, lang: str):
    title = table.title.get(lang)
    lines = [(row, row.code) for row in table.rows]
    if table.total and table.rows:
        lines.append((table.total, table.total.code or "total"))
    for row, code in lines:
        for column, value in zip(table.columns, row.values):
            if value is not None:
                yield (table.key, title, code, row.label_text(lang), column.label.get(lang), _value(value, column.kind))


def report_lines(report: Report, lang: str = DEFAULT_LANG):
    """Every line of the CSV after the headings, as tuples of cells (text, or numbers)."""
    c = report.campaign
    title = report_title(report).get(lang)
    meta = [("campaign", c.name), ("campaign_id", c.id), ("start", c.start_date.isoformat()),
            ("end", c.end_date.isoformat())]
    if report.period is not None:
        meta += [("from", report.period.first.isoformat()), ("to", report.period.last.isoformat())]
        if report.period.week:
            meta.append(("week", "{}-W{:02d}".format(*report.period.week)))
    else:
        meta.append(("day", report.day.isoformat()) if report.day else ("scope", REPORT_LABELS["whole_campaign"].get(lang)))
    for key, value in meta:
        yield ("report", title, key, META[key].get(lang), VALUE.get(lang), value)
    headline = REPORT_LABELS["headline"].get(lang)
    for figure in report.headline:
        phrase = (figure.many.get(lang).replace("{n}", "").strip())
        yield ("headline", headline, figure.key, phrase, VALUE.get(lang),
               figure.value.quantize(CENT) if figure.money else figure.value)
    for table in report.tables:
        yield from _table_lines(table, lang)
    for section in report.plugin_sections:
        for table in section.tables:
            for line in _table_lines(table, lang):
                yield (line[0], f"{section.name.get(lang)}: {line[1]}", section.specialty, *line[3:])


def report_csv(report: Report, lang: str = DEFAULT_LANG) -> bytes:
    """The whole CSV file as bytes (see :mod:`ayni.core.documents.csvformat`)."""
    return csv_bytes([h.get(lang) for h in HEADINGS], report_lines(report, lang))
