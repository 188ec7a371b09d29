"""``ayni users add/list/disable``: the first user is an admin; afterwards only an admin, with their PIN."""

from __future__ import annotations

from click.testing import CliRunner

from ayni.core import open_store
from ayni.cli import main


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def test_users_add_list_disable(db_file):
    db = db_file
    result = run("--db", db, "users", "add", "Ana", "--role", "admin", input="1234\n1234\n")
    assert result.exit_code == 0, result.output
    assert "Usuario Ana creado con el rol administración" in result.output
    assert "control de acceso está activo" in result.output
    result = run("--db", db, "--user", "Ana", "users", "add", "Rosa", "--role", "triage", "--pin-stdin",
                 input="1234\n5678\n")
    assert result.exit_code == 0, result.output
    result = run("--db", db, "--user", "Ana", "--lang", "en", "users", "list", input="1234\n")
    assert result.exit_code == 0, result.output
    assert "Rosa" in result.output and "triage nurse" in result.output and "active" in result.output
    result = run("--db", db, "--user", "Ana", "users", "disable", "Rosa", input="1234\n")
    assert result.exit_code == 0 and "Rosa desactivado" in result.output
    store = open_store(db, user="Ana")
    assert store.db.execute("SELECT active FROM accounts JOIN users ON users.id = user_id WHERE name = 'Rosa'"
                            ).fetchone()[0] == 0
    assert "1234" not in " ".join(str(r) for r in store.db["accounts"].rows)
    store.close()


def test_pins_that_differ_or_a_non_admin_are_refused(db_file):
    db = db_file
    result = run("--db", db, "users", "add", "Ana", "--role", "admin", input="1234\n4321\n1234\n1234\n")
    assert result.exit_code == 0 and "no coinciden" in result.output  # asked again (in Spanish) until they match
    run("--db", db, "--user", "Ana", "users", "add", "Caja", "--role", "cashier", "--pin-stdin", input="1234\n5555\n")
    result = run("--db", db, "--user", "Caja", "--lang", "en", "users", "add", "Eve", "--role", "admin",
                 "--pin-stdin", input="5555\n9999\n")
    assert result.exit_code == 1
    assert "«manage users» needs the role admin; Caja has the role cashier" in result.output
    result = run("--db", db, "--user", "Ana", "users", "list", input="0000\n")
    assert result.exit_code == 1 and "PIN incorrecto para Ana" in result.output
    store = open_store(db, user="Ana")
    assert store.db.execute("SELECT count(*) FROM users WHERE name = 'Eve'").fetchone()[0] == 0
    store.close()
