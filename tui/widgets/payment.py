"""The payment of one encounter as a form, the same at the cash desk and on the encounter's F6: the
suggested fee; the type (full, a sliding-scale level or amount, a waiver with its reason); who
authorised a reduction (prefilled with the person signed in; with access control on, blank, and
their PIN in a masked field); a correction's reason when the encounter was paid already; cash or in
kind. Only the rows that apply are shown, and a line says what Ctrl+S will record."""

from __future__ import annotations

from decimal import Decimal

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, RadioButton, RadioSet, Select, Static

from ayni.core import SLIDING_LEVELS, AccessDenied, AyniError, Store, ValidationError, format_soles, parse_soles
from ayni.core.clinical.encounters import EncounterRecord
from ayni.core.money.fees import PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS, PaymentKind, PaymentMethod, sliding_amount
from ayni.core.people.users import access_control_on

from .errors import ErrorSummary
from .rows import FormRow
from ..text import tr
from .fields import MONEY_LENGTH
from .toggles import Radio, RadioChoice

KINDS = list(PaymentKind)
METHODS = list(PaymentMethod)


def approver_prefill(store: Store) -> tuple[str, bool]:
    """Who is named as authorising a reduction before anyone types, and whether their PIN is asked:
    the person signed in, or (with access control on) nobody, and the PIN."""
    pin = access_control_on(store.db)
    return ("" if pin else store.user.name), pin


