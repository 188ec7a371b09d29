"""Record what the patient pays: the suggested total, a sliding-scale level or amount, or a waiver with
its reason; in cash or in kind. A reduction or a waiver names who authorised it (prefilled with the
person signed in; blank is refused); with access control on, the approver types their own PIN in a
masked field, shown only then. Paying an encounter again asks for the correction's reason. A line
above the keys always says what Ctrl+S will record (type, amount, method); a refusal shows each message
by its field; once recorded, the receipt number is shown."""

from __future__ import annotations

from decimal import Decimal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, RadioButton, RadioSet, Select, Static

from ayni.core import SLIDING_LEVELS, AccessDenied, AyniError, ValidationError, format_soles, parse_soles
from ayni.core.clinical import encounters
from ayni.core.money import payments
from ayni.core.money.fees import PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS, PaymentKind, PaymentMethod, sliding_amount
from ayni.core.people.users import access_control_on

from ..widgets.fields import MONEY_LENGTH
from ..widgets.toggles import Radio, RadioChoice
from .base import AyniScreen
from .errors import ErrorSummary, refuse_payment

KINDS = list(PaymentKind)
METHODS = list(PaymentMethod)


class PayRow(Vertical):
    """A labelled input of the payment form, with its message underneath."""

    def __init__(self, key: str, label_key: str, editor: Widget):
        super().__init__(classes="field-row", id=f"pay-{key}")
        self.key, self.label_key, self.editor = key, label_key, editor

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-line"):
            yield Label("", classes="field-label", markup=False)
            yield self.editor
        yield Static("", classes="field-error", markup=False)

    def show_error(self, messages: list[str]) -> None:
        self.query_one(".field-error", Static).update("\n".join(f"⚠ {m}" for m in messages))
        self.set_class(bool(messages), "-invalid")


