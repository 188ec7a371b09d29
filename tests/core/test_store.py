"""The SQLite file: connection settings, the audit log, append-only triggers, clear errors for files
that cannot be used, and all-or-nothing writes."""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3

import attrs
import pytest

from ayni.core import Site, StoreError, open_store
from ayni.core.errors import WriteError
from ayni.core.clinical import encounters as enc
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.model import new_id
from ayni.core.money import payments
from ayni.core.people import patients
from ayni.core.storage.migrations import core as core_migrations
from ayni.core.storage.store import BUSY_TIMEOUT_MS

CLINICAL = ("patients", "encounters", "form_data", "procedures", "diagnoses", "payments", "audit_log")


def pragma(store, name):
    return store.db.execute(f"PRAGMA {name}").fetchone()[0]


def assert_clear(error: StoreError, key: str, *fragments: str):
    """A StoreError with ``key`` whose messages contain ``fragments`` and no traceback text."""
    assert error.key == key
    for lang in ("es", "en"):
        message = error.message(lang)
        assert "Traceback" not in message and "File \"" not in message
        for fragment in fragments:
            assert fragment in message
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)


def test_connection_settings(store):
    assert pragma(store, "journal_mode") == "wal"
    assert pragma(store, "foreign_keys") == 1
    assert pragma(store, "busy_timeout") == BUSY_TIMEOUT_MS


def test_settings_hold_when_reopened(tmp_path, plugins):
    open_store(tmp_path / "a.db", user="uno", plugins=plugins).close()
    again = open_store(tmp_path / "a.db", user="uno", plugins=plugins)
    assert (pragma(again, "journal_mode"), pragma(again, "foreign_keys")) == ("wal", 1)
    assert again.db["users"].count == 1  # the same user, not created twice
    again.close()


def test_migrations_are_recorded_and_run_once(tmp_path, plugins):
    store = open_store(tmp_path / "a.db", plugins=plugins)
    names = [r["name"] for r in store.db["_sqlite_migrations"].rows_where("migration_set = 'core'", order_by="id")]
    assert names == [m.name for m in core_migrations._migrations]
    assert names[:2] == ["0001_initial", "0002_patient_number"]
    recorded = store.db["_sqlite_migrations"].count  # the core's and each plugin's
    store.close()
    store = open_store(tmp_path / "a.db", plugins=plugins)
    assert store.db["_sqlite_migrations"].count == recorded
    store.close()


def test_every_write_is_audited_with_user_and_time(store, campaign, patient):
    started = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(minutes=5)
    e = enc.open_encounter(store, patient.id, "clinic", "triage")
    enc.save(store, e.id, forms={"clinic.note": {"complaint": "tos"}}, procedures=[ProcedureEntry("clinic.consult")],
             diagnoses=["J06.9"])
    payments.record(store, e.id, "full")
    enc.close(store, e.id)
    audited = {(a["table_name"], a["record_id"]) for a in store.audit()}
    for table in ("users", "sites", "campaigns", "patients", "encounters", "form_data", "procedures", "diagnoses",
                  "payments"):
        ids = {r["id"] for r in store.db[table].rows}
        assert ids, table
        assert {(table, i) for i in ids} <= audited, table
    for entry in store.audit():
        assert entry["user_id"] == store.user.id
        at = dt.datetime.fromisoformat(entry["at"])
        assert at.utcoffset() == dt.timedelta(0) and at >= started
    assert store.audit(user_id=store.user.id) == store.audit()
    assert store.audit(user_id="someone-else") == []


def test_each_user_is_named_in_their_own_writes(tmp_path, plugins, patient_form):
    path = tmp_path / "a.db"
    first = open_store(path, user="Dra. Peña", plugins=plugins)
    rosa = patients.register(first, patient_form())
    first.close()
    second = open_store(path, user="Lic. Huamán", plugins=plugins)
    juan = patients.register(second, patient_form(given_names="Juan", id_kind="none", id_number=""))
    assert second.user.name == "Lic. Huamán" and second.user.id != ""
    names = {u["id"]: u["name"] for u in second.db["users"].rows}
    assert names[second.audit(record_id=rosa.id)[0]["user_id"]] == "Dra. Peña"
    assert names[second.audit(record_id=juan.id)[0]["user_id"]] == "Lic. Huamán"
    second.close()


