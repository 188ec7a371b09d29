"""The ``ayni cashier`` commands, for the cash desk: taking a payment and closing the day.

Every argument is read here (not by click's types, whose messages are English only) and refused with
a message in the chosen language that names the argument and the allowed values or range.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import click

from ayni.core.documents.files import free_path, prints_dir, write_file
from ayni.core.i18n import Plural, Text

from .context import CliError, Settings, date_argument, named, pass_settings, resolve, say
from .context import SAY as SHARED

SAY = {
    "day_closed": Text("Cierre de caja del {day}: esperado {expected}, contado {counted}, diferencia {difference} "
                       "({payments} pagos).",
                       "Cash closing of {day}: expected {expected}, counted {counted}, difference {difference} "
                       "({payments} payments)."),
    "paid": Text("Pago registrado: {amount} ({kind}) · recibo N.º {number}.",
                 "Payment recorded: {amount} ({kind}) · receipt No. {number}."),
    "receipt_printed": Text("Recibo impreso en {spec}.", "Receipt printed on {spec}."),
    "receipt_to_pdf": Text("El pago ESTÁ registrado (recibo N.º {number}). La impresora falló ({error}); el recibo se "
                           "guardó en PDF: {path}",
                           "The payment IS recorded (receipt No. {number}). The printer failed ({error}); the receipt "
                           "was written as PDF instead: {path}"),
    "no_cashier_printer": Text("La caja no tiene impresora térmica (ayni printer set --station cashier …); el recibo "
                               "se guardó en PDF: {path}",
                               "The cash desk has no thermal printer (ayni printer set --station cashier …); the "
                               "receipt was written as PDF: {path}"),
    "receipt_lost": Text("El pago ESTÁ registrado (recibo N.º {number}): no lo cobre otra vez. Pero el recibo no se "
                         "pudo imprimir ni guardar: {error}",
                         "The payment IS recorded (receipt No. {number}): do not take it again. But its receipt "
                         "could not be printed or written: {error}"),
    "approver_pin_of": Text("PIN de {name}, quien autoriza", "PIN of {name}, who approves"),
    "close_anyway": Text("¿Cerrar la caja igual?", "Close the cash all the same?"),
    "not_closed": Plural("La caja no se cerró: espera pago {n} atención.", "La caja no se cerró: esperan pago {n} atenciones.",
                         "The cash was not closed: {n} encounter still waits for payment.",
                         "The cash was not closed: {n} encounters still wait for payment."),
}


@click.group()
def cashier():
    """Caja: cobrar y cerrar el día / cash desk: payments and closing the day."""


def _approver_pin(store, kind: str, approver: str | None, lang: str) -> str | None:
    """The approver's PIN, asked (hidden) only for a reduction or waiver with access control on."""
    from ayni.core.people.users import access_control_on

    if kind == "full" or not approver or not access_control_on(store.db):
        return None  # without a name the core refuses both at once
    return click.prompt(say(SAY, "approver_pin_of", lang, name=approver), hide_input=True, err=True).strip()


@cashier.command("pay")
@click.argument("encounter", metavar="ATENCIÓN|ENCOUNTER")
@click.option("--kind", default="full", help="full, sliding, waiver.")
@click.option("--level", default=None, help="Escala / sliding-scale level: 0.75, 0.50, 0.25.")
@click.option("--amount", default=None, metavar="MONTO", help="Monto pagado / amount paid (S/).")
@click.option("--reason", default="", help="Motivo de la exoneración / reason for the waiver.")
@click.option("--approver", default=None, help="Quien autoriza la rebaja / who approves the reduction "
                                               "(con control de acceso escribe su PIN / with access control, types their PIN).")
@click.option("--method", default="cash", help="cash, in_kind.")
@click.option("--in-kind", "in_kind", default="", help="Descripción en especie / in-kind description.")
@click.option("--correction", default="", help="Motivo para pagar otra vez / why the encounter is paid again.")
@click.option("-o", "--receipt", "receipt_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Guardar el recibo en PDF, en el idioma del paciente salvo --lang / write the receipt as PDF, "
                   "in the patient's language unless --lang is given.")
@click.option("--print", "thermal", is_flag=True,
              help="Imprimir el recibo en la impresora térmica de la caja, ya registrado el pago; si no hay o falla, "
                   "el recibo va a PDF (-o, o prints/ junto a la base) / print the receipt on the cash desk's thermal "
                   "printer once the payment is recorded; without one, or if it fails, to PDF.")
