"""The dental home-care sheet: offered for a dental visit, printed for the patient with the care that
what was done needs (extraction, fillings, sealants, fluoride), the teeth still to treat and daily
brushing for a child or an adult, in Spanish today and in English on request."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ayni.core import ProcedureEntry, ValidationError
from ayni.core.i18n import document_language
from ayni.core.clinical import encounters
from ayni.core.documents.pdf import documents
from ayni.plugins.dental.documents import HOMECARE, render_homecare

from test_dental import ODONTOGRAM, _exam, _patient


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def _visit(store, patient, procedures=(), odontogram=None):
    visit_id = encounters.open_encounter(store, patient.id, "dental", "treatment").id
    return encounters.save(store, visit_id, forms=_exam(odontogram), procedures=list(procedures))


TREATMENT = (ProcedureEntry("dental.extraction.simple", {"tooth": 36}),
             ProcedureEntry("dental.art.s1", {"tooth": "21 M"}),
             ProcedureEntry("dental.sealant", {"tooth": 37}),
             ProcedureEntry("dental.fluoride"))


def test_a_dental_visit_offers_the_sheet_for_the_patient_and_another_specialty_does_not(store, patient):
    visit = _visit(store, patient)
    assert HOMECARE in documents(store, visit)
    assert HOMECARE.for_patient and HOMECARE.language("qu", "en") == document_language("qu")  # not the screen's
    general = encounters.open_encounter(store, patient.id, "general", "consultation")
    assert HOMECARE not in documents(store, encounters.get_encounter_record(store, general.id))
    with pytest.raises(ValidationError):
        render_homecare(store, general.id)


def test_the_sheet_says_what_was_done_and_the_care_each_thing_needs(store, patient):
    visit = _visit(store, patient, TREATMENT, ODONTOGRAM)
    text = _text(render_homecare(store, visit.encounter.id, "es"))
    for expected in ("Cuidados en casa", "Rosa Elena", "LO QUE SE HIZO HOY", "36 Exodoncia simple",
                     "Después de sacar el diente", "Muerda la gasa 30 minutos",
                     "Mientras dura la anestesia", "Después de la curación",
                     "No coma durante 1 hora después de la curación con ionómero (TRA).",
                     "Sellantes", "Después del flúor", "Aún quedan piezas por tratar (16, 21)",
                     "Cuide sus dientes todos los días", "Cepíllese los dientes 2 veces al día"):
        assert expected in text, expected
    assert "grano de arroz" not in text  # an adult gets no children's brushing advice
    english = _text(render_homecare(store, visit.encounter.id, "en"))
    for expected in ("Home care", "WHAT WAS DONE TODAY", "After the tooth was taken out",
                     "Bite on the gauze for 30 minutes", "Some teeth still need treatment (16, 21)"):
        assert expected in english, expected


def test_a_child_with_only_an_exam_gets_daily_care_and_the_childrens_brushing(store):
    child = _patient(store, 5, name="Luz")
    visit = _visit(store, child)
    text = _text(render_homecare(store, visit.encounter.id, "es"))
    assert "Cuide sus dientes todos los días" in text and "grano de arroz" in text
    assert "LO QUE SE HIZO HOY" not in text and "Muerda la gasa" not in text
