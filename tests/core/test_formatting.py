"""Dates, numbers and money in the locale of each language (Babel's CLDR data)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from ayni.core import format_date, format_money, format_number
from ayni.core.formatting import format_date_range

DAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize("lang, form, expected", [
    ("es", "long", "1 de diciembre de 2026"),
    ("en", "long", "1 December 2026"),
    ("es", "full", "martes, 1 de diciembre de 2026"),
    ("en", "full", "Tuesday, 1 December 2026"),
    ("es", "day_month", "1 de diciembre"),
    ("es", "short", "1 dic."),
    ("en", "short", "1 Dec"),
    ("qu", "long", "1 Diciembre 2026"),  # CLDR's Quechua (qu_PE) has its own month names
    ("ay", "long", "1 de diciembre de 2026"),  # no CLDR data for Aymara: written as in Spanish-Peru
    ("ash", "long", "1 de diciembre de 2026"),
])
def test_dates_in_each_language(lang, form, expected):
    assert format_date(DAY, lang, form) == expected


def test_a_stored_time_is_dated_in_lima():
    # 03:00 UTC on 2 December is still 1 December in Lima
    assert format_date(dt.datetime(2026, 12, 2, 3, 0, tzinfo=dt.timezone.utc), "es") == "1 de diciembre de 2026"
    assert format_date(None, "es") == ""


def test_an_unknown_form_is_refused():
    with pytest.raises(KeyError):
        format_date(DAY, "es", "medium-ish")


@pytest.mark.parametrize("start, end, lang, expected", [
    (dt.date(2026, 11, 21), dt.date(2026, 11, 23), "en", "21–23 November 2026"),
    (dt.date(2026, 11, 28), dt.date(2026, 12, 2), "en", "28 November – 2 December 2026"),
    (dt.date(2026, 12, 30), dt.date(2027, 1, 2), "es", "30 de diciembre de 2026 – 2 de enero de 2027"),
    (dt.date(2026, 11, 21), dt.date(2026, 11, 23), "qu", "21–23 Noviembre, 2026"),
])
def test_date_ranges_write_the_months_out(start, end, lang, expected):
    assert format_date_range(start, end, lang) == expected


@pytest.mark.parametrize("lang", ["es", "en", "qu", "ay"])
def test_money_is_soles_in_the_peruvian_convention(lang):
    # Peru's receipts group thousands with a comma and put a point before the céntimos
    assert format_money(123450, lang) == "S/ 1,234.50"
    assert format_money(0, lang) == "S/ 0.00"
    assert format_money(-300, lang) == "S/ -3.00"
    assert format_money(1_000_000_05, lang) == "S/ 1,000,000.05"


def test_numbers():
    assert format_number(1690, "es") == "1,690"
    assert format_number(Decimal("12.5"), "en") == "12.5"
    assert format_number(Decimal("1234.75"), "es") == "1,234.75"
    assert format_number(Decimal("12.00"), "es") == "12"  # a whole Decimal shows no decimals
    assert format_number(2.345, "es", 2) == "2.35"  # rounded half up, as a person rounds
    assert format_number(Decimal("7"), "qu", 1) == "7.0"


@settings(derandomize=True, max_examples=200)
@given(st.integers(min_value=-10**9, max_value=10**9))
def test_money_reads_back_as_the_same_cents(cents):
    written = format_money(cents, "es")
    assert Decimal(written.removeprefix("S/ ").replace(",", "")) * 100 == cents
