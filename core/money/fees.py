"""Money in soles (PEN) as :class:`~decimal.Decimal`, never float; fees, sliding scale and waivers.

Amounts are stored as integer céntimos and shown as ``S/ 12.50``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..errors import FieldError, ValidationError
from ..formatting import format_money
from ..i18n import DEFAULT_LANG, Text

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


#: The largest amount a campaign records at once; anything above is a typing mistake.
MAX_AMOUNT = Decimal("999999.99")

_AMOUNT = re.compile(r"[+-]?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:[.,][0-9]+)?")


def _amount_text(raw) -> str:
    """The amount as plain digits with a decimal point: ``"S/ 1,234.50"`` → ``"1234.50"``,
    ``"12,50"`` → ``"12.50"``; anything else (exponents, letters) is left to be refused."""
    text = re.sub(r"^\s*S/\.?\s*", "", str(raw)).strip()
    if not _AMOUNT.fullmatch(text):
        return ""
    if re.search(r",[0-9]{3}(?:[.]|$)", text) and not re.search(r",[0-9]{1,2}$", text):
        return text.replace(",", "")  # thousands separators, as format_soles writes them
    return text.replace(",", ".")  # a decimal comma


def parse_soles(raw, field: str = "amount", label: Text | None = None) -> Decimal:
    """Read an amount in soles (``"12.5"``, ``"S/ 12,50"``, ``"S/ 1,234.50"``, ``Decimal``) exactly,
    refusing floats, negatives, fractions of a céntimo and amounts above :data:`MAX_AMOUNT`."""
    label = label or Text("Monto", "Amount")

    def refuse(key: str, **params) -> ValidationError:
        return ValidationError([FieldError(field, key, label, params)])

    if isinstance(raw, (float, bool)):
        raise refuse("bad_money")
    if isinstance(raw, Decimal):
        value = raw
    else:
        try:
            value = Decimal(_amount_text(raw))
        except InvalidOperation:
            raise refuse("bad_money") from None
    if not value.is_finite():
        raise refuse("bad_money")
    if value < 0:
        raise refuse("negative_fee")
    if value > MAX_AMOUNT:
        raise refuse("money_too_large", max=f"{MAX_AMOUNT:,}")
    if value != value.quantize(CENT):
        raise refuse("too_many_decimals")
    return value.quantize(CENT) + 0  # + 0 turns "-0" into 0.00


def to_cents(amount: Decimal) -> int:
    """Soles to integer céntimos for storage."""
    return int((amount * 100).to_integral_value(ROUND_HALF_UP))


def from_cents(cents: int) -> Decimal:
    """Stored céntimos back to soles."""
    return (Decimal(cents) / 100).quantize(CENT)


def format_soles(amount: Decimal, lang: str = DEFAULT_LANG) -> str:
    """``S/ 1,234.50``: the way amounts are written in Peru (:func:`ayni.core.formatting.format_money`)."""
    return format_money(to_cents(amount), lang)


def total(amounts: Iterable[Decimal]) -> Decimal:
    """The sum of ``amounts`` in soles."""
    return sum(amounts, Decimal("0.00")).quantize(CENT)


def sliding_amount(suggested: Decimal, level: Decimal) -> Decimal:
    """What the patient pays at a sliding-scale ``level`` (share of the suggested fee), to the céntimo."""
    return (suggested * level).quantize(CENT, ROUND_HALF_UP)
