"""Dental, optometry, physiotherapy and surgery: each form validates real input, a visit saves with
its procedures, and its summary section shows what was recorded."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ayni.core import ProcedureEntry, ValidationError, encounters, validate_form


def _sections_html(store, visit, lang="es") -> str:
    return "".join(s.html for result in store.plugins.hook.ayni_pdf_sections(visit=visit, lang=lang) for s in result)


def test_dental_exam_records_carious_teeth_by_fdi_number(store, patient):
    spec = store.plugins.forms["dental.exam"]
    with pytest.raises(ValidationError) as refused:
        validate_form(spec, {"dentition": "permanent", "caries": "16 19"})
    assert "«19»" in refused.value.message("es")
    encounter = encounters.open_encounter(store, patient.id, "dental", "treatment")
    visit = encounters.save(store, encounter.id,
                            forms={"dental.exam": {"dentition": "permanent", "teeth_present": "28", "caries": "36, 16 26"}},
                            procedures=[ProcedureEntry("dental.extraction", detail={"tooth": 36}),
                                        ProcedureEntry("dental.art", detail={"tooth": 16})],
                            diagnoses=["K02.1"])
    assert visit.form("dental.exam")["caries"] == [16, 26, 36]
    assert store.plugins.procedures["dental.extraction"].target == "tooth"
    html = _sections_html(store, visit)
    assert "Piezas con caries" in html and "16, 26, 36" in html


def test_optometry_refraction_goes_in_quarter_dioptres_per_eye(store):
    spec = store.plugins.forms["optometry.exam"]
    with pytest.raises(ValidationError) as refused:
        validate_form(spec, {"sphere": {"od": "-1.30", "os": "-1.25"}})
    assert [(e.field, e.key) for e in refused.value.errors] == [("sphere.od", "bad_step")]
    assert "Esfera OD (ojo derecho): debe ir en pasos de 0.25." in refused.value.message("es")
    values = validate_form(spec, {"sphere": {"od": "-1.25", "os": "+0.50"}, "cylinder": {"od": "-0.75"},
                                  "axis": {"od": "90"}, "va_uncorrected": {"od": "20/200", "os": "CF"}})
    assert values["sphere"] == {"od": Decimal("-1.25"), "os": Decimal("0.50")}


def test_optometry_refuses_a_cylinder_without_its_axis(store):
    spec = store.plugins.forms["optometry.exam"]
    with pytest.raises(ValidationError) as refused:
        validate_form(spec, {"sphere": {"os": "-2.00"}, "cylinder": {"os": "-1.00"}})
    assert refused.value.fields() == {"axis.os"}
    assert refused.value.message("en") == "Axis OS (left eye): is required."


def test_an_optometry_visit_prints_acuity_per_eye(store, patient):
    encounter = encounters.open_encounter(store, patient.id, "optometry", "refraction")
    visit = encounters.save(store, encounter.id, forms={"optometry.exam": {
        "va_uncorrected": {"od": "20/200", "os": "20/40"}, "sphere": {"od": "-3.25"}, "near_add": "2.00"}},
        procedures=[ProcedureEntry("optometry.refraction")], diagnoses=["H52.1"])
    html = _sections_html(store, visit)
    assert "OD (ojo derecho): 20/200; OI (ojo izquierdo): 20/40" in html
    assert "-3.25 D" in html and "2.00 D" in html


def test_physio_pain_is_a_scale_from_0_to_10(store, patient):
    spec = store.plugins.forms["physio.assessment"]
    with pytest.raises(ValidationError) as refused:
        validate_form(spec, {"category": "musculoskeletal", "pain": "11"})
    assert refused.value.message("es") == "Dolor (EVA): debe estar entre 0 y 10."
    encounter = encounters.open_encounter(store, patient.id, "physio", "assessment")
    visit = encounters.save(store, encounter.id, forms={"physio.assessment": {
        "category": "neurological", "region": "knee, hip", "side": "left", "pain": "6", "mobility_aid": "cane"}},
        procedures=[ProcedureEntry("physio.assessment"), ProcedureEntry("physio.manual_therapy", detail={"limb": "left_leg"})])
    html = _sections_html(store, visit, "en")
    assert "Neurological" in html and "Knee, Hip" in html and "Cane" in html
    assert set(store.plugins.equipment) >= {"physio.wheelchair", "physio.walker", "physio.crutches"}


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
