"""A patient's documents speak the patient's language, not the screen's: Quechua, which has a
catalogue, for a Quechua speaker; Spanish for Aymara, Asháninka and every language without one;
English for ``en``; the visit summary (the clinical record) stays in the screen's language; the
person printing may choose."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ayni.core import Text, document_language
from ayni.core.clinical import encounters
from ayni.core.people import patients
from ayni.tui.printing import write_summary

RECETA = {"general.prescription": {"items": "paracetamol_500 1 c/8h x3d"}}


def _text(path) -> str:
    return " ".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages).split())


@pytest.mark.parametrize(("language", "chosen", "expected"), [
    ("qu", None, "qu"), ("ay", None, "es"), ("ash", None, "es"), ("es", None, "es"), ("other", None, "es"),
    ("", None, "es"), (None, None, "es"), ("en", None, "en"), ("qu", "en", "en"), ("en", "es", "es"),
    ("en", "qu", "qu"), ("qu", "ay", "qu"),
])
def test_the_document_language_of_a_patient(language, chosen, expected):
    assert document_language(language, chosen) == expected


def _printed(store, patient, screen_lang):
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    encounters.save(store, encounter.id, forms=RECETA)
    summary, receta = write_summary(store, encounter.id, screen_lang)
    return _text(summary), _text(receta)


def test_an_english_screen_prints_an_aymara_speakers_receta_in_spanish(store, patient_form):
    aymara = patients.register(store, patient_form(language="ay", id_number="45678914"))
    summary, receta = _printed(store, aymara, "en")
    assert "Visit summary" in summary  # the clinical record follows the screen
    assert "Receta médica" in receta and "Tome 1 tableta cada 8 horas" in receta
    assert "Take 1 tablet" not in receta


def test_an_english_screen_prints_a_quechua_speakers_receta_from_the_quechua_catalogue(store, patient):
    assert patient.language == "qu"
    summary, receta = _printed(store, patient, "en")
    assert "Visit summary" in summary
    assert Text("Receta médica", "Prescription").get("qu") in receta  # Spanish where it is not translated yet
    assert "Take 1 tablet" not in receta


def test_a_spanish_screen_prints_an_english_speakers_receta_in_english(store, patient_form):
    visitor = patients.register(store, patient_form(language="en", id_number="45678913"))
    summary, receta = _printed(store, visitor, "es")
    assert "Resumen de atención" in summary
    assert "Take 1 tablet every 8 hours" in receta and "Tome" not in receta
