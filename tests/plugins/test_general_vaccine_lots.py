"""The vaccines are stock items: the lots that can be given today are offered (not expired, with doses
on hand, nearest expiry first), a dose given is taken from its lot once when the encounter closes (an
expired or empty lot refuses the close), stock lists them as vaccines, and every example a refusal
prints uses a lot still in date."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ayni.core import EncounterStatus, Text, ValidationError, stock, validate_form
from ayni.core.clinical import encounters
from ayni.core.dates import today_in_lima
from ayni.plugins.general import vaccines
from ayni.plugins.general.forms import VACCINATION


@pytest.fixture
def today():
    return today_in_lima()


@pytest.fixture
def lots(store, today):
    """Penta lots: one expiring in a year, one in a month, one emptied; a rotavirus lot in two months;
    and one that expired yesterday (received while it was in date)."""
    later = stock.receive(store, "general.vaccine_penta", 40, lot="P-LATE", expiry=today + dt.timedelta(days=365))
    soon = stock.receive(store, "general.vaccine_penta", 10, lot="P-SOON", expiry=today + dt.timedelta(days=30))
    empty = stock.receive(store, "general.vaccine_penta", 2, lot="P-EMPTY", expiry=today + dt.timedelta(days=10))
    stock.adjust(store, empty.id, -2, "breakage")
    rota = stock.receive(store, "general.vaccine_rota", 20, lot="R-88", expiry=today + dt.timedelta(days=60))
    yesterday = today - dt.timedelta(days=1)
    expired = stock.receive(store, "general.vaccine_bcg", 5, lot="B-OLD", expiry=yesterday,
                            today=yesterday - dt.timedelta(days=30))
    return {"later": later, "soon": soon, "rota": rota, "expired": expired}


def test_the_lots_offered_are_in_date_with_doses_on_hand_nearest_expiry_first(store, lots, today):
    offered = vaccines.lots_in_stock(store, today)
    assert [(vaccine.key, balance.lot.lot, balance.quantity) for vaccine, balance in offered] == [
        ("penta", "P-SOON", 10), ("rota", "R-88", 20), ("penta", "P-LATE", 40)]


def test_an_expired_lot_is_not_offered_even_with_doses_left(store, lots, today):
    assert stock.lot_balance(store, lots["expired"].id).quantity == 5
    assert "B-OLD" not in {balance.lot.lot for _, balance in vaccines.lots_in_stock(store, today)}


def test_each_vaccine_is_a_stock_item(store):
    assert {v.item_key for v in vaccines.VACCINES} <= set(stock.items(store))
    assert stock.item(store, "general.vaccine_penta").label.es == "Vacuna Pentavalente (DPT-HvB-Hib)"


def _examples(text: str) -> list[dt.date]:
    return [dt.date.fromisoformat(d) for d in re.findall(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text)]


@pytest.mark.parametrize("line", ["spr 1 L1 bd", "spr 1 2030-01-01 bd"])
def test_the_example_a_refusal_prints_uses_a_lot_in_date(line, today):
    with pytest.raises(ValidationError) as refused:
        validate_form(VACCINATION, {"doses": line})
    for lang in ("es", "en"):
        shown = [d for d in _examples(refused.value.message(lang)) if d.year != 2030]
        assert shown and all(day > today for day in shown), refused.value.message(lang)


def test_the_field_help_prints_no_dated_example():
    field = VACCINATION.field("doses")
    assert _examples(field.help.es) == [] and _examples(field.help.en) == []


def _close_with_dose(store, patient, lot: str, expiry: dt.date):
    encounter = encounters.open_encounter(store, patient.id, "general", "vaccination")
    encounters.save(store, encounter.id, forms={"general.vaccination": {
        "doses": f"penta 2 {lot} {expiry.isoformat()} mi"}})
    return encounter, lambda: encounters.close(store, encounter.id)


def test_a_dose_given_is_taken_from_its_lot_once(store, patient, lots, today):
    encounter, close = _close_with_dose(store, patient, "P-LATE", today + dt.timedelta(days=365))
    close()
    assert stock.lot_balance(store, lots["later"].id).quantity == 39  # the lot given, not the one expiring first
    assert stock.lot_balance(store, lots["soon"].id).quantity == 10
    assert [(lot.lot, n) for lot, n in stock.dispensed(store, encounter.id)] == [("P-LATE", 1)]
    visit = encounters.get_encounter_record(store, encounter.id)
    store.plugins.hook.ayni_encounter_closing(store=store, visit=visit)  # run again: nothing more is taken
    assert stock.handed_out(store, encounter.id, "general.vaccine_penta") == 1


@pytest.mark.parametrize(("lot", "es"), [
    ("B-OLD", "está vencido; no se puede entregar"),
    ("P-EMPTY", "quedan 0 de «Vacuna Pentavalente (DPT-HvB-Hib), lote P-EMPTY» sin vencer; se pidieron 1."),
    ("NOT-RECEIVED", "quedan 0 de «Vacuna Pentavalente (DPT-HvB-Hib), lote NOT-RECEIVED» sin vencer"),
])
def test_a_dose_from_an_expired_or_empty_lot_refuses_the_close(store, patient, lots, today, lot, es, row_counts):
    if lot == "B-OLD":  # the BCG lot, typed as a penta dose with a later expiry than the stock's
        stock.receive(store, "general.vaccine_penta", 3, lot="B-OLD", expiry=today - dt.timedelta(days=1),
                      today=today - dt.timedelta(days=30))
    encounter, close = _close_with_dose(store, patient, lot, today + dt.timedelta(days=200))
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        close()
    assert es in refused.value.message("es")
    assert row_counts() == before
    assert encounters.get_encounter_record(store, encounter.id).encounter.status == EncounterStatus.OPEN


def test_vaccines_are_listed_as_vaccines(store):
    assert stock.item(store, "general.vaccine_penta").kind_label == Text("vacuna", "vaccine")
    assert stock.item(store, "general.amoxicillin_500").kind_label.es == "medicamento"
