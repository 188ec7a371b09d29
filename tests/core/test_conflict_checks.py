"""Marking what a merge listed as checked: ``ayni conflicts`` lists the unchecked ones with a code,
``ayni conflicts check CODE --note …`` appends a check beside the conflict (never changing it), and
``--all`` shows the checked ones with who checked them and why. Coordinators and admins only."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ayni.cli import main
from ayni.core import AccessDenied, ValidationError
from ayni.core.errors import WriteError
from ayni.core.people import patients, users
from ayni.core.storage.exchange import ExchangeError
from ayni.core.storage.merge import check_conflict, checks, code_of, listed, unchecked

from merging import counts, laptop, person, register, ship


@pytest.fixture
def corrected_on_both(tmp_path, plugins):
    """Laptop B holding one conflict: Rosa, corrected on A and on B, then A merged into B."""
    a, b = laptop(tmp_path, "A", plugins), laptop(tmp_path, "B", plugins)
    rosa = register(a, 1)
    ship(a, b, tmp_path, "first.ayni")
    patients.correct(a, rosa.id, {**person(1), "given_names": "Rosa"})
    patients.correct(b, rosa.id, {**person(1), "given_names": "Rosa Elena"})
    [conflict] = ship(a, b, tmp_path, "second.ayni").conflicts
    yield a, b, conflict
    a.close(), b.close()


def run(*args):
    return CliRunner().invoke(main, [str(x) for x in args])


def test_a_checked_conflict_leaves_the_default_list_and_keeps_its_note(corrected_on_both):
    a, b, conflict = corrected_on_both
    path = b.path
    b.close()
    listed_now = run("--db", path, "conflicts")
    assert listed_now.exit_code == 0 and f"[{code_of(conflict)}]" in listed_now.stdout
    checked = run("--db", path, "--user", "coordinadora", "conflicts", "check", code_of(conflict),
                  "--note", "Se llama Rosa Elena: lo confirmó su DNI")
    assert checked.exit_code == 0, checked.output
    assert f"Conflicto {code_of(conflict)} marcado como revisado." in checked.stdout
    after = run("--db", path, "conflicts")
    assert code_of(conflict) not in after.stdout and "Nada que revisar" in after.stdout
    assert "(1 ya revisado: " in after.stdout
    every = run("--db", path, "--lang", "en", "conflicts", "--all")
    assert f"[{code_of(conflict)}]" in every.stdout
    assert "checked by coordinadora on" in every.stdout and "lo confirmó su DNI" in every.stdout


def test_a_check_is_a_row_beside_the_conflict_audited_and_carried_to_other_laptops(corrected_on_both, tmp_path):
    a, b, conflict = corrected_on_both
    check = check_conflict(b, code_of(conflict), "visto")
    assert listed(b)[0] == [conflict] and unchecked(b) == []  # the conflict itself is unchanged
    assert [e["action"] for e in b.audit(record_id=check.id)] == ["insert"]
    with pytest.raises(WriteError, match="append-only"):
        with b.write():
            b.db.execute("UPDATE merge_checks SET note = 'otra cosa'")
    ship(b, a, tmp_path, "back.ayni")
    assert [c.note for c in checks(a)[conflict.id]] == ["visto"] and unchecked(a) == []


@pytest.mark.parametrize("code, note, refusal", [
    ("zzzzzzzz", "visto", "no hay ninguno con el código «zzzzzzzz»; ayni conflicts --all los lista"),
    ("ab", "visto", "no hay ninguno con el código «ab»"),
    (None, "  ", "Nota: es obligatorio."),
])
def test_a_bad_code_or_an_empty_note_is_refused_with_nothing_written(corrected_on_both, code, note, refusal):
    _, b, conflict = corrected_on_both
    before = counts(b)
    with pytest.raises((ExchangeError, ValidationError)) as refused:
        check_conflict(b, code or code_of(conflict), note)
    assert refusal in refused.value.message("es")
    assert counts(b) == before


def test_only_coordinators_and_admins_may_check(corrected_on_both, monkeypatch):
    monkeypatch.setattr(users, "SCRYPT_N", 2)
    _, b, conflict = corrected_on_both
    users.add(b, "admin", "admin", "1234")
    users.login(b, "admin", "1234")
    users.add(b, "caja", "cashier", "1234")
    users.login(b, "caja", "1234")
    before = counts(b)
    with pytest.raises(AccessDenied) as denied:
        check_conflict(b, code_of(conflict), "visto")
    assert "marcar como revisado lo que dejó una unión" in denied.value.message("es")
    assert counts(b) == before


def test_the_command_line_refuses_a_bad_code_in_one_clean_message(corrected_on_both):
    _, b, _ = corrected_on_both
    path = b.path
    b.close()
    result = run("--db", path, "--lang", "en", "conflicts", "check", "nothing", "--note", "x")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "Conflict: there is none with the code «nothing»" in result.output
