"""The stock report for coordinators: what is on hand, what was handed out in a period, and which
lots expire soon (or already have), as a PDF or a CSV file."""

from __future__ import annotations

import datetime as dt

import attrs

from .. import stock
from ..dates import format_date, today_in_lima
from ..documents.csvformat import csv_bytes
from ..errors import FieldError, ValidationError
from ..i18n import DEFAULT_LANG, Plural, Text
from ..storage.store import Store

DAYS = Text("Días", "Days")
START = Text("Desde", "From")
END = Text("Hasta", "To")
#: How far ahead the report may look for expiring lots, in days.
MAX_DAYS = 730

DAYS_LEFT = Plural("en {n} día", "en {n} días", "in {n} day", "in {n} days")
LABELS = {
    "stock_report": Text("Informe de stock", "Stock report"),
    "on_hand_title": Text("Existencias", "On hand"),
    "dispensed_title": Text("Entregado del {start} al {end}", "Dispensed from {start} to {end}"),
    "expiring_title": Text("Lotes que vencen en {days} días o ya vencidos", "Lots expiring within {days} days or expired"),
    "item": Text("Artículo", "Item"),
    "kind": Text("Tipo", "Kind"),
    "medicine": Text("Medicamento", "Medicine"),
    "equipment": Text("Equipo o insumo", "Equipment or supply"),
    "on_hand": Text("Disponible", "On hand"),
    "expired": Text("Vencido", "Expired"),
    "expiring": Text("Vence pronto", "Expiring soon"),
    "next_expiry": Text("Próximo venc.", "Next expiry"),
    "threshold": Text("Umbral", "Threshold"),
    "low": Text("BAJO", "LOW"),
    "dispensed": Text("Entregado", "Dispensed"),
    "lot": Text("Lote", "Lot"),
    "location": Text("Ubicación", "Location"),
    "expiry": Text("Vencimiento", "Expiry"),
    "quantity": Text("Cantidad", "Quantity"),
    "state": Text("Estado", "State"),
    "expired_state": Text("VENCIDO", "EXPIRED"),
    "none": Text("Nada que informar.", "Nothing to report."),
    "legend": Text("BAJO: quedan tantas unidades como el umbral o menos.",
                   "LOW: no more units left than the threshold."),
}


@attrs.frozen
class StockReport:
    """The figures of the report, before they are written as PDF or CSV."""

    today: dt.date
    days: int
    start: dt.date
    end: dt.date
    status: tuple[stock.ItemStatus, ...]
    dispensed: tuple[tuple[stock.StockItem, int], ...]
    expiring: tuple[stock.LotBalance, ...]


def check_period(days, start: dt.date | None, end: dt.date | None, today: dt.date) -> tuple[int, dt.date, dt.date]:
    """The report's window, checked: ``days`` 1–730, ``start`` not after ``end``, ``end`` not after
    today. The period defaults to the last 30 days up to today."""
    errors: list[FieldError] = []
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        errors.append(FieldError("days", "out_of_range", DAYS, {"min": 1, "max": MAX_DAYS, "unit": ""}))
    end = end or today
    start = start or end - dt.timedelta(days=29)
    if end > today:
        errors.append(FieldError("end", "date_in_future", END, {"today": today.isoformat()}))
    if start > end:
        errors.append(FieldError("start", "date_too_late", START, {"max": end.isoformat()}))
    if errors:
        raise ValidationError(errors)
    return days, start, end


def build(store: Store, days: int = stock.DEFAULT_EXPIRING_DAYS, start: dt.date | None = None,
          end: dt.date | None = None, today: dt.date | None = None) -> StockReport:
    """Gather the report: every item's standing, units handed out from ``start`` to ``end``
    (Lima dates, inclusive), and the lots expiring within ``days``, all read in one snapshot."""
    today = today or today_in_lima()
    days, start, end = check_period(days, start, end, today)
    with store.reading():
        catalogue = stock.items(store)
        given = stock.dispensed_between(store, start, end)
        dispensed = tuple((catalogue.get(key) or stock.StockItem(key, Text(key, key), "equipment"), n)
                          for key, n in sorted(given.items()))
        return StockReport(today, days, start, end, tuple(stock.status(store, today, days)), dispensed,
                           tuple(stock.expiring(store, days, today)))


