"""Surgery's documents: the operative note, the discharge summary and a theatre's day list, read
back from the PDF with pypdf; and the screening section of the visit summary."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ayni.core.clinical import encounters
from ayni.core.dates import format_date
from ayni.core.documents.pdf import render_visit
from ayni.plugins.surgery import cases, documents
from test_surgery import complete_case


def _text(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF")
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def day(campaign):
    """The campaign's first day, yesterday: the operations on it are over."""
    return campaign.start_date


@pytest.fixture
def done(store, campaign, patient, day):
    case = cases.create_case(store, patient.id, {"procedure": "surgery.inguinal_hernia_repair", "side": "right",
                                                 "indication": "K40.9"}, campaign_id=campaign.id)
    done = complete_case(store, case, day)
    cases.save_form(store, case.id, "surgery.discharge", {
        "discharge_date": day.isoformat(), "condition": "good", "wound": "clean", "complication": "no",
        "instructions": "Reposo relativo; no cargar peso por 4 semanas. ¿Fiebre? Volver de inmediato."})
    return done


def test_the_operative_note_prints_the_operation_checklist_and_history(store, done, day):
    text = _text(documents.render_operative_note(store, done.id, "es"))
    assert "Nota operatoria" in text and "Rosa Elena Núñez Quispe" in text
    assert "Hernioplastía inguinal (derecho)" in text and "Cirugía general" in text
    assert "Dr. Smith" in text and "Dra. Núñez" in text and format_date(day, "es") in text
    assert "Hora de inicio" in text and "09:10" in text and "10:25" in text and "50 ml" in text
    assert "Dr. Huamán, Dra. Ccori" in text
    assert "Pulsioxímetro colocado y funcionando" in text and "Pausa quirúrgica" in text
    assert "INCOMPLETA" not in text
    assert "Operado" in text and "Preoperatorio completo" in text  # the history of status changes
    english = _text(documents.render_operative_note(store, done.id, "en"))
    assert "Operative note" in english and "Instrument, sponge and needle counts correct" in english


def test_an_incomplete_checklist_is_marked_on_the_note(store, campaign, patient, day):
    case = cases.create_case(store, patient.id, {"procedure": "surgery.lipoma_excision"}, campaign_id=campaign.id)
    text = _text(documents.render_operative_note(store, case.id, "es"))
    assert text.count("INCOMPLETA") == 3 and "Nota operatoria aún no registrada." in text


def test_the_discharge_summary(store, done):
    text = _text(documents.render_discharge(store, done.id, "es"))
    assert "Resumen de alta" in text and "Condición al alta" in text and "Buena" in text
    assert "¿Fiebre? Volver de inmediato." in text and "Limpia y seca" in text
    assert "Alta aún no registrada." not in text


def test_the_day_list_of_a_theatre_in_order(store, campaign, patient, done, day):
    second = cases.create_case(store, patient.id, {"procedure": "surgery.cataract_extraction", "side": "left"},
                               campaign_id=campaign.id)
    cases.schedule(store, second.id, {"day": day.isoformat(), "theatre": "q1", "surgeon": "Dra. Peña"})
    elsewhere = cases.create_case(store, patient.id, {"procedure": "surgery.tonsillectomy"}, campaign_id=campaign.id)
    cases.schedule(store, elsewhere.id, {"day": day.isoformat(), "theatre": "q2", "surgeon": "Dr. Smith"})
    text = _text(documents.render_day_list(store, day, "q1", "es"))
    assert f"Lista quirúrgica — Quirófano 1 — {format_date(day, 'es')}" in text
    assert text.index("Hernioplastía inguinal") < text.index("Extracción de catarata")
    assert "Amigdalectomía" not in text
    assert "Dra. Peña" in text and "ASA II" in text and "Raquídea (espinal)" in text and "Campaña Chinchero" in text
    empty = _text(documents.render_day_list(store, day, "minor", "en"))
    assert "No cases on this list." in empty


def test_the_visit_summary_shows_the_screening_and_its_case(store, patient):
    encounter = encounters.open_encounter(store, patient.id, "surgery", "screening")
    encounters.save(store, encounter.id, forms={"surgery.screening": {
        "planned_procedure": "surgery.cataract_extraction", "side": "left", "asa": "II", "fit_for_surgery": "sí"}})
    visit = encounters.close(store, encounter.id)  # fit for surgery: the case goes on the list
    sections = [s for result in store.plugins.hook.ayni_pdf_sections(visit=visit, lang="es", store=store)
                for s in result]
    assert [s.title for s in sections] == ["Evaluación prequirúrgica", "Caso quirúrgico"]
    assert "Extracción de catarata con lente intraocular" in sections[0].html and "Izquierdo" in sections[0].html
    assert "Oftalmología" in sections[1].html and "Evaluado" in sections[1].html
    text = _text(render_visit(store, encounter.id, "es"))
    assert "CASO QUIRÚRGICO" in text and "Extracción de catarata con lente intraocular (izquierdo)" in text  # h2 upper-cased
