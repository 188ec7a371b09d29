"""The cash desk: the encounters waiting for payment with their totals; Enter takes the payment of the
highlighted one (suggested fee, sliding scale or waiver with its reason and who approved it, cash
or in kind) and prints its receipt; D closes the day (expected against counted cash) and prints
the reconciliation. PDFs are written next to the database, in ``prints/``, from a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Input, RadioButton, Select, Static

from ayni.core import SLIDING_LEVELS, AccessDenied, AyniError, Text, ValidationError, format_soles
from ayni.core.clinical import encounters
from ayni.core.documents.files import write_file
from ayni.core.money import cashier, payments
from ayni.core.money.fees import PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS, PaymentKind, PaymentMethod, sliding_amount
from ayni.core.people.users import access_control_on

from ..printing import failure_text, prints_dir
from ..text import UI, tr
from ..widgets.fields import MONEY_LENGTH
from ..widgets.tables import fill_table
from ..widgets.toggles import Radio, RadioChoice
from .base import AyniScreen
from .errors import ErrorSummary, refuse_payment
from .modal_form import FormModal, FormRow

#: The words of the cash desk (added to the UI table on import).
TEXT = {
    "ca_title": Text("Caja: atenciones por cobrar (Enter cobra · D cierra el día)",
                     "Cash desk: encounters to charge (Enter charges · D closes the day)"),
    "ca_today": Text("Hoy: {n} pago(s); efectivo esperado {expected}; exonerado o rebajado {waived}.",
                     "Today: {n} payment(s); expected cash {expected}; waived or reduced {waived}."),
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
    "ca_approver": Text("Autorizado por", "Approved by"),
    "ca_approver_hint": Text("nombre de quien autoriza la rebaja", "name of who approves the reduction"),
    "ca_paid": Text("Pago registrado: {amount} · recibo N.º {number}.", "Payment recorded: {amount} · receipt No. {number}."),
    "ca_close_title": Text("Cierre de caja del día (Ctrl+S registra · Esc cancela)",
                           "Close the cash day (Ctrl+S records · Esc cancels)"),
    "ca_expected": Text("Efectivo esperado hoy: {expected} ({n} pagos).", "Expected cash today: {expected} ({n} payments)."),
    "ca_counted": Text("Efectivo contado (S/)", "Counted cash (S/)"),
    "ca_note": Text("Observación", "Note"),
    "ca_closed": Text("Cierre registrado: diferencia {difference}.", "Closing recorded: difference {difference}."),
    "ca_printed": Text("PDF guardado en {path}", "PDF written to {path}"),
    "b_charge": Text("Cobrar", "Charge"),
    "b_close_day": Text("Cerrar el día", "Close the day"),
}
UI.update(TEXT)

KINDS = list(PaymentKind)
METHODS = list(PaymentMethod)


def _free_path(folder: Path, stem: str) -> Path:
    path, n = folder / f"{stem}.pdf", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.pdf", n + 1
    return path


def print_document(app, stem: str, render: Callable) -> None:
    """Write ``render(store)`` (PDF bytes, from a connection of its own) to ``prints/<stem>.pdf`` in a
    worker thread; the path or the reason it failed is shown in a notification."""
    from ayni.core import open_store

    store, lang = app.store, app.lang

    def work() -> Path | None:
        try:
            own = open_store(store.path, user=store.user.name, plugins=store.plugins)
            try:
                data = render(own)
            finally:
                own.close()
            folder = prints_dir(store.path)
            folder.mkdir(parents=True, exist_ok=True)
            path = write_file(_free_path(folder, stem), data)
        except Exception as error:  # a failed print must never take the app down
            app.call_from_thread(app.notify, tr("print_failed", lang, error=failure_text(error, lang)),
                                 severity="error", timeout=8)
            return None
        app.call_from_thread(app.notify, tr("ca_printed", lang, path=path), timeout=8)
        return path

    app.run_worker(work, thread=True, group="print", name=f"print-{stem}")


class CloseDayModal(FormModal):
    """The cash counted at the end of the day, and a note; the difference is recorded and printed."""

    title_key = "ca_close_title"

    def form_rows(self) -> list[FormRow]:
        return [FormRow("counted", "ca_counted", Input(id="counted", compact=True, placeholder="0.00",
                                                              max_length=MONEY_LENGTH)),
                FormRow("note", "ca_note", Input(id="note", compact=True, max_length=200))]

    def info(self) -> str:
        summary = cashier.day_summary(self.app.store)
        return self.tr("ca_expected", expected=format_soles(summary.expected), n=len(summary.payments))

    def submit(self):
        return cashier.close_day(self.app.store, self.query_one("#counted", Input).value,
                                 note=self.query_one("#note", Input).value)


class ChargeScreen(AyniScreen):
    """Take the payment of one encounter at the cash desk."""

    DEFAULT_CSS = """
    ChargeScreen #charge-form { height: 1fr; }
    ChargeScreen #lines { padding: 0 1; }
    ChargeScreen #suggested { padding: 0 1 1 1; text-style: bold; }
    """
    BINDINGS = [Binding("ctrl+s", "record", "b_save", priority=True)]

    def __init__(self, encounter_id: str):
        super().__init__()
        self.encounter_id = encounter_id
        self.visit = encounters.get_visit(self.app.store, encounter_id)
        self.approver_pin = access_control_on(self.app.store.db)

    def compose(self) -> ComposeResult:
        yield Static("", id="title", classes="screen-title", markup=False)
        yield ErrorSummary()
        with VerticalScroll(id="charge-form", can_focus=False):
            yield Static("", id="lines", markup=False)
            yield Static("", id="suggested", markup=False)
            yield FormRow("kind", "payment_kind", RadioChoice(*[Radio("", value=k == PaymentKind.FULL) for k in KINDS],
                                                              id="kind", compact=True))
            yield FormRow("level", "level", Select([], id="level", compact=True))
            yield FormRow("amount", "amount", Input(id="amount", compact=True, max_length=MONEY_LENGTH))
            yield FormRow("reason", "reason", Input(id="reason", compact=True, max_length=200))
            yield FormRow("approved_by", "ca_approver", Input(id="approver", compact=True, max_length=80))
            yield FormRow("approver_pin", "approver_pin", Input(id="approver-pin", password=True, compact=True,
                                                                max_length=8, restrict="[0-9]*"))
            yield FormRow("method", "method", RadioChoice(*[Radio("", value=m == PaymentMethod.CASH) for m in METHODS],
                                                          id="method", compact=True))
            yield FormRow("in_kind_description", "in_kind", Input(id="in-kind", compact=True, max_length=200))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._show_rows()

    def relabel(self) -> None:
        lang, suggested = self.lang, self.visit.suggested_total
        self.query_one("#title", Static).update(self.tr("ca_pay_title", name=self.visit.patient.full_name))
        lines = []
        for p in self.visit.procedures:
            code = self.app.store.plugins.procedures.get(p.code)
            lines.append(self.tr("ca_line", label=code.label.get(lang) if code else p.code, n=p.quantity,
                                 amount=format_soles(p.fee * p.quantity)))
        self.query_one("#lines", Static).update("\n".join(lines))
        self.query_one("#suggested", Static).update(self.tr("suggested", total=format_soles(suggested)))
        for row in self.query(FormRow):
            row.query_one(".field-label").update(self.tr(row.label_key))
        for button, kind in zip(self.query_one("#kind").query(RadioButton), KINDS):
            button.label = PAYMENT_KIND_LABELS[kind].get(lang)
        for button, method in zip(self.query_one("#method").query(RadioButton), METHODS):
            button.label = PAYMENT_METHOD_LABELS[method].get(lang)
        level = self.query_one("#level", Select)
        current = level.value
        level.prompt = self.tr("choose")
        level.set_options((self.tr("level_option", pct=int(lv * 100), amount=format_soles(sliding_amount(suggested, lv))),
                           str(lv)) for lv in SLIDING_LEVELS)
        level.value = current
        self.query_one("#amount", Input).placeholder = self.tr("amount_hint")
        self.query_one("#reason", Input).placeholder = self.tr("reason_hint")
        self.query_one("#approver", Input).placeholder = self.tr("ca_approver_hint")
        self.query_one("#approver-pin", Input).placeholder = self.tr("approver_pin_hint")
        self.query_one("#in-kind", Input).placeholder = self.tr("in_kind_hint")

    @property
    def kind(self) -> PaymentKind:
        return KINDS[self.query_one("#kind", RadioChoice).pressed_index]

    @property
    def method(self) -> PaymentMethod:
        return METHODS[self.query_one("#method", RadioChoice).pressed_index]

    def _show_rows(self) -> None:
        reduced = self.kind != PaymentKind.FULL
        self.query_one("#row-level").display = self.kind == PaymentKind.SLIDING
        self.query_one("#row-amount").display = self.kind == PaymentKind.SLIDING
        self.query_one("#row-reason").display = self.kind == PaymentKind.WAIVER
        self.query_one("#row-approved_by").display = reduced
        self.query_one("#row-approver_pin").display = reduced and self.approver_pin
        self.query_one("#row-in_kind_description").display = self.method == PaymentMethod.IN_KIND

    @on(RadioChoice.Changed)
    def _changed(self) -> None:
        self._show_rows()

    def action_record(self) -> None:
        sliding = self.kind == PaymentKind.SLIDING
        level = self.query_one("#level", Select).value
        value = {key: self.query_one(f"#{key}", Input).value for key in ("amount", "reason", "approver", "in-kind")}
        try:
            payment = cashier.pay(
                self.app.store, self.encounter_id, self.kind.value,
                level=level if sliding and level is not Select.NULL else None,
                amount=(value["amount"].strip() or None) if sliding else None,
                reason=value["reason"] if self.kind == PaymentKind.WAIVER else "",
                approved_by=value["approver"] if self.kind != PaymentKind.FULL else "",
                method=self.method.value,
                in_kind_description=value["in-kind"] if self.method == PaymentMethod.IN_KIND else "",
                approver_pin=self.query_one("#approver-pin", Input).value or None,
            )
        except AccessDenied as refused:
            refuse_payment(self.query_one(ErrorSummary), refused, self.lang, self.query_one("#approver-pin", Input),
                           self.query_one("#row-approver_pin").display)
            return
        except ValidationError as refused:
            self.query_one(ErrorSummary).show(refused.errors, self.lang)
            first = None
            for row in self.query(FormRow):
                messages = [e.message(self.lang) for e in refused.errors if e.field == row.key]
                row.show_error(messages)
                first = first or (row if messages else None)
            if first is not None:
                first.editor.focus()
            return
        except AyniError as error:  # the database refused the write, or another refusal: the screen stays filled
            self.query_one(ErrorSummary).show_text(error.message(self.lang))
            return
        number = payments.receipt_of(self.app.store, payment.id).card_number
        self.app.notify(self.tr("ca_paid", amount=format_soles(payment.amount), number=number))
        lang = self.lang
        print_document(self.app, f"recibo-{number}", lambda own: cashier.render_receipt(own, payment.id, lang))
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
        self.query_one("#today", Static).update(today if self.waiting else f"{today} {self.tr('ca_none')}")
        specialties = store.plugins.specialties
        fill_table(
            self.query_one("#waiting", DataTable),
            [self.tr(k) for k in ("ca_col_number", "ca_col_patient", "ca_col_specialty", "ca_col_status",
                                  "ca_col_items", "ca_col_total")],
            [(w.encounter.id, (w.patient.card_number, w.patient.full_name,
                               specialties[w.encounter.specialty].name.get(lang)
                               if w.encounter.specialty in specialties else w.encounter.specialty,
                               self.tr(f"status_{w.encounter.status}"), w.procedures, format_soles(w.total)))
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
