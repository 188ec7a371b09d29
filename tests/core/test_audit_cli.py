"""``ayni audit verify``: exit 0 and the number of rows when the chain is whole, exit 1 and the broken
row when not; with access control, only those who may read the audit log."""

from __future__ import annotations

from click.testing import CliRunner

from ayni.cli import main
from ayni.core import open_store
from ayni.core.people import patients


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def registered(db, patient_form, n=3) -> int:
    store = open_store(db, user="tester")
    for k in range(n):
        patients.register(store, patient_form(given_names=f"Persona {k}", id_kind="none", id_number=""))
    rows = store.db["audit_log"].count
    store.close()
    return rows


def test_a_whole_log_exits_0_and_says_how_many_rows(tmp_path, patient_form):
    db = tmp_path / "c.db"
    rows = registered(db, patient_form)
    result = run("--db", db, "--user", "tester", "audit", "verify")
    assert result.exit_code == 0, result.output
    assert f"Registro de auditoría íntegro: {rows} filas verificadas" in result.output


def test_a_broken_log_exits_1_naming_the_row(tmp_path, patient_form):
    db = tmp_path / "c.db"
    registered(db, patient_form)
    store = open_store(db, user="tester")
    store.db.execute("DROP TRIGGER audit_log_append_only")
    store.db.execute("UPDATE audit_log SET user_id = 'mallory' WHERE id = 2")
    store.db.conn.commit()
    store.close()
    result = run("--db", db, "--user", "tester", "--lang", "en", "audit", "verify")
    assert result.exit_code == 1
    assert "Audit log BROKEN at row #2" in result.output and "changed after it was written" in result.output
    assert "Traceback" not in result.output


def test_with_access_control_only_who_may_read_the_log_verifies_it(tmp_path):
    db = tmp_path / "c.db"
    assert run("--db", db, "init").exit_code == 0
    run("--db", db, "users", "add", "Ana", "--role", "admin", "--pin-stdin", input="1234\n")
    run("--db", db, "--user", "Ana", "users", "add", "Rosa", "--role", "triage", "--pin-stdin", input="1234\n5678\n")
    refused = run("--db", db, "--user", "Rosa", "--lang", "en", "audit", "verify", input="5678\n")
    assert refused.exit_code == 1 and "read the audit log" in refused.output
    allowed = run("--db", db, "--user", "Ana", "--lang", "en", "audit", "verify", input="1234\n")
    assert allowed.exit_code == 0 and "Audit log whole" in allowed.output, allowed.output
