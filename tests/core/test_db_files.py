"""The database file on a real disk: saves that survive a power cut, missing or empty files that are
refused instead of becoming a new empty campaign, and a full disk that loses nothing and leaves no
half-written output."""

from __future__ import annotations

import os
import sqlite3

import pytest
from click.testing import CliRunner

from ayni.cli import main
from ayni.core import StoreError, open_store
from ayni.core.documents.files import OutputError, write_file
from ayni.core.people import patients
from ayni.core.storage.store import check_file


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_every_connection_syncs_fully_so_a_power_cut_keeps_what_was_saved(store, tmp_path):
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    again = open_store(store.path, plugins=store.plugins)
    assert again.db.execute("PRAGMA synchronous").fetchone()[0] == 2
    again.close()


def test_the_api_creates_by_default_and_refuses_when_asked_not_to(tmp_path, plugins):
    created = open_store(tmp_path / "new" / "a.db", plugins=plugins)
    created.close()
    assert (tmp_path / "new" / "a.db").stat().st_size > 0
    (tmp_path / "empty.db").touch()
    for path, key, fragment in ((tmp_path / "usb" / "a.db", "db_no_folder", str(tmp_path / "usb")),
                                (tmp_path / "missing.db", "db_missing", "ayni init"),
                                (tmp_path / "empty.db", "db_empty", "0 bytes")):
        with pytest.raises(StoreError) as caught:
            open_store(path, plugins=plugins, create=False)
        assert caught.value.key == key
        assert str(path) in caught.value.message("es") and fragment in caught.value.message("en")
        assert "ayni init" in caught.value.message("es")
    assert not (tmp_path / "usb").exists() and not (tmp_path / "missing.db").exists()
    assert (tmp_path / "empty.db").stat().st_size == 0


#: Every command that opens the database, with arguments that are otherwise fine.
COMMANDS = [
    ("demo",), ("tui",), ("serve",), ("users", "list"), ("backup", "copia.db"), ("stock", "list"),
    ("stock", "report", "-o", "s.csv"), ("cashier", "close-day", "--counted", "0"),
    ("pdf", "visit", "x", "-o", "v.pdf"), ("pdf", "history", "1", "-o", "h.pdf"), ("pdf", "day", "2026-11-21", "-o", "d.pdf"),
    ("pdf", "partner-letter", "-o", "l.pdf"), ("report", "day", "-o", "r.pdf"), ("report", "final", "-o", "f.pdf"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
@pytest.mark.parametrize("where", ["missing_folder", "missing_file", "empty_file"])
def test_only_init_creates_a_database(tmp_path, monkeypatch, args, where):
    monkeypatch.chdir(tmp_path)
    db = {"missing_folder": tmp_path / "usb" / "ayni.db", "missing_file": tmp_path / "ayni.db",
          "empty_file": tmp_path / "ayni.db"}[where]
    if where == "empty_file":
        db.touch()
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run("--db", db, "--lang", "en", *args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and str(db) in result.stderr and "ayni init" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing created, the empty file left as it was
    assert not db.exists() or db.stat().st_size == 0


def test_init_makes_a_database_of_an_empty_file_and_then_the_rest_work(tmp_path):
    db = tmp_path / "ayni.db"
    db.touch()
    assert run("--db", db, "init").exit_code == 0
    check_file(db)  # now a database
    assert run("--db", db, "demo", "--patients", 3).exit_code == 0


def test_a_bad_date_is_refused_before_anything_is_created(tmp_path):
    db = tmp_path / "fresh.db"
    result = run("--db", db, "report", "day", "2026-13-01", "-o", tmp_path / "r.pdf")
    assert result.exit_code == 1 and "2026-13-01" in result.stderr
    assert list(tmp_path.iterdir()) == []


# -- a full disk ----------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path, tmpfs):
    """A 4 MiB disk of its own, in a fresh folder."""
    return tmpfs(tmp_path / "small")


def test_a_full_disk_is_a_clear_error_and_the_database_keeps_every_record(small_disk, fill_disk, plugins, patient_form):
    store = open_store(small_disk / "ayni.db", user="tester", plugins=plugins)
    kept = patients.register(store, patient_form())
    fill_disk(small_disk)
    refused = 0
    for n in range(30):  # until the disk refuses (the WAL may have room for a few)
        try:
            patients.register(store, patient_form(id_number=f"{10000000 + n}", given_names=f"Nueva {n}"))
        except StoreError as error:
            assert error.key == "disk_full"
            assert str(store.path) in error.message("es") and "disco" in error.message("es")
            assert "disk" in error.message("en") and "nothing" in error.message("en")
            refused += 1
            break
    assert refused == 1
    saved = patients.count(store)
    store.close()
    (small_disk / "filler").unlink()
    conn = sqlite3.connect(small_disk / "ayni.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM patients").fetchone()[0] == saved
    assert conn.execute("SELECT count(*) FROM patients WHERE id = ?", [kept.id]).fetchone()[0] == 1
    conn.close()


def test_a_full_disk_leaves_no_half_written_pdf(small_disk, fill_disk, tmp_path):
    (small_disk / "visita.pdf").write_bytes(b"%PDF-1.7 the earlier copy")
    fill_disk(small_disk)
    with pytest.raises(OutputError) as caught:
        write_file(small_disk / "visita.pdf", b"%PDF-1.7" + os.urandom(512 * 1024))
    assert caught.value.key == "file_disk_full"
    assert str(small_disk / "visita.pdf") in caught.value.message("es") and "lleno" in caught.value.message("es")
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "visita.pdf"]  # no partial file
    assert (small_disk / "visita.pdf").read_bytes() == b"%PDF-1.7 the earlier copy"  # the old one untouched


def test_a_cli_pdf_onto_a_full_disk_is_one_clean_message(small_disk, fill_disk, db_file):
    pytest.importorskip("ayni.core.documents.pdf")
    assert run("--db", db_file, "demo", "--patients", 3).exit_code == 0
    fill_disk(small_disk)
    result = run("--db", db_file, "--lang", "en", "report", "final", "-o", small_disk / "final.pdf")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "The disk is full" in result.stderr and str(small_disk / "final.pdf") in result.stderr
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


def test_write_file_replaces_whole_and_cleans_up_on_any_error(tmp_path):
    target = tmp_path / "informe.csv"
    write_file(target, "día;pacientes\n")
    assert target.read_text(encoding="utf-8") == "día;pacientes\n" and oct(target.stat().st_mode)[-3:] == "644"
    with pytest.raises(TypeError):
        write_file(target, 123)  # not bytes: refused before anything is replaced
    with pytest.raises(OutputError) as caught:
        write_file(tmp_path / "no-such-folder" / "x.pdf", b"%PDF")
    assert caught.value.key == "file_unwritable" and "no-such-folder" in caught.value.message("en")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["informe.csv"]
    assert target.read_text(encoding="utf-8") == "día;pacientes\n"
