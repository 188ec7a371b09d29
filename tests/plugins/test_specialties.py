"""Dental and surgery (optometry: test_optometry*.py; physiotherapy: test_physio*.py): each form validates real input, a visit saves with
its procedures, and its summary section shows what was recorded."""

from __future__ import annotations


import pytest

from ayni.core import ProcedureEntry, ValidationError, validate_form
from ayni.core.clinical import encounters


def _sections_html(store, visit, lang="es") -> str:
    return "".join(s.html for result in store.plugins.hook.ayni_pdf_sections(visit=visit, lang=lang, store=store) for s in result)


def test_dental_exam_records_carious_teeth_by_fdi_number(store, patient):
    # the odontogram, its rules and its PDF are tested in depth in test_dental.py
    spec = store.plugins.forms["dental.exam"]
    with pytest.raises(ValidationError) as refused:
        validate_form(spec, {"dentition": "permanent", "odontogram": "16:c 19:c"})
    assert "«19»" in refused.value.message("es")
    encounter = encounters.open_encounter(store, patient.id, "dental", "treatment")
    visit = encounters.save(store, encounter.id,
                            forms={"dental.exam": {"dentition": "permanent", "odontogram": "36:x 16:c:O 26:c"}},
                            procedures=[ProcedureEntry("dental.extraction.simple", detail={"tooth": 36}),
                                        ProcedureEntry("dental.art.s1", detail={"tooth": 16, "surfaces": "O"})],
                            diagnoses=["K02.1"])
    assert list(visit.form("dental.exam")["odontogram"]) == ["16", "26", "36"]
    assert store.plugins.procedures["dental.extraction.simple"].target == "tooth"
    html = _sections_html(store, visit)
    assert "Caries (O caries)" in html and "Extracción indicada" in html


def test_surgery_screening_plans_an_operation_from_the_catalogue(store, patient):
    spec = store.plugins.forms["surgery.screening"]
    planned = spec.field("planned_procedure")
    assert {c.value for c in planned.choices} <= set(store.plugins.procedures)
    with pytest.raises(ValidationError) as refused:
        validate_form(spec, {"planned_procedure": "surgery.appendectomy", "asa": "VI"})
    assert refused.value.fields() == {"planned_procedure", "asa", "fit_for_surgery"}
    encounter = encounters.open_encounter(store, patient.id, "surgery", "screening")
    visit = encounters.save(store, encounter.id, forms={"surgery.screening": {
        "planned_procedure": "surgery.inguinal_hernia_repair", "side": "right", "asa": "II",
        "hemoglobin": "12.4", "fit_for_surgery": "sí"}},
        procedures=[ProcedureEntry("surgery.screening")], diagnoses=["K40.9"])
    html = _sections_html(store, visit)
    assert "Hernioplastía inguinal" in html and "ASA II — enfermedad sistémica leve" in html
    assert "12.4 g/dL" in html and "Apto para cirugía" in html


@pytest.mark.parametrize("key", ["general", "dental", "optometry", "physio", "surgery"])
def test_every_station_of_every_specialty_can_be_opened(store, patient, key):
    specialty = store.plugins.specialties[key]
    for station in specialty.stations:
        encounter = encounters.open_encounter(store, patient.id, key, station)
        assert specialty.station_label(station, "es") != station
        assert encounter.station == station
    assert [f.key for f in store.plugins.forms_of(key)] == list(specialty.forms)
