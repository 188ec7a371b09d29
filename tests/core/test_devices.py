"""Device letters: each laptop numbers patients and receipts with its own letter, so two laptops
never give the same number; a laptop without a letter numbers 1, 2, 3 … as before."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ayni.cli import main
from ayni.core import ValidationError, open_store
from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.money import payments
from ayni.core.money.payments import receipt_of
from ayni.core.people import patients
from ayni.core.storage.devices import check_letter, parse_number, set_letter, this_device


def person(n: int) -> dict:
    return {"given_names": f"Persona {n}", "paternal_surname": "Quispe", "maternal_surname": "Mamani", "sex": "F",
            "birth_date": "1980-01-01", "id_kind": "none", "id_number": ""}


def test_a_new_database_has_a_device_and_no_letter(store):
    device = this_device(store.db)
    assert len(device.id) == 36 and device.letter == ""
    first, second = patients.register(store, person(1)), patients.register(store, person(2))
    assert (first.card_number, second.card_number) == ("1", "2")


def test_with_a_letter_numbers_carry_it_and_continue_the_sequence(store):
    before = patients.register(store, person(1))
    set_letter(store, "b")
    after = patients.register(store, person(2))
    assert before.card_number == "1"  # a number already on a card stays as it is
    assert (after.device, after.number, after.card_number) == ("B", 2, "B-0002")
    assert patients.get(store, after.id).card_number == "B-0002"
    entries = [e for e in store.audit() if e["table_name"] == "devices"]
    assert entries and '"letter": "B"' in entries[-1]["data"]


def test_a_correction_keeps_the_number_and_its_letter(store):
    set_letter(store, "C")
    rosa = patients.register(store, person(1))
    corrected = patients.correct(store, rosa.id, {**person(1), "given_names": "Rosa"})
    assert corrected.card_number == "C-0001"


@pytest.mark.parametrize("typed", ["B-0042", "b42", "B 42", " b-42 "])
def test_a_number_is_found_however_it_is_typed(store, typed):
    set_letter(store, "B")
    for n in range(1, 43):
        patients.register(store, person(n))
    [found] = patients.by_number(store, typed)
    assert found.card_number == "B-0042"
    assert patients.search(store, typed)[0].card_number == "B-0042"


def test_digits_alone_find_the_number_written_so_first(store):
    old = patients.register(store, person(1))  # number 1, without a letter
    set_letter(store, "A")
    store.db["patients"].insert({**store.row("patients", old.id), "id": "other-laptop", "device": "Z"})
    assert [p.card_number for p in patients.by_number(store, "1")] == ["1", "Z-0001"]
    assert patients.register(store, person(2)).card_number == "A-0002"  # never a number typed so far
    store.db["patients"].insert({**store.row("patients", old.id), "id": "third", "device": "Y", "number": 2})
    assert [p.card_number for p in patients.by_number(store, "2")] == ["A-0002", "Y-0002"]
    assert parse_number("hola") is None and patients.by_number(store, "hola") == []


@pytest.mark.parametrize("raw", ["", "1", "ABC", "Ñ", "A-", "a b"])
def test_a_bad_letter_is_refused_naming_the_option(raw):
    with pytest.raises(ValidationError) as refused:
        check_letter(raw)
    assert "--device" in refused.value.message("es") and "de la A a la Z" in refused.value.message("es")
    assert "from A to Z" in refused.value.message("en")


def test_receipts_carry_the_letter(store, campaign, patient):
    set_letter(store, "B")
    visit = encounters.open_encounter(store, patient.id, "clinic", "consult")
    encounters.save(store, visit.id, procedures=[ProcedureEntry("clinic.consult")])
    receipt = receipt_of(store, payments.record(store, visit.id, "full").id)
    assert (receipt.device, receipt.number, receipt.card_number) == ("B", 1, "B-000001")


def test_init_with_a_device_letter(tmp_path):
    db = tmp_path / "b.db"
    result = CliRunner().invoke(main, ["--db", str(db), "init", "--device", "b"])
    assert result.exit_code == 0, result.output
    assert "Este equipo es el «B»" in result.stdout
    again = CliRunner().invoke(main, ["--db", str(db), "--lang", "en", "init"])  # init still takes no letter
    assert again.exit_code == 0 and "This laptop is «B»" in again.stdout
    store = open_store(db)
    try:
        assert patients.register(store, person(1)).card_number == "B-0001"
    finally:
        store.close()


def test_init_without_a_letter_says_how_to_give_one(tmp_path):
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "a.db"), "init"])
    assert result.exit_code == 0
    assert "init --device B" in result.stdout


def test_init_with_a_bad_letter_makes_no_file(tmp_path):
    db = tmp_path / "x.db"
    result = CliRunner().invoke(main, ["--db", str(db), "init", "--device", "12"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "--device" in result.stderr
    assert not db.exists()
