"""Stock: receive lots, dispense oldest expiry first, never below zero, never an expired lot; every
movement is a new ledger line, audited; medicines come from the ``ayni_formulary`` hook."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from ayni.core import EquipmentItem, Medicine, Text, ValidationError, hookimpl, load_plugins, open_store, stock
from ayni.core.clinical import encounters
from stock_supply import AMOXICILLIN, CRUTCHES, KIT, ORS, supply_plugins

TODAY = dt.date(2026, 11, 23)
BEFORE = dt.date(2026, 1, 1)


@pytest.fixture
def plugins(clinic):
    return supply_plugins(clinic)


@pytest.fixture
def encounter(store, campaign, patient):
    return encounters.open_encounter(store, patient.id, "clinic", "consult")


def test_formulary_medicines_and_equipment_are_one_inventory(store):
    items = stock.items(store)
    assert [(k, i.kind) for k, i in items.items()] == [
        (CRUTCHES, "equipment"), (KIT, "equipment"), (AMOXICILLIN, "medicine"), (ORS, "medicine")]
    assert items[AMOXICILLIN].label.get("es") == "Amoxicilina 500 mg (cápsula)"
    assert items[ORS].label.get("en") == "Oral rehydration salts 20,5 g (sachet)"


class _NetsPlugin:
    @hookimpl
    def ayni_equipment(self):
        """Bed nets, of a kind of their own."""
        return [EquipmentItem("nets.bed_net", Text("Mosquitero", "Bed net"), kind=Text("insumo", "supply"))]


def test_a_plugin_declares_the_kind_its_items_are_listed_as(tmp_path, clinic):
    store = open_store(tmp_path / "nets.db", user="tester",
                       plugins=load_plugins(builtins=(), entry_points=False, extra=[clinic, _NetsPlugin()]))
    try:
        net = stock.item(store, "nets.bed_net")
        assert (net.kind, net.kind_label) == ("supply", Text("insumo", "supply"))
    finally:
        store.close()
    assert stock.StockItem("x", Text("x", "x"), "equipment").kind_label == stock.KINDS["equipment"]


def test_a_medicine_needs_a_known_dosage_form():
    with pytest.raises(ValueError):
        Medicine("clinic.x", Text("X", "X"), "1 mg", "pill")


def test_dispensing_takes_the_lot_that_expires_first(store, encounter):
    undated = stock.receive(store, AMOXICILLIN, 5, lot="SIN-FECHA")
    later = stock.receive(store, AMOXICILLIN, 5, lot="L-2028", expiry=dt.date(2028, 1, 1))
    sooner = stock.receive(store, AMOXICILLIN, 5, lot="L-2027", expiry=dt.date(2027, 1, 1))
    movements = stock.dispense(store, encounter.id, AMOXICILLIN, 12, today=TODAY, reference="receta:1")
    assert [(m.lot_id, m.quantity) for m in movements] == [(sooner.id, -5), (later.id, -5), (undated.id, -2)]
    assert {m.reason for m in movements} == {"receta:1"}
    assert stock.on_hand(store, AMOXICILLIN, today=TODAY) == 3
    assert [(lot.lot, n) for lot, n in stock.dispensed(store, encounter.id)] == [
        ("L-2027", 5), ("L-2028", 5), ("SIN-FECHA", 2)]


@pytest.mark.parametrize("lang, text", [("es", "Cantidad: quedan 3 de «Amoxicilina 500 mg (cápsula)» sin vencer; "
                                                "se pidieron 4."),
                                        ("en", "Quantity: 3 of «Amoxicillin 500 mg (capsule)» left in date; "
                                               "4 requested.")])
def test_dispensing_more_than_is_left_is_refused_and_writes_nothing(store, encounter, row_counts, lang, text):
    stock.receive(store, AMOXICILLIN, 3, lot="L1", expiry=dt.date(2028, 1, 1))
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        stock.dispense(store, encounter.id, AMOXICILLIN, 4, today=TODAY)
    assert refused.value.message(lang) == text
    assert row_counts() == before
    assert stock.on_hand(store, AMOXICILLIN, today=TODAY) == 3


@pytest.mark.parametrize("lang, text", [("es", "todo el stock de «Botiquín» está vencido; no se puede entregar"),
                                        ("en", "all stock of «First-aid kit» is past its expiry date")])
def test_an_expired_lot_is_never_handed_out(store, encounter, row_counts, lang, text):
    stock.receive(store, KIT, 10, lot="OLD", expiry=dt.date(2026, 1, 31), today=BEFORE)
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        stock.dispense(store, encounter.id, KIT, 1, today=TODAY)
    assert text in refused.value.message(lang)
    assert row_counts() == before
    assert stock.on_hand(store, KIT, today=TODAY) == 0


def test_a_usable_lot_is_taken_even_when_an_older_one_expired(store, encounter):
    stock.receive(store, KIT, 10, lot="OLD", expiry=dt.date(2026, 1, 31), today=BEFORE)
    fresh = stock.receive(store, KIT, 2, lot="NEW", expiry=dt.date(2027, 6, 30), today=BEFORE)
    [movement] = stock.dispense(store, encounter.id, KIT, 2, today=TODAY)
    assert (movement.lot_id, movement.quantity) == (fresh.id, -2)
    with pytest.raises(ValidationError) as refused:
        stock.dispense(store, encounter.id, KIT, 1, today=TODAY)
    assert refused.value.errors[0].key == "expired_lot"


@pytest.mark.parametrize("lang, text", [
    ("es", "Vencimiento: el lote venció el 2026-11-22; no se recibe stock vencido (la fecha debe ser desde 2026-11-23)."),
    ("en", "Expiry: the lot expired on 2026-11-22; expired stock is not received (the date must be 2026-11-23 or later)."),
])
def test_receiving_an_expired_lot_is_refused_and_writes_nothing(store, row_counts, lang, text):
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        stock.receive(store, ORS, 10, lot="X", expiry=dt.date(2026, 11, 22), today=TODAY)
    assert refused.value.message(lang) == text
    assert row_counts() == before
    assert stock.receive(store, ORS, 10, expiry=TODAY, today=TODAY).expiry == TODAY  # expires today: still usable


def test_attributes_select_the_lot(store, encounter):
    stock.receive(store, CRUTCHES, 4, attributes={"size": "M"})
    stock.receive(store, CRUTCHES, 4, attributes={"size": "L"})
    stock.dispense(store, encounter.id, CRUTCHES, 1, attributes={"size": "L"}, today=TODAY)
    assert stock.on_hand(store, CRUTCHES, {"size": "L"}, today=TODAY) == 3
    assert stock.on_hand(store, CRUTCHES, {"size": "M"}, today=TODAY) == 4
    assert stock.on_hand(store, CRUTCHES, today=TODAY) == 7


@pytest.mark.parametrize("item, quantity, field", [("clinic.unknown", 1, "item"), (ORS, 0, "quantity"),
                                                   (ORS, -2, "quantity"), (ORS, True, "quantity"),
                                                   (ORS, 100_001, "quantity"), (ORS, 2.0, "quantity")])
def test_unknown_items_and_bad_quantities_are_refused(store, row_counts, item, quantity, field):
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        stock.receive(store, item, quantity)
    assert refused.value.fields() == {field}
    assert row_counts() == before


def test_every_problem_of_a_receipt_is_reported_together(store, row_counts):
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        stock.receive(store, "clinic.nothing", 0, lot="L" * 81, expiry=dt.date(2020, 1, 1), today=TODAY)
    assert refused.value.fields() == {"item", "quantity", "lot", "expiry"}
    assert "Lote: máximo 80 caracteres." in refused.value.message("es")
    assert row_counts() == before


def test_every_movement_is_recorded_audited_and_never_changed(store, encounter):
    lot = stock.receive(store, ORS, 2)
    stock.dispense(store, encounter.id, ORS, 2, today=TODAY)
    kinds = [m.kind for m in stock.movements(store, lot.id)]
    assert kinds == ["receive", "dispense"]
    assert [a["table_name"] for a in store.audit(user_id=store.user.id)][-3:] == [
        "stock_lots", "stock_movements", "stock_movements"]
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute("UPDATE stock_movements SET quantity = 100 WHERE lot_id = ?", [lot.id])
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        store.db.execute("DELETE FROM stock_movements WHERE lot_id = ?", [lot.id])
    assert stock.on_hand(store, ORS, today=TODAY) == 0
