"""Recording what a patient pays: the suggested total, a sliding-scale reduction, or a waiver with a
reason; in cash or in kind. A correction is a new payment, made on purpose with its reason; the
earlier one stays on record. With access control on, a reduction or waiver is approved by a
coordinator or admin in person, with their PIN."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

import attrs

from ..clinical.encounters import get_encounter_record, refuse_if_cancelled
from ..clinical.forms import clean_text, control_character_error
from ..dates import to_lima
from ..errors import FieldError, StoreError, ValidationError
from ..i18n import Text
from ..model import Encounter, Payment, new_id, receipt_label, utcnow
from ..people.users import access_control_on, confirm, require
from ..storage.devices import next_number, this_device
from ..storage.store import Store
from .fees import CENT, SLIDING_LEVELS, PaymentKind, PaymentMethod, parse_soles, sliding_amount

AMOUNT = Text("Monto pagado", "Amount paid")
REASON = Text("Motivo", "Reason")
KIND = Text("Tipo de pago", "Payment type")
LEVEL = Text("Nivel de escala", "Sliding-scale level")
IN_KIND = Text("Descripción en especie", "In-kind description")
APPROVER = Text("Autorizado por", "Approved by")
APPROVER_PIN = Text("PIN de quien autoriza", "Approver's PIN")
CORRECTION = Text("Motivo de la corrección", "Reason for the correction")
MAX_APPROVER = 80
MAX_CORRECTION = 200

#: What a cashier may forgive alone (the suggested total less what is paid) with access control on;
#: a larger reduction or waiver needs the PIN of someone who may approve it (``payments.approve``).
CASHIER_LIMIT = Decimal("0.00")


@attrs.frozen
class Receipt:
    """The numbered receipt of a payment, one per payment: the sequence of the laptop that received it,
    with its letter (see ``ayni.core.storage.devices``)."""

    id: str
    number: int
    payment_id: str
    issued_at: dt.datetime = attrs.field(factory=utcnow)
    issued_by: str = ""
    device: str = ""

    @property
    def card_number(self) -> str:
        """The number as printed: «B-000042», or «000042» without a letter."""
        return receipt_label(self.device, self.number)


def receipt_of(store: Store, payment_id: str) -> Receipt:
    """The receipt of payment ``payment_id``."""
    [receipt] = store.rows(Receipt, "receipts", "payment_id = ?", [payment_id]) or [None]
    if receipt is None:
        raise StoreError("not_found", what="receipts", id=payment_id)
    return receipt


def closed_cash_day(store: Store, day: dt.date, campaign_id: str) -> bool:
    """True when the cash of ``day`` was closed already, for every campaign or for ``campaign_id``."""
    return store.db.execute("SELECT 1 FROM day_closes WHERE day = ? AND (campaign_id IS NULL OR campaign_id = ?) "
                            "LIMIT 1", [day.isoformat(), campaign_id]).fetchone() is not None


def cash_day_of(store: Store, encounter_id: str, received_at: dt.datetime) -> dt.date:
    """The cash day a payment received at ``received_at`` counts in: its Lima day, or the next one
    when that day's cash was closed before it (the money goes in the next day's box)."""
    day = to_lima(received_at).date()
    campaign_id = store.get(Encounter, "encounters", encounter_id).campaign_id
    return day + dt.timedelta(days=1) if closed_cash_day(store, day, campaign_id) else day


def _needs_approver_pin(store: Store, kind: PaymentKind, forgiven: Decimal) -> bool:
    """True when the approver must confirm with their PIN: access control on, above :data:`CASHIER_LIMIT`."""
    return kind != PaymentKind.FULL and forgiven > CASHIER_LIMIT and access_control_on(store.db)


def _approver(kind: PaymentKind, approved_by, needs_pin: bool, approver_pin, store: Store,
              errors: list[FieldError]) -> str:
    """Who approved a sliding-scale payment or a waiver: a person's name, required for those.

    Left out (``None``) by a caller that does not ask, the user recording the payment is the
    approver, unless their PIN is needed; given blank, it is refused.
    """
    if kind == PaymentKind.FULL:
        return ""
    if approved_by is None and not needs_pin:
        return store.user.id
    refused: list[FieldError] = []
    name = clean_text(" ".join(approved_by.split()) if isinstance(approved_by, str) else approved_by, "approved_by",
                      APPROVER, refused, MAX_APPROVER, required=True)
    # blank or too long, the message says what an approval needs; a control character, which one
    errors.extend(e if e.key == "control_character" else
                  FieldError("approved_by", "approver_required", APPROVER, {"max": MAX_APPROVER}) for e in refused)
    if needs_pin and not approver_pin:
        errors.append(FieldError("approver_pin", "approver_pin", APPROVER_PIN))
    return name


def _latest_payment(store: Store, encounter_id: str) -> str | None:
    [found] = store.db.execute("SELECT id FROM payments WHERE encounter_id = ? ORDER BY rowid DESC LIMIT 1",
                               [encounter_id]).fetchone() or [None]
    return found


def _already_paid(store: Store, payment_id: str) -> FieldError:
    """The refusal of another payment for an encounter paid with ``payment_id``, without a correction's reason."""
    return FieldError("correction", "already_paid", CORRECTION,
                      {"receipt": receipt_of(store, payment_id).card_number, "max": MAX_CORRECTION})


