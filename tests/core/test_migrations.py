"""A database made by an earlier Ayni (only the core migration 0001 applied) opens, is migrated, keeps
its data, and stays searchable: the patients it had and the ones registered afterwards."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
import sqlite_utils

from ayni.core import Identifier, IdKind, Patient, Sex, ValidationError, open_store
from ayni.core.clinical import encounters as enc
from ayni.core.model import new_id
from ayni.core.people import patients
from ayni.core.storage.auditchain import verify
from ayni.core.storage.convert import to_row
from ayni.core.storage.migrations import core

EARLIER = "0002_patient_number"
ALL = [m.name for m in core._migrations]


def old_patient(given, paternal, maternal, registered, dni=None) -> Patient:
    return Patient(
        id=new_id(), given_names=given, paternal_surname=paternal, maternal_surname=maternal, sex=Sex.FEMALE,
        birth_date=dt.date(1980, 3, 1), identifiers=(Identifier(IdKind.DNI, dni),) if dni else (),
        community="Ollantaytambo", created_at=dt.datetime(2025, 6, registered, 9, 0, tzinfo=dt.timezone.utc),
    )


#: Registered on 10, 12 and 11 June 2025 (inserted out of order).
OLD = [
    old_patient("Rosa", "Núñez", "Quispe", 10, dni="45678912"),
    old_patient("Carmen", "Ñahui", "Huamán", 12),
    old_patient("Julia", "Peña", "Condori", 11, dni="10293847"),
]


@pytest.fixture
def earlier_db(tmp_path):
    """A file at schema 0001 holding three patients (as 0001-era Ayni stored them), a campaign and an
    encounter, with their audit entries."""
    path = tmp_path / "earlier.db"
    db = sqlite_utils.Database(path)
    core.apply(db, stop_before=EARLIER)
    assert "number" not in db["patients"].columns_dict
    user = {"id": new_id(), "name": "tester", "role": "clinician", "created_at": "2025-06-10T08:00:00+00:00"}
    db["users"].insert(user)
    for p in OLD:
        row = to_row(p)
        del row["number"], row["device"]  # these columns did not exist yet
        row["identifier_numbers"] = " ".join(i.value for i in p.identifiers)
        db["patients"].insert(row)
        db["audit_log"].insert({"at": row["created_at"], "user_id": user["id"], "action": "insert",
                                "table_name": "patients", "record_id": p.id, "data": "{}"})
    campaign_id, encounter_id = new_id(), new_id()
    db["campaigns"].insert({"id": campaign_id, "name": "Campaña 2025", "kind": "medical",
                            "start_date": "2025-06-10", "end_date": "2025-06-14", "site_id": None,
                            "region": "Cusco", "partner": ""})
    db["encounters"].insert({"id": encounter_id, "patient_id": OLD[0].id, "campaign_id": campaign_id,
                             "specialty": "clinic", "station": "triage", "status": "closed",
                             "opened_at": "2025-06-10T09:05:00+00:00", "opened_by": user["id"],
                             "closed_at": "2025-06-10T09:20:00+00:00", "closed_by": user["id"]})
    # the earlier search works before migrating
    assert [r[0] for r in db.execute("SELECT rowid FROM patients_fts WHERE patients_fts MATCH 'nunez'")] == [1]
    db.close()
    return path, encounter_id


def names(store, query) -> set[str]:
    return {p.full_name for p in patients.search(store, query)}


def test_an_earlier_database_is_migrated_and_keeps_its_data(earlier_db, plugins):
    path, encounter_id = earlier_db
    store = open_store(path, user="tester", plugins=plugins)
    applied = [r["name"] for r in store.db["_sqlite_migrations"].rows_where("migration_set = 'core'", order_by="id")]
    assert applied == ALL
    assert applied[:2] == ["0001_initial", EARLIER]
    assert "number" in store.db["patients"].columns_dict
    for p in OLD:
        assert attrs.evolve(patients.get(store, p.id), number=None) == p
    assert store.db["users"].count == 1 and store.user.name == "tester"
    assert store.db["audit_log"].count == 3
    visit = enc.get_encounter_record(store, encounter_id)
    assert visit.patient.full_name == "Rosa Núñez Quispe" and visit.campaign.name == "Campaña 2025"
    assert list(store.db.execute("PRAGMA foreign_key_check")) == []
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


def test_existing_patients_are_numbered_in_the_order_they_were_registered(earlier_db, plugins):
    store = open_store(earlier_db[0], plugins=plugins)
    assert [patients.get(store, p.id).number for p in OLD] == [1, 3, 2]
    store.close()


def test_old_and_new_patients_are_searchable_after_migrating(earlier_db, plugins, patient_form):
    store = open_store(earlier_db[0], plugins=plugins)
    assert names(store, "nunez") == {"Rosa Núñez Quispe"}
    assert names(store, "ÑAHUI") == {"Carmen Ñahui Huamán"}
    assert names(store, "1029") == {"Julia Peña Condori"}
    assert names(store, "3") == {"Carmen Ñahui Huamán"}  # by patient number
    new = patients.register(store, patient_form(given_names="Elena", paternal_surname="Mamani", id_number="76543210"))
    assert new.number == 4
    assert names(store, "mamani") == {"Elena Mamani Quispe"}
    assert names(store, "7654") == {"Elena Mamani Quispe"}
    assert names(store, "4") == {"Elena Mamani Quispe", "Rosa Núñez Quispe"}  # number 4, DNI 4567…
    assert names(store, "quispe") == {"Rosa Núñez Quispe", "Elena Mamani Quispe"}
    store.close()


def test_search_triggers_survive_the_migration(earlier_db, plugins, patient_form):
    store = open_store(earlier_db[0], plugins=plugins)
    triggers = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"patients_ai", "patients_ad", "patients_au", "patients_never_deleted",
            "audit_log_append_only"} <= triggers
    patients.correct(store, OLD[1].id, patient_form(given_names="Carmen", paternal_surname="Quispe",
                                                    maternal_surname="Huamán", id_kind="none", id_number=""))
    assert names(store, "nahui") == set()
    assert names(store, "carmen quispe") == {"Carmen Quispe Huamán"}
    store.close()


def test_the_duplicate_identifier_check_still_sees_old_patients(earlier_db, plugins, patient_form):
    store = open_store(earlier_db[0], plugins=plugins)
    with pytest.raises(ValidationError) as caught:
        patients.register(store, patient_form())  # DNI 45678912, Rosa's
    assert "Rosa Núñez Quispe" in caught.value.message("es")
    store.close()


def test_an_empty_earlier_database_is_migrated(tmp_path, plugins, patient_form):
    path = tmp_path / "empty.db"
    db = sqlite_utils.Database(path)
    core.apply(db, stop_before=EARLIER)
    db.close()
    store = open_store(path, plugins=plugins)
    assert patients.register(store, patient_form()).number == 1
    assert names(store, "rosa") == {"Rosa Elena Núñez Quispe"}
    store.close()


def test_migrating_twice_changes_nothing(earlier_db, plugins):
    path = earlier_db[0]
    first = open_store(path, plugins=plugins)
    recorded = first.db["_sqlite_migrations"].count
    first.close()
    store = open_store(path, plugins=plugins)
    assert store.db["_sqlite_migrations"].count == recorded
    assert [patients.get(store, p.id).number for p in OLD] == [1, 3, 2]
    store.close()


def test_the_earlier_audit_log_is_chained_and_verifies(earlier_db, plugins, patient_form):
    store = open_store(earlier_db[0], user="tester", plugins=plugins)
    report = verify(store.db)
    assert report.whole and report.checked == 3
    patients.register(store, patient_form(given_names="Elena", id_kind="none", id_number=""))
    report = verify(store.db)
    assert report.whole and report.checked == store.db["audit_log"].count > 3
    store.close()