@pass_settings
def cashier_pay(settings: Settings, encounter: str, kind: str, level: str | None, amount: str | None, reason: str,
                approver: str | None, method: str, in_kind: str, correction: str, receipt_path: Path | None,
                thermal: bool):
    """Cobrar una atención (su referencia, p. ej. 3f2a9c1b) / take the payment of an encounter (its reference)."""
    from ayni.core.money import cashier as cashier_module
    from ayni.core.money import payments
    from ayni.core.errors import ValidationError
    from ayni.core.money.fees import PAYMENT_KIND_LABELS, format_soles

    lang = settings.lang
    store = settings.open()
    try:
        encounter_id = resolve(store, "encounter", encounter, lang)
        try:
            payment = cashier_module.pay(
                store, encounter_id, kind, level=level, amount=amount, reason=reason, approved_by=approver or "",
                method=method, in_kind_description=in_kind, correction=correction,
                approver_pin=_approver_pin(store, kind, approver, lang))
        except ValidationError as refused:
            raise CliError(named(refused, {
                "kind": "--kind", "level": "--level", "amount": "--amount", "reason": "--reason",
                "approved_by": "--approver", "approver_pin": "PIN", "method": "--method",
                "in_kind_description": "--in-kind", "correction": "--correction"}, lang)) from None
        number = payments.receipt_of(store, payment.id).card_number
        # said before printing: a printer that hangs or fails must never hide that the payment is recorded
        click.echo(say(SAY, "paid", lang, amount=format_soles(payment.amount),
                       kind=PAYMENT_KIND_LABELS[payment.kind].get(lang), number=number))
        if late := cashier_module.late_payment_note(payment, lang):
            click.echo(late)
        if thermal:
            _print_receipt(store, settings, payment.id, number, receipt_path)
            return
        data = cashier_module.render_receipt(store, payment.id, settings.chosen_lang) if receipt_path else None
    finally:
        store.close()
    if data is not None:
        write_file(receipt_path, data)
        click.echo(say(SHARED, "pdf_written", lang, path=receipt_path))


def _print_receipt(store, settings: Settings, payment_id: str, number: str, pdf_path: Path | None) -> None:
    """Print a recorded payment's receipt on the cash desk's printer; without one, or when it fails, write
    the PDF to ``pdf_path`` (else ``prints/recibo-N.pdf`` beside the database) and say that the payment
    is recorded all the same. Even a receipt that can be neither printed nor written is a
    :class:`CliError` that says the payment stands."""
    from ayni.core.campaign.stations import CASHIER
    from ayni.core.documents import printers
    from ayni.core.errors import AyniError
    from ayni.core.money import cashier as cashier_module

    lang, chosen = settings.lang, settings.chosen_lang
    try:
        done = printers.print_or_render(store, CASHIER, lambda own: cashier_module.receipt_slip(own, payment_id, chosen),
                                        lambda own: cashier_module.render_receipt(own, payment_id, chosen))
        if done.printer is not None:
            click.echo(say(SAY, "receipt_printed", lang, spec=done.printer.spec))
            return
        if pdf_path is None:
            folder = prints_dir(store.path)
            folder.mkdir(parents=True, exist_ok=True)
            pdf_path = free_path(folder, f"recibo-{number}")
        path = write_file(pdf_path, done.pdf)
    except (AyniError, OSError, ImportError) as error:
        reason = error.message(lang) if isinstance(error, AyniError) else str(error)
        raise CliError(say(SAY, "receipt_lost", lang, number=number, error=reason)) from None
    if done.failure is not None:
        click.echo(say(SAY, "receipt_to_pdf", lang, number=number, error=done.failure.message(lang), path=path), err=True)
    else:
        click.echo(say(SAY, "no_cashier_printer", lang, path=path), err=True)


@cashier.command("close-day")
@click.option("--date", "day_raw", metavar="AAAA-MM-DD", help="Día a cerrar (hoy) / day to close (today).")
@click.option("--counted", required=True, metavar="MONTO", help="Efectivo contado, S/ 0.00–999,999.99 / counted cash.")
@click.option("--note", default="", help="Observación (hasta 200 caracteres; obligatoria si falta dinero) / note "
                                         "(up to 200 characters; required when cash is short).")
@click.option("--yes", "confirm_waiting", is_flag=True,
              help="Cerrar aunque haya atenciones por cobrar / close even with encounters waiting for payment.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="PDF del cierre / reconciliation PDF to write.")
@pass_settings
def cashier_close_day(settings: Settings, day_raw: str | None, counted: str, note: str, confirm_waiting: bool,
                      output: Path | None):
    """Cierre de caja: esperado contra contado / end-of-day reconciliation: expected against counted cash."""
    from ayni.core.money import cashier as cashier_module
    from ayni.core.dates import format_date
    from ayni.core.errors import ValidationError
    from ayni.core.money.fees import format_soles

    lang = settings.lang
    day = date_argument(day_raw, "--date", lang)
    store = settings.open()
    try:
        close = partial(cashier_module.close_day, store, counted, day=day, note=note)
        try:
            closed = close(confirm_waiting=confirm_waiting)
        except ValidationError as refused:
            raise CliError(named(refused, {"counted": "--counted", "day": "--date", "note": "--note"}, lang)) from None
        except cashier_module.UnpaidAtClose as unpaid:
            click.echo(unpaid.message(lang), err=True)
            if not click.confirm(say(SAY, "close_anyway", lang), err=True):
                raise CliError(say(SAY, "not_closed", lang, n=len(unpaid.waiting))) from None
            closed = close(confirm_waiting=True)
        data = cashier_module.render_reconciliation(store, closed.id, lang) if output else None
    finally:
        store.close()
    difference = cashier_module.signed_soles(closed.difference, lang)
    click.echo(say(SAY, "day_closed", lang, day=format_date(closed.day, lang), expected=format_soles(closed.expected),
                    counted=format_soles(closed.counted), difference=difference, payments=closed.payments))
    if output is not None:
        write_file(output, data)
        click.echo(say(SHARED, "pdf_written", lang, path=output))