class PaymentScreen(AyniScreen):
    """The payment of one encounter."""

    BINDINGS = [Binding("ctrl+s", "record", "b_save", priority=True)]

    def __init__(self, encounter_id: str):
        super().__init__()
        self.encounter_id = encounter_id
        self.visit = encounters.get_visit(self.app.store, encounter_id)
        self.approver_pin = access_control_on(self.app.store.db)

    def compose(self) -> ComposeResult:
        yield Static("", id="title", classes="screen-title", markup=False)
        yield ErrorSummary()
        with VerticalScroll(id="payment-form", can_focus=False):
            yield Static("", id="suggested", markup=False)
            yield Static("", id="previous", markup=False)
            yield PayRow("kind", "payment_kind", RadioChoice(*[Radio("", value=k == PaymentKind.FULL)
                                                              for k in KINDS], id="kind", compact=True))
            yield PayRow("level", "level", Select([], id="level", compact=True))
            yield PayRow("amount", "amount", Input(id="amount", compact=True, max_length=MONEY_LENGTH))
            yield PayRow("reason", "reason", Input(id="reason", compact=True, max_length=200))
            yield PayRow("approved_by", "approver", Input("" if self.approver_pin else self.app.store.user.name,
                                                          id="approver", compact=True, max_length=80))
            yield PayRow("approver_pin", "approver_pin", Input(id="approver-pin", password=True, compact=True,
                                                               max_length=8, restrict="[0-9]*"))
            yield PayRow("correction", "correction", Input(id="correction", compact=True, max_length=200))
            yield PayRow("method", "method", RadioChoice(*[Radio("", value=m == PaymentMethod.CASH)
                                                          for m in METHODS], id="method", compact=True))
            yield PayRow("in_kind_description", "in_kind", Input(id="in-kind", compact=True, max_length=200))
        yield Static("", id="will-record", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._show_rows()

    @property
    def suggested(self) -> Decimal:
        return self.visit.suggested_total

    def relabel(self) -> None:
        lang = self.lang
        p = self.visit.patient
        self.query_one("#title", Static).update(f"{self.tr('payment_title')}: {p.full_name} · {self.tr('save_hint')}")
        self.query_one("#suggested", Static).update(self.tr("suggested", total=format_soles(self.suggested)))
        last = self.visit.payment
        self.query_one("#previous", Static).update(
            self.tr("payment_previous", amount=format_soles(last.amount),
                    kind=PAYMENT_KIND_LABELS[PaymentKind(last.kind)].get(lang))
            if last else self.tr("payment_none"))
        for row in self.query(PayRow):
            row.query_one(".field-label", Label).update(self.tr(row.label_key))
        for button, kind in zip(self.query_one("#kind", RadioSet).query(RadioButton), KINDS):
            button.label = PAYMENT_KIND_LABELS[kind].get(lang)
        for button, method in zip(self.query_one("#method", RadioSet).query(RadioButton), METHODS):
            button.label = PAYMENT_METHOD_LABELS[method].get(lang)
        level = self.query_one("#level", Select)
        current = level.value
        level.prompt = self.tr("choose")
        level.set_options(
            (self.tr("level_option", pct=int(lv * 100), amount=format_soles(sliding_amount(self.suggested, lv))),
             str(lv)) for lv in SLIDING_LEVELS)
        level.value = current
        self.query_one("#amount", Input).placeholder = self.tr("amount_hint")
        self.query_one("#reason", Input).placeholder = self.tr("reason_hint")
        self.query_one("#approver", Input).placeholder = self.tr("approver_hint")
        self.query_one("#approver-pin", Input).placeholder = self.tr("approver_pin_hint")
        self.query_one("#correction", Input).placeholder = self.tr("correction_hint")
        self.query_one("#in-kind", Input).placeholder = self.tr("in_kind_hint")
        self._show_preview()

    # -- which rows apply ----------------------------------------------------------------------

    @property
    def kind(self) -> PaymentKind:
        return KINDS[self.query_one("#kind", RadioSet).pressed_index]

    @property
    def method(self) -> PaymentMethod:
        return METHODS[self.query_one("#method", RadioSet).pressed_index]

    def _show_rows(self) -> None:
        sliding = self.kind == PaymentKind.SLIDING
        self.query_one("#pay-level").display = sliding
        self.query_one("#pay-amount").display = sliding
        self.query_one("#pay-reason").display = self.kind == PaymentKind.WAIVER
        self.query_one("#pay-approved_by").display = self.kind != PaymentKind.FULL
        self.query_one("#pay-approver_pin").display = self.approver_pin and self.kind != PaymentKind.FULL
        self.query_one("#pay-correction").display = self.visit.payment is not None
        self.query_one("#pay-in_kind_description").display = self.method == PaymentMethod.IN_KIND

    @on(RadioSet.Changed)
    def _changed(self) -> None:
        self._show_rows()
        self._show_preview()

    @on(Select.Changed)
    @on(Input.Changed)
    def _typed(self) -> None:
        self._show_preview()

    def preview(self) -> str:
        """What Ctrl+S will record, in words: «Se registrará: Escala reducida · S/ 5.00 · Efectivo»."""
        kind, lang = self.kind, self.lang
        parts = [PAYMENT_KIND_LABELS[kind].get(lang)]
        if kind == PaymentKind.FULL:
            parts.append(format_soles(self.suggested))
        elif kind == PaymentKind.WAIVER:
            parts.append(format_soles(Decimal("0")))
            reason = self.query_one("#reason", Input).value.strip()
            parts.append(self.tr("preview_reason", reason=reason) if reason else self.tr("preview_no_reason"))
        else:
            parts.append(self._sliding_preview())
        if kind != PaymentKind.FULL and not self.query_one("#approver", Input).value.strip():
            parts.append(self.tr("preview_no_approver"))
        method = PAYMENT_METHOD_LABELS[self.method].get(lang)
        described = self.query_one("#in-kind", Input).value.strip()
        parts.append(f"{method}: {described}" if self.method == PaymentMethod.IN_KIND and described else method)
        return self.tr("preview", what=" · ".join(parts))

    def _sliding_preview(self) -> str:
        level = self.query_one("#level", Select).value
        if level is not Select.NULL:
            return f"{int(Decimal(level) * 100)} % → {format_soles(sliding_amount(self.suggested, Decimal(level)))}"
        typed = self.query_one("#amount", Input).value.strip()
        if not typed:
            return self.tr("preview_no_amount")
        try:
            return format_soles(parse_soles(typed))
        except ValidationError:
            return self.tr("preview_bad_amount", typed=typed)

    def _show_preview(self) -> None:
        self.query_one("#will-record", Static).update(self.preview())

    # -- recording ----------------------------------------------------------------------------

    def action_record(self) -> None:
        level = self.query_one("#level", Select).value
        sliding = self.kind == PaymentKind.SLIDING
        try:
            payment = payments.record(
                self.app.store, self.encounter_id, self.kind.value,
                amount=(self.query_one("#amount", Input).value.strip() or None) if sliding else None,
                level=level if sliding and level is not Select.NULL else None,
                reason=self.query_one("#reason", Input).value if self.kind == PaymentKind.WAIVER else "",
                method=self.method.value,
                in_kind_description=self.query_one("#in-kind", Input).value
                if self.method == PaymentMethod.IN_KIND else "",
                approved_by=self.query_one("#approver", Input).value if self.kind != PaymentKind.FULL else None,
                approver_pin=self.query_one("#approver-pin", Input).value or None,
                correction=self.query_one("#correction", Input).value,
            )
        except ValidationError as refused:
            self._show_errors(refused)
            return
        except AccessDenied as refused:
            refuse_payment(self.query_one(ErrorSummary), refused, self.lang, self.query_one("#approver-pin", Input),
                           self.query_one("#pay-approver_pin").display)
            return
        except AyniError as error:  # the database refused the write, or another refusal: the screen stays filled
            self.query_one(ErrorSummary).show_text(error.message(self.lang))
            return
        kind = PAYMENT_KIND_LABELS[PaymentKind(payment.kind)].get(self.lang)
        number = payments.receipt_of(self.app.store, payment.id).card_number
        self.app.notify(self.tr("payment_recorded", amount=f"{format_soles(payment.amount)} ({kind})",
                                number=number))
        self.app.pop_screen()

    def _show_errors(self, refused: ValidationError) -> None:
        self.query_one(ErrorSummary).show(refused.errors, self.lang)
        first = None
        for row in self.query(PayRow):
            messages = [e.message(self.lang) for e in refused.errors if e.field == row.key]
            row.show_error(messages)
            if messages and first is None:
                first = row
        if first is not None:
            first.editor.focus()
