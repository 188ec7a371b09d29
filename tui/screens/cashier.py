"""The cash desk: the encounters waiting for payment with their totals; Enter takes the payment of the
highlighted one (suggested fee, sliding scale or waiver with its reason and who approved it, cash
or in kind) and prints its receipt; D closes the day (expected against counted cash) and prints
the reconciliation. PDFs are written next to the database, in ``prints/``, from a worker thread."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Input, Static

from ayni.core import Payment, Plural, Text, format_soles
from ayni.core.campaign.stations import CASHIER
from ayni.core.clinical.encounters import status_text
from ayni.core.money import cashier, payments

from ..printing import print_document
from ..text import UI
from ..widgets.fields import MONEY_LENGTH
from ..widgets.rows import FormRow
from ..widgets.tables import fill_table
from .base import AyniScreen
from .modal_form import FormModal
from .payment import PaymentScreen

#: The words of the cash desk (added to the UI table on import).
TEXT = {
    "ca_title": Text("Caja: atenciones por cobrar (Enter cobra · D cierra el día)",
                     "Cash desk: encounters to charge (Enter charges · D closes the day)"),
    "ca_today": Plural("Hoy: {n} pago; efectivo esperado {expected}; exonerado o rebajado {waived}.",
                       "Hoy: {n} pagos; efectivo esperado {expected}; exonerado o rebajado {waived}.",
                       "Today: {n} payment; expected cash {expected}; waived or reduced {waived}.",
                       "Today: {n} payments; expected cash {expected}; waived or reduced {waived}."),
    "ca_none": Text("Nadie espera pagar.", "Nobody is waiting to pay."),
    "ca_col_number": Text("N.º", "No."),
    "ca_col_patient": Text("Paciente", "Patient"),
    "ca_col_specialty": Text("Especialidad", "Specialty"),
    "ca_col_status": Text("Estado", "Status"),
    "ca_col_items": Text("Proc.", "Proc."),
    "ca_col_total": Text("Total", "Total"),
    "ca_pay_title": Text("Cobrar: {name} · Ctrl+S registra e imprime el recibo · Esc vuelve",
                         "Charge: {name} · Ctrl+S records and prints the receipt · Esc goes back"),
    "ca_line": Text("  {label} × {n}: {amount}", "  {label} × {n}: {amount}"),
    "ca_paid": Text("Pago registrado: {amount} · recibo N.º {number}.", "Payment recorded: {amount} · receipt No. {number}."),
    "ca_close_title": Text("Cierre de caja del día (Ctrl+S registra · Esc cancela)",
                           "Close the cash day (Ctrl+S records · Esc cancels)"),
    "ca_expected": Plural("Efectivo esperado hoy: {expected} ({n} pago).", "Efectivo esperado hoy: {expected} ({n} pagos).",
                          "Expected cash today: {expected} ({n} payment).", "Expected cash today: {expected} ({n} payments)."),
    "ca_counted": Text("Efectivo contado (S/)", "Counted cash (S/)"),
    "ca_note": Text("Observación", "Note"),
    "ca_closed": Text("Cierre registrado: diferencia {difference}.", "Closing recorded: difference {difference}."),
    "ca_waiting_today": Plural("Espera pago {n} atención de hoy.", "Esperan pago {n} atenciones de hoy.",
                               "{n} encounter of today still waits for payment.",
                               "{n} encounters of today still wait for payment."),
    "ca_confirm_waiting": Text("Ctrl+S otra vez cierra la caja igual.", "Ctrl+S again closes the cash all the same."),
    "ca_day_closed": Text("La caja de hoy ya está cerrada; los pagos nuevos quedan en la caja de mañana.",
                          "Today's cash is closed already; new payments count in tomorrow's cash."),
    "b_charge": Text("Cobrar", "Charge"),
    "b_close_day": Text("Cerrar el día", "Close the day"),
}
UI.update(TEXT)

class CloseDayModal(FormModal):
    """The cash counted at the end of the day, and a note (required for a shortfall); the difference
    is recorded and printed. With encounters of the day still waiting for payment, the first Ctrl+S
    lists them and a second one closes over them."""

    title_key = "ca_close_title"

    def __init__(self):
        super().__init__()
        self.waiting_shown = False

    def form_rows(self) -> list[FormRow]:
        return [FormRow("counted", "ca_counted", Input(id="counted", compact=True, placeholder="0.00",
                                                              max_length=MONEY_LENGTH)),
                FormRow("note", "ca_note", Input(id="note", compact=True, max_length=200))]

    def info(self) -> str:
        summary = cashier.day_summary(self.app.store)
        lines = [self.tr("ca_expected", expected=format_soles(summary.expected), n=len(summary.payments))]
        if waiting := cashier.waiting_on(self.app.store, summary.day):
            lines.append(self.tr("ca_waiting_today", n=len(waiting)))
            if self.waiting_shown:
                lines.append(self.tr("ca_confirm_waiting"))
        return " ".join(lines)

    def submit(self):
        try:
            return cashier.close_day(self.app.store, self.query_one("#counted", Input).value,
                                     note=self.query_one("#note", Input).value, confirm_waiting=self.waiting_shown)
        except cashier.UnpaidAtClose:
            self.waiting_shown = True
            self.relabel()
            raise


class ChargeScreen(PaymentScreen):
    """Take the payment of one encounter at the cash desk: its procedures above the payment form;
    Ctrl+S records it (:func:`ayni.core.money.cashier.pay`) and prints the receipt."""

    def title_text(self) -> str:
        return self.tr("ca_pay_title", name=self.visit.patient.full_name)

    def above_form(self) -> str:
        lines = []
        for p in self.visit.procedures:
            code = self.app.store.plugins.procedures.get(p.code)
            lines.append(self.tr("ca_line", label=code.label.get(self.lang) if code else p.code, n=p.quantity,
                                 amount=format_soles(p.fee * p.quantity)))
        return "\n".join(lines)

    def pay(self, values: dict) -> Payment:
        return cashier.pay(self.app.store, self.encounter_id, **values)

    def recorded(self, payment: Payment) -> None:
        number = payments.receipt_of(self.app.store, payment.id).card_number
        paid = self.tr("ca_paid", amount=format_soles(payment.amount), number=number)
        self.app.notify(" ".join(filter(None, (paid, cashier.late_payment_note(payment, self.lang)))))
        # the receipt is the patient's: in their language, whatever this screen's (F12) is
        print_document(self.app, f"recibo-{number}", lambda own: cashier.render_receipt(own, payment.id),
                       station=CASHIER, slip=lambda own: cashier.receipt_slip(own, payment.id))
        self.app.pop_screen()


class CashierScreen(AyniScreen):
    """The encounters waiting for payment, with today's takings so far."""

    DEFAULT_CSS = """
    CashierScreen #today { padding: 0 1; }
    """
    BINDINGS = [
        Binding("enter", "charge", "b_charge", show=True),
        Binding("d", "close_day", "b_close_day"),
    ]
    AUTO_FOCUS = "#waiting"

    def __init__(self):
        super().__init__()
        self.waiting: list[cashier.Waiting] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="title", classes="screen-title", markup=False)
        yield Static("", id="today", markup=False)
        yield DataTable(id="waiting", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def relabel(self) -> None:
        self.query_one("#title", Static).update(self.tr("ca_title"))
        self.refresh_waiting()

    def on_screen_resume(self) -> None:
        self.refresh_waiting()

    def refresh_waiting(self) -> None:
        """Read the waiting encounters and today's takings again."""
        store, lang = self.app.store, self.lang
        self.waiting = cashier.waiting(store)
        summary = cashier.day_summary(store)
        today = self.tr("ca_today", n=len(summary.payments), expected=format_soles(summary.expected),
                        waived=format_soles(summary.waived))
        if cashier.closings(store, summary.day):
            today = f"{today} {self.tr('ca_day_closed')}"
        self.query_one("#today", Static).update(today if self.waiting else f"{today} {self.tr('ca_none')}")
        specialties = store.plugins.specialties
        fill_table(
            self.query_one("#waiting", DataTable),
            [self.tr(k) for k in ("ca_col_number", "ca_col_patient", "ca_col_specialty", "ca_col_status",
                                  "ca_col_items", "ca_col_total")],
            [(w.encounter.id, (w.patient.card_number, w.patient.full_name,
                               specialties[w.encounter.specialty].name.get(lang)
                               if w.encounter.specialty in specialties else w.encounter.specialty,
                               status_text(w.encounter, self.lang), w.procedures, format_soles(w.total)))
             for w in self.waiting],
        )

    def action_charge(self) -> None:
        table = self.query_one("#waiting", DataTable)
        if self.waiting and table.cursor_row is not None:
            self.app.push_screen(ChargeScreen(self.waiting[table.cursor_row].encounter.id))

    @on(DataTable.RowSelected, "#waiting")
    def _row_chosen(self) -> None:
        self.action_charge()

    def action_close_day(self) -> None:
        self.app.push_screen(CloseDayModal(), self._day_closed)

    def _day_closed(self, closed: cashier.DayClose | None) -> None:
        if closed is None:
            return
        self.app.notify(self.tr("ca_closed", difference=cashier.signed_soles(closed.difference, self.lang)))
        lang = self.lang
        print_document(self.app, f"cierre-{closed.day.isoformat()}",
                       lambda own: cashier.render_reconciliation(own, closed.id, lang))
        self.refresh_waiting()
