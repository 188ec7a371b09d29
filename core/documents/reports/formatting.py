"""How reports write numbers: one convention in both languages, the one Ayni already uses for money.

Thousands are grouped with a comma and decimals follow a point: «1,690 consultas», «12.5 %»,
«S/ 1,234.50». Peru writes numbers both ways; this is the way of the receipts (SUNAT comprobantes)
and of many MINSA and INEI tables, and it matches :func:`ayni.core.format_soles`, so one page never
mixes two conventions; :mod:`ayni.core.formatting` writes them in the locale of each language. CSV files carry numbers for a spreadsheet instead (``1690``, ``1234,50``),
written by :mod:`ayni.core.documents.csvformat`.
"""

from __future__ import annotations

from decimal import Decimal

from ...formatting import format_number
from ...i18n import DEFAULT_LANG
from ...money.fees import format_soles


def format_count(value: int | Decimal, lang: str = DEFAULT_LANG) -> str:
    """«1,690»; a :class:`Decimal` keeps its own decimals: «12.5», «1,234.75»."""
    return format_number(value, lang)


def format_money(value: Decimal, lang: str = DEFAULT_LANG) -> str:
    """«S/ 1,234.50»."""
    return format_soles(value, lang)
