"""A demo campaign on a real SQLite file, plus one visit that records everything a bundle can hold:
vital signs, a diagnosis, a procedure, a vaccine dose, a prescription, what was dispensed and a
referral."""

from __future__ import annotations

import pytest

from ayni.cli.demo import seed
from ayni.core import open_store
from ayni.core.clinical import encounters, referrals
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.people import patients
from ayni.core import stock

from fhirkit import TODAY


def full_visit(store, campaign_id: str) -> str:
    """A child's general-medicine consultation with a vaccine, a prescription, a dispensing and a referral."""
    child = patients.register(store, {
        "given_names": "Rosa Elena", "paternal_surname": "Núñez", "maternal_surname": "Quispe", "sex": "F",
        "age_years": "4", "id_kind": "dni", "id_number": "71234567", "id2_kind": "passport",
        "id2_number": "AB123456", "community": "Pomacocha", "district": "Vilcas Huamán", "region": "Ayacucho",
        "language": "qu", "phone": "966111222", "guardian_name": "Juana Quispe Huamán",
        "guardian_relationship": "madre", "guardian_phone": "966333444"})
    visit = encounters.open_encounter(store, child.id, "general", "consultation", campaign_id)
    encounters.save(store, visit.id, forms={
        "general.triage": {"bp_systolic": "100", "bp_diastolic": "60", "heart_rate": "110", "temperature": "38.4",
                           "spo2": "95", "weight": "17", "height": "102", "respiratory_rate": "28",
                           "allergies": ["none"]},
        "general.consultation": {"chief_complaint": "Tos y fiebre", "plan": "Amoxicilina, control en 3 días"},
        "general.prescription": {"items": "amoxicilina_500 1 c/8h x7d"},
    }, procedures=[ProcedureEntry("general.consultation")], diagnoses=["J06.9"])
    stock.dispense(store, visit.id, "general.amoxicillin_500", 21, reference="general.prescription")
    referrals.refer(store, visit.id, "hospital:Hospital Regional de Ayacucho", "Neumonía a descartar", "priority")
    vaccination = encounters.open_encounter(store, child.id, "general", "vaccination", campaign_id)
    encounters.save(store, vaccination.id, forms={"general.vaccination": {"doses": "penta 2 L2301A 2030-03-31 mi"}})
    return visit.id


@pytest.fixture(scope="session")
def campaign_db(tmp_path_factory):
    """A seeded database (40 demo patients and the full visit): its path, campaign id and visit id."""
    path = tmp_path_factory.mktemp("fhir") / "ayni.db"
    store = open_store(path)
    summary = seed(store, patients=40, today=TODAY)
    visit_id = full_visit(store, summary.campaign.id)
    store.close()
    return path, summary.campaign.id, visit_id