@pytest.mark.parametrize("table", CLINICAL)
def test_clinical_rows_are_never_deleted(store, campaign, patient, table):
    e = enc.open_encounter(store, patient.id, "clinic", "triage")
    enc.save(store, e.id, forms={"clinic.note": {"complaint": "tos"}}, procedures=[ProcedureEntry("clinic.consult")],
             diagnoses=["I10"])
    payments.record(store, e.id, "full")
    before = store.db[table].count
    assert before > 0
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        store.db.execute(f"DELETE FROM [{table}]")
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        with store.write():
            store.db.execute(f"DELETE FROM [{table}] WHERE rowid = (SELECT min(rowid) FROM [{table}])")
    assert store.db[table].count == before


def test_the_audit_log_is_append_only(store, patient):
    entry = store.audit(record_id=patient.id)[0]
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute("UPDATE audit_log SET user_id = 'mallory' WHERE id = ?", [entry["id"]])
    assert store.audit(record_id=patient.id)[0] == entry


def test_a_crash_inside_a_write_leaves_nothing(store, row_counts):
    before = row_counts()
    with pytest.raises(RuntimeError):
        with store.write():
            store.insert("sites", Site(id=new_id(), name="Posta de salud"))
            assert store.db["sites"].count == before["sites"] + 1
            raise RuntimeError("power cut")
    assert row_counts() == before
    assert not store.db.conn.in_transaction
    with store.write():  # the store still works afterwards
        store.insert("sites", Site(id=new_id(), name="Posta de salud"))
    assert store.db["sites"].count == before["sites"] + 1


def test_a_crash_inside_a_nested_write_undoes_only_the_inner_part(store, row_counts):
    before = row_counts()
    with store.write():
        store.insert("sites", Site(id=new_id(), name="Colegio"))
        with pytest.raises(RuntimeError):
            with store.write():
                store.insert("sites", Site(id=new_id(), name="Iglesia"))
                raise RuntimeError("refused")
    assert [r["name"] for r in store.db["sites"].rows] == ["Colegio"]
    assert row_counts()["audit_log"] == before["audit_log"] + 1


def test_a_write_that_breaks_a_constraint_leaves_nothing(store, row_counts):
    before = row_counts()
    site = Site(id=new_id(), name="Colegio")
    with pytest.raises(sqlite3.DatabaseError, match="UNIQUE constraint") as caught:
        with store.write():
            store.insert("sites", site)
            store.insert("sites", site)  # same id twice
    assert row_counts() == before
    assert isinstance(caught.value, StoreError)  # shown to a person as a message, not a traceback
    assert "nothing was written" in caught.value.message("en") and "no se escribió nada" in caught.value.message()


def test_updating_a_missing_record_is_a_clear_error(store):
    with pytest.raises(StoreError) as caught:
        with store.write():
            store.update("sites", Site(id="nope", name="x"))
    assert caught.value.message("es") == "No existe sites con id nope."


def test_an_update_writes_the_new_version_and_audits_the_old(store):
    site = Site(id=new_id(), name="Colegio", community="Vilcas")
    with store.write():
        store.insert("sites", site)
        store.update("sites", attrs.evolve(site, name="Colegio 9 de Diciembre"))
    assert store.get(Site, "sites", site.id).name == "Colegio 9 de Diciembre"
    entry = store.audit(record_id=site.id)[-1]
    assert entry["action"] == "update" and json.loads(entry["data"])["name"] == "Colegio 9 de Diciembre"
    assert json.loads(entry["previous"]) == {"id": site.id, "name": "Colegio", "community": "Vilcas",
                                             "district": "", "region": ""}


def test_an_update_naming_an_unknown_user_is_refused_naming_the_column(store):
    patient = patients.register(store, {"given_names": "Rosa", "paternal_surname": "Quispe", "sex": "F",
                                        "birth_date": "1970-01-01", "id_kind": "none"})
    encounter = enc.open_encounter(store, patient.id, "general", "triage")
    before = store.db["audit_log"].count
    with pytest.raises(WriteError, match="opened_by") as refused, store.write():
        store.update("encounters", attrs.evolve(encounter, opened_by="nadie"))
    assert refused.value.key == "db_unknown_reference" and "encounters.opened_by es «nadie»" in refused.value.message()
    assert store.get(type(encounter), "encounters", encounter.id) == encounter  # nothing written
    assert store.db["audit_log"].count == before


