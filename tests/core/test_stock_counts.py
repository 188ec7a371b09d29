"""Physical counts and adjustments: each is one more ledger line; an adjustment needs a reason and
never takes a lot below zero; a refusal writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core import ValidationError, stock
from stock_supply import AMOXICILLIN, KIT, supply_plugins

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def plugins(clinic):
    return supply_plugins(clinic)


@pytest.fixture
def lot(store):
    """20 amoxicillin capsules in lot A-1."""
    return stock.receive(store, AMOXICILLIN, 20, lot="A-1", expiry=dt.date(2027, 3, 31), location="Farmacia")


def refused(row_counts, action, *args, **kwargs) -> ValidationError:
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        action(*args, **kwargs)
    assert row_counts() == before
    return caught.value


def test_a_count_records_the_difference_with_the_books(store, lot):
    short = stock.count(store, lot.id, 17, note="conteo semanal")
    assert (short.kind, short.quantity, short.reason) == ("count", -3, "count: 17; conteo semanal")
    assert stock.lot_balance(store, lot.id).quantity == 17
    agreed = stock.count(store, lot.id, 17)
    assert agreed.quantity == 0  # the count itself stays on record
    assert [m.kind for m in stock.movements(store, lot.id)] == ["receive", "count", "count"]
    assert stock.on_hand(store, AMOXICILLIN, today=TODAY) == 17


@pytest.mark.parametrize("counted", [-1, 100_001, "7", None])
def test_a_count_outside_0_to_100000_is_refused(store, row_counts, lot, counted):
    error = refused(row_counts, stock.count, store, lot.id, counted)
    assert error.message("es") == "Cantidad contada: debe estar entre 0 y 100000."
    assert error.message("en") == "Counted quantity: must be between 0 and 100000."


def test_counting_an_unknown_lot_is_refused(store, row_counts):
    error = refused(row_counts, stock.count, store, "no-such-lot", 3)
    assert error.message("en") == "Lot: unknown code «no-such-lot»."


@pytest.mark.parametrize("reason", ["", "   ", "lost it"])
def test_an_adjustment_without_a_known_reason_is_refused(store, row_counts, lot, reason):
    error = refused(row_counts, stock.adjust, store, lot.id, -2, reason)
    assert error.message("es") == ("Motivo del ajuste: todo ajuste necesita un motivo; elija uno de: breakage, loss, "
                                   "expired, donation_out, transfer, correction, other.")
    assert error.message("en").startswith("Adjustment reason: every adjustment needs a reason; choose one of: ")
    assert stock.lot_balance(store, lot.id).quantity == 20


def test_other_needs_a_description(store, row_counts, lot):
    error = refused(row_counts, stock.adjust, store, lot.id, -1, "other")
    assert error.message("en") == "Reason detail: describe the reason (required when the reason is «other»)."
    movement = stock.adjust(store, lot.id, -1, "other", note="muestra para control de calidad")
    assert stock.reason_label(movement.reason, "es") == "Otro: muestra para control de calidad"


def test_an_adjustment_never_takes_a_lot_below_zero(store, row_counts, lot):
    error = refused(row_counts, stock.adjust, store, lot.id, -21, "loss")
    assert error.message("es") == ("Cantidad: el lote «A-1» tiene 20; no puede quedar por debajo de cero "
                                   "(se pidió -21).")
    assert error.message("en") == "Quantity: lot «A-1» holds 20; it cannot go below zero (-21 requested)."
    stock.adjust(store, lot.id, -20, "donation_out", note="Posta de Chinchero")
    assert stock.lot_balance(store, lot.id).quantity == 0


@pytest.mark.parametrize(("quantity", "key"), [(0, "adjust_zero"), (100_001, "out_of_range"), (1.5, "out_of_range"),
                                               (True, "out_of_range")])
def test_an_adjustment_needs_a_whole_non_zero_quantity(store, row_counts, lot, quantity, key):
    error = refused(row_counts, stock.adjust, store, lot.id, quantity, "correction")
    assert [e.key for e in error.errors] == [key]


def test_an_adjustment_is_a_ledger_line_with_its_reason(store, lot):
    broken = stock.adjust(store, lot.id, -2, "breakage", note="frasco roto")
    found = stock.adjust(store, lot.id, 1, "correction")
    assert [(m.kind, m.quantity) for m in stock.movements(store, lot.id)] == [
        ("receive", 20), ("adjust", -2), ("adjust", 1)]
    assert stock.reason_label(broken.reason, "en") == "Breakage or damage: frasco roto"
    assert stock.reason_label(found.reason, "es") == "Corrección de registro"
    assert stock.on_hand(store, AMOXICILLIN, today=TODAY) == 19
    assert store.audit(record_id=broken.id)[0]["table_name"] == "stock_movements"


def test_an_expired_lot_can_be_taken_off_the_shelf(store, encounter_free_kit=None):
    old = stock.receive(store, KIT, 4, expiry=dt.date(2026, 2, 1), today=dt.date(2026, 1, 1))
    stock.adjust(store, old.id, -4, "expired")
    assert stock.status(store, TODAY, only=KIT)[0].expired == 0
