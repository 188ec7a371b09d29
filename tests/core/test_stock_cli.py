"""``ayni stock list / receive / threshold / report``: every argument checked, refusals name the
argument and its range in Spanish or English, exit code 1 and nothing written."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from ayni.core import default_plugins, open_store, stock
from ayni.cli import main


def run(db, *args, lang="es"):
    return CliRunner().invoke(main, ["--db", str(db), "--lang", lang, *map(str, args)])


@pytest.fixture
def item():
    """The first item the installed plugins declare."""
    return next(iter({**default_plugins().equipment, **default_plugins().medicines}))


def lots(db) -> int:
    store = open_store(db, plugins=default_plugins())
    try:
        return store.db["stock_lots"].count
    finally:
        store.close()


def test_receive_then_list(db_file, item):
    db = db_file
    result = run(db, "stock", "receive", item, "25", "--lot", "L-7", "--expiry", "2099-12-31", "--location", "Caja 1")
    assert result.exit_code == 0, result.output
    assert "Recibido: 25 ×" in result.stdout and "Disponible ahora: 25." in result.stdout
    listed = run(db, "stock", "list", lang="en")
    assert listed.exit_code == 0, listed.output
    line = next(line for line in listed.stdout.splitlines() if f" {item} " in line)
    assert line.startswith("   ") and " 25 / 10" in line  # not low: no «!»
    assert "! low stock" in listed.stdout
    low = run(db, "stock", "list", "--low")
    assert f" {item} " not in low.stdout


@pytest.mark.parametrize(("args", "lang", "message"), [
    (["0"], "es", "Error: QUANTITY: debe estar entre 1 y 100000."),
    (["muchos"], "en", "Error: QUANTITY: must be between 1 and 100000."),
    (["5", "--expiry", "31/12/2027"], "es", "Error: --expiry: fecha no válida; use AAAA-MM-DD."),
    (["5", "--expiry", "2001-01-01"], "en", "Error: --expiry: the lot expired on 2001-01-01"),
    (["5", "--attr", "power"], "en", "Error: --attr: use name=value, e.g. power=+2.00."),
])
def test_receive_refusals_name_the_argument(db_file, item, args, lang, message):
    db = db_file
    result = run(db, "stock", "receive", item, *args, lang=lang)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert message in result.stderr
    assert lots(db) == 0 if db.exists() else True


def test_an_unknown_item_is_named(db_file):
    result = run(db_file, "stock", "receive", "nada.nada", "3", lang="en")
    assert result.exit_code == 1
    assert "ITEM: unknown code «nada.nada»." in result.stderr


def test_threshold(db_file, item):
    db = db_file
    assert run(db, "stock", "threshold", item, "3").exit_code == 0
    assert "THRESHOLD: debe estar entre 0 y 100000." in run(db, "stock", "threshold", item, "100001").stderr
    store = open_store(db, plugins=default_plugins())
    assert stock.thresholds(store)[item] == 3
    store.close()


@pytest.mark.parametrize(("args", "message"), [
    (["--days", "0"], "--days: debe estar entre 1 y 730."),
    (["--days", "x"], "--days: debe estar entre 1 y 730."),
    (["--from", "2026-13-01"], "--from: fecha no válida; use AAAA-MM-DD."),
    (["--from", "2026-02-01", "--to", "2026-01-01"], "--from: no puede ser posterior a 2026-01-01."),
    (["--to", "2999-01-01"], "--to: no puede ser una fecha futura"),
])
def test_report_refusals_name_the_argument(db_file, tmp_path, args, message):
    result = run(db_file, "stock", "report", *args, "-o", tmp_path / "r.pdf")
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_report_to_csv_and_pdf(db_file, tmp_path, item):
    db = db_file
    run(db, "stock", "receive", item, "4", "--expiry", "2099-01-01")
    result = run(db, "stock", "report", "--days", "90", "-o", tmp_path / "r.csv", lang="en")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["section", "code", "item"]
    assert ["on_hand", item] == rows[1][:2] and rows[1][3] == "4" and rows[1][-1] == "LOW"
    assert run(db, "stock", "report", "-o", tmp_path / "r.pdf").exit_code == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    bad = run(db, "stock", "report", "-o", tmp_path / "r.xlsx", lang="en")
    assert "-o/--output: the file must end in .pdf or .csv." in bad.stderr