def _bad_choice(field: str, label: Text, allowed) -> ValidationError:
    return ValidationError([FieldError(field, "bad_choice", label, {"allowed": ", ".join(map(str, allowed))})])


def _level(level) -> Decimal:
    """A sliding-scale level, one of :data:`SLIDING_LEVELS` (``"0.5"``, ``0.5`` or ``Decimal``)."""
    try:
        value = Decimal(str(level).strip())
    except InvalidOperation:
        value = None
    if value is None or isinstance(level, bool) or not value.is_finite() or value not in SLIDING_LEVELS:
        raise _bad_choice("level", LEVEL, SLIDING_LEVELS)
    return value.quantize(CENT)


def record(
    store: Store,
    encounter_id: str,
    kind: str,
    amount=None,
    level=None,
    reason: str = "",
    method: str = "cash",
    in_kind_description: str = "",
    approved_by: str | None = None,
    approver_pin: str | None = None,
    correction: str = "",
) -> Payment:
    """Record the payment of an encounter against its suggested total.

    ``full`` pays the suggested total; ``sliding`` pays a share (``level`` from
    :data:`~ayni.core.money.fees.SLIDING_LEVELS`) or an ``amount`` up to the total; ``waiver`` pays nothing
    and needs a ``reason``. Sliding-scale payments and waivers need ``approved_by``, the name of who
    approved them (left out, the user recording it). With access control on, a reduction above
    :data:`CASHIER_LIMIT` needs the approver's ``approver_pin`` too: an active coordinator or admin
    (:func:`ayni.core.people.users.confirm`, wrong PINs counted as at login), and ``approved_by`` is then
    their user id. ``in_kind`` payments need a description. An encounter already paid takes another
    payment only as a ``correction`` with its reason (audited; the latest payment stands). Each
    payment gets the next receipt number (:func:`receipt_of`). Nothing is written if refused.
    """
    require(store, "payments.record")
    visit = get_encounter_record(store, encounter_id)
    refuse_if_cancelled(visit.encounter)
    suggested = visit.suggested_total
    try:
        kind = PaymentKind(kind)
    except ValueError:
        raise _bad_choice("kind", KIND, [k.value for k in PaymentKind]) from None
    try:
        method = PaymentMethod(method)
    except ValueError:
        raise _bad_choice("method", Text("Forma de pago", "Method"), [m.value for m in PaymentMethod]) from None
    errors: list[FieldError] = []
    reason = clean_text(reason, "reason", REASON, errors)
    in_kind_description = clean_text(in_kind_description, "in_kind_description", IN_KIND, errors)
    level_value = None
    paid = Decimal("0.00")
    try:
        if kind == PaymentKind.FULL:
            paid = suggested if amount in (None, "") else parse_soles(amount, "amount", AMOUNT)
            if paid < suggested:  # paying less is a sliding-scale payment or a waiver, with an approver
                errors.append(FieldError("amount", "amount_below_full", AMOUNT, {"suggested": suggested}))
        elif kind == PaymentKind.SLIDING and level not in (None, ""):
            level_value = _level(level)
            paid = sliding_amount(suggested, level_value)
        elif kind == PaymentKind.SLIDING:
            paid = parse_soles(amount if amount is not None else "", "amount", AMOUNT)
            if paid > suggested:
                errors.append(FieldError("amount", "amount_above_suggested", AMOUNT, {"max": suggested}))
        elif not reason:
            errors.append(FieldError("reason", "waiver_reason", REASON))
    except ValidationError as refused:
        errors.extend(refused.errors)
    if method == PaymentMethod.IN_KIND and not in_kind_description:
        errors.append(FieldError("in_kind_description", "in_kind_description", IN_KIND))
    correction = " ".join((correction or "").split())
    if error := control_character_error("correction", CORRECTION, correction):
        errors.append(error)
    replaced = _latest_payment(store, encounter_id)
    if replaced and not 0 < len(correction) <= MAX_CORRECTION:
        errors.append(_already_paid(store, replaced))
    needs_pin = _needs_approver_pin(store, kind, suggested - paid)
    approved_by = _approver(kind, approved_by, needs_pin, approver_pin, store, errors)
    if errors:
        raise ValidationError(errors)
    if needs_pin:
        approved_by = confirm(store, approved_by, approver_pin, "payments.approve").id
    payment = Payment(
        id=new_id(), encounter_id=encounter_id, suggested=suggested, amount=paid, kind=kind.value,
        method=method.value, level=level_value, reason=reason, in_kind_description=in_kind_description,
        approved_by=approved_by, received_by=store.user.id,
    )
    with store.write():
        latest = _latest_payment(store, encounter_id)
        if latest != replaced:  # paid meanwhile at another desk: look again before paying twice
            raise ValidationError([_already_paid(store, latest)])
        payment = attrs.evolve(payment, cash_day=cash_day_of(store, encounter_id, payment.received_at))
        store.insert("payments", payment)
        if replaced:
            store.note("correct", "payments", payment.id, {"replaces": replaced, "reason": correction})
        letter = this_device(store.db).letter
        store.insert("receipts", Receipt(new_id(), next_number(store.db, "receipts", letter), payment.id,
                                         issued_by=store.user.id, device=letter))
    return payment
