"""A person with two records merged into one is one Patient in FHIR: the kept record, carrying the
duplicate's documents and record, with every visit of both under it."""

from __future__ import annotations

import pytest

from ayni.core.clinical import encounters, referrals
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.exchange import fhir
from ayni.core.people import merges, patients

TWIN = {"given_names": "Rosa Elena", "paternal_surname": "Nunez", "maternal_surname": "Quispe", "sex": "F",
        "age_years": "52", "id_kind": "ce", "id_number": "CE1234567", "community": "Chinchero"}


@pytest.fixture
def person(store, patient, campaign):
    """:data:`ADULT` (kept, DNI 45678912) and a second record of her (a CE) merged into it, each with a visit."""
    twin = patients.register(store, TWIN)
    visits = []
    for record in (patient, twin):
        visit = encounters.open_encounter(store, record.id, "general", "consultation")
        encounters.save(store, visit.id, procedures=[ProcedureEntry("general.consultation")], diagnoses=["I10"])
        visits.append(visit.id)
    referrals.refer(store, visits[1], "hospital:Hospital Regional", "Control")
    merges.merge(store, patient.id, twin.id)
    return patient, twin, visits


def _of(data: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == kind]


def _subjects(data: dict) -> set[str]:
    return {(r.get("subject") or r.get("patient"))["reference"] for e in data["entry"]
            if (r := e["resource"])["resourceType"] != "Patient"}


@pytest.mark.parametrize("scope", ["kept", "duplicate", "number", "campaign"])
def test_one_person_is_one_patient_with_the_duplicates_documents_and_everything_under_it(store, person, scope):
    kept, twin, visits = person
    data = {"kept": lambda: fhir.patient_bundle(store, kept.id), "duplicate": lambda: fhir.patient_bundle(store, twin.id),
            "number": lambda: fhir.patient_bundle(store, twin.number),
            "campaign": lambda: fhir.campaign_bundle(store, None)}[scope]()
    fhir.check(data)
    [resource] = _of(data, "Patient")
    assert resource["id"] == kept.id
    documents = [(i["system"], i["value"]) for i in resource["identifier"] if i["system"] != fhir.RECORD_SYSTEM]
    assert documents == [(fhir.IDENTIFIER_SYSTEMS[k][0], v) for k, v in
                         (("dni", "45678912"), ("ce", "CE1234567"))]
    records = [i["value"] for i in resource["identifier"] if i["system"] == fhir.RECORD_SYSTEM]
    assert records == [fhir.record_uri(kept.id), fhir.record_uri(twin.id)]  # the kept one first
    assert sorted(e["id"] for e in _of(data, "Encounter")) == sorted(visits)
    assert len(_of(data, "ServiceRequest")) == 1 and len(_of(data, "Condition")) == 2
    assert _subjects(data) == {fhir.record_uri(kept.id)}


def test_a_visit_of_the_duplicate_is_exported_under_the_kept_record(store, person):
    kept, twin, visits = person
    data = fhir.encounter_bundle(store, visits[1])
    assert [p["id"] for p in _of(data, "Patient")] == [kept.id]
    assert _subjects(data) == {fhir.record_uri(kept.id)}


def test_after_the_merge_is_undone_each_record_is_its_own_patient_again(store, person):
    kept, twin, visits = person
    merges.unmerge(store, twin.id)
    data = fhir.patient_bundle(store, twin.id)
    [resource] = _of(data, "Patient")
    assert resource["id"] == twin.id and _subjects(data) == {fhir.record_uri(twin.id)}
    assert [e["id"] for e in _of(data, "Encounter")] == [visits[1]]