class PaymentForm(Vertical):
    """The payment form of ``visit``. ``approver`` prefills who authorised a reduction;
    ``approver_pin`` asks for that person's PIN too (access control on). :meth:`values` are the
    arguments of :func:`ayni.core.money.payments.record` after the encounter. Whenever what it would
    record changes, it posts :class:`Changed` with the words of :meth:`preview`."""

    class Changed(Message):
        """What Ctrl+S would record changed: ``preview`` says it in words."""

        def __init__(self, preview: str):
            super().__init__()
            self.preview = preview

    DEFAULT_CSS = """
    PaymentForm { height: auto; }
    PaymentForm #suggested { padding: 0 1 1 1; text-style: bold; }
    """

    def __init__(self, visit: EncounterRecord, approver: str, approver_pin: bool, id: str | None = None):
        super().__init__(id=id)
        self.visit, self.approver, self.approver_pin = visit, approver, approver_pin
        self.lang = "es"

    def compose(self) -> ComposeResult:
        yield Static("", id="suggested", markup=False)
        yield FormRow("kind", "payment_kind", RadioChoice(*[Radio("", value=k == PaymentKind.FULL) for k in KINDS],
                                                          id="kind", compact=True))
        yield FormRow("level", "level", Select([], id="level", compact=True))
        yield FormRow("amount", "amount", Input(id="amount", compact=True, max_length=MONEY_LENGTH))
        yield FormRow("reason", "reason", Input(id="reason", compact=True, max_length=200))
        yield FormRow("approved_by", "approver", Input(self.approver, id="approver", compact=True, max_length=80))
        yield FormRow("approver_pin", "approver_pin", Input(id="approver-pin", password=True, compact=True,
                                                            max_length=8, restrict="[0-9]*"))
        yield FormRow("correction", "correction", Input(id="correction", compact=True, max_length=200))
        yield FormRow("method", "method", RadioChoice(*[Radio("", value=m == PaymentMethod.CASH) for m in METHODS],
                                                      id="method", compact=True))
        yield FormRow("in_kind_description", "in_kind", Input(id="in-kind", compact=True, max_length=200))

    def on_mount(self) -> None:
        self._show_rows()

    @property
    def suggested(self) -> Decimal:
        return self.visit.suggested_total

    @property
    def kind(self) -> PaymentKind:
        """The payment type chosen."""
        return KINDS[self.query_one("#kind", RadioSet).pressed_index]

    @property
    def method(self) -> PaymentMethod:
        """How it is paid."""
        return METHODS[self.query_one("#method", RadioSet).pressed_index]

    def _typed(self, id: str) -> str:
        return self.query_one(f"#{id}", Input).value

    def relabel(self, lang: str) -> None:
        """Every word in ``lang``; what was typed or chosen stays."""
        self.lang = lang
        self.query_one("#suggested", Static).update(tr("suggested", lang, total=format_soles(self.suggested)))
        for row in self.query(FormRow):
            row.query_one(".field-label", Static).update(tr(row.label_key, lang))
        for button, kind in zip(self.query_one("#kind", RadioSet).query(RadioButton), KINDS):
            button.label = PAYMENT_KIND_LABELS[kind].get(lang)
        for button, method in zip(self.query_one("#method", RadioSet).query(RadioButton), METHODS):
            button.label = PAYMENT_METHOD_LABELS[method].get(lang)
        level = self.query_one("#level", Select)
        current = level.value
        level.prompt = tr("choose", lang)
        level.set_options(
            (tr("level_option", lang, pct=int(lv * 100), amount=format_soles(sliding_amount(self.suggested, lv))),
             str(lv)) for lv in SLIDING_LEVELS)
        level.value = current
        for id, hint in (("amount", "amount_hint"), ("reason", "reason_hint"), ("approver", "approver_hint"),
                         ("approver-pin", "approver_pin_hint"), ("correction", "correction_hint"),
                         ("in-kind", "in_kind_hint")):
            self.query_one(f"#{id}", Input).placeholder = tr(hint, lang)
        self._show_preview()

    # -- which rows apply ----------------------------------------------------------------------

    def _show_rows(self) -> None:
        reduced = self.kind != PaymentKind.FULL
        self.query_one("#row-level").display = self.kind == PaymentKind.SLIDING
        self.query_one("#row-amount").display = self.kind == PaymentKind.SLIDING
        self.query_one("#row-reason").display = self.kind == PaymentKind.WAIVER
        self.query_one("#row-approved_by").display = reduced
        self.query_one("#row-approver_pin").display = reduced and self.approver_pin
        self.query_one("#row-correction").display = self.visit.payment is not None
        self.query_one("#row-in_kind_description").display = self.method == PaymentMethod.IN_KIND

    @on(RadioSet.Changed)
    def _chosen(self) -> None:
        self._show_rows()
        self._show_preview()

    @on(Select.Changed)
    @on(Input.Changed)
    def _edited(self) -> None:
        self._show_preview()

    # -- what Ctrl+S will record ----------------------------------------------------------------

    def preview(self) -> str:
        """What Ctrl+S will record, in words: «Ctrl+S registrará: Escala reducida · S/ 5.00 · Efectivo»."""
        kind, lang = self.kind, self.lang
        parts = [PAYMENT_KIND_LABELS[kind].get(lang)]
        if kind == PaymentKind.FULL:
            parts.append(format_soles(self.suggested))
        elif kind == PaymentKind.WAIVER:
            parts.append(format_soles(Decimal("0")))
            reason = self._typed("reason").strip()
            parts.append(tr("preview_reason", lang, reason=reason) if reason else tr("preview_no_reason", lang))
        else:
            parts.append(self._sliding_preview())
        if kind != PaymentKind.FULL and not self._typed("approver").strip():
            parts.append(tr("preview_no_approver", lang))
        method = PAYMENT_METHOD_LABELS[self.method].get(lang)
        described = self._typed("in-kind").strip()
        parts.append(f"{method}: {described}" if self.method == PaymentMethod.IN_KIND and described else method)
        return tr("preview", lang, what=" · ".join(parts))

    def _sliding_preview(self) -> str:
        level = self.query_one("#level", Select).value
        if level is not Select.NULL:
            return f"{int(Decimal(level) * 100)} % → {format_soles(sliding_amount(self.suggested, Decimal(level)))}"
        typed = self._typed("amount").strip()
        if not typed:
            return tr("preview_no_amount", self.lang)
        try:
            return format_soles(parse_soles(typed))
        except ValidationError:
            return tr("preview_bad_amount", self.lang, typed=typed)

    def _show_preview(self) -> None:
        self.post_message(self.Changed(self.preview()))

    # -- recording ----------------------------------------------------------------------------

    def values(self) -> dict:
        """The payment as the keyword arguments of :func:`ayni.core.money.payments.record`: only what
        the chosen type and method use, the rest left at its default."""
        sliding, level = self.kind == PaymentKind.SLIDING, self.query_one("#level", Select).value
        return {
            "kind": self.kind.value,
            "level": level if sliding and level is not Select.NULL else None,
            "amount": (self._typed("amount").strip() or None) if sliding else None,
            "reason": self._typed("reason") if self.kind == PaymentKind.WAIVER else "",
            "approved_by": self._typed("approver") if self.kind != PaymentKind.FULL else "",
            "approver_pin": self._typed("approver-pin") or None,
            "correction": self._typed("correction"),
            "method": self.method.value,
            "in_kind_description": self._typed("in-kind") if self.method == PaymentMethod.IN_KIND else "",
        }

    def show_refusal(self, summary: ErrorSummary, refused: AyniError) -> None:
        """Say why the payment was refused: each field's message at the top and under it (the cursor on
        the first); an approver's refusal with the PIN cleared and the cursor back on it; any other
        refusal at the top. What was typed stays."""
        if isinstance(refused, ValidationError):
            summary.show(refused.errors, self.lang)
            first = None
            for row in self.query(FormRow):
                messages = [e.message(self.lang) for e in refused.errors if e.field == row.key]
                row.show_error(messages)
                first = first or (row if messages else None)
            if first is not None:
                first.editor.focus()
            return
        summary.show_text(refused.message(self.lang))
        if isinstance(refused, AccessDenied):
            pin = self.query_one("#approver-pin", Input)
            pin.value = ""
            if self.query_one("#row-approver_pin").display:
                pin.focus()
