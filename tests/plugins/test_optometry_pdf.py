"""Optometry's printed pages: the visit-summary sections, the glasses prescription and the referral
letter, read back from the PDF with pypdf."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ayni.core.clinical import encounters
from ayni.core.documents import pdf
from ayni.plugins import optometry
from ayni.plugins.optometry.documents import render_prescription, render_referral

EXAM = {"va_sc": {"od": "20/200", "os": "cd", "ou": "20/200"}, "va_ph": {"od": "20/40"},
        "sphere": {"od": "-1.00", "os": "+0.50"}, "cylinder": {"od": "+0.50"}, "axis": {"od": "90"},
        "add": {"od": "2.50", "os": "2.50"}, "va_rx": {"od": "20/25"}, "pd": "63",
        "iop": {"od": "15", "os": "32"}, "iop_method": "goldmann", "cataract": {"os": "mature"},
        "pterygium": {"od": "2"}, "notes": "Pterigión nasal <activo> & ojo rojo"}
PLAN = {"readers": "sí", "readers_power": "2.50", "glasses_order": "sí", "lens_type": "bifocal",
        "referral": "cataract", "referral_eye": "os", "referral_urgency": "priority",
        "referral_notes": "Catarata madura, vive en Ccorca (3 h a pie)"}


@pytest.fixture
def visit(store, patient):
    encounter = encounters.open_encounter(store, patient.id, "optometry", "exam")
    return encounters.save(store, encounter.id, forms={"optometry.exam": EXAM, "optometry.plan": PLAN},
                           diagnoses=["H25.1", "H11.0"])


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_summary_sections_are_per_eye_grids_escaped(store, visit):
    sections = optometry.ayni_pdf_sections(visit=visit, lang="es")
    assert [s.title for s in sections] == ["Agudeza visual", "Refracción", "Presión intraocular y hallazgos",
                                           "Plan: lentes y referencia"]
    html = "".join(s.html for s in sections)
    for text in ("20/200 (1.00)", "<td>CD</td>", "20/40 (0.30)", "-1.00", "+0.50", "90°", "+2.50", "DIP: 63 mm",
                 "Presión intraocular (Goldmann)", "32 mmHg", "Madura", "Grado II", "Lentes de lectura +2.50",
                 "Pedir lentes a medida: Bifocal", "Referir por: Catarata · OI (izquierdo) · Prioritaria"):
        assert text in html
    assert "&lt;activo&gt; &amp; ojo rojo" in html and "<activo>" not in html
    english = "".join(s.html for s in optometry.ayni_pdf_sections(visit=visit, lang="en"))
    assert "<td>CF</td>" in english and "Refer for: Cataract · OS (left) · Priority" in english


def test_the_visit_summary_pdf_holds_the_optometry_sections(store, visit):
    text = _text(pdf.render_visit(store, visit.encounter.id, "es"))
    for words in ("AGUDEZA VISUAL", "AV sin corrección 20/200 (1.00) CD", "REFRACCIÓN", "OD -1.00 +0.50 90° +2.50",
                  "Catarata Madura", "Pterigión Grado II", "H25.1 — Catarata senil nuclear", "Núñez"):
        assert words in text  # headings are printed in capitals


def test_the_documents_offered_depend_on_what_the_visit_has(store, patient, visit):
    assert [d.key for d in pdf.documents(store, visit)] == ["optometry.prescription", "optometry.referral_letter"]
    screening = encounters.open_encounter(store, patient.id, "optometry", "screening")
    only_acuity = encounters.save(store, screening.id, forms={"optometry.exam": {"va_sc": {"od": "20/20"}}})
    assert pdf.documents(store, only_acuity) == []
    general = encounters.open_encounter(store, patient.id, "general", "consultation")
    assert optometry.ayni_documents(visit=encounters.get_encounter_record(store, general.id)) == []


def test_the_prescription_prints_od_oi_rows_pd_examiner_and_patient(store, visit):
    text = _text(render_prescription(store, visit.encounter.id, "es"))
    assert "Receta de lentes" in text
    assert "Esfera" in text and "Cilindro" in text and "Eje" in text and "Adición" in text
    assert "OD -1.00 +0.50 90° +2.50 20/25" in text  # as entered (plus cylinder)
    assert "OI +0.50 +2.50" in text
    assert "Distancia interpupilar (DIP) 63 mm" in text and "Bifocal" in text
    assert "dra.quispe" in text and "Rosa Elena Núñez Quispe" in text


def test_the_prescription_transposes_to_the_cylinder_asked_for(store, visit):
    text = _text(render_prescription(store, visit.encounter.id, "en", cylinder="minus"))
    assert "Glasses prescription" in text and "Sphere" in text
    assert "OD -0.50 -0.50 180° +2.50 20/25" in text
    assert "Cylinder in minus notation." in text


def test_the_referral_letter_names_the_destination_reason_findings_and_diagnoses(store, visit):
    text = _text(render_referral(store, visit.encounter.id, "es"))
    for words in ("Hoja de referencia", "Equipo de cirugía de la campaña", "Catarata", "OI (izquierdo)",
                  "Prioritaria", "Catarata madura, vive en Ccorca (3 h a pie)", "AV sin corrección",
                  "H25.1 — Catarata senil nuclear", "H11.0 — Pterigión", "Rosa Elena Núñez Quispe"):
        assert words in text
    english = _text(render_referral(store, visit.encounter.id, "en"))
    assert "Referral letter" in english and "The campaign's surgery team" in english
