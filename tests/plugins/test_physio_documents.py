"""Physiotherapy documents and figures: the home programme (catalogue, dose changes, the handout PDF),
the visit summary PDF, and the campaign report checked against the data recorded."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

import ayni.plugins.physio as physio
from ayni.core import ProcedureEntry, ValidationError, stock, validate_form
from ayni.core.clinical import encounters
from ayni.core.dates import to_lima, today_in_lima
from ayni.core.documents import pdf
from ayni.core.model import utcnow
from ayni.plugins.physio import fit_and_dispense, render_home_programme
from ayni.plugins.physio.exercises import CATALOGUE

from test_physio import register_child
from test_physio_equipment import AFO, WALKER

PROGRAMME = "physio.home_programme"


def pdf_text(data: bytes) -> str:
    """The text of a PDF, pages joined, whitespace runs collapsed."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


# -- the catalogue and the programme --------------------------------------------------------------

def test_the_catalogue_has_at_least_20_exercises_in_plain_spanish_and_english():
    assert len(CATALOGUE) >= 20
    assert len({e.key for e in CATALOGUE}) == len(CATALOGUE)
    for exercise in CATALOGUE:
        assert exercise.name.es != exercise.name.en and exercise.steps.es != exercise.steps.en
        assert exercise.reps >= 1 and exercise.sets >= 1 and exercise.per_day >= 1
        assert max(len(s) for s in exercise.steps.es.split(". ")) < 200  # short sentences


def test_dose_changes_are_checked_and_stored_canonically(store):
    spec = store.plugins.forms[PROGRAMME]
    values = validate_form(spec, {"exercises": "bridging heel_slides", "dosing": "5: 15 x 3, 2/día\n heel_slides 8×2"})
    assert values["dosing"] == "bridging 15x3 2/d; heel_slides 8x2"
    with pytest.raises(ValidationError) as refused:
        validate_form(spec, {"exercises": "bridging", "dosing": "bridging quince veces"})
    assert refused.value.message("es") == ("Dosis distinta de la usual: «bridging quince veces» no se entiende; "
                                           "escriba p. ej. «bridging 15x3 2/d».")
    with pytest.raises(ValidationError) as refused:
        validate_form(spec, {"exercises": "bridging", "dosing": "99 10x2"})
    assert f"«99» is not an exercise of the catalogue (use its key or its number, 1 to {len(CATALOGUE)})" \
        in refused.value.message("en")
    with pytest.raises(ValidationError) as refused:
        validate_form(spec, {"exercises": "bridging", "dosing": "bridging 80x2"})
    assert refused.value.message("es").endswith("en «bridging 80x2», las repeticiones debe estar entre 1 y 50.")
    with pytest.raises(ValidationError) as refused:
        validate_form(spec, {"exercises": "bridging", "dosing": "heel_slides 10x2"})
    assert refused.value.message("en") == "Dose other than usual: «heel_slides» is not one of the exercises picked."


@pytest.fixture
def child(store, campaign):
    return register_child(store, 6)


@pytest.fixture
def programme_visit(store, child):
    encounter = encounters.open_encounter(store, child.id, "physio", "assessment")
    return encounters.save(store, encounter.id, forms={
        "physio.assessment": {"category": "cerebral_palsy", "gmfcs": "II", "rom_ankle_dorsiflexion": {"right": "-10"},
                              "barthel": "70"},
        PROGRAMME: {"exercises": "assisted_ankle_stretch, bridging, sit_to_stand", "dosing": "bridging 8x2 2/d",
                    "advice": "Use la férula de noche; no la use si ve la piel roja.", "helper": "Su mamá, María",
                    "review_date": (today_in_lima() + dt.timedelta(days=30)).isoformat()}},
        procedures=[ProcedureEntry("physio.assessment"), ProcedureEntry("physio.home_programme")], diagnoses=["G80.1"])


def test_the_handout_is_offered_only_with_a_programme(store, child, programme_visit):
    [document] = physio.ayni_documents(visit=programme_visit)
    assert document.key == "physio.home_programme" and document.render is render_home_programme
    bare = encounters.open_encounter(store, child.id, "physio", "treatment")
    assert physio.ayni_documents(visit=encounters.get_encounter_record(store, bare.id)) == []
    with pytest.raises(ValidationError) as refused:
        render_home_programme(store, bare.id)
    assert refused.value.message("es") == "Programa de ejercicios en casa: es obligatorio."


def test_the_home_programme_handout_is_a_spanish_pdf_in_plain_words(store, programme_visit):
    text = pdf_text(render_home_programme(store, programme_visit.encounter.id, "es"))
    assert "Mis ejercicios para la casa" in text
    assert "Ñuñu José Quispe Huamán" in text
    assert "1. Estirar el tobillo del niño (con ayuda)" in text
    assert "sujete la rodilla recta con una mano" in text
    assert "Cuánto: 8 veces · 2 series · mantenga 5 segundos · 2 veces al día" in text
    assert "Cuánto: 10 veces · 2 series · 2 veces al día" in text
    assert "Marque cada día que lo hizo" in text and "Mié" in text and "Sáb" in text
    assert "no la use si ve la piel roja" in text
    english = pdf_text(render_home_programme(store, programme_visit.encounter.id, "en"))
    assert "My home exercises" in english and "How much: 8 times · 2 sets · hold 5 seconds · 2 times a day" in english


