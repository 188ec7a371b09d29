"""The ``ayni`` command, driven through click's CliRunner against real temporary SQLite files."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from ayni.cli import main
from ayni.cli.setup import plugin_report
from ayni.core import load_plugins, open_store
from ayni.core.people import patients


def run(*args, env=None):
    """Invoke ``ayni`` with ``args``; the result has ``exit_code``, ``stdout`` and ``stderr``."""
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def assert_clean_failure(result, *fragments):
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for fragment in fragments:
        assert fragment in result.stderr


def test_init_creates_the_database_and_says_where(tmp_path):
    db = tmp_path / "campaign" / "ayni.db"
    result = run("--db", db, "init")
    assert result.exit_code == 0, result.output
    assert db.exists()
    assert str(db) in result.stdout
    assert "0 pacientes" in result.stdout


def test_environment_chooses_database_language_and_user(tmp_path):
    db = tmp_path / "env.db"
    result = run("init", env={"AYNI_DB": str(db), "AYNI_LANG": "en", "AYNI_USER": "Dra. Peña"})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Database ready")
    store = open_store(db, user="someone else")
    try:
        assert store.db["users"].count_where("name = ?", ["Dra. Peña"]) == 1
    finally:
        store.close()


def test_demo_if_empty_seeds_once(db_file):
    db = db_file
    first = run("--db", db, "demo", "--if-empty", "--patients", 12)
    assert first.exit_code == 0, first.output
    assert "Vilcashuamán" in first.stdout
    second = run("--db", db, "--lang", "en", "demo", "--if-empty")
    assert second.exit_code == 0, second.output
    assert "already has 12 patients" in second.stdout
    store = open_store(db)
    try:
        assert patients.count(store) == 12
    finally:
        store.close()


def test_demo_twice_without_if_empty_is_refused_cleanly(db_file):
    db = db_file
    assert run("--db", db, "demo", "--patients", 3).exit_code == 0
    result = run("--db", db, "demo", "--patients", 3)
    assert_clean_failure(result, "ya está en la base de datos")


def test_plugins_lists_general_with_its_forms_and_procedures():
    result = run("plugins")
    assert result.exit_code == 0, result.output
    general = next(line for line in result.stdout.splitlines() if "ayni.plugins.general" in line)
    assert "Medicina general" in general
    from ayni.plugins import general as plugin

    assert f"{len(plugin.ayni_forms())} formularios" in general


def test_plugin_report_shows_a_failed_plugin_beside_the_loaded_ones():
    plugins = load_plugins(builtins=("ayni.plugins.general", "ayni.plugins.does_not_exist"), entry_points=False)
    loaded, failed = plugin_report(plugins, "en")
    assert any(line.startswith("ayni.plugins.general: specialties general (General medicine)") for line in loaded)
    assert failed == [f"ayni.plugins.does_not_exist: {plugins.failures[0].error}"]
    assert "ModuleNotFoundError" in failed[0]


def _newer_database(path):
    store = open_store(path)
    store.db["_sqlite_migrations"].insert({"migration_set": "core", "name": "9999_from_the_future",
                                           "applied_at": "2030-01-01"})
    store.close()


@pytest.mark.parametrize("lang, expected", [
    ("es", "es de una versión más nueva de Ayni (core/9999_from_the_future)"),
    ("en", "comes from a newer version of Ayni (core/9999_from_the_future)"),
])
def test_newer_database_is_refused_with_a_clear_message(tmp_path, lang, expected):
    db = tmp_path / "newer.db"
    _newer_database(db)
    assert_clean_failure(run("--db", db, "--lang", lang, "init"), expected)


@pytest.mark.parametrize("lang, expected", [
    ("es", "no es una base de datos de Ayni válida o está dañado"),
    ("en", "is not a valid Ayni database or is damaged"),
])
def test_corrupt_file_is_refused_with_a_clear_message(tmp_path, lang, expected):
    db = tmp_path / "notes.txt"
    db.write_text("Lista de pacientes del lunes: Rosa, Juan, Teodora\n" * 50, encoding="utf-8")
    assert_clean_failure(run("--db", db, "--lang", lang, "init"), expected, str(db))
    assert db.read_text(encoding="utf-8").startswith("Lista de pacientes")  # left untouched


@pytest.mark.parametrize("lang, expected", [("es", "No se puede escribir en"), ("en", "Cannot write to")])
@pytest.mark.parametrize("where", ["proc", "under_a_file"])
def test_unwritable_path_is_refused_with_a_clear_message(tmp_path, lang, expected, where):
    if where == "proc":
        db = "/proc/x/ayni.db"
    else:
        (tmp_path / "a_file").write_text("not a directory")
        db = tmp_path / "a_file" / "ayni.db"
    assert_clean_failure(run("--db", db, "--lang", lang, "init"), expected, "--db")


@pytest.mark.parametrize("lang, expected", [("es", "no es una base de datos de Ayni válida"), ("en", "is not a valid Ayni")])
def test_tui_refuses_a_damaged_database_before_starting(tmp_path, lang, expected):
    db = tmp_path / "broken.db"
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert_clean_failure(run("--db", db, "--lang", lang, "tui"), expected)


def test_bad_patient_count_gets_clicks_usage_message(db_file):
    result = run("--db", db_file, "demo", "--patients", 0)
    assert result.exit_code == 2
    assert "Valor no válido para '--patients'" in result.stderr  # Click's own words, in Spanish


def test_bad_language_gets_clicks_usage_message():
    result = run("--lang", "fr", "plugins")
    assert result.exit_code == 2
    assert "Valor no válido para '--lang'" in result.stderr
    assert "«fr» no es un idioma disponible; elija uno de: es, en, qu." in result.stderr


@pytest.mark.parametrize("lang, expected", [
    ("es", "Atención: no hay ninguna atención «no-such-visit»; escriba la referencia que muestran la atención"),
    ("en", "Encounter: there is no encounter «no-such-visit»; give the reference the encounter and the history show"),
])
def test_pdf_of_an_unknown_visit_is_a_clear_error(db_file, tmp_path, lang, expected):
    out = tmp_path / "visit.pdf"
    result = run("--db", db_file, "--lang", lang, "pdf", "visit", "no-such-visit", "-o", out)
    assert_clean_failure(result, expected)
    assert not out.exists()


def test_pdf_of_a_demo_visit_is_written(db_file, tmp_path):
    pytest.importorskip("ayni.core.documents.pdf")
    db, out = db_file, tmp_path / "visit.pdf"
    assert run("--db", db, "demo", "--patients", 6).exit_code == 0
    store = open_store(db)
    try:
        encounter_id = store.db.execute("SELECT encounter_id FROM payments LIMIT 1").fetchone()[0]
    finally:
        store.close()
    result = run("--db", db, "pdf", "visit", encounter_id, "-o", out)
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout
    assert out.read_bytes().startswith(b"%PDF")


def test_pdf_to_an_unwritable_file_is_a_clear_error(db_file, tmp_path):
    pytest.importorskip("ayni.core.documents.pdf")
    db = db_file
    assert run("--db", db, "demo", "--patients", 4).exit_code == 0
    store = open_store(db)
    try:
        encounter_id = store.db.execute("SELECT encounter_id FROM payments LIMIT 1").fetchone()[0]
    finally:
        store.close()
    result = run("--db", db, "--lang", "en", "pdf", "visit", encounter_id, "-o", tmp_path / "missing" / "v.pdf")
    assert_clean_failure(result, "Cannot write", "v.pdf")


def _modules_after(*args: str) -> str:
    """What a fresh process running ``ayni args`` has imported: a line naming Textual, WeasyPrint and
    the plugins' packages (``ayni.plugins``) among them."""
    code = ("import sys; from click.testing import CliRunner; from ayni.cli import main; "
            f"r = CliRunner().invoke(main, {list(args)!r}); assert r.exit_code == 0, r.output; "
            "print(sorted({m.split('.')[0] if not m.startswith('ayni.') else '.'.join(m.split('.')[:2]) "
            "for m in sys.modules} & {'textual', 'weasyprint', 'ayni.plugins'}))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_help_imports_neither_textual_nor_weasyprint():
    assert _modules_after("--help") == "['ayni.plugins']"  # the plugins are asked for their commands


def test_a_built_in_command_does_not_wait_for_the_plugins():
    assert _modules_after("stock", "--help") == "[]"


def test_a_reader_that_went_away_ends_the_command_quietly(tmp_path):
    """``ayni stock list | head``: once the reader has closed the pipe there is no one to tell, so no
    «Broken pipe» message and no traceback reach the terminal."""
    db = tmp_path / "ayni.db"
    assert run("--db", db, "init").exit_code == 0
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before anything is written
    try:
        done = subprocess.run([sys.executable, "-c", "from ayni.cli import main; main()", "--db", str(db), "stock",
                               "list"], stdout=writer,
                              stderr=subprocess.PIPE, text=True, check=False)
    finally:
        os.close(writer)
    assert done.stderr == ""
    assert done.returncode == 1
