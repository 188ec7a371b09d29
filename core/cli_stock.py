"""The ``ayni stock`` and ``ayni cashier`` commands, for coordinators and the cash desk.

Every argument is read here (not by click's types, whose messages are English only) and refused with
a message in the chosen language that names the argument and the allowed values or range.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import click

from .cli import CliError, Settings, pass_settings, say
from .files import write_file
from .i18n import Text

SAY_MORE = {
    "received": Text("Recibido: {n} × {item} (lote {lot}, vence {expiry}). Disponible ahora: {on_hand}.",
                     "Received: {n} × {item} (lot {lot}, expires {expiry}). On hand now: {on_hand}."),
    "list_header": Text("Marcas: ! stock bajo · ~ vence en {days} días · X hay lotes vencidos",
                        "Marks: ! low stock · ~ expires within {days} days · X expired lots on the shelf"),
    "list_empty": Text("Ningún artículo declarado por los plugins.", "No item is declared by the plugins."),
    "threshold_set": Text("Umbral de stock bajo de {item}: {n}.", "Low-stock threshold of {item}: {n}."),
    "report_written": Text("Informe de stock guardado: {path}", "Stock report written: {path}"),
    "bad_output": Text("{field}: el archivo debe terminar en .pdf o .csv.", "{field}: the file must end in .pdf or .csv."),
    "bad_attribute": Text("{field}: use nombre=valor, p. ej. power=+2.00.", "{field}: use name=value, e.g. power=+2.00."),
    "day_closed": Text("Cierre de caja del {day}: esperado {expected}, contado {counted}, diferencia {difference} "
                       "({payments} pagos).",
                       "Cash closing of {day}: expected {expected}, counted {counted}, difference {difference} "
                       "({payments} payments)."),
    "paid": Text("Pago registrado: {amount} ({kind}) · recibo N.º {number}.",
                 "Payment recorded: {amount} ({kind}) · receipt No. {number}."),
    "approver_pin_of": Text("PIN de {name}, quien autoriza", "PIN of {name}, who approves"),
}


def _say(key: str, lang: str, **params) -> str:
    return SAY_MORE[key].get(lang).format(**params)


def _named(error, names: dict[str, str], lang: str) -> str:
    """A core refusal, each message naming the command-line argument instead of the form field."""
    from .errors import ValidationError

    if not isinstance(error, ValidationError):
        return error.message(lang)
    lines = []
    for e in error.errors:
        arg = names.get(e.field)
        lines.append((attrs.evolve(e, label=Text(arg, arg)) if arg else e).message(lang))
    return "\n".join(lines)


def _refuse(field: str, key: str, arg: str, lang: str, **params) -> CliError:
    from .errors import FieldError

    return CliError(FieldError(field, key, Text(arg, arg), params).message(lang))


def _int(raw: str | None, arg: str, low: int, high: int, lang: str) -> int | None:
    if raw is None:
        return None
    try:
        value = int(raw.strip())
    except ValueError:
        raise _refuse(arg, "out_of_range", arg, lang, min=low, max=high, unit="") from None
    if not low <= value <= high:
        raise _refuse(arg, "out_of_range", arg, lang, min=low, max=high, unit="")
    return value


def _date(raw: str | None, arg: str, lang: str) -> dt.date | None:
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise _refuse(arg, "bad_date", arg, lang) from None


@click.group()
def stock():
    """Stock de medicamentos y equipos / medicine and equipment stock."""


@stock.command("list")
@click.option("--days", "days_raw", metavar="N", help="Vence pronto: en N días (1–730, 60) / expiring within N days.")
@click.option("--low", is_flag=True, help="Solo stock bajo / only low stock.")
@pass_settings
def stock_list(settings: Settings, days_raw: str | None, low: bool):
    """Existencias por artículo / what is on hand, per item."""
    from . import stock as stock_module
    from .stock_report import MAX_DAYS

    lang = settings.lang
    days = _int(days_raw, "--days", 1, MAX_DAYS, lang) or stock_module.DEFAULT_EXPIRING_DAYS
    store = settings.open()
    try:
        found = [s for s in stock_module.status(store, days=days) if s.low or not low]
    finally:
        store.close()
    if not found:
        click.echo(_say("list_empty", lang))
        return
    click.echo(_say("list_header", lang, days=days))
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
    from . import stock as stock_module
    from .errors import ValidationError

    lang = settings.lang
    n = _int(quantity, "QUANTITY", 1, stock_module.MAX_QUANTITY, lang)
    expiry = _date(expiry_raw, "--expiry", lang)
    attributes = {}
    for raw in attrs_raw:
        name, sep, value = raw.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise CliError(_say("bad_attribute", lang, field="--attr"))
        attributes[name.strip()] = value.strip()
    store = settings.open()
    try:
        try:
            record = stock_module.receive(store, item, n, lot=lot, expiry=expiry, location=location,
                                          attributes=attributes)
        except ValidationError as refused:
            raise CliError(_named(refused, {"item": "ITEM", "quantity": "QUANTITY", "expiry": "--expiry",
                                            "lot": "--lot", "location": "--location"}, lang)) from None
        label = stock_module.item(store, item).label.get(lang)
        left = stock_module.on_hand(store, item)
    finally:
        store.close()
    click.echo(_say("received", lang, n=n, item=label, lot=record.lot or "-",
                    expiry=record.expiry.isoformat() if record.expiry else "-", on_hand=left))


@stock.command("threshold")
@click.argument("item")
@click.argument("threshold")
@pass_settings
def stock_threshold(settings: Settings, item: str, threshold: str):
    """Umbral de stock bajo / low-stock threshold: ITEM THRESHOLD (0–100000)."""
    from . import stock as stock_module
    from .errors import ValidationError

    lang = settings.lang
    n = _int(threshold, "THRESHOLD", 0, stock_module.MAX_QUANTITY, lang)
    store = settings.open()
    try:
        try:
            stock_module.set_threshold(store, item, n)
        except ValidationError as refused:
            raise CliError(_named(refused, {"item": "ITEM", "threshold": "THRESHOLD"}, lang)) from None
        label = stock_module.item(store, item).label.get(lang)
    finally:
        store.close()
    click.echo(_say("threshold_set", lang, item=label, n=n))


@stock.command("report")
@click.option("--days", "days_raw", metavar="N", help="Lotes que vencen en N días (1–730, 60) / expiring within N days.")
@click.option("--from", "start_raw", metavar="AAAA-MM-DD", help="Entregado desde / dispensed from (30 días antes).")
@click.option("--to", "end_raw", metavar="AAAA-MM-DD", help="Entregado hasta / dispensed until (hoy / today).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Archivo .pdf o .csv / .pdf or .csv file to write.")
@pass_settings
def stock_report(settings: Settings, days_raw, start_raw, end_raw, output: Path):
    """Informe de stock en PDF o CSV / stock report as PDF or CSV."""
    from . import stock as stock_module
    from . import stock_report as report_module
    from .errors import ValidationError

    lang = settings.lang
    days = _int(days_raw, "--days", 1, report_module.MAX_DAYS, lang) or stock_module.DEFAULT_EXPIRING_DAYS
    start, end = _date(start_raw, "--from", lang), _date(end_raw, "--to", lang)
    if output.suffix.lower() not in (".pdf", ".csv"):
        raise CliError(_say("bad_output", lang, field="-o/--output"))
    store = settings.open()
    try:
        try:
            report = report_module.build(store, days, start, end)
        except ValidationError as refused:
            raise CliError(_named(refused, {"days": "--days", "start": "--from", "end": "--to"}, lang)) from None
        if output.suffix.lower() == ".csv":
            data = report_module.render_csv(store, report, lang)
        else:
            data = report_module.render_pdf(store, report, lang)
    finally:
        store.close()
    write_file(output, data)
    click.echo(_say("report_written", lang, path=output))


@click.group()
def cashier():
    """Caja: cobrar y cerrar el día / cash desk: payments and closing the day."""


def _approver_pin(store, kind: str, approver: str | None, lang: str) -> str | None:
    """The approver's PIN, asked (hidden) only for a reduction or waiver with access control on."""
    from .users import access_control_on

    if kind == "full" or not approver or not access_control_on(store.db):
        return None  # without a name the core refuses both at once
    return click.prompt(_say("approver_pin_of", lang, name=approver), hide_input=True, err=True).strip()


