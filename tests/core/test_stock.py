"""Stock: receive lots, dispense oldest expiry first, never below zero, never an expired lot."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core import default_plugins
from ayni.core import ValidationError, encounters, stock

ITEM = "general.ors"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def plugins():
    """The built-in plugins: their equipment and specialties are what stock and referrals move."""
    return default_plugins()


@pytest.fixture
def encounter(store, campaign, patient):
    return encounters.open_encounter(store, patient.id, "general", "consultation")


def test_dispensing_takes_the_lot_that_expires_first(store, encounter):
    later = stock.receive(store, ITEM, 5, lot="L-2028", expiry=dt.date(2028, 1, 1))
    sooner = stock.receive(store, ITEM, 5, lot="L-2027", expiry=dt.date(2027, 1, 1))
    movements = stock.dispense(store, encounter.id, ITEM, 7, today=TODAY)
    assert [(m.lot_id, m.quantity) for m in movements] == [(sooner.id, -5), (later.id, -2)]
    assert stock.on_hand(store, ITEM, today=TODAY) == 3
    assert [(lot.lot, n) for lot, n in stock.dispensed(store, encounter.id)] == [("L-2027", 5), ("L-2028", 2)]


@pytest.mark.parametrize("lang, text", [("es", "quedan 3"), ("en", "3 of")])
def test_dispensing_more_than_is_left_is_refused_and_writes_nothing(store, encounter, row_counts, lang, text):
    stock.receive(store, ITEM, 3, lot="L1", expiry=dt.date(2028, 1, 1))
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        stock.dispense(store, encounter.id, ITEM, 4, today=TODAY)
    assert text in refused.value.message(lang)
    assert row_counts() == before
    assert stock.on_hand(store, ITEM, today=TODAY) == 3


def test_an_expired_lot_is_never_handed_out(store, encounter, row_counts):
    stock.receive(store, ITEM, 10, lot="OLD", expiry=dt.date(2026, 1, 31))
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        stock.dispense(store, encounter.id, ITEM, 1, today=TODAY)
    assert "vencido" in refused.value.message("es")
    assert row_counts() == before
    assert stock.on_hand(store, ITEM, today=TODAY) == 0


def test_attributes_select_the_lot(store, encounter):
    stock.receive(store, "optometry.readers", 4, attributes={"power": "+1.50"})
    stock.receive(store, "optometry.readers", 4, attributes={"power": "+2.50"})
    stock.dispense(store, encounter.id, "optometry.readers", 1, attributes={"power": "+2.50"}, today=TODAY)
    assert stock.on_hand(store, "optometry.readers", {"power": "+2.50"}, today=TODAY) == 3
    assert stock.on_hand(store, "optometry.readers", {"power": "+1.50"}, today=TODAY) == 4


@pytest.mark.parametrize("item, quantity", [("general.unknown", 1), (ITEM, 0), (ITEM, -2), (ITEM, True)])
def test_unknown_items_and_bad_quantities_are_refused(store, row_counts, item, quantity):
    before = row_counts()
    with pytest.raises(ValidationError):
        stock.receive(store, item, quantity)
    assert row_counts() == before


def test_every_movement_is_recorded_and_audited(store, encounter):
    lot = stock.receive(store, ITEM, 2)
    stock.dispense(store, encounter.id, ITEM, 2, today=TODAY)
    kinds = [r["kind"] for r in store.db["stock_movements"].rows_where("lot_id = ?", [lot.id], order_by="rowid")]
    assert kinds == ["receive", "dispense"]
    assert [a["table_name"] for a in store.audit(user_id=store.user.id)][-3:] == [
        "stock_lots", "stock_movements", "stock_movements"]
