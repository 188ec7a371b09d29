"""Record what the patient pays for an encounter: the payment form (:mod:`ayni.tui.widgets.payment`)
under what it is for, and a line above the keys that always says what Ctrl+S will record. The
encounter's F6 shows the last payment recorded above the form; the cash desk's charge screen
(:class:`ayni.tui.screens.cashier.ChargeScreen`) is this screen with the procedures there instead and
the receipt printed. Once recorded, the receipt number is shown."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from ayni.core import AyniError, Payment, format_soles
from ayni.core.clinical import encounters
from ayni.core.money import cashier, payments
from ayni.core.money.fees import PAYMENT_KIND_LABELS, PaymentKind

from ..widgets.errors import ErrorSummary
from ..widgets.payment import PaymentForm, approver_prefill
from .base import AyniScreen


class PaymentScreen(AyniScreen):
    """The payment of one encounter."""

    DEFAULT_CSS = """
    PaymentScreen #above-form { padding: 0 1; }
    """
    BINDINGS = [Binding("ctrl+s", "record", "b_save", priority=True)]

    def __init__(self, encounter_id: str):
        super().__init__()
        self.encounter_id = encounter_id
        self.visit = encounters.get_encounter_record(self.app.store, encounter_id)

    def compose(self) -> ComposeResult:
        yield Static("", id="title", classes="screen-title", markup=False)
        yield ErrorSummary()
        with VerticalScroll(id="payment-form", can_focus=False):
            yield Static("", id="above-form", markup=False)
            yield PaymentForm(self.visit, *approver_prefill(self.app.store))
        yield Static("", id="will-record", markup=False)
        yield Footer(compact=True)

    @property
    def form(self) -> PaymentForm:
        return self.query_one(PaymentForm)

    def title_text(self) -> str:
        """The title line, in the current language."""
        return f"{self.tr('payment_title')}: {self.visit.patient.full_name} · {self.tr('save_hint')}"

    def above_form(self) -> str:
        """What is shown above the form: the last payment recorded."""
        last = self.visit.payment
        if last is None:
            return self.tr("payment_none")
        return self.tr("payment_previous", amount=format_soles(last.amount),
                       kind=PAYMENT_KIND_LABELS[PaymentKind(last.kind)].get(self.lang))

    def relabel(self) -> None:
        self.query_one("#title", Static).update(self.title_text())
        self.query_one("#above-form", Static).update(self.above_form())
        self.form.relabel(self.lang)

    @on(PaymentForm.Changed)
    def _preview(self, event: PaymentForm.Changed) -> None:
        self.query_one("#will-record", Static).update(event.preview)

    def pay(self, values: dict) -> Payment:
        """Record the payment the form describes."""
        return payments.record(self.app.store, self.encounter_id, **values)

    def recorded(self, payment: Payment) -> None:
        """After recording: say so, with the receipt number, and go back."""
        kind = PAYMENT_KIND_LABELS[PaymentKind(payment.kind)].get(self.lang)
        number = payments.receipt_of(self.app.store, payment.id).card_number
        recorded = self.tr("payment_recorded", amount=f"{format_soles(payment.amount)} ({kind})", number=number)
        self.app.notify(" ".join(filter(None, (recorded, cashier.late_payment_note(payment, self.lang)))))
        self.app.pop_screen()

    def action_record(self) -> None:
        try:
            payment = self.pay(self.form.values())
        except AyniError as refused:  # the screen stays filled
            self.form.show_refusal(self.query_one(ErrorSummary), refused)
            return
        self.recorded(payment)
