"""``ayni cashier close-day``: the counted cash against what the day's payments expect; refusals name
the argument in Spanish or English and write nothing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from ayni.cli import main
from ayni.core import default_plugins, open_store
from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.money import cashier
from ayni.core.people import patients


def run(db, *args, lang="es", input=None):
    return CliRunner().invoke(main, ["--db", str(db), "--lang", lang, *map(str, args)], input=input)


@pytest.fixture
def db(tmp_path, patient_form):
    """A database with one encounter paid in full, in cash (the first general procedure with a fee)."""
    path = tmp_path / "a.db"
    store = open_store(path, user="caja", plugins=default_plugins())
    rosa = patients.register(store, patient_form())
    code = next(p for p in store.plugins.procedures_of("general") if p.fee > 0)
    e = encounters.open_encounter(store, rosa.id, "general", "consultation")
    encounters.save(store, e.id, procedures=[ProcedureEntry(code.code)])
    cashier.pay(store, e.id, "full")
    store.close()
    return path


def closings(db) -> int:
    store = open_store(db, plugins=default_plugins())
    try:
        return store.db["day_closes"].count
    finally:
        store.close()


def test_close_day_prints_the_difference_and_the_pdf(db, tmp_path):
    store = open_store(db, plugins=default_plugins())
    expected = cashier.day_summary(store).expected
    store.close()
    result = run(db, "cashier", "close-day", "--counted", f"{expected - 1:.2f}", "--note", "vuelto", "-o", tmp_path / "c.pdf")
    assert result.exit_code == 0, result.output
    assert "diferencia −S/ 1.00 (faltante)" in result.stdout
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "c.pdf").pages)
    assert "Cierre de caja" in text and "Rosa" not in text  # a full payment is no reduction
    assert closings(db) == 1


@pytest.mark.parametrize(("args", "lang", "message"), [
    (["--counted", "-3"], "es", "--counted: no puede ser negativo (mínimo S/ 0.00)."),
    (["--counted", "-3"], "en", "--counted: cannot be negative (minimum S/ 0.00)."),
    (["--counted", "mucho"], "en", "--counted: invalid amount in soles, e.g. 12.50."),
    (["--counted", "5", "--date", "2999-01-01"], "es", "--date: no puede ser una fecha futura"),
    (["--counted", "5", "--date", "ayer"], "en", "--date: invalid date; use YYYY-MM-DD."),
])
def test_close_day_refusals_name_the_argument(db, args, lang, message):
    result = run(db, "cashier", "close-day", *args, lang=lang)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert message in result.stderr
    assert closings(db) == 0


def test_a_shortfall_without_a_note_is_refused_naming_it(db):
    result = run(db, "cashier", "close-day", "--counted", "0", lang="en")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "--note: the cash is S/ " in result.stderr and "short (counted S/ 0.00, expected S/ " in result.stderr
    assert closings(db) == 0


def _waiting_encounter(db) -> str:
    store = open_store(db, user="caja", plugins=default_plugins())
    try:
        [rosa] = patients.search(store, "Rosa")
        code = next(p for p in store.plugins.procedures_of("general") if p.fee > 0)
        e = encounters.open_encounter(store, rosa.id, "general", "consultation")
        encounters.save(store, e.id, procedures=[ProcedureEntry(code.code)])
        return e.id
    finally:
        store.close()


def test_encounters_waiting_for_payment_are_listed_and_the_close_asks_to_confirm(db):
    _waiting_encounter(db)
    counted = ["--counted", "10", "--note", "ok"]
    declined = run(db, "cashier", "close-day", *counted, input="n\n")
    assert declined.exit_code == 1
    assert "Espera pago 1 atención de este día:\n  1 Rosa Elena Núñez Quispe — Medicina general, Consultorio\n" in declined.stderr
    assert "¿Cerrar la caja igual?" in declined.stderr and "La caja no se cerró" in declined.stderr
    assert closings(db) == 0
    confirmed = run(db, "cashier", "close-day", *counted, input="y\n")
    assert confirmed.exit_code == 0, confirmed.output
    assert run(db, "cashier", "close-day", *counted, "--yes").exit_code == 0  # a recount, without asking
    assert closings(db) == 2


def test_a_payment_after_the_close_says_it_counts_in_the_next_days_cash(db):
    late = _waiting_encounter(db)
    assert run(db, "cashier", "close-day", "--counted", "999", "--yes").exit_code == 0
    result = run(db, "cashier", "pay", late)
    assert result.exit_code == 0, result.output
    assert "ya está cerrada; este pago queda en la caja del " in result.stdout
