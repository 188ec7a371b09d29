"""A campaign, a patient or a visit as a FHIR R4B bundle: every resource parses with fhir.resources,
and each record lands where a FHIR server looks for it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from ayni.core import Measurement, Text, hookimpl, open_store
from ayni.core.exchange import fhir
from ayni.core.exchange.fhir import FhirError
from ayni.core.hooks.contract import check_plugin


@pytest.fixture(scope="module")
def bundles(campaign_db):
    """The demo campaign's bundle and the full visit's, built from the same file."""
    path, campaign_id, visit_id = campaign_db
    store = open_store(path)
    yield fhir.campaign_bundle(store, campaign_id), fhir.encounter_bundle(store, visit_id)
    store.close()


@pytest.fixture(scope="module")
def campaign_bundle(bundles):
    return bundles[0]


@pytest.fixture(scope="module")
def visit_bundle(bundles):
    return bundles[1]


def _of(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _codes(concept: dict) -> dict[str, str]:
    return {c["system"]: c["code"] for c in concept["coding"]}


def test_every_resource_of_the_demo_campaign_parses_as_fhir_r4b(campaign_bundle):
    parsed = Bundle.model_validate_json(fhir.as_json(campaign_bundle))
    assert parsed.type == "transaction" and len(parsed.entry) == len(campaign_bundle["entry"]) > 100
    for entry in json.loads(fhir.as_json(campaign_bundle))["entry"]:
        get_fhir_model_class(entry["resource"]["resourceType"]).model_validate(entry["resource"])
    kinds = {e["resource"]["resourceType"] for e in campaign_bundle["entry"]}
    assert kinds == {"Patient", "Encounter", "Observation", "Condition", "Procedure", "Immunization",
                     "MedicationRequest", "MedicationDispense", "ServiceRequest", "AllergyIntolerance"}


def test_every_entry_is_a_put_of_its_own_id_and_references_resolve_inside_the_bundle(campaign_bundle):
    full_urls = {e["fullUrl"] for e in campaign_bundle["entry"]}
    assert len(full_urls) == len(campaign_bundle["entry"])
    for entry in campaign_bundle["entry"]:
        resource = entry["resource"]
        assert entry["request"] == {"method": "PUT", "url": f"{resource['resourceType']}/{resource['id']}"}
        for key in ("subject", "patient", "encounter", "context"):
            if key in resource:
                assert resource[key]["reference"] in full_urls


def test_the_patient_carries_both_surnames_identifiers_and_guardian(visit_bundle):
    (patient,) = _of(visit_bundle, "Patient")
    name = patient["name"][0]
    assert name["family"] == "Núñez Quispe" and name["given"] == ["Rosa", "Elena"]
    assert {e["url"]: e["valueString"] for e in name["_family"]["extension"]} == {
        fhir.FATHERS_FAMILY: "Núñez", fhir.MOTHERS_FAMILY: "Quispe"}
    *documents, record = patient["identifier"]
    identifiers = {i["system"]: (i["value"], i["type"]["coding"][0]["code"]) for i in documents}
    assert identifiers == {"urn:ayni:fhir:sid:pe-reniec-dni": ("71234567", "NI"),
                           "urn:ayni:fhir:sid:passport": ("AB123456", "PPN")}
    assert record == {"use": "secondary", "system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{patient['id']}"}
    assert {"url": fhir.EXTENSION + "birth-date-estimated", "valueBoolean": True} in patient["extension"]
    assert patient["gender"] == "female"
    assert patient["contact"][0]["name"]["text"] == "Juana Quispe Huamán"
    assert patient["address"][0]["state"] == "Ayacucho"


def test_vital_signs_are_observations_with_loinc_codes_and_ucum_units(visit_bundle):
    observations = {o["code"]["coding"][0]["code"]: o for o in _of(visit_bundle, "Observation")}
    temperature = observations["8310-5"]
    assert temperature["valueQuantity"] == {"value": fhir.Decimal("38.4"), "unit": "Cel", "system": fhir.UCUM,
                                            "code": "Cel"}
    assert temperature["category"][0]["coding"][0]["code"] == "vital-signs"
    pressure = observations["85354-9"]
    assert {c["code"]["coding"][0]["code"]: c["valueQuantity"]["value"] for c in pressure["component"]} == {
        "8480-6": 100, "8462-4": 60}
    assert {"8867-4", "9279-1", "59408-5", "29463-7", "8302-2", "39156-5"} <= set(observations)


def test_diagnoses_procedures_medicines_vaccines_and_referrals(visit_bundle, campaign_bundle):
    (condition,) = _of(visit_bundle, "Condition")
    assert _codes(condition["code"]) == {fhir.ICD10: "J06.9"}
    (procedure,) = _of(visit_bundle, "Procedure")
    assert _codes(procedure["code"]) == {"urn:ayni:fhir:procedure": "general.consultation"}
    (request,) = _of(visit_bundle, "MedicationRequest")
    assert _codes(request["medicationCodeableConcept"]) == {"urn:ayni:fhir:item": "general.amoxicillin_500"}
    assert request["dispenseRequest"]["quantity"]["value"] == 21
    assert "cada 8 horas" in request["dosageInstruction"][0]["text"]
    (dispense,) = _of(visit_bundle, "MedicationDispense")
    assert dispense["quantity"]["value"] == 21
    (referral,) = _of(visit_bundle, "ServiceRequest")
    assert referral["code"]["text"] == "hospital:Hospital Regional de Ayacucho" and referral["priority"] == "urgent"
    (dose,) = _of(campaign_bundle, "Immunization")
    assert _codes(dose["vaccineCode"])[fhir.CVX] == "102" and dose["lotNumber"] == "L2301A"


def test_the_same_visit_exported_twice_has_the_same_ids(campaign_db, visit_bundle):
    path, _, visit_id = campaign_db
    store = open_store(path)
    again = fhir.encounter_bundle(store, visit_id)
    store.close()
    assert [e["fullUrl"] for e in again["entry"]] == [e["fullUrl"] for e in visit_bundle["entry"]]


def test_a_patient_bundle_holds_every_visit_of_theirs(campaign_db):
    path, _, visit_id = campaign_db
    store = open_store(path)
    number = store.db.execute("SELECT number FROM patients WHERE identifier_numbers LIKE '71234567%'").fetchone()[0]
    data = fhir.patient_bundle(store, number)
    with pytest.raises(FhirError) as refused:
        fhir.patient_bundle(store, 99_999)
    store.close()
    assert len(_of(data, "Patient")) == 1 and len(_of(data, "Encounter")) == 2
    assert "99999" in refused.value.message("es") and "patient number" in refused.value.message("en")


def test_an_export_is_written_whole_and_audited(campaign_db, visit_bundle, tmp_path):
    path, _, _ = campaign_db
    store = open_store(path, user="coordinadora")
    count = fhir.export(store, visit_bundle, tmp_path / "visit.json")
    audited = [a for a in store.audit() if a["action"] == "fhir_export"]
    store.close()
    assert count == len(visit_bundle["entry"])
    assert json.loads((tmp_path / "visit.json").read_text())["resourceType"] == "Bundle"
    assert json.loads(audited[-1]["data"])["resources"] == count


def test_a_bundle_fhir_does_not_accept_is_refused_naming_where():
    with pytest.raises(FhirError) as refused:
        fhir.check({"resourceType": "Bundle", "type": "transaction", "entry": [{"resource": {
            "resourceType": "Patient", "id": "x", "gender": "female", "birthDate": "not a date"}}]})
    assert "birthDate" in refused.value.message("es") and "not valid" in refused.value.message("en")


def test_fhir_resources_stays_off_the_start_up_path():
    code = ("import sys, ayni.cli, ayni.tui.app, ayni.core.exchange.fhir, ayni.core.exchange.fhirimport; "
            "print(sorted(m for m in sys.modules if m.startswith(('fhir', 'pydantic'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


class _Careless:
    """A plugin that returns vital signs for every encounter, and something that is not a record."""

    @staticmethod
    @hookimpl
    def ayni_exchange_records(visit):
        return [Measurement("8310-5", Text("Temperatura", "Temperature"), 37, "Cel"), "38 grados"]


def test_the_contract_refuses_records_for_other_specialties_and_of_the_wrong_kind():
    problems = check_plugin(_Careless, "careless")
    assert "careless: ayni_exchange_records returned records for another specialty's encounter" in problems
    assert any("'38 grados', which is not a Measurement or Vaccination or MedicationOrder" in p for p in problems)


def test_an_encounter_cancelled_as_opened_by_mistake_is_entered_in_error(store, patient):
    from fhir.resources.R4B.encounter import Encounter as FhirEncounter

    from ayni.core.clinical import encounters

    mistaken = encounters.open_encounter(store, patient.id, "general", "consultation")
    encounters.cancel(store, mistaken.id, "abierta en la estación equivocada")
    [resource] = _of(fhir.encounter_bundle(store, mistaken.id), "Encounter")
    assert resource["status"] == "entered-in-error"
    FhirEncounter.model_validate(resource)
