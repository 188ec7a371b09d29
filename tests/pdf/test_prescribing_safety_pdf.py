"""What prescribing safety prints: the receta of a child gives the weight used and the dose per kg,
in the document's language; the reason of every warning gone ahead with is on the clinic's copy
(the visit summary) and never on the patient's (the receta)."""

from __future__ import annotations

import pytest

from ayni.core import NeedsAcknowledgement
from ayni.core.clinical import encounters
from ayni.core.documents.pdf import render_visit
from ayni.core.people import patients
from ayni.plugins.general.documents import render_receta

REASON = "dosis de carga indicada por pediatría, niño con fiebre de 40 °C"


@pytest.fixture
def child_visit(store, campaign):
    child = patients.register(store, {"given_names": "José Ñique", "paternal_surname": "Núñez", "sex": "M",
                                      "age_years": 2, "id_kind": "none", "guardian_name": "Ana Ñahui"})
    encounter = encounters.open_encounter(store, child.id, "general", "consultation", campaign_id=campaign.id)
    encounters.save(store, encounter.id, forms={"general.triage": {"weight": "9"}})
    forms = {"general.prescription": {"items": "paracetamol_jarabe 7.5 c/8h x3d; amoxicilina_suspension 8 c/12h x7d"}}
    with pytest.raises(NeedsAcknowledgement) as warned:
        encounters.save(store, encounter.id, forms=forms)
    encounters.save(store, encounter.id, forms=forms, acknowledged={w.code: REASON for w in warned.value.warnings})
    return encounter.id


def test_the_receta_prints_the_weight_and_the_dose_per_kg_for_a_child(store, child_visit, pdf_text):
    text = pdf_text(render_receta(store, child_visit, "es"))
    assert "Peso: 9 kg · 20 mg/kg por dosis" in text  # 7,5 mL × 24 mg = 180 mg
    assert "Peso: 9 kg · 44,4 mg/kg por dosis" in text  # 8 mL × 50 mg = 400 mg
    assert "Núñez" in text and "Ñique" in text
    english = pdf_text(render_receta(store, child_visit, "en"))
    assert "Weight: 9 kg · 44.4 mg/kg per dose" in english
    quechua = pdf_text(render_receta(store, child_visit, "qu"))
    assert "Llasaynin: 9 kg · 20 mg/kg sapa kuti" in quechua


def test_the_reason_is_on_the_clinics_copy_and_never_on_the_patients(store, child_visit, pdf_text):
    clinic = " ".join(pdf_text(render_visit(store, child_visit, "es")).split())
    assert "AVISOS ACEPTADOS CON MOTIVO (COPIA DEL ESTABLECIMIENTO)" in clinic  # headings print in capitals
    assert "180 mg = 20 mg/kg" in clinic and f"Motivo: «{REASON}»" in clinic
    patient_copy = pdf_text(render_receta(store, child_visit, "es"))
    assert "pediatría" not in patient_copy and "Motivo" not in patient_copy


def test_an_adult_receta_prints_no_dose_per_kg(store, visit_id, pdf_text):
    encounter = encounters.open_encounter(store, encounters.get_encounter_record(store, visit_id).patient.id,
                                          "general", "consultation")
    encounters.save(store, encounter.id, forms={"general.triage": {"weight": "60"},
                                                "general.prescription": {"items": "paracetamol_500 1 c/8h x3d"}})
    assert "mg/kg" not in pdf_text(render_receta(store, encounter.id, "es"))
