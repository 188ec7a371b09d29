"""Dates, numbers and money in the locale of the language shown, from Babel's CLDR data.

* Spanish is Peru's Spanish (``es_PE``): «1 de diciembre de 2026», «S/ 1,234.50». Peru writes
  numbers both ways; CLDR's ``es_PE`` groups thousands with a comma and puts a point before the
  decimals, which is also how SUNAT receipts and most MINSA and INEI tables write them, so every
  page and screen uses that one convention.
* English, for volunteers, is written day first (``en_GB``): «1 December 2026», «S/ 1,234.50».
* Quechua uses CLDR's ``qu_PE`` (its own month names: «1 Diciembre 2026»). Languages CLDR has no
  data for (Aymara, Asháninka) are written as in Spanish (``es_PE``).

Money is always in soles with the symbol Peru uses, «S/», whatever the language (CLDR's English
symbol for PEN is «PEN»). Babel is imported on the first call, never at start-up.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import ROUND_HALF_UP, Decimal

from .i18n import DEFAULT_LANG

#: The CLDR locale each language is written in; any other language is written as :data:`FALLBACK_LOCALE`.
LOCALES = {"es": "es_PE", "en": "en_GB", "qu": "qu_PE"}
FALLBACK_LOCALE = "es_PE"

#: The forms of :func:`format_date`: CLDR's own or a skeleton (``"MMMd"``), so each locale orders its parts.
DATE_FORMS = {
    "long": "long",          # «1 de diciembre de 2026», «1 December 2026»
    "full": "full",          # «martes, 1 de diciembre de 2026», «Tuesday, 1 December 2026»
    "day_month": "MMMMd",    # «1 de diciembre», «1 December»
    "short": "MMMd",         # «1 dic.», «1 Dec», for a chart's axis
}
CURRENCY_SYMBOL = "S/"
_CENT = Decimal("0.01")


@functools.cache
def locale_for(lang: str):
    """The Babel ``Locale`` that ``lang`` is written in (Spanish-Peru when CLDR lacks the language)."""
    from babel import Locale

    return Locale.parse(LOCALES.get(lang, FALLBACK_LOCALE))


def format_date(day: dt.date | dt.datetime | None, lang: str = DEFAULT_LANG, form: str = "long") -> str:
    """``day`` in ``lang`` in one of :data:`DATE_FORMS`: «1 de diciembre de 2026», «1 December 2026».
    A stored time is first put in Lima time; ``None`` is ``""``."""
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        from .dates import to_lima  # dates imports this module: looked up when called

        day = to_lima(day).date()
    pattern = DATE_FORMS[form]
    from babel import dates

    if pattern in ("long", "full"):
        return dates.format_date(day, pattern, locale=locale_for(lang))
    return dates.format_skeleton(pattern, day, locale=locale_for(lang))


def format_date_range(start: dt.date, end: dt.date, lang: str = DEFAULT_LANG) -> str:
    """From ``start`` to ``end``, sharing what the two ends share, with the months written out as in
    «long» dates: «21–23 de noviembre de 2026», «28 de noviembre – 2 de diciembre de 2026»,
    «30 December 2026 – 2 January 2027». Days of one month take no spaces round the dash (as CLDR's
    Spanish writes them); wider ranges take ordinary spaces, where CLDR puts thin ones."""
    if end <= start:
        return format_date(start, lang)
    from babel import dates

    widest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    first, second = _interval_patterns(locale_for(lang))[widest]
    text = dates.format_date(start, first, locale=locale_for(lang)) + dates.format_date(end, second, locale=locale_for(lang))
    return text.replace("\u2009–\u2009", "–" if widest == "d" else " – ")


def _interval_patterns(locale) -> dict[str, list[str]]:
    """CLDR's patterns for a range of long dates, by the widest field that differs. Locales that have
    only the abbreviated-month ones (English, Quechua) get those with the month written out, as ICU
    widens a best-matching skeleton."""
    formats = locale.interval_formats
    if "yMMMMd" in formats:
        return formats["yMMMMd"]
    return {field: [re.sub(r"(?<!M)MMM(?!M)", "MMMM", part) for part in parts]
            for field, parts in formats["yMMMd"].items()}


def format_number(value: int | float | Decimal, lang: str = DEFAULT_LANG, places: int | None = None) -> str:
    """«1,690», «12.5», «1,234.75» in ``lang``; ``places`` fixes the decimals (rounded half up),
    otherwise a whole number has none and a :class:`Decimal` keeps its own."""
    from babel import numbers

    if places is not None:
        value = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        pattern = "#,##0" + ("." + "0" * places if places else "")
    elif isinstance(value, Decimal) and value == value.to_integral_value():
        value, pattern = int(value), "#,##0"
    else:
        pattern = None
    return numbers.format_decimal(value, format=pattern, locale=locale_for(lang), decimal_quantization=False)


def signed_number(value: Decimal, places: int = 2) -> str:
    """A power as opticians write it, with its sign and ``places`` decimals: «+0.50», «-1.25»; zero
    has no sign, «0.00». The same in every language (no grouping: a power never reaches 1,000)."""
    value = Decimal(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{value:+f}" if value else f"{abs(value):f}"


def format_money(centimos: int, lang: str = DEFAULT_LANG) -> str:
    """Céntimos as soles in ``lang``: «S/ 1,234.50», «S/ -3.00»."""
    return f"{CURRENCY_SYMBOL} {format_number(Decimal(centimos) / 100, lang, 2)}"
