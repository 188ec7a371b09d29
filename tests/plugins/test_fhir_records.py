"""Every specialty sends its own records to the health system in public codes: optometry's acuity,
refraction and eye pressure as Observations with LOINC, dental, physiotherapy and surgical procedures
with SNOMED CT where a well-known concept exists and Ayni's own code otherwise. Each bundle is
checked by ``fhir.resources`` (R4B) as the export itself checks it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.exchange import fhir
from ayni.plugins.optometry.exchange import OWN_SYSTEM
from ayni.plugins.surgery import cases

from test_optometry import EXAM_DATA
from test_surgery import complete_case

SNOMED = "http://snomed.info/sct"


def _bundle(store, encounter_id: str) -> dict:
    data = fhir.encounter_bundle(store, encounter_id, "en")
    fhir.check(data)
    return data


def _of(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _codings(concept: dict) -> dict[str, str]:
    return {c["system"]: c["code"] for c in concept["coding"]}


def test_the_eye_exam_goes_as_observations_per_eye_with_loinc_codes(store, campaign, patient):
    visit = encounters.open_encounter(store, patient.id, "optometry", "exam", campaign.id)
    encounters.save(store, visit.id, forms={"optometry.exam": EXAM_DATA})
    observations = _of(_bundle(store, visit.id), "Observation")
    (panel,) = [o for o in observations if _codings(o["code"]) == {fhir.LOINC: "98497-1"}]
    acuity = {next(iter(_codings(c["code"]).values())): c["valueQuantity"]["value"] for c in panel["component"]}
    # 20/40 right uncorrected; the left eye counts fingers (no number); 20/20 and 20/30 with the new glasses
    assert acuity == {"98499-7": Decimal("0.50"), "65893-0": Decimal("1.00"), "65897-1": Decimal("0.66"),
                      "va_ph.od": Decimal("0.79")}  # decimal acuity from the logMAR kept
    single = {(c["system"], c["code"]): o["valueQuantity"] for o in observations if "valueQuantity" in o
              for c in o["code"]["coding"]}
    assert single[fhir.LOINC, "28826-6"]["value"] == Decimal("-1.25")  # right sphere
    assert single[fhir.LOINC, "28842-3"]["value"] == Decimal("0.50")  # left sphere
    assert single[OWN_SYSTEM, "cylinder.od"]["code"] == "[diop]" and single[OWN_SYSTEM, "axis.od"]["value"] == 180
    assert single[fhir.LOINC, "28810-0"]["value"] == Decimal("2.00") and (OWN_SYSTEM, "add.os") in single
    assert single[fhir.LOINC, "79892-6"] == {"value": 14, "unit": "mm[Hg]", "system": fhir.UCUM, "code": "mm[Hg]"}
    assert single[fhir.LOINC, "79893-4"]["value"] == 31


@pytest.mark.parametrize("specialty, station, code, snomed", [
    ("dental", "treatment", "dental.extraction.simple", "55162003"),
    ("dental", "treatment", "dental.prophylaxis", "34043003"),
    ("dental", "treatment", "dental.fluoride", None),
    ("physio", "treatment", "physio.session", "91251008"),
    ("physio", "treatment", "physio.gait_training", None),
])
def test_a_procedure_carries_snomed_ct_where_a_concept_is_known_and_its_own_code_always(
        store, campaign, patient, specialty, station, code, snomed):
    visit = encounters.open_encounter(store, patient.id, specialty, station, campaign.id)
    detail = {"tooth": 36} if code == "dental.extraction.simple" else {}
    encounters.save(store, visit.id, procedures=[ProcedureEntry(code, detail)])
    (procedure,) = _of(_bundle(store, visit.id), "Procedure")
    expected = {"urn:ayni:fhir:procedure": code} | ({SNOMED: snomed} if snomed else {})
    assert _codings(procedure["code"]) == expected


def test_an_operated_case_goes_with_its_visit_as_a_procedure_in_snomed_ct(store, campaign, patient):
    screening = encounters.open_encounter(store, patient.id, "surgery", "screening", campaign.id)
    case = cases.create_case(store, patient.id, {"procedure": "surgery.inguinal_hernia_repair", "side": "right",
                                                 "surgeon": "Dr. Smith", "anaesthetist": "Dra. Núñez"},
                             encounter_id=screening.id)
    assert not _of(_bundle(store, screening.id), "Procedure")  # not operated yet
    complete_case(store, case, campaign.start_date)
    (operation,) = _of(_bundle(store, screening.id), "Procedure")
    assert _codings(operation["code"]) == {"urn:ayni:fhir:procedure": "surgery.inguinal_hernia_repair",
                                           SNOMED: "44558001"}
    assert operation["code"]["text"] == "Inguinal hernia repair" and operation["bodySite"] == [{"text": "Right"}]
