"""The audit log viewer's query: by patient, user and day, for the coordinator only."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core.clinical import encounters
from ayni.core.people import patients
from ayni.core.people import users as accounts
from ayni.core.people.users import AccessDenied
from ayni.core.storage import auditlog


def test_entries_of_a_patient_include_their_encounters_and_forms(store, campaign, patient, patient_form):
    other = patients.register(store, patient_form(given_names="Juan", id_number="40123456"))
    encounter = encounters.open_encounter(store, patient.id, "clinic", "consult")
    encounters.save(store, encounter.id, forms={"clinic.note": {"complaint": "Tos"}})
    found = auditlog.entries(store, patient_id=patient.id)
    assert {(e.table_name, e.action) for e in found} == {
        ("patients", "insert"), ("encounters", "insert"), ("form_data", "insert")}
    assert found[0].id > found[-1].id  # newest first
    assert all(e.user_name == "tester" for e in found)
    assert other.id not in {e.record_id for e in found}


def test_filter_by_user_and_lima_day(store, campaign, patient):
    accounts.add(store, "Ana", "admin", "1234")
    accounts.login(store, "Ana", "1234")
    assert [e.action for e in auditlog.entries(store, user="ana")] == ["login"]
    assert {"insert", "set_pin"} <= {e.action for e in auditlog.entries(store, user="TESTER")}  # who added Ana
    today = dt.datetime.now(dt.timezone.utc).astimezone(dt.timezone(dt.timedelta(hours=-5))).date()
    assert auditlog.entries(store, day=today)
    assert auditlog.entries(store, day=today - dt.timedelta(days=400)) == []


def test_only_a_coordinator_or_admin_reads_it(store, campaign, patient, row_counts):
    accounts.add(store, "Ana", "admin", "1234")
    accounts.login(store, "Ana", "1234")
    accounts.add(store, "Doc", "clinician:clinic", "3333")
    accounts.login(store, "Doc", "3333")
    before = row_counts()
    with pytest.raises(AccessDenied) as caught:
        auditlog.entries(store)
    assert "«ver el registro de auditoría» requiere el rol administración o coordinación" in caught.value.message("es")
    assert "read the audit log" in caught.value.message("en")
    assert row_counts() == before