@cashier.command("pay")
@click.argument("encounter_id")
@click.option("--kind", default="full", help="full, sliding, waiver.")
@click.option("--level", default=None, help="Escala / sliding-scale level: 0.75, 0.50, 0.25.")
@click.option("--amount", default=None, metavar="MONTO", help="Monto pagado / amount paid (S/).")
@click.option("--reason", default="", help="Motivo de la exoneración / reason for the waiver.")
@click.option("--approver", default=None, help="Quien autoriza la rebaja / who approves the reduction "
                                               "(con control de acceso escribe su PIN / with access control, types their PIN).")
@click.option("--method", default="cash", help="cash, in_kind.")
@click.option("--in-kind", "in_kind", default="", help="Descripción en especie / in-kind description.")
@click.option("--correction", default="", help="Motivo para pagar otra vez / why the encounter is paid again.")
@pass_settings
def cashier_pay(settings: Settings, encounter_id: str, kind: str, level: str | None, amount: str | None, reason: str,
                approver: str | None, method: str, in_kind: str, correction: str):
    """Cobrar una atención / take the payment of an encounter: ENCOUNTER_ID."""
    from . import cashier as cashier_module
    from . import payments
    from .errors import ValidationError
    from .fees import PAYMENT_KIND_LABELS, format_soles

    lang = settings.lang
    store = settings.open()
    try:
        try:
            payment = cashier_module.pay(
                store, encounter_id, kind, level=level, amount=amount, reason=reason, approved_by=approver or "",
                method=method, in_kind_description=in_kind, correction=correction,
                approver_pin=_approver_pin(store, kind, approver, lang))
        except ValidationError as refused:
            raise CliError(_named(refused, {
                "kind": "--kind", "level": "--level", "amount": "--amount", "reason": "--reason",
                "approved_by": "--approver", "approver_pin": "PIN", "method": "--method",
                "in_kind_description": "--in-kind", "correction": "--correction"}, lang)) from None
        number = payments.receipt_of(store, payment.id).number
    finally:
        store.close()
    click.echo(_say("paid", lang, amount=format_soles(payment.amount), kind=PAYMENT_KIND_LABELS[payment.kind].get(lang),
                    number=f"{number:06d}"))