def test_the_visit_summary_pdf_shows_measures_programme_and_aids(store, programme_visit):
    stock.receive(store, "physio.walker", 1, attributes={"kind": "paediatric_posterior"})
    stock.receive(store, "physio.orthosis", 1, attributes={"kind": "afo", "size": "S", "side": "right"})
    encounter_id = programme_visit.encounter.id
    fit_and_dispense(store, encounter_id, "physio.walker", WALKER)
    fit_and_dispense(store, encounter_id, "physio.orthosis", AFO)
    text = pdf_text(pdf.render_visit(store, encounter_id, "es"))
    assert "II — Camina con limitaciones" in text
    assert "Dorsiflexión de tobillo −10°" in text
    assert "70/100 — dependencia moderada" in text
    assert "El puente 8 veces · 2 series · mantenga 5 segundos · 2 veces al día" in text
    assert "AYUDAS TÉCNICAS ENTREGADAS" in text
    assert "Andador pediátrico posterior" in text and "Prestado (se devuelve)" in text
    assert "(AFO), derecho, talla S" in text and "✓ Piel revisada" in text
    english = pdf_text(pdf.render_visit(store, encounter_id, "en"))
    assert "MOBILITY AIDS HANDED OUT" in english and "Ankle dorsiflexion −10°" in english


# -- the report -----------------------------------------------------------------------------------

def _rows(store, campaign, day=None) -> dict[tuple[str, str], int]:
    found = {}
    for result in store.plugins.hook.ayni_report_rows(store=store, campaign=campaign, day=day):
        for row in result or ():
            if row.specialty == "physio":
                found[(row.group, row.label.es)] = row.value
    return found


def test_report_figures_match_what_was_recorded(store, campaign, patient):
    cp_child = register_child(store, 6)
    baby = register_child(store, 1, given="Killa")
    for who, form in ((cp_child, {"category": "cerebral_palsy", "gmfcs": "IV"}),
                      (baby, {"category": "clubfoot", "pirani": {"right": "5", "left": "4.5"}}),
                      (patient, {"category": "hemiplegia", "side": "left"}),
                      (patient, {"category": "musculoskeletal", "pain": "6"})):  # re-assessed: counts once, as latest
        encounter = encounters.open_encounter(store, who.id, "physio", "assessment")
        encounters.save(store, encounter.id, forms={"physio.assessment": form})
    for who, techniques in ((cp_child, "stretching, neurodevelopmental"), (cp_child, "stretching"),
                            (patient, "tens, manual_therapy")):
        encounter = encounters.open_encounter(store, who.id, "physio", "treatment")
        encounters.save(store, encounter.id, forms={"physio.session": {"techniques": techniques}})
    stock.receive(store, "physio.walker", 3, attributes={"kind": "paediatric_posterior"})
    stock.receive(store, "physio.orthosis", 5, attributes={"kind": "afo", "size": "S", "side": "right"})
    fitting_visit = encounters.open_encounter(store, cp_child.id, "physio", "treatment")
    fit_and_dispense(store, fitting_visit.id, "physio.walker", WALKER)
    fit_and_dispense(store, fitting_visit.id, "physio.orthosis", AFO, quantity=2)

    rows = _rows(store, campaign)
    assert rows[("patients_by_category", "Parálisis cerebral")] == 1
    assert rows[("patients_by_category", "Pie equino varo (pie zambo)")] == 1
    assert rows[("patients_by_category", "Dolor musculoesquelético")] == 1
    assert ("patients_by_category", "Hemiplejía (ACV u otra causa)") not in rows
    assert rows[("patients_by_category_age", "Parálisis cerebral · 5–17 años")] == 1
    assert rows[("patients_by_category_age", "Pie equino varo (pie zambo) · 0–4 años")] == 1
    assert rows[("patients_by_category_age", "Dolor musculoesquelético · 18–59 años")] == 1
    assert rows[("sessions", "Sesiones de tratamiento")] == 3
    assert rows[("sessions", "Pacientes en tratamiento")] == 2
    assert rows[("sessions_by_technique", "Estiramientos")] == 2
    assert rows[("sessions_by_technique", "TENS (electroanalgesia)")] == 1
    assert rows[("equipment", "Andador · pediátrico posterior")] == 1
    assert rows[("equipment", "Férula u órtesis · Órtesis tobillo-pie (AFO), derecho, talla S")] == 2
    assert rows[("equipment_provision", "Donado")] == 2
    assert rows[("equipment_provision", "Prestado (se devuelve)")] == 1
    assert rows[("encounters", "Evaluación")] == 4 and rows[("encounters", "Tratamiento")] == 4
    assert rows[("procedures", "Adaptación de ayuda técnica")] == 3
    today = to_lima(utcnow()).date()  # the campaign's day is a day in Lima
    assert _rows(store, campaign, today) == rows
    yesterday = _rows(store, campaign, today - dt.timedelta(days=1))
    assert {k: v for k, v in yesterday.items() if v} == {}
