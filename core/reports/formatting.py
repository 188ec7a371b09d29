"""How reports write numbers: one convention in both languages, the one Ayni already uses for money.

Thousands are grouped with a comma and decimals follow a point: «1,690 consultas», «12.5 %»,
«S/ 1,234.50». Peru writes numbers both ways; this is the way of the receipts (SUNAT comprobantes)
and of many MINSA and INEI tables, and it matches :func:`ayni.core.format_soles`, so one page never
mixes two conventions. CSV files carry plain numbers instead (``1690``, ``1234.50``): no grouping,
a decimal point, so a spreadsheet reads them as numbers.
"""

from __future__ import annotations

from decimal import Decimal

from ..fees import CENT, format_soles


def format_count(value: int | Decimal) -> str:
    """«1,690»; a :class:`Decimal` keeps its own decimals: «12.5», «1,234.75»."""
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return f"{value:,f}"
    return f"{int(value):,}"


def format_money(value: Decimal) -> str:
    """«S/ 1,234.50»."""
    return format_soles(value)


def plain(value: int | Decimal) -> str:
    """A number for a CSV cell: ``1690``, ``1234.50`` (no grouping)."""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(int(value))


def money_plain(value: Decimal) -> str:
    """Soles for a CSV cell, to the céntimo: ``1234.50``."""
    return f"{value.quantize(CENT):f}"
