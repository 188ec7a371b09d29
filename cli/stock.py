"""The ``ayni stock`` commands, for coordinators and pharmacy: what is on hand, lots received,
thresholds, the stock report.

Every argument is read here (not by click's types, whose messages are English only) and refused with
a message in the chosen language that names the argument and the allowed values or range.
"""

from __future__ import annotations

from pathlib import Path

import click

from ayni.core.documents.files import write_file
from ayni.core.i18n import Text

from .context import CliError, Settings, date_argument, named, pass_settings, say, whole_argument

SAY = {
    "received": Text("Recibido: {n} × {item} (lote {lot}, vence {expiry}). Disponible ahora: {on_hand}.",
                     "Received: {n} × {item} (lot {lot}, expires {expiry}). On hand now: {on_hand}."),
    "list_header": Text("Marcas: ! stock bajo · ~ vence en {days} días · X hay lotes vencidos",
                        "Marks: ! low stock · ~ expires within {days} days · X expired lots on the shelf"),
    "list_empty": Text("Ningún artículo declarado por los plugins.", "No item is declared by the plugins."),
    "threshold_set": Text("Umbral de stock bajo de {item}: {n}.", "Low-stock threshold of {item}: {n}."),
    "report_written": Text("Informe de stock guardado: {path}", "Stock report written: {path}"),
    "bad_output": Text("{field}: el archivo debe terminar en .pdf o .csv.", "{field}: the file must end in .pdf or .csv."),
    "bad_attribute": Text("{field}: use nombre=valor, p. ej. power=+2.00.", "{field}: use name=value, e.g. power=+2.00."),
}


@click.group()
def stock():
    """Stock de medicamentos y equipos / medicine and equipment stock."""


@stock.command("list")
@click.option("--days", "days_raw", metavar="N", help="Vence pronto: en N días (1–730, 60) / expiring within N days.")
@click.option("--low", is_flag=True, help="Solo stock bajo / only low stock.")
@pass_settings
def stock_list(settings: Settings, days_raw: str | None, low: bool):
    """Existencias por artículo / what is on hand, per item."""
    from ayni.core import stock as stock_module
    from ayni.core.stock.report import MAX_DAYS

    lang = settings.lang
    days = whole_argument(days_raw, "--days", 1, MAX_DAYS, lang) or stock_module.DEFAULT_EXPIRING_DAYS
    store = settings.open()
    try:
        found = [s for s in stock_module.status(store, days=days) if s.low or not low]
    finally:
        store.close()
    if not found:
        click.echo(say(SAY, "list_empty", lang))
        return
    click.echo(say(SAY, "list_header", lang, days=days))
    width = max(len(s.item.key) for s in found)
    for s in found:
        marks = ("!" if s.low else " ") + ("~" if s.expiring else " ") + ("X" if s.expired else " ")
        expiry = s.next_expiry.isoformat() if s.next_expiry else "-"
        click.echo(f"{marks} {s.item.key:<{width}} {s.on_hand:>6} / {s.threshold:<5} {expiry:<10}  "
                   f"{s.item.label.get(lang)}")


@stock.command("receive")
@click.argument("item")
@click.argument("quantity")
@click.option("--lot", default="", help="Número de lote / lot number.")
@click.option("--expiry", "expiry_raw", metavar="AAAA-MM-DD", help="Vencimiento / expiry date.")
@click.option("--location", default="", help="Ubicación / where it is kept.")
@click.option("--attr", "attrs_raw", multiple=True, metavar="NOMBRE=VALOR", help="Atributo / attribute (power=+2.00).")
@pass_settings
def stock_receive(settings: Settings, item: str, quantity: str, lot: str, expiry_raw: str | None, location: str,
                  attrs_raw: tuple[str, ...]):
    """Recibir un lote / receive a lot: ITEM (clave, ver `ayni stock list`) QUANTITY (1–100000)."""
    from ayni.core import stock as stock_module
    from ayni.core.errors import ValidationError

    lang = settings.lang
    n = whole_argument(quantity, "QUANTITY", 1, stock_module.MAX_QUANTITY, lang)
    expiry = date_argument(expiry_raw, "--expiry", lang)
    attributes = {}
    for raw in attrs_raw:
        name, sep, value = raw.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise CliError(say(SAY, "bad_attribute", lang, field="--attr"))
        attributes[name.strip()] = value.strip()
    store = settings.open()
    try:
        try:
            record = stock_module.receive(store, item, n, lot=lot, expiry=expiry, location=location,
                                          attributes=attributes)
        except ValidationError as refused:
            raise CliError(named(refused, {"item": "ITEM", "quantity": "QUANTITY", "expiry": "--expiry",
                                            "lot": "--lot", "location": "--location"}, lang)) from None
        label = stock_module.item(store, item).label.get(lang)
        left = stock_module.on_hand(store, item)
    finally:
        store.close()
    click.echo(say(SAY, "received", lang, n=n, item=label, lot=record.lot or "-",
                    expiry=record.expiry.isoformat() if record.expiry else "-", on_hand=left))


@stock.command("threshold")
@click.argument("item")
@click.argument("threshold")
@pass_settings
def stock_threshold(settings: Settings, item: str, threshold: str):
    """Umbral de stock bajo / low-stock threshold: ITEM THRESHOLD (0–100000)."""
    from ayni.core import stock as stock_module
    from ayni.core.errors import ValidationError

    lang = settings.lang
    n = whole_argument(threshold, "THRESHOLD", 0, stock_module.MAX_QUANTITY, lang)
    store = settings.open()
    try:
        try:
            stock_module.set_threshold(store, item, n)
        except ValidationError as refused:
            raise CliError(named(refused, {"item": "ITEM", "threshold": "THRESHOLD"}, lang)) from None
        label = stock_module.item(store, item).label.get(lang)
    finally:
        store.close()
    click.echo(say(SAY, "threshold_set", lang, item=label, n=n))


@stock.command("report")
@click.option("--days", "days_raw", metavar="N", help="Lotes que vencen en N días (1–730, 60) / expiring within N days.")
@click.option("--from", "start_raw", metavar="AAAA-MM-DD", help="Entregado desde / dispensed from (30 días antes).")
@click.option("--to", "end_raw", metavar="AAAA-MM-DD", help="Entregado hasta / dispensed until (hoy / today).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Archivo .pdf o .csv / .pdf or .csv file to write.")
@pass_settings
def stock_report(settings: Settings, days_raw, start_raw, end_raw, output: Path):
    """Informe de stock en PDF o CSV / stock report as PDF or CSV."""
    from ayni.core import stock as stock_module
    from ayni.core.stock import report as report_module
    from ayni.core.errors import ValidationError

    lang = settings.lang
    days = whole_argument(days_raw, "--days", 1, report_module.MAX_DAYS, lang) or stock_module.DEFAULT_EXPIRING_DAYS
    start, end = date_argument(start_raw, "--from", lang), date_argument(end_raw, "--to", lang)
    if output.suffix.lower() not in (".pdf", ".csv"):
        raise CliError(say(SAY, "bad_output", lang, field="-o/--output"))
    store = settings.open()
    try:
        try:
            report = report_module.build(store, days, start, end)
        except ValidationError as refused:
            raise CliError(named(refused, {"days": "--days", "start": "--from", "end": "--to"}, lang)) from None
        if output.suffix.lower() == ".csv":
            data = report_module.render_csv(store, report, lang)
        else:
            data = report_module.render_pdf(store, report, lang)
    finally:
        store.close()
    write_file(output, data)
    click.echo(say(SAY, "report_written", lang, path=output))
