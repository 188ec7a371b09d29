"""Dentistry: the odontogram value, the rules of a dental visit (each refused in Spanish and English
with nothing written), what procedures do to the odontogram, the PDF, the report and the kits."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from ayni.core import ProcedureEntry, ValidationError, stock, validate_form
from ayni.core.clinical import encounters
from ayni.core.dates import today_in_lima
from ayni.core.hooks.contract import assert_plugin_ok
from ayni.core.people import patients
from ayni.plugins import dental
from ayni.plugins.dental import kits
from ayni.plugins.dental.odontogram import after_treatment, dmft

EXAM = "dental.exam"
TABLES = ("form_data", "procedures", "audit_log")
ODONTOGRAM = {
    "16": {"state": "caries", "surfaces": {"O": "caries", "D": "caries"}},
    "21": {"state": "caries", "surfaces": "MI"},
    "26": {"state": "filled", "surfaces": {"O": "filled"}},
    "36": "x",
    "46": "missing",
}


def _patient(store, age, name="Rosa Elena"):
    fields = {"given_names": name, "paternal_surname": "Núñez", "maternal_surname": "Quispe", "sex": "F",
              "age_years": age, "id_kind": "none", "community": "Chinchero"}
    if age < 18:
        fields.update({"guardian_name": "Ana Quispe", "guardian_relationship": "madre"})
    return patients.register(store, fields)


def _counts(store):
    return {t: store.db[t].count for t in TABLES}


def _refused(store, encounter_id, **save):
    """Save, expect a refusal, check nothing was written, and return the error."""
    before = _counts(store)
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter_id, **save)
    assert _counts(store) == before
    return refused.value


def _exam(odontogram=None, **more):
    return {EXAM: {"dentition": "permanent", "odontogram": odontogram or {}, **more}}


@pytest.fixture
def visit_id(store, patient):
    return encounters.open_encounter(store, patient.id, "dental", "treatment").id


def test_the_dental_plugin_keeps_the_contract():
    assert_plugin_ok(dental)


# -- the odontogram value ------------------------------------------------------------------------


def test_the_odontogram_is_stored_canonical_and_the_caries_index_derived(store):
    spec = store.plugins.forms[EXAM]
    values = validate_form(spec, {"dentition": "mixed", "odontogram": {**ODONTOGRAM, 75: "c", "85": "missing",
                                                                       "11": "sound"}})
    odontogram = values["odontogram"]
    assert list(odontogram) == ["16", "21", "26", "36", "46", "75", "85"]  # sound 11 left out, chart order
    assert odontogram["21"] == {"state": "caries", "surfaces": {"M": "caries", "I": "caries"}}
    assert odontogram["36"] == {"state": "extraction"}
    # CPO-D: decayed 16, 21; missing 46 and extraction-indicated 36; filled 26
    assert dmft(odontogram) == {"D": 2, "M": 2, "F": 1, "total": 5}
    # ceo-d: 75 decayed; the missing 85 may have been shed and does not count
    assert dmft(odontogram, primary=True) == {"D": 1, "M": 0, "F": 0, "total": 1}
    assert (values["dmft_permanent"], values["dmft_primary"]) == (5, 1)


def test_a_healthy_mouth_scores_zero_and_the_short_text_form_is_accepted(store):
    spec = store.plugins.forms[EXAM]
    assert validate_form(spec, {"dentition": "permanent"})["dmft_permanent"] == 0
    values = validate_form(spec, {"dentition": "permanent", "odontogram": "16:c:OD 26:o:M, 36:m"})
    assert values["odontogram"] == {"16": {"state": "caries", "surfaces": {"O": "caries", "D": "caries"}},
                                    "26": {"state": "filled", "surfaces": {"M": "filled"}},
                                    "36": {"state": "missing"}}


@pytest.mark.parametrize(("odontogram", "es", "en"), [
    ({"36": {"state": "caries", "surfaces": "I"}},
     "Odontograma: la pieza 36 no tiene superficie «I»; use M, O, D, V, L (incisal solo en dientes anteriores",
     "Odontogram: tooth 36 has no «I» surface; use M, O, D, V, L (incisal only on anterior teeth"),
    ({"11": {"state": "filled", "surfaces": {"O": "filled"}}},
     "Odontograma: la pieza 11 no tiene superficie «O»; use M, I, D, V, L",
     "Odontogram: tooth 11 has no «O» surface; use M, I, D, V, L"),
    ({"19": "caries"}, "Odontograma: «19» no es una pieza dental FDI; use 11–18",
     "Odontogram: «19» is not an FDI tooth; use 11–18"),
    ({"16": "rotten"}, "Odontograma: pieza 16: estado «rotten» desconocido; use: C caries, O obturado",
     "Odontogram: tooth 16: unknown state «rotten»; use: C caries, O filled"),
    ({"46": {"state": "missing", "surfaces": {"O": "caries"}}},
     "Odontograma: la pieza 46 está ausente; no puede tener superficies marcadas.",
     "Odontogram: tooth 46 is missing; it cannot have marked surfaces."),
])
def test_a_wrong_odontogram_is_refused_by_the_core_validator_naming_the_tooth(store, visit_id, odontogram, es, en):
    error = _refused(store, visit_id, forms=_exam(odontogram))
    assert es in error.message("es")
    assert en in error.message("en")
    assert error.fields() <= {"odontogram", *(f"odontogram.{k}" for k in odontogram)}


# -- rules across the visit ----------------------------------------------------------------------


def test_a_surface_the_tooth_lacks_is_refused_on_a_procedure(store, visit_id):
    error = _refused(store, visit_id, forms=_exam(ODONTOGRAM),
                     procedures=[ProcedureEntry("dental.resin.s1", {"tooth": 11, "surfaces": ["O"]})])
    assert error.message("es").startswith(
        "Restauración con resina, 1 superficie: la pieza 11 no tiene superficie «O»; use M, I, D, V, L")
    assert "Composite resin restoration, 1 surface: tooth 11 has no «O» surface" in error.message("en")


def test_a_restoration_needs_a_surface_and_as_many_as_its_code_says(store, visit_id):
    error = _refused(store, visit_id, procedures=[ProcedureEntry("dental.art.s1", {"tooth": 16})])
    assert "pieza 16: una restauración necesita al menos una superficie (M, O/I, D, V, L)." in error.message("es")
    assert "tooth 16: a restoration needs at least one surface" in error.message("en")
    error = _refused(store, visit_id, procedures=[ProcedureEntry("dental.resin.s1", {"tooth": "16 MOD"})])
    assert ("pieza 16: este código es para 1 superficie y se marcaron 3 (M, O, D); use «Restauración con resina, "
            "3 o más superficies»") in error.message("es")
    assert "this code is for 1 surface and 3 were marked (M, O, D); use «Composite resin restoration, 3 or more" \
        in error.message("en")


def test_a_tooth_procedure_needs_a_valid_fdi_tooth(store, visit_id):
    error = _refused(store, visit_id, procedures=[ProcedureEntry("dental.sealant")])
    assert error.message("es").startswith("Sellante de fosas y fisuras (por pieza): indique la pieza dental (número FDI")
    assert "give the tooth (FDI number" in error.message("en")
    error = _refused(store, visit_id, procedures=[ProcedureEntry("dental.extraction.simple", {"tooth": 19})])
    assert "Exodoncia simple: «19» no es una pieza dental FDI" in error.message("es")
    assert "Simple extraction: «19» is not an FDI tooth" in error.message("en")


def test_a_missing_tooth_cannot_be_extracted_restored_or_sealed(store, visit_id):
    for entry in (ProcedureEntry("dental.extraction.simple", {"tooth": 46}),
                  ProcedureEntry("dental.resin.s1", {"tooth": 46, "surfaces": "O"}),
                  ProcedureEntry("dental.sealant", {"tooth": 46})):
        error = _refused(store, visit_id, forms=_exam(ODONTOGRAM), procedures=[entry])
        assert "la pieza 46 figura como ausente en el odontograma" in error.message("es")
        assert "tooth 46 is recorded as missing in the odontogram" in error.message("en")


def test_a_tooth_extracted_in_this_visit_cannot_be_extracted_or_restored_again(store, visit_id):
    encounters.save(store, visit_id, forms=_exam(ODONTOGRAM),
                    procedures=[ProcedureEntry("dental.extraction.simple", {"tooth": 36})])
    error = _refused(store, visit_id, procedures=[ProcedureEntry("dental.art.s1", {"tooth": 36, "surfaces": "O"})])
    assert "Restauración atraumática (TRA) con ionómero, 1 superficie: la pieza 36 figura como ausente" \
        in error.message("es")
    assert "or was already extracted in this encounter" in error.message("en")


def test_primary_teeth_on_an_adult_are_refused_unless_a_retained_tooth_is_confirmed(store, patient, visit_id):
    error = _refused(store, visit_id, forms=_exam({"53": "caries"}))
    assert ("Odontograma: la pieza 53 es temporal y el paciente tiene 52 años. Si es un diente temporal retenido, "
            "marque «Diente temporal retenido (adulto) confirmado»") in error.message("es")
    assert "tooth 53 is a primary tooth and the patient is 52 years old" in error.message("en")
    error = _refused(store, visit_id, procedures=[ProcedureEntry("dental.extraction.simple", {"tooth": 63})])
    assert "Exodoncia simple: la pieza 63 es temporal" in error.message("es")
    visit = encounters.save(store, visit_id, forms=_exam({"53": "caries"}, retained_primary="sí"),
                            procedures=[ProcedureEntry("dental.extraction.simple", {"tooth": 53})])
    assert [p.detail for p in visit.procedures] == [{"tooth": 53}]


def test_permanent_teeth_on_a_child_under_three_are_refused(store):
    toddler = _patient(store, 2, "Luz")
    encounter = encounters.open_encounter(store, toddler.id, "dental", "exam")
    error = _refused(store, encounter.id, forms={EXAM: {"dentition": "primary", "odontogram": {"11": "caries"}}})
    assert ("Odontograma: la pieza 11 es permanente y el paciente tiene 2 años; antes de los 3 años solo hay "
            "dientes temporales (51–55, 61–65, 71–75, 81–85). Revise el número.") == error.message("es")
    assert "tooth 11 is a permanent tooth and the patient is 2 years old" in error.message("en")
    visit = encounters.save(store, encounter.id, forms={EXAM: {"dentition": "primary", "odontogram": {"51": "caries"}}},
                            procedures=[ProcedureEntry("dental.fluoride")])
    assert visit.form(EXAM)["dmft_primary"] == 1


def test_a_tooth_procedure_is_recorded_once_per_tooth(store, visit_id):
    error = _refused(store, visit_id, procedures=[ProcedureEntry("dental.sealant", {"tooth": 17}, quantity=2)])
    assert "pieza 17: registre una vez por pieza (cantidad 1)" in error.message("es")
    assert "tooth 17: record it once per tooth (quantity 1)" in error.message("en")


# -- what was done -------------------------------------------------------------------------------


def _treated(store, visit_id):
    return encounters.save(store, visit_id, forms=_exam(ODONTOGRAM, gingiva="gingivitis"), procedures=[
        ProcedureEntry("dental.resin.s2", {"tooth": 16, "surfaces": ["O", "D"]}),
        ProcedureEntry("dental.art.s1", {"tooth": "21 M"}),
        ProcedureEntry("dental.extraction.simple", {"tooth": 36}),
        ProcedureEntry("dental.sealant", {"tooth": 37}),
        ProcedureEntry("dental.fluoride"),
        ProcedureEntry("dental.prophylaxis"),
    ], diagnoses=["K02.1"])


def test_procedures_update_the_odontogram_and_the_findings_stay(store, visit_id):
    visit = _treated(store, visit_id)
    found = visit.form(EXAM)["odontogram"]
    assert found["16"]["state"] == "caries" and found["36"] == {"state": "extraction"}  # what was found stays
    after, done = after_treatment(found, visit.procedures)
    assert after["16"] == {"state": "filled", "surfaces": {"O": "filled", "D": "filled"}}
    assert after["21"] == {"state": "caries", "surfaces": {"M": "filled", "I": "caries"}}  # incisal still carious
    assert after["36"] == {"state": "missing"}
    assert after["37"] == {"state": "sealed", "surfaces": {"O": "sealed"}}  # a sealant seals the occlusal
    assert sorted(done) == [16, 21, 36, 37]
    assert visit.suggested_total == 20 + 10 + 10 + 5 + 5 + 10


def _pdf_text(store, encounter_id, lang):
    from pypdf import PdfReader

    from ayni.core.documents.pdf import render_visit

    reader = PdfReader(io.BytesIO(render_visit(store, encounter_id, lang)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_visit_summary_shows_the_odontogram_what_was_done_and_home_care(store, visit_id):
    _treated(store, visit_id)
    text = _pdf_text(store, visit_id, "es")
    for expected in ("ODONTOGRAMA", "Hallazgos del examen", "Al terminar la atención", "Leyenda",
                     "Extracción indicada", "CPO-D (permanentes): 5",
                     "TRATAMIENTO POR PIEZA", "Restauración con resina, 2 superficies (O, D)", "Exodoncia simple",
                     "CUIDADOS EN CASA", "Muerda la gasa 30 minutos", "Después del flúor",
                     "Aún quedan piezas por tratar (21)", "Gingivitis"):
        assert expected in text, expected
    english = _pdf_text(store, visit_id, "en")
    for expected in ("What the exam found", "At the end of the visit", "DMFT (permanent): 5", "TREATMENT PER TOOTH",
                     "Bite on the gauze for 30 minutes", "Some teeth still need treatment (21)"):
        assert expected in english, expected


def test_the_odontogram_svg_marks_treated_teeth_with_a_letter_as_well_as_a_frame(store, visit_id):
    visit = _treated(store, visit_id)
    odontogram = next(s for s in dental.ayni_pdf_sections(visit=visit, lang="es") if s.title == "Odontograma")
    assert odontogram.html.count("<svg") >= 2
    assert ">O·OD*</text>" in odontogram.html  # 16 after: filled O and D, treated today
    assert ">C·OD</text>" in odontogram.html  # 16 as found: caries on O and D


# -- report and kits -----------------------------------------------------------------------------


def test_report_figures_match_the_data(store, patient, visit_id):
    visit = _treated(store, visit_id)
    child = _patient(store, 8, "Luz")
    other = encounters.open_encounter(store, child.id, "dental", "exam")
    encounters.save(store, other.id, forms={EXAM: {"dentition": "mixed"}}, procedures=[
        ProcedureEntry("dental.fluoride"), ProcedureEntry("dental.resin.s1", {"tooth": 85, "surfaces": "O"}),
        ProcedureEntry("dental.sealant", {"tooth": 85, "surfaces": "V"}),
        ProcedureEntry("dental.extraction.simple", {"tooth": 54})])
    again = encounters.open_encounter(store, child.id, "dental", "treatment")  # the same child, counted once
    encounters.save(store, again.id, procedures=[ProcedureEntry("dental.hygiene_education")])
    rows = {(r.group, r.label.en): r.value
            for r in dental.ayni_report_rows(store=store, campaign=visit.campaign, day=None)}
    assert rows[("patients", "Patients aged 6–11")] == 1
    assert rows[("patients", "Patients aged 18–59")] == 1
    assert rows[("patients", "Patients aged 0–5")] == 0
    assert rows[("teeth", "Teeth extracted")] == 2
    assert rows[("teeth", "Teeth restored")] == 3
    assert rows[("teeth", "Teeth sealed")] == 2
    assert rows[("teeth", "Fluoride applications")] == 2
    assert rows[("encounters", "Examination")] == 1 and rows[("encounters", "Treatment")] == 2
    assert rows[("procedures", "Simple extraction")] == 2
    assert rows[("procedures", "Composite resin restoration, 2 surfaces")] == 1
    assert rows[("dispensed", "Oral hygiene kits handed out")] == 0
    tomorrow = today_in_lima() + dt.timedelta(days=2)
    empty = {(r.group, r.label.en): r.value
             for r in dental.ayni_report_rows(store=store, campaign=visit.campaign, day=tomorrow)}
    assert empty[("teeth", "Teeth extracted")] == 0 and empty[("patients", "Patients aged 6–11")] == 0


def test_a_child_gets_a_childs_kit_from_the_oldest_lot_and_no_stock_is_refused(store):
    child = _patient(store, 8, "Luz")
    encounter = encounters.open_encounter(store, child.id, "dental", "exam")
    visit = encounters.get_encounter_record(store, encounter.id)
    assert kits.kit_attributes(visit) == {"age_group": "child"}
    soon = today_in_lima() + dt.timedelta(days=30)
    stock.receive(store, "dental.hygiene_kit", 5, lot="A-2", expiry=soon + dt.timedelta(days=300),
                  attributes={"age_group": "child"})
    first = stock.receive(store, "dental.hygiene_kit", 1, lot="A-1", expiry=soon, attributes={"age_group": "child"})
    stock.receive(store, "dental.hygiene_kit", 9, lot="B-1", attributes={"age_group": "adult"})
    movements = kits.give_kit(store, visit)
    assert [m.lot_id for m in movements] == [first.id]
    assert stock.on_hand(store, "dental.hygiene_kit", {"age_group": "child"}) == 5
    before = store.db["stock_movements"].count
    with pytest.raises(ValidationError) as refused:
        kits.give_kit(store, visit, quantity=6)
    assert store.db["stock_movements"].count == before
    assert refused.value.message("es")
    rows = {(r.group, r.label.en): r.value for r in dental.ayni_report_rows(store=store, campaign=visit.campaign,
                                                                            day=None)}
    assert rows[("dispensed", "Oral hygiene kits handed out")] == 1