def _lot_state(balance: stock.LotBalance, today: dt.date, lang: str) -> str:
    if balance.expired(today):
        return LABELS["expired_state"].get(lang)
    return DAYS_LEFT.format(lang, (balance.lot.expiry - today).days)


def _label(store: Store, key: str, lang: str) -> str:
    found = stock.items(store).get(key)
    return found.label.get(lang) if found else key


def context(store: Store, report: StockReport, lang: str = DEFAULT_LANG) -> dict:
    """Everything ``stock_report.html`` prints, as text ready for people."""
    from ..documents.pdf import campaign_header

    L = {k: v.get(lang) for k, v in LABELS.items()}
    return {
        "campaign": campaign_header(store, None, lang),
        "title": f"{L['stock_report']} — {format_date(report.today, lang)}",
        "dispensed_title": L["dispensed_title"].format(start=format_date(report.start, lang),
                                                       end=format_date(report.end, lang)),
        "expiring_title": L["expiring_title"].format(days=report.days),
        "items": [
            {"label": s.item.label.get(lang), "kind": L.get(s.item.kind) or s.item.kind_label.get(lang),
             "on_hand": s.on_hand, "expired": s.expired,
             "expiring": s.expiring, "next_expiry": s.next_expiry.isoformat() if s.next_expiry else "",
             "threshold": s.threshold, "low": s.low}
            for s in report.status
        ],
        "dispensed": [{"label": i.label.get(lang), "quantity": n} for i, n in report.dispensed],
        "lots": [
            {"label": _label(store, b.lot.item_key, lang), "lot": b.lot.lot, "location": b.lot.location,
             "expiry": b.lot.expiry.isoformat(), "quantity": b.quantity, "state": _lot_state(b, report.today, lang),
             "expired": b.expired(report.today)}
            for b in report.expiring
        ],
    }


def render_pdf(store: Store, report: StockReport, lang: str = DEFAULT_LANG) -> bytes:
    """The report as an A4 PDF."""
    from ..documents.pdf import render

    return render("stock_report.html", context(store, report, lang), lang, extra_labels=LABELS)


#: The CSV's headings, short words in the file's language (see :mod:`ayni.core.documents.csvformat`).
CSV_HEADINGS = (Text("seccion", "section"), Text("codigo", "code"), Text("articulo", "item"),
                Text("cantidad", "quantity"), Text("vencido", "expired"), Text("por_vencer", "expiring"),
                Text("proximo_vencimiento", "next_expiry"), Text("umbral", "threshold"), Text("lote", "lot"),
                Text("ubicacion", "location"), Text("estado", "state"))


def _csv_rows(store: Store, report: StockReport, lang: str):
    L = {k: v.get(lang) for k, v in LABELS.items()}
    for s in report.status:
        yield ("on_hand", s.item.key, s.item.label.get(lang), s.on_hand, s.expired, s.expiring,
               s.next_expiry.isoformat() if s.next_expiry else None, s.threshold, None, None, L["low"] if s.low else None)
    for i, n in report.dispensed:
        yield ("dispensed", i.key, i.label.get(lang), n, None, None, None, None, None, None,
               f"{report.start.isoformat()}..{report.end.isoformat()}")
    for b in report.expiring:
        yield ("expiring", b.lot.item_key, _label(store, b.lot.item_key, lang), b.quantity, None, None,
               b.lot.expiry.isoformat(), None, b.lot.lot, b.lot.location, _lot_state(b, report.today, lang))


def render_csv(store: Store, report: StockReport, lang: str = DEFAULT_LANG) -> bytes:
    """The report as a CSV file (see :mod:`ayni.core.documents.csvformat`): one row per item on hand, per item
    dispensed and per expiring lot, told apart by the first column (``on_hand``, ``dispensed``,
    ``expiring``)."""
    return csv_bytes([h.get(lang) for h in CSV_HEADINGS], _csv_rows(store, report, lang))