# -- files that cannot be used -------------------------------------------------------------------

#: The same random pages in every test process, so parallel workers collect the same tests.
RANDOM_PAGES = random.Random(171).randbytes(4000)


@pytest.mark.parametrize("content", [b"\x00\xffgarbage" * 512, b"SQLite format 3\x00" + RANDOM_PAGES,
                                     "Nombre;DNI\nRosa;45678912\n".encode()],
                         ids=["garbage", "sqlite-header-then-random-bytes", "csv"])
def test_a_corrupt_file_is_a_clear_error(tmp_path, plugins, content):
    path = tmp_path / "ayni.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        open_store(path, plugins=plugins)
    assert_clear(caught.value, "db_corrupt", str(path))
    assert caught.value.message("es").startswith(f"El archivo {path} no es una base de datos de Ayni válida")
    assert caught.value.message("en").startswith(f"The file {path} is not a valid Ayni database")
    assert path.read_bytes() == content  # untouched


def test_a_database_from_a_newer_ayni_is_refused(tmp_path, plugins, patient_form):
    path = tmp_path / "ayni.db"
    store = open_store(path, plugins=plugins)
    patients.register(store, patient_form())
    store.db["_sqlite_migrations"].insert({"migration_set": "core", "name": "0099_from_the_future",
                                           "applied_at": "2030-01-01 00:00:00+00:00"})
    store.close()
    with pytest.raises(StoreError) as caught:
        open_store(path, plugins=plugins)
    assert_clear(caught.value, "db_newer", str(path), "core/0099_from_the_future")
    assert "Actualice Ayni" in caught.value.message("es") and "Update Ayni" in caught.value.message("en")


def test_migrations_of_a_plugin_not_installed_here_are_not_a_newer_database(tmp_path, plugins):
    path = tmp_path / "ayni.db"
    store = open_store(path, plugins=plugins)
    store.db["_sqlite_migrations"].insert({"migration_set": "cardiology", "name": "0001_initial",
                                           "applied_at": "2030-01-01 00:00:00+00:00"})
    store.close()
    open_store(path, plugins=plugins).close()


@pytest.mark.parametrize("where", ["under_a_file", "deeper_under_a_file", "proc", "a_directory"])
def test_an_unwritable_path_is_a_clear_error(tmp_path, plugins, where):
    (tmp_path / "afile").write_text("not a folder")
    path = {
        "under_a_file": tmp_path / "afile" / "ayni.db",
        "deeper_under_a_file": tmp_path / "afile" / "sub" / "ayni.db",
        "proc": "/proc/ayni-test.db",
        "a_directory": tmp_path,
    }[where]
    with pytest.raises(StoreError) as caught:
        open_store(path, plugins=plugins)
    assert_clear(caught.value, "db_unwritable")
    assert caught.value.message("es").startswith("No se puede escribir en ")
    assert "--db o AYNI_DB" in caught.value.message("es")
    assert "Choose another path with --db or AYNI_DB." in caught.value.message("en")


def test_default_path_follows_ayni_db(monkeypatch, tmp_path):
    from ayni.core import default_db_path

    monkeypatch.setenv("AYNI_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("AYNI_DB")
    assert default_db_path().name == "ayni.db"


def test_records_read_back_as_they_were_written(store, patient):
    raw = store.row("patients", patient.id)
    assert json.loads(raw["identifiers"]) == [{"kind": "dni", "value": "45678912"}]
    assert raw["birth_date_estimated"] == 0
    assert store.get(type(patient), "patients", patient.id) == patient
    assert store.row("patients", "nope") is None


def test_a_database_that_refuses_every_write_is_a_clear_error(store, row_counts):
    before = row_counts()
    store.db.execute("PRAGMA query_only = ON")  # what a read-only file or a full disk does to a write
    with pytest.raises(StoreError) as caught:
        with store.write():
            store.insert("sites", Site(id=new_id(), name="Colegio"))
    store.db.execute("PRAGMA query_only = OFF")
    assert row_counts() == before
    assert str(store.path) in caught.value.message("es") and "readonly" in caught.value.message("en")