@cashier.command("close-day")
@click.option("--date", "day_raw", metavar="AAAA-MM-DD", help="Día a cerrar (hoy) / day to close (today).")
@click.option("--counted", required=True, metavar="MONTO", help="Efectivo contado, S/ 0.00–999,999.99 / counted cash.")
@click.option("--note", default="", help="Observación (hasta 200 caracteres) / note (up to 200 characters).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="PDF del cierre / reconciliation PDF to write.")
@pass_settings
def cashier_close_day(settings: Settings, day_raw: str | None, counted: str, note: str, output: Path | None):
    """Cierre de caja: esperado contra contado / end-of-day reconciliation: expected against counted cash."""
    from . import cashier as cashier_module
    from .dates import format_date
    from .errors import ValidationError
    from .fees import format_soles

    lang = settings.lang
    day = _date(day_raw, "--date", lang)
    store = settings.open()
    try:
        try:
            closed = cashier_module.close_day(store, counted, day=day, note=note)
        except ValidationError as refused:
            raise CliError(_named(refused, {"counted": "--counted", "day": "--date", "note": "--note"}, lang)) from None
        data = cashier_module.render_reconciliation(store, closed.id, lang) if output else None
    finally:
        store.close()
    difference = cashier_module.signed_soles(closed.difference, lang)
    click.echo(_say("day_closed", lang, day=format_date(closed.day, lang), expected=format_soles(closed.expected),
                    counted=format_soles(closed.counted), difference=difference, payments=closed.payments))
    if output is not None:
        write_file(output, data)
        click.echo(say("pdf_written", lang, path=output))
