"""General medicine: triage validation, a whole visit, the PDF sections and the report rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ayni.core import Encounter, ProcedureEntry, ValidationError, validate_form
from ayni.core.campaign.campaigns import create
from ayni.core.clinical import encounters

TRIAGE = {"bp_systolic": "120", "bp_diastolic": "80", "heart_rate": "72", "respiratory_rate": "16",
          "temperature": "36.8", "spo2": "91", "weight": "62.5", "height": "150", "glucose": "98"}
CONSULTATION = {"chief_complaint": "Tos y fiebre hace 3 días", "history": "Inicio con rinorrea.",
                "examination": "Faringe congestiva.", "plan": "Paracetamol 500 mg c/8 h por 3 días",
                "notes": "Vuelve si dificultad <respiratoria> & fiebre > 3 días"}


@pytest.fixture
def triage_spec(store):
    return store.plugins.forms["general.triage"]


def test_a_blood_pressure_of_400_over_20_is_refused_naming_fields_and_ranges(triage_spec):
    with pytest.raises(ValidationError) as refused:
        validate_form(triage_spec, {**TRIAGE, "bp_systolic": "400", "bp_diastolic": "20"})
    assert refused.value.fields() == {"bp_systolic", "bp_diastolic"}
    assert refused.value.message("es").splitlines() == [
        "Presión arterial sistólica: debe estar entre 50 y 260 mmHg.",
        "Presión arterial diastólica: debe estar entre 30 y 160 mmHg.",
    ]
    assert "Systolic blood pressure: must be between 50 and 260 mmHg." in refused.value.message("en")


@pytest.mark.parametrize(("systolic", "diastolic"), [("80", "90"), ("90", "90")])
def test_systolic_not_above_diastolic_is_refused(triage_spec, systolic, diastolic):
    with pytest.raises(ValidationError) as refused:
        validate_form(triage_spec, {**TRIAGE, "bp_systolic": systolic, "bp_diastolic": diastolic})
    assert refused.value.fields() == {"bp_systolic"}
    assert "la sistólica debe ser mayor que la diastólica" in refused.value.message("es")


def test_bmi_is_derived_from_weight_and_height_and_never_typed(triage_spec):
    values = validate_form(triage_spec, {**TRIAGE, "bmi": "99"})
    assert values["bmi"] == Decimal("27.8")  # 62.5 / 1.50²
    assert isinstance(values["bmi"], Decimal)
    assert "bmi" not in validate_form(triage_spec, {"weight": "62.5"})


@pytest.mark.parametrize(("field", "value", "key"), [
    ("temperature", "36.55", "bad_step"), ("temperature", "45", "out_of_range"),
    ("spo2", "101", "out_of_range"), ("heart_rate", "72.5", "not_integer"), ("glucose", "10", "out_of_range"),
])
def test_each_vital_sign_is_bounded(triage_spec, field, value, key):
    with pytest.raises(ValidationError) as refused:
        validate_form(triage_spec, {**TRIAGE, field: value})
    assert [(e.field, e.key) for e in refused.value.errors] == [(field, key)]


def test_the_consultation_needs_a_chief_complaint_and_a_plan(store):
    with pytest.raises(ValidationError) as refused:
        validate_form(store.plugins.forms["general.consultation"], {"notes": "sin datos"})
    assert refused.value.fields() == {"chief_complaint", "plan"}


def _visit(store, patient):
    """A triage and a consultation for the same patient, as a campaign day runs them."""
    triage = encounters.open_encounter(store, patient.id, "general", "triage")
    encounters.save(store, triage.id, forms={"general.triage": TRIAGE},
                    procedures=[ProcedureEntry("general.triage"), ProcedureEntry("general.glucose_test")])
    consultation = encounters.open_encounter(store, patient.id, "general", "consultation")
    encounters.save(store, consultation.id, forms={"general.consultation": CONSULTATION},
                    procedures=[ProcedureEntry("general.consultation"),
                                ProcedureEntry("general.nebulization", quantity=2)],
                    diagnoses=["J06.9", "D50.9"])
    return encounters.get_encounter_record(store, triage.id), encounters.get_encounter_record(store, consultation.id)


def test_a_whole_general_visit_is_saved(store, patient):
    triage, consultation = _visit(store, patient)
    assert triage.form("general.triage")["bmi"] == Decimal("27.8")
    assert triage.forms["general.triage"].version == 2
    assert [p.code for p in triage.procedures] == ["general.triage", "general.glucose_test"]
    assert consultation.form("general.consultation")["plan"] == CONSULTATION["plan"]
    assert [(d.code, d.is_primary) for d in consultation.diagnoses] == [("J06.9", True), ("D50.9", False)]
    assert [p.fee for p in consultation.procedures] == [Decimal("10.00"), Decimal("5.00")]
    assert consultation.suggested_total == Decimal("20.00")


def test_an_unknown_procedure_code_is_refused_and_nothing_is_written(store, patient):
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    counts = {t: store.db[t].count for t in ("form_data", "procedures", "diagnoses")}
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter.id, forms={"general.consultation": CONSULTATION},
                        procedures=[ProcedureEntry("general.consultation"), ProcedureEntry("general.appendectomy")],
                        diagnoses=["J06.9"])
    assert "general.appendectomy" in refused.value.message("es")
    assert {t: store.db[t].count for t in counts} == counts


def _sections(store, visit, lang):
    return [s for result in store.plugins.hook.ayni_pdf_sections(visit=visit, lang=lang, store=store) for s in result]


def test_the_pdf_sections_show_vitals_and_consultation(store, patient):
    triage, consultation = _visit(store, patient)
    vitals = "".join(s.html for s in _sections(store, triage, "es"))
    for text in ("Presión arterial sistólica", "120 mmHg", "36.8 °C", "91 %", "62.5 kg", "150 cm", "27.8 kg/m²",
                 "98 mg/dL"):
        assert text in vitals
    sections = _sections(store, consultation, "es")
    # diagnoses are printed by the summary itself; the alerts recall the triage of the same campaign
    assert [s.title for s in sections] == ["Alertas", "Consulta médica"]
    assert "Prioridad IV — Verde: estándar." in sections[0].html
    html = "".join(s.html for s in sections)
    assert "Motivo de consulta" in html and "Tos y fiebre hace 3 días" in html
    assert "Paracetamol 500 mg c/8 h por 3 días" in html
    assert "&lt;respiratoria&gt; &amp; fiebre" in html and "<respiratoria>" not in html
    english = "".join(s.html for s in _sections(store, consultation, "en"))
    assert "Chief complaint" in english and "Plan and treatment" in english


def test_diagnoses_are_listed_with_code_and_label(store, patient):
    from ayni.core.documents.sections import diagnosis_list

    _, consultation = _visit(store, patient)
    codes = [d.code for d in consultation.diagnoses]
    assert diagnosis_list(codes, "es", store.plugins.diagnoses) == (
        '<ul class="ayni-diagnoses"><li>J06.9 — Infección aguda de las vías respiratorias superiores, '
        "no especificada</li><li>D50.9 — Anemia por deficiencia de hierro, sin otra especificación</li></ul>")
    assert "D50.9 — Iron deficiency anaemia, unspecified" in diagnosis_list(codes, "en")
    assert diagnosis_list(["X99.9"], "es", {}) == '<ul class="ayni-diagnoses"><li>X99.9</li></ul>'


def test_general_adds_nothing_to_another_specialtys_summary(store, patient):
    dental = encounters.open_encounter(store, patient.id, "dental", "exam")
    visit = encounters.save(store, dental.id, forms={"dental.exam": {"dentition": "permanent", "caries": "16 26"}})
    titles = [s.title for s in _sections(store, visit, "es")]
    assert "Examen odontológico" in titles
    assert not {"Triaje", "Consulta médica"} & set(titles)


def _rows(store, campaign, day):
    from ayni.plugins import general

    return {(r.group, r.label.es): r.value for r in general.ayni_report_rows(store=store, campaign=campaign, day=day)}


def test_report_rows_count_stations_procedures_and_diagnoses(store, patient):
    triage, _ = _visit(store, patient)
    rows = _rows(store, triage.campaign, None)
    assert rows[("encounters", "Triaje")] == 1
    assert rows[("encounters", "Consultorio")] == 1
    assert rows[("procedures", "Nebulización")] == 2
    assert rows[("diagnoses", "J06.9 — Infección aguda de las vías respiratorias superiores, no especificada")] == 1


def test_report_rows_for_a_day_use_the_date_in_lima(store, patient):
    today = dt.date(2024, 5, 1)
    campaign = create(store, "Campaña Chinchero", "medical", today, today + dt.timedelta(days=2))
    # 22:00 in Lima on 1 May is 03:00 UTC on 2 May; 08:00 in Lima on 2 May is 13:00 UTC.
    for opened in ("2024-05-02T03:00:00+00:00", "2024-05-02T13:00:00+00:00"):
        with store.write():
            store.insert("encounters", Encounter(id=opened, patient_id=patient.id, campaign_id=campaign.id,
                                                 specialty="general", station="consultation",
                                                 opened_at=dt.datetime.fromisoformat(opened), opened_by=store.user.id))
    assert _rows(store, campaign, today)[("encounters", "Consultorio")] == 1
    assert _rows(store, campaign, today + dt.timedelta(days=1))[("encounters", "Consultorio")] == 1
    assert _rows(store, campaign, None)[("encounters", "Consultorio")] == 2
    assert _rows(store, campaign, today + dt.timedelta(days=2))[("encounters", "Consultorio")] == 0
