"""Money in soles: read exactly, refused clearly, stored as céntimos, written the Peruvian way."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ayni.core import SLIDING_LEVELS, Text, ValidationError, format_soles, parse_soles
from ayni.core.money.fees import from_cents, sliding_amount, to_cents, total

FEE = Text("Tarifa", "Fee")


def refusal(raw) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        parse_soles(raw, "fee", FEE)
    return caught.value


@pytest.mark.parametrize(("raw", "value"), [
    ("12.5", "12.50"), ("12,50", "12.50"), ("S/ 7", "7.00"), ("S/. 7.10", "7.10"), (" 0 ", "0.00"),
    (15, "15.00"), (Decimal("3.1"), "3.10"), ("S/ 1,234.50", "1234.50"), ("1,000", "1000.00"),
    ("-0", "0.00"), ("999999.99", "999999.99"),
])
def test_parse_soles_reads_amounts_exactly(raw, value):
    parsed = parse_soles(raw)
    assert isinstance(parsed, Decimal)
    assert str(parsed) == value


@pytest.mark.parametrize("raw", [12.5, 0.1, True])
def test_parse_soles_refuses_floats_and_bools(raw):
    error = refusal(raw)
    assert error.message("es") == "Tarifa: monto en soles no válido, p. ej. 12.50."
    assert error.message("en") == "Fee: invalid amount in soles, e.g. 12.50."


@pytest.mark.parametrize("raw", ["-5", "S/ -0.01", Decimal("-1")])
def test_parse_soles_refuses_negatives_naming_the_minimum(raw):
    error = refusal(raw)
    assert error.errors[0].key == "negative_fee"
    assert error.message("es") == "Tarifa: no puede ser negativo (mínimo S/ 0.00)."
    assert error.message("en") == "Fee: cannot be negative (minimum S/ 0.00)."


@pytest.mark.parametrize("raw", ["1.005", "0.001", Decimal("2.345")])
def test_parse_soles_refuses_fractions_of_a_centimo(raw):
    assert refusal(raw).message("en") == "Fee: at most 2 decimals (céntimos)."


@pytest.mark.parametrize("raw", ["", "doce", "12 soles", "1e2", "NaN", "Infinity", "1.2.3", "12..5", None, "S/"])
def test_parse_soles_refuses_garbage(raw):
    assert refusal(raw).errors[0].key == "bad_money"


@pytest.mark.parametrize("raw", ["1000000", "9" * 40, Decimal("1E+30")])
def test_parse_soles_refuses_amounts_nobody_pays_with_the_range(raw):
    error = refusal(raw)
    assert error.message("es") == "Tarifa: debe estar entre S/ 0.00 y S/ 999,999.99."


@pytest.mark.parametrize("amount", ["0.00", "0.01", "12.50", "1234.56", "999999.99", "0.10"])
def test_centimos_round_trip(amount):
    cents = to_cents(Decimal(amount))
    assert isinstance(cents, int)
    assert from_cents(cents) == Decimal(amount)
    assert str(from_cents(cents)) == amount


def test_to_cents_is_exact_where_floats_are_not():
    assert to_cents(Decimal("0.29")) == 29  # int(0.29 * 100) would be 28
    assert to_cents(Decimal("1.15")) == 115


@pytest.mark.parametrize(("amount", "text"), [
    ("1234.5", "S/ 1,234.50"), ("0", "S/ 0.00"), ("12.5", "S/ 12.50"), ("1000000", "S/ 1,000,000.00"),
])
def test_format_soles(amount, text):
    assert format_soles(Decimal(amount)) == text


def test_formatted_amounts_read_back():
    for amount in ("1234.50", "999999.99", "5.00"):
        assert parse_soles(format_soles(Decimal(amount))) == Decimal(amount)


def test_sliding_amounts_are_a_share_of_the_suggested_fee_to_the_centimo():
    assert SLIDING_LEVELS == (Decimal("0.75"), Decimal("0.50"), Decimal("0.25"))
    assert [sliding_amount(Decimal("25.00"), level) for level in SLIDING_LEVELS] == [
        Decimal("18.75"), Decimal("12.50"), Decimal("6.25")]
    assert sliding_amount(Decimal("15.50"), Decimal("0.25")) == Decimal("3.88")  # 3.875 rounds half up
    assert sliding_amount(Decimal("0.00"), Decimal("0.50")) == Decimal("0.00")


def test_total_is_decimal_to_the_centimo():
    assert total([Decimal("10.00"), Decimal("15.50"), Decimal("0.10")]) == Decimal("25.60")
    assert str(total([])) == "0.00"
