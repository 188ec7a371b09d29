"""Backups made while the database is open, verified, and brought back without losing a record;
bad or newer files are refused and the replaced database is always kept."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import sqlite3
import threading

import pytest
from click.testing import CliRunner

from ayni.cli import main
from ayni.core import StoreError, open_store
from ayni.core.clinical import encounters
from ayni.core.people import patients
from ayni.core.people import users as accounts
from ayni.core.storage import backup as backups


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


@pytest.fixture
def seen(store, campaign, patient):
    """A closed consultation with a form, so there is something in every main table."""
    encounter = encounters.open_encounter(store, patient.id, "clinic", "consult")
    encounters.save(store, encounter.id, forms={"clinic.note": {"complaint": "Tos"}})
    encounters.close(store, encounter.id)
    return encounter


def test_backup_to_a_folder_is_timestamped_verified_and_self_contained(store, seen, tmp_path, row_counts):
    now = dt.datetime(2026, 5, 14, 20, 30, 5, tzinfo=dt.timezone.utc)
    (tmp_path / "copias").mkdir()  # an existing folder (or a path ending in /) gets a timestamped name
    copy = backups.backup(store.path, tmp_path / "copias", now=now)  # the store stays open meanwhile
    assert copy.path == tmp_path / "copias" / "ayni-2026-05-14_1530-05.db"  # Lima time
    assert backups.backup(store.path, tmp_path / "copias", now=now).path.name == "ayni-2026-05-14_1530-05+1.db"
    live = {k: v for k, v in row_counts().items() if not k.startswith("sqlite_")}
    assert {k: copy.counts[k] for k in live} == live and live["encounters"] == 1
    conn = sqlite3.connect(copy.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert not list((tmp_path / "copias").glob("*.partial"))


def test_restore_brings_back_every_record_and_keeps_the_replaced_one(store, seen, tmp_path, patient_form, plugins):
    copy = backups.backup(store.path, tmp_path / "copy.db")
    before = {t: [tuple(r) for r in store.db.execute(f"SELECT * FROM [{t}] ORDER BY rowid")]
              for t in ("patients", "encounters", "form_data", "audit_log", "users")}
    later = patients.register(store, patient_form(given_names="Luz", id_number="77776666"))
    done = backups.restore(copy.path, store.path, plugins)
    assert done.kept == store.path.with_name(store.path.name + ".before-restore")
    after = {t: [tuple(r) for r in store.db.execute(f"SELECT * FROM [{t}] ORDER BY rowid")] for t in before}
    assert after == before  # every record, and the open connection sees them
    assert store.row("patients", later.id) is None
    kept = sqlite3.connect(done.kept)
    assert kept.execute("SELECT count(*) FROM patients WHERE id = ?", [later.id]).fetchone()[0] == 1
    kept.close()
    again = backups.restore(copy.path, store.path, plugins)
    assert again.kept.name.endswith(".before-restore.1")  # an earlier kept copy is never overwritten


def test_restore_refuses_what_is_not_an_ayni_database(store, tmp_path, plugins, row_counts):
    junk = tmp_path / "notes.db"
    junk.write_text("not a database")
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).execute("CREATE TABLE t (x)").connection.close()
    before = row_counts()
    for bad, fragment in ((junk, "file is not a database"), (empty, "missing tables"),
                          (tmp_path / "missing.db", "does not exist")):
        with pytest.raises(backups.BackupError) as caught:
            backups.restore(bad, store.path, plugins)
        assert "no es una base de datos de Ayni válida" in caught.value.message("es")
        assert fragment in caught.value.message("en")
    assert row_counts() == before
    assert not list(tmp_path.glob("*.before-restore*"))


def test_restore_refuses_a_database_from_a_newer_ayni(store, tmp_path, plugins, row_counts):
    copy = backups.backup(store.path, tmp_path / "newer.db")
    conn = sqlite3.connect(copy.path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('core', '0099_future', '')")
    conn.commit()
    conn.close()
    before = row_counts()
    with pytest.raises(backups.BackupError) as caught:
        backups.restore(copy.path, store.path, plugins)
    assert "más nueva" in caught.value.message("es") and "core/0099_future" in caught.value.message("en")
    assert row_counts() == before


def test_cli_backup_and_restore_with_confirmation(store, seen, tmp_path):
    store.close()
    result = run("--db", store.path, "backup", f"{tmp_path / 'copias'}/")
    assert result.exit_code == 0, result.output
    [copy] = (tmp_path / "copias").glob("ayni-*.db")
    assert "Copia verificada" in result.output and str(copy) in result.output
    result = run("--db", store.path, "--lang", "en", "restore", copy, input="n\n")
    assert result.exit_code == 1 and "Nothing was restored" in result.output
    assert not store.path.with_name(store.path.name + ".before-restore").exists()
    result = run("--db", store.path, "restore", copy, "--yes")
    assert result.exit_code == 0, result.output
    assert "Restaurada" in result.output and ".before-restore" in result.output


def test_cli_backup_needs_a_coordinator_or_admin_once_users_exist(store, tmp_path):
    accounts.add(store, "Ana", "admin", "1234")
    accounts.login(store, "Ana", "1234")
    accounts.add(store, "Caja", "cashier", "5555")
    store.close()
    result = run("--db", store.path, "--user", "Caja", "backup", tmp_path / "b.db", input="5555\n")
    assert result.exit_code == 1
    assert "hacer copias de seguridad" in result.output and not (tmp_path / "b.db").exists()
    result = run("--db", store.path, "--user", "Ana", "backup", tmp_path / "b.db", input="1234\n")
    assert result.exit_code == 0, result.output and (tmp_path / "b.db").exists()


# -- a backup never lands on the live database, nor on a file that is not a backup -----------------


class Writer(threading.Thread):
    """Another station saving consultations on the same file until told to stop."""

    def __init__(self, path, plugins, patient_id):
        super().__init__(daemon=True)
        self.path, self.plugins, self.patient_id = path, plugins, patient_id
        self.stop = threading.Event()
        self.progress = threading.Semaphore(0)  # released after each save
        self.saved: list[str] = []
        self.errors: list[str] = []

    def run(self):
        store = open_store(self.path, user="station", plugins=self.plugins)
        try:
            while not self.stop.is_set():
                try:
                    encounter = encounters.open_encounter(store, self.patient_id, "clinic", "consult")
                    encounters.save(store, encounter.id, forms={"clinic.note": {"complaint": "Tos"}})
                    self.saved.append(encounter.id)
                    self.progress.release()
                except Exception as error:  # the test expects none
                    self.errors.append(f"{type(error).__name__}: {error}")
        finally:
            store.close()


def _alias(kind: str, db, folder):
    """``db`` by another name: the same path, another spelling, a symlink, a hard link, its WAL files."""
    if kind == "symlink":
        (folder / "link.db").symlink_to(db)
        return folder / "link.db"
    if kind == "hardlink":
        os.link(db, folder / "hard.db")
        return folder / "hard.db"
    return {"same": db, "spelling": db.parent / "." / ".." / db.parent.name / db.name,
            "wal": db.with_name(db.name + "-wal"), "shm": db.with_name(db.name + "-shm")}[kind]


ATTEMPTS = 3  # per name of the live database, each while another station saves


@pytest.mark.parametrize("kind", ["same", "spelling", "symlink", "hardlink", "wal", "shm"])
def test_a_backup_onto_the_live_database_is_refused_while_a_station_saves(store, campaign, patient, plugins,
                                                                         tmp_path, kind):
    (tmp_path / "links").mkdir()
    dest = _alias(kind, store.path, tmp_path / "links")
    inode = store.path.stat().st_ino
    writer = Writer(store.path, plugins, patient.id)
    writer.start()
    try:
        for _ in range(ATTEMPTS):
            assert writer.progress.acquire(timeout=60), writer.errors  # the station is saving right now
            with pytest.raises(backups.BackupError) as caught:
                backups.backup(store.path, dest)
            assert caught.value.key == "onto_live" and "destruiría" in caught.value.message("es")
            result = run("--db", store.path, "--lang", "en", "backup", dest)
            assert result.exit_code == 1 and "is the database in use" in result.stderr
    finally:
        writer.stop.set()
        writer.join()
    assert writer.errors == [] and len(writer.saved) >= ATTEMPTS
    assert store.path.stat().st_ino == inode
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.db.execute("SELECT count(*) FROM encounters").fetchone()[0] == len(writer.saved)
    assert not list(store.path.parent.glob("*.partial"))


def test_an_existing_file_that_is_not_a_backup_is_kept_unless_forced(store, seen, tmp_path, plugins, patient_form):
    notes = tmp_path / "notas.db"
    notes.write_text("Turnos del lunes: Rosa, Juan\n", encoding="utf-8")
    other = open_store(tmp_path / "otra-campana.db", plugins=plugins)  # a live database of another campaign
    other.close()
    for path, problem in ((notes, "not an SQLite database"), (tmp_path / "otra-campana.db", "live (WAL)")):
        before = path.read_bytes()
        with pytest.raises(backups.BackupError) as caught:
            backups.backup(store.path, path)
        assert caught.value.key == "not_a_backup" and problem in caught.value.message("en")
        assert "--force" in caught.value.message("es") and path.read_bytes() == before
    old = backups.backup(store.path, tmp_path / "copia.db")  # an earlier backup is replaced by a newer one
    patients.register(store, patient_form(id_number="11112222", given_names="Luz"))
    assert backups.backup(store.path, old.path).counts["patients"] == old.counts["patients"] + 1
    result = run("--db", store.path, "backup", notes)
    assert result.exit_code == 1 and "no es una copia de Ayni" in result.stderr
    result = run("--db", store.path, "backup", notes, "--force")
    assert result.exit_code == 0, result.output
    assert backups.check_restorable(notes, plugins)["patients"] == old.counts["patients"] + 1


def test_stale_partial_copies_are_removed_but_not_one_being_written(store, tmp_path):
    folder = tmp_path / "copias"
    folder.mkdir()
    (folder / "ayni-2026-05-14_1530-05.db.partial").write_bytes(b"SQLite format 3\0 cut by a power failure")
    (folder / "ayni-2026-05-14_1530-05.db.partial-journal").write_bytes(b"stale journal")
    (folder / "pelicula.mkv.partial").write_bytes(b"someone else's download")  # not ours: left alone
    busy = folder / "ayni-2026-05-14_1600-00.db.partial"
    with open(busy, "wb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # another backup writing right now
        copy = backups.backup(store.path, folder)
        assert sorted(p.name for p in folder.iterdir()) == sorted([copy.path.name, busy.name, "pelicula.mkv.partial"])
    own = tmp_path / "copia.db.partial"
    own.write_bytes(b"SQLite format 3\0 cut short")
    backups.backup(store.path, tmp_path / "copia.db")
    assert not own.exists() and (tmp_path / "copia.db").exists()


def test_a_backup_of_a_missing_database_creates_nothing(tmp_path):
    with pytest.raises(StoreError) as caught:
        backups.backup(tmp_path / "usb" / "ayni.db", tmp_path / "copia.db")
    assert caught.value.key == "db_missing"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["spelling", "symlink", "hardlink"])
def test_restore_refuses_the_live_database_by_any_name(store, seen, tmp_path, plugins, kind, row_counts):
    (tmp_path / "links").mkdir()
    src = _alias(kind, store.path, tmp_path / "links")
    before = row_counts()
    with pytest.raises(backups.BackupError) as caught:
        backups.restore(src, store.path, plugins)
    assert caught.value.key == "same_file"
    assert row_counts() == before and not list(tmp_path.glob("*.before-restore*"))


def test_restore_fills_an_empty_database_file(store, seen, tmp_path, plugins):
    copy = backups.backup(store.path, tmp_path / "copia.db")
    empty = tmp_path / "vacia.db"
    empty.touch()
    result = run("--db", empty, "restore", copy.path, "--yes")
    assert result.exit_code == 0, result.output
    assert backups.check_restorable(empty, plugins) == copy.counts
    assert not list(tmp_path.glob("*.before-restore*"))  # nothing was in it to keep
