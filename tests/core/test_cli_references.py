"""Patients and encounters named on the command line as the screens show them: a patient by card
number (B-0001, b1, or 1), an encounter by the reference its screen and the history show (the first
characters of its id, any unambiguous start of at least four). Unknown or ambiguous is one clear
message naming the argument, with what it could be."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ayni.cli import main
from ayni.core import default_plugins, open_store
from ayni.core.clinical import encounters
from ayni.core.people import patients
from ayni.core.storage.devices import set_letter

SHARED_START = ("abcd1234-0000-4000-8000-000000000001", "abcd5678-0000-4000-8000-000000000002")


@pytest.fixture
def db(tmp_path, patient_form):
    """Laptop B: Rosa is B-0001, a second patient came from laptop C as C-0001; two encounters of
    Rosa's whose ids both start with «abcd»."""
    path = tmp_path / "b.db"
    store = open_store(path, user="tester", plugins=default_plugins())
    set_letter(store, "B")
    rosa = patients.register(store, patient_form())
    other = patients.register(store, patient_form(given_names="Juana", id_number="40000001"))
    store.db.execute("UPDATE patients SET device = 'C', number = 1 WHERE id = ?", [other.id])
    for new_id in SHARED_START:  # ids as random as any, only sharing their start
        opened = encounters.open_encounter(store, rosa.id, "general", "consultation")
        store.db.execute("UPDATE encounters SET id = ? WHERE id = ?", [new_id, opened.id])
    store.db.conn.commit()
    store.close()
    return path


def run(db, *args, lang="es"):
    return CliRunner().invoke(main, ["--db", str(db), "--lang", lang, "--user", "tester", *args])


@pytest.mark.parametrize(("command", "typed"), [
    ("history", "B-0001"), ("history", "b1"), ("history", "B 1"), ("history", "1"), ("history", " 1 "),
    ("visit", "abcd1234"), ("visit", "ABCD1"), ("visit", "#abcd1234"), ("visit", SHARED_START[0]),
])
def test_a_patient_by_card_number_and_an_encounter_by_reference(db, tmp_path, command, typed):
    """What the screens show: the card number; the encounter's reference, or an unambiguous start of it."""
    out = tmp_path / "out.pdf"
    result = run(db, "pdf", command, typed, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_digits_alone_that_fit_two_other_laptops_are_ambiguous(db, tmp_path):
    store = open_store(db, user="tester", plugins=default_plugins())
    store.db.execute("UPDATE patients SET device = 'A' WHERE device = 'B'")
    store.db.conn.commit()
    store.close()
    result = run(db, "pdf", "history", "1", "-o", tmp_path / "h.pdf")
    assert result.exit_code == 1
    assert "Paciente: «1» es el número de más de un paciente: A-0001, C-0001; escriba el número con su letra." \
        in result.output
    assert run(db, "pdf", "history", "C-0001", "-o", tmp_path / "h.pdf").exit_code == 0


def test_an_ambiguous_or_unknown_reference_is_one_clear_message(db, tmp_path):
    out = tmp_path / "v.pdf"
    both = run(db, "pdf", "visit", "abcd", "-o", out)
    assert both.exit_code == 1 and "Traceback" not in both.output
    assert "Atención: «abcd» es el comienzo de más de una atención: abcd1234, abcd5678; escriba más caracteres." \
        in both.output
    unknown = run(db, "pdf", "visit", "ffff", "-o", out, lang="en")
    assert "Encounter: there is no encounter «ffff»" in unknown.output
    too_short = run(db, "cashier", "pay", "abc")
    assert too_short.exit_code == 1 and "Atención: no hay ninguna atención «abc»" in too_short.output
    fhir = run(db, "fhir", "export", "--encounter", "abcd", str(tmp_path / "x.json"), lang="en")
    assert "--encounter: «abcd» is the start of more than one encounter" in fhir.output
    assert not out.exists() and not (tmp_path / "x.json").exists()


def test_the_encounter_screen_and_the_history_show_the_reference(db):
    from ayni.tui.screens.history import visit_lines
    from ayni.tui.text import tr

    store = open_store(db, user="tester", plugins=default_plugins())
    try:
        visit = encounters.get_encounter_record(store, SHARED_START[0])
        assert visit_lines(store, visit, "es", lambda key, **kw: tr(key, "es", **kw))[0] == "Atención ref. abcd1234"
    finally:
        store.close()
