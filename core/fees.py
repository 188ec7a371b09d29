"""Money in soles (PEN) as :class:`~decimal.Decimal`, never float; fees, sliding scale and waivers.

Amounts are stored as integer céntimos and shown as ``S/ 12.50``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import FieldError, ValidationError
from .i18n import Text

CENT = Decimal("0.01")

#: Sliding-scale levels a cashier can offer: the share of the suggested fee the patient pays.
SLIDING_LEVELS = (Decimal("0.75"), Decimal("0.50"), Decimal("0.25"))


class PaymentKind(enum.StrEnum):
    """How the suggested fee was settled."""

    FULL = "full"
    SLIDING = "sliding"
    WAIVER = "waiver"


class PaymentMethod(enum.StrEnum):
    """What the patient gave."""

    CASH = "cash"
    IN_KIND = "in_kind"


PAYMENT_KIND_LABELS = {
    PaymentKind.FULL: Text("Tarifa sugerida", "Suggested fee"),
    PaymentKind.SLIDING: Text("Escala reducida", "Sliding scale"),
    PaymentKind.WAIVER: Text("Exonerado", "Waived"),
}
PAYMENT_METHOD_LABELS = {
    PaymentMethod.CASH: Text("Efectivo", "Cash"),
    PaymentMethod.IN_KIND: Text("En especie", "In kind"),
}


def parse_soles(raw, field: str = "amount", label: Text | None = None) -> Decimal:
    """Read an amount in soles (``"12.5"``, ``"S/ 12,50"``, ``Decimal``) exactly, refusing floats,
    negatives and fractions of a céntimo."""
    label = label or Text("Monto", "Amount")
    if isinstance(raw, float) or isinstance(raw, bool):
        raise ValidationError([FieldError(field, "bad_money", label)])
    text = re.sub(r"^\s*S/\.?\s*", "", str(raw)).strip().replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError([FieldError(field, "bad_money", label)]) from None
    if not value.is_finite():
        raise ValidationError([FieldError(field, "bad_money", label)])
    if value < 0:
        raise ValidationError([FieldError(field, "negative_fee", label)])
    if value != value.quantize(CENT):
        raise ValidationError([FieldError(field, "too_many_decimals", label)])
    return value.quantize(CENT)


def to_cents(amount: Decimal) -> int:
    """Soles to integer céntimos for storage."""
    return int((amount * 100).to_integral_value(ROUND_HALF_UP))


def from_cents(cents: int) -> Decimal:
    """Stored céntimos back to soles."""
    return (Decimal(cents) / 100).quantize(CENT)


def format_soles(amount: Decimal) -> str:
    """``S/ 1,234.50``: the way amounts are written in Peru."""
    return f"S/ {amount.quantize(CENT):,.2f}"


def total(amounts: Iterable[Decimal]) -> Decimal:
    """The sum of ``amounts`` in soles."""
    return sum(amounts, Decimal("0.00")).quantize(CENT)


def sliding_amount(suggested: Decimal, level: Decimal) -> Decimal:
    """What the patient pays at a sliding-scale ``level`` (share of the suggested fee), to the céntimo."""
    return (suggested * level).quantize(CENT, ROUND_HALF_UP)
