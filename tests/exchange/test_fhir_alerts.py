"""A person's allergies, chronic conditions and pregnancy go out as AllergyIntolerance, Condition
(problem list) and Observation «Pregnancy status» (LOINC 82810-3), valid FHIR R4B, and come back in
on import as the person's alerts, never twice."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ayni.core import Text, open_store
from ayni.core.dates import today_in_lima
from ayni.core.exchange import fhir, fhiralerts
from ayni.core.exchange.fhirimport import import_patients
from ayni.core.people import alerts
from ayni.core.people import users as accounts

LMP = today_in_lima() - dt.timedelta(weeks=12)


@pytest.fixture
def person(store, patient):
    """:data:`ADULT` with a penicillin allergy (a class), a latex one (words), diabetes (ICD-10), a
    resolved epilepsy and a pregnancy of 12 weeks."""
    with store.write():
        alerts.apply_findings(store, patient.id, [alerts.AlertFinding(
            "allergy", Text("Penicilinas", "Penicillins"), code="penicillins", source="general.triage")])
    alerts.record(store, patient.id, {"kind": "allergy", "text": "Látex"})
    alerts.record(store, patient.id, {"kind": "condition", "text": "Diabetes", "code": "E11.9", "note": "metformina"})
    epilepsy = alerts.record(store, patient.id, {"kind": "condition", "text": "Epilepsia"})
    alerts.resolve(store, epilepsy.alert_id, "registrada por error")
    alerts.record(store, patient.id, {"kind": "pregnancy", "weeks": "12", "lmp": LMP.isoformat()})
    return patient


def _of(data: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == kind]


def test_the_alerts_go_out_as_valid_fhir_beside_their_patient(store, person):
    data = fhir.patient_bundle(store, person.id)
    fhir.check(data)
    subject = {"reference": fhir.record_uri(person.id), "type": "Patient"}
    allergies = {a["code"]["text"]: a for a in _of(data, "AllergyIntolerance")}
    assert set(allergies) == {"Penicilinas", "Látex"} and all(a["patient"] == subject for a in allergies.values())
    assert allergies["Penicilinas"]["code"]["coding"] == [{"system": fhiralerts.ALLERGY_CLASS, "code": "penicillins"}]
    assert allergies["Látex"]["clinicalStatus"]["coding"][0]["code"] == "active"
    conditions = {c["code"]["text"]: c for c in _of(data, "Condition")}
    assert conditions["Diabetes"]["code"]["coding"] == [{"system": fhir.ICD10, "code": "E11.9"}]
    assert conditions["Diabetes"]["category"][0]["coding"][0]["code"] == "problem-list-item"
    assert conditions["Epilepsia"]["clinicalStatus"]["coding"][0]["code"] == "resolved"
    [pregnancy] = _of(data, "Observation")
    assert pregnancy["code"]["coding"][0]["code"] == "82810-3" and pregnancy["subject"] == subject
    assert pregnancy["valueCodeableConcept"]["coding"][0]["code"] == "77386006"  # SNOMED CT: pregnant
    assert [c["code"]["coding"][0]["code"] for c in pregnancy["component"]] == ["49051-6", "8665-2"]
    assert pregnancy["component"][1]["valueDateTime"] == LMP.isoformat()
    ids = {a.alert_id for a in alerts.of_person(store, person.id, include_resolved=True)}
    assert {r["id"] for r in _of(data, "AllergyIntolerance") + _of(data, "Condition") + _of(data, "Observation")} == ids


def _current(store, patient_id) -> set[tuple]:
    return {(a.kind, a.text, a.code, a.weeks, a.lmp, a.note) for a in alerts.of_person(store, patient_id)}


def test_the_alerts_come_back_in_once_whatever_the_number_of_imports(store, person, tmp_path):
    text = fhir.as_json(fhir.patient_bundle(store, person.id))
    other = open_store(tmp_path / "other.db")
    first = import_patients(other, text)
    [registered] = first.registered
    assert len(first.alerts) == 4 and not first.alerts_refused  # the resolved epilepsy stays out
    assert _current(other, registered.id) == _current(store, person.id)
    assert {a.source for a in first.alerts} == {"fhir"} and {a.recorded_by for a in first.alerts} == {other.user.id}
    again = import_patients(other, text)
    assert [m.patient.id for m in again.matched] == [registered.id] and again.alerts == ()
    assert len(alerts.of_person(other, registered.id, include_resolved=True)) == 4
    back_home = import_patients(store, text)  # into the database it left: matched, nothing new
    assert [m.patient.id for m in back_home.matched] == [person.id] and back_home.alerts == ()
    other.close()


def test_an_alert_the_alert_form_refuses_is_reported_and_the_patient_still_registered(store, person, tmp_path):
    data = fhir.patient_bundle(store, person.id)
    condition = next(r for r in _of(data, "Condition") if r["code"]["text"] == "Diabetes")
    condition["code"]["coding"][0]["code"] = "diabetes"  # not an ICD-10 code
    other = open_store(tmp_path / "other.db")
    result = import_patients(other, json.dumps(data))
    assert len(result.registered) == 1 and len(result.alerts) == 3
    [refused] = result.alerts_refused
    assert "CIE-10" in refused.reason.message("es") and refused.index == data["entry"].index(
        next(e for e in data["entry"] if e["resource"] is condition)) + 1
    other.close()


def test_who_may_register_but_not_record_alerts_imports_the_patient_and_is_told_of_the_alerts(store, person, tmp_path):
    text = fhir.as_json(fhir.patient_bundle(store, person.id))
    other = open_store(tmp_path / "other.db")
    accounts.add(other, "Ana", "admin", "1234")
    accounts.login(other, "Ana", "1234")
    accounts.add(other, "Reg", "registration", "1111")
    accounts.logout(other)
    accounts.login(other, "Reg", "1111")
    result = import_patients(other, text)
    assert len(result.registered) == 1 and result.alerts == () and result.alerts_not_allowed == 4
    other.close()


def test_the_import_command_says_how_many_alerts_it_recorded(store, person, tmp_path):
    from click.testing import CliRunner

    from ayni.cli import main

    bundle = tmp_path / "person.json"
    bundle.write_text(fhir.as_json(fhir.patient_bundle(store, person.id)))
    other = str(tmp_path / "other.db")
    run = CliRunner().invoke
    assert run(main, ["--db", other, "init"]).exit_code == 0
    first = run(main, ["--db", other, "fhir", "import", str(bundle)])
    assert first.exit_code == 0, first.output
    assert "1 registrados" in first.stdout and "4 alertas registradas" in first.stdout
    again = run(main, ["--db", other, "--lang", "en", "fhir", "import", str(bundle)])
    assert again.exit_code == 0 and "alerts recorded" not in again.stdout and "1 already registered" in again.stdout
