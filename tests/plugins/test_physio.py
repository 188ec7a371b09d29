"""Physiotherapy: the plugin contract, the assessment's measures and the rules between them, each
refusal in Spanish and English with nothing written, and treatment sessions with their change since
the previous one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ayni.core.dates import today_in_lima
import ayni.plugins.physio as physio
from ayni.core import ProcedureEntry, Specialty, Text, ValidationError, hookimpl, validate_form
from ayni.core.campaign.campaigns import create
from ayni.core.clinical import encounters
from ayni.core.hooks.contract import assert_plugin_ok
from ayni.core.people import patients
from ayni.plugins.physio import aids, progress

ASSESSMENT = "physio.assessment"
SESSION = "physio.session"


def register_child(store, years: int, given: str = "Ñuñu José"):
    """A child of ``years`` with a guardian, born that many years ago today."""
    born = today_in_lima().replace(year=today_in_lima().year - years) - dt.timedelta(days=10)
    return patients.register(store, {
        "given_names": given, "paternal_surname": "Quispe", "maternal_surname": "Huamán", "sex": "M",
        "birth_date": born.isoformat(), "id_kind": "none", "community": "Cerro Colorado", "region": "Arequipa",
        "guardian_name": "María Huamán", "guardian_relationship": "madre"})


def sections_html(store, visit, lang="es") -> str:
    """Every summary section of ``visit``, as the visit summary collects them."""
    return "".join(s.html for r in store.plugins.hook.ayni_pdf_sections(visit=visit, lang=lang, store=store) for s in r)


@pytest.fixture
def child(store):
    return register_child(store, 6)


@pytest.fixture
def assessment(store, child):
    return encounters.open_encounter(store, child.id, "physio", "assessment")


def refuse_save(store, encounter_id, row_counts, forms_: dict) -> ValidationError:
    """Save ``forms_``, expecting a refusal that writes nothing; return the refusal."""
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter_id, forms=forms_)
    assert row_counts() == before
    return refused.value


# -- the contract ---------------------------------------------------------------------------------

def test_the_plugin_keeps_the_ayni_contract():
    assert_plugin_ok(physio)


class FittingForms:
    """The fitting forms, declared as a plugin would, so the contract checks they are well formed."""

    @hookimpl
    def ayni_specialties(self):
        return [Specialty("physio", Text("Fisioterapia", "Physiotherapy"), stations=("desk",),
                          station_labels={"desk": Text("Mesa", "Desk")})]

    @hookimpl
    def ayni_forms(self):
        return list(aids.FITTING_FORMS)


def test_the_fitting_forms_are_well_formed():
    assert_plugin_ok(FittingForms(), "fitting forms")


# -- the assessment: one measure per category, each refusal naming what and where ------------------

@pytest.mark.parametrize(("raw", "es", "en"), [
    ({"rom_knee_flexion": {"right": "170"}},
     "Flexión de rodilla (lado derecho): 170° está fuera del rango posible (0° a 150°).",
     "Knee flexion (right side): 170° is outside the possible range (0° to 150°)."),
    ({"rom_hip_abduction": {"left": "-5"}},
     "Abducción de cadera (lado izquierdo): -5° está fuera del rango posible (0° a 90°).",
     "Hip abduction (left side): -5° is outside the possible range (0° to 90°)."),
    ({"rom_elbow_flexion": {"left": "noventa"}},
     "Flexión de codo (lado izquierdo): escriba un número (0° a 160°).",
     "Elbow flexion (left side): write a number (0° to 160°)."),
    ({"mrc_knee_extensors": {"right": "6"}},
     "Extensores de rodilla (lado derecho): 6 está fuera del rango posible (0 a 5).",
     "Knee extensors (right side): 6 is outside the possible range (0 to 5)."),
])
def test_a_measure_out_of_range_is_refused_naming_joint_and_side(store, assessment, row_counts, raw, es, en):
    refused = refuse_save(store, assessment.id, row_counts, {ASSESSMENT: {"category": "musculoskeletal", "pain": "3", **raw}})
    assert refused.message("es") == es
    assert refused.message("en") == en


def test_range_of_motion_accepts_degrees_negative_extension_and_the_degree_sign(store):
    values = validate_form(store.plugins.forms[ASSESSMENT], {
        "category": "post_operative", "operated_joint": "knee",
        "rom_knee_flexion": {"right": "95°", "left": 140}, "rom_knee_extension": {"right": "-10"}})
    assert values["rom_knee_flexion"] == {"right": 95, "left": 140}
    assert values["rom_knee_extension"] == {"right": -10}


@pytest.mark.parametrize(("raw", "field", "es", "en"), [
    ({"category": "cerebral_palsy"}, "gmfcs",
     "Nivel GMFCS: es obligatorio cuando la categoría es «Parálisis cerebral».",
     "GMFCS level: is required when the category is «Cerebral palsy»."),
    ({"category": "clubfoot"}, "pirani",
     "Puntaje de Pirani: es obligatorio cuando la categoría es «Pie equino varo (pie zambo)».",
     "Pirani score: is required when the category is «Clubfoot»."),
    ({"category": "hemiplegia"}, "side",
     "Lado afectado: es obligatorio cuando la categoría es «Hemiplejía (ACV u otra causa)».",
     "Affected side: is required when the category is «Hemiplegia (stroke or other)»."),
    ({"category": "paraplegia"}, "injury_level",
     "Nivel de la lesión medular: es obligatorio cuando la categoría es «Paraplejía (lesión medular)».",
     "Spinal cord injury level: is required when the category is «Paraplegia (spinal cord injury)»."),
    ({"category": "hip_dysplasia"}, "rom_hip_abduction",
     "Abducción de cadera: es obligatorio cuando la categoría es «Displasia de cadera».",
     "Hip abduction: is required when the category is «Hip dysplasia»."),
    ({"category": "down_syndrome"}, "milestones",
     "Hitos motores logrados: es obligatorio cuando la categoría es «Síndrome de Down».",
     "Motor milestones reached: is required when the category is «Down syndrome»."),
    ({"category": "post_operative"}, "operated_joint",
     "Articulación operada: es obligatorio cuando la categoría es «Posoperatorio de articulación».",
     "Operated joint: is required when the category is «After a joint operation»."),
    ({"category": "musculoskeletal"}, "pain",
     "Dolor: es obligatorio cuando la categoría es «Dolor musculoesquelético».",
     "Pain: is required when the category is «Musculoskeletal pain»."),
])
def test_each_category_requires_its_measure(store, assessment, row_counts, raw, field, es, en):
    refused = refuse_save(store, assessment.id, row_counts, {ASSESSMENT: raw})
    assert refused.fields() == {field}
    assert refused.message("es") == es
    assert refused.message("en") == en


def test_gmfcs_and_pirani_belong_to_their_category_only(store, assessment, row_counts):
    refused = refuse_save(store, assessment.id, row_counts, {ASSESSMENT: {
        "category": "hip_dysplasia", "rom_hip_abduction": {"left": "40"}, "gmfcs": "II", "pirani": {"right": "3"}}})
    assert refused.message("es").splitlines() == [
        "Nivel GMFCS: solo se registra cuando la categoría es «Parálisis cerebral» (aquí es «Displasia de cadera»).",
        "Puntaje de Pirani: solo se registra cuando la categoría es «Pie equino varo (pie zambo)» "
        "(aquí es «Displasia de cadera»).",
    ]
    assert "GMFCS level: is recorded only when the category is «Cerebral palsy» (here it is «Hip dysplasia»)." \
        in refused.message("en")


@pytest.mark.parametrize(("score", "es", "en"), [
    ("2.3", "Puntaje de Pirani (pie izquierdo): 2.3 no es un valor de la escala; va de 0 a 6 en pasos de 0.5.",
     "Pirani score (left foot): 2.3 is not on the scale; it goes from 0 to 6 in steps of 0.5."),
    ("6.5", "Puntaje de Pirani (pie izquierdo): 6.5 está fuera del rango posible (0 a 6).",
     "Pirani score (left foot): 6.5 is outside the possible range (0 to 6)."),
])
def test_pirani_goes_from_0_to_6_in_half_points_per_foot(store, assessment, row_counts, score, es, en):
    refused = refuse_save(store, assessment.id, row_counts, {ASSESSMENT: {"category": "clubfoot",
                                                                          "pirani": {"right": "4.5", "left": score}}})
    assert (refused.message("es"), refused.message("en")) == (es, en)


def test_a_clubfoot_is_followed_by_its_pirani_score(store, assessment):
    visit = encounters.save(store, assessment.id, forms={ASSESSMENT: {
        "category": "clubfoot", "pirani": {"right": "4,5", "left": "0"}}}, diagnoses=["Q66.0"])
    assert validate_form(store.plugins.forms[ASSESSMENT], visit.form(ASSESSMENT))["pirani"] == {
        "right": Decimal("4.5"), "left": Decimal("0")}
    html = sections_html(store, visit)
    assert "Puntaje de Pirani" in html and "4.5" in html


@pytest.mark.parametrize(("raw", "field", "es", "en"), [
    ({"pain_scale": "faces", "pain": "5"}, "pain",
     "Dolor: con la escala de caras use 0, 2, 4, 6, 8 o 10 (se escribió 5).",
     "Pain: on the faces scale use 0, 2, 4, 6, 8 or 10 (5 was given)."),
    ({"pain": "3", "barthel": "62"}, "barthel",
     "Índice de Barthel: va de 0 a 100 en pasos de 5 (se escribió 62).",
     "Barthel index: goes from 0 to 100 in steps of 5 (62 was given)."),
    ({"pain": "11"}, "pain", "Dolor: debe estar entre 0 y 10.", "Pain: must be between 0 and 10."),
])
def test_pain_faces_and_barthel_steps(store, assessment, row_counts, raw, field, es, en):
    refused = refuse_save(store, assessment.id, row_counts, {ASSESSMENT: {"category": "musculoskeletal", **raw}})
    assert refused.fields() == {field}
    assert (refused.message("es"), refused.message("en")) == (es, en)


def test_hemiplegia_is_on_one_side_and_none_yet_goes_alone(store, assessment, row_counts):
    refused = refuse_save(store, assessment.id, row_counts, {ASSESSMENT: {
        "category": "hemiplegia", "side": "both", "milestones": "none_yet, sitting"}})
    assert refused.message("es").splitlines() == [
        "Lado afectado: en hemiplejía elija derecho o izquierdo.",
        "Hitos motores logrados: «Aún ninguno» no va junto con otros hitos.",
    ]
    assert "Affected side: for hemiplegia choose right or left." in refused.message("en")


def test_the_faces_scale_is_refused_for_a_child_under_three(store, row_counts):
    toddler = register_child(store, 2, given="Killa")
    encounter = encounters.open_encounter(store, toddler.id, "physio", "assessment")
    refused = refuse_save(store, encounter.id, row_counts, {ASSESSMENT: {
        "category": "developmental_delay", "milestones": "head_control, rolling", "pain_scale": "faces", "pain": "2"}})
    assert refused.message("es") == ("Escala de dolor: la escala de caras se usa desde los 3 años; este paciente tiene "
                                     "2 años. En menores, observe el dolor (escala FLACC) y anótelo en las observaciones.")
    assert "the faces scale is used from 3 years old; this patient is 2 years." in refused.message("en")
    older = register_child(store, 4, given="Inti")
    other = encounters.open_encounter(store, older.id, "physio", "assessment")
    encounters.save(store, other.id, forms={ASSESSMENT: {"category": "developmental_delay", "milestones": "sitting",
                                                         "pain_scale": "faces", "pain": "2"}})


def test_a_whole_assessment_prints_its_measures_in_tables(store, assessment):
    visit = encounters.save(store, assessment.id, forms={ASSESSMENT: {
        "category": "cerebral_palsy", "gmfcs": "III", "side": "both", "pain_scale": "faces", "pain": "4",
        "rom_knee_extension": {"right": "-20", "left": "-15"}, "rom_hip_abduction": {"right": "30", "left": "35"},
        "mrc_knee_extensors": {"right": "3", "left": "4"}, "barthel": "55",
        "goal": "Caminar con andador en casa <y> subir 2 escalones"}},
        procedures=[ProcedureEntry("physio.assessment")], diagnoses=["G80.1"])
    html = sections_html(store, visit)
    assert "III — Camina con un dispositivo manual" in html
    assert "4/10 — Duele un poco más (caras)" in html
    assert "55/100 — dependencia severa" in html
    assert "<td>Extensión de rodilla</td><td class=\"num\">−20°</td><td class=\"num\">−15°</td>" in html
    assert "<td>Extensores de rodilla</td><td class=\"num\">3</td><td class=\"num\">4</td>" in html
    assert "&lt;y&gt;" in html and "<y>" not in html
    english = sections_html(store, visit, "en")
    assert "Knee extension" in english and "severe dependence" in english and "Hurts little more (faces)" in english


def test_other_specialties_get_no_physio_sections(store, patient):
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    visit = encounters.get_encounter_record(store, encounter.id)
    assert physio.ayni_pdf_sections(visit=visit, lang="es", store=store) == []
    assert physio.ayni_validate_encounter(visit=visit) == []
    assert physio.ayni_documents(visit=visit) == []


# -- treatment sessions: one encounter each, compared with the previous one ------------------------

def _session(store, patient_id, values, campaign_id=None):
    encounter = encounters.open_encounter(store, patient_id, "physio", "treatment", campaign_id=campaign_id)
    return encounters.save(store, encounter.id, forms={SESSION: values}, procedures=[ProcedureEntry("physio.session")])


def test_a_session_needs_what_was_done_and_computes_the_pain_change(store, child, row_counts):
    encounter = encounters.open_encounter(store, child.id, "physio", "treatment")
    refused = refuse_save(store, encounter.id, row_counts, {SESSION: {"pain_before": "6", "notes": "sin técnicas"}})
    assert refused.message("es") == "Técnicas aplicadas: es obligatorio."
    assert refused.message("en") == "Techniques used: is required."
    visit = encounters.save(store, encounter.id, forms={SESSION: {
        "techniques": "stretching, tens", "pain_before": "6", "pain_after": "3", "pain_change": "99"}})
    assert visit.form(SESSION)["pain_change"] == -3


def test_the_range_of_motion_change_is_against_the_previous_measurement(store, child, assessment):
    encounters.save(store, assessment.id, forms={ASSESSMENT: {
        "category": "post_operative", "operated_joint": "knee", "rom_knee_flexion": {"right": "70", "left": "135"}}})
    first = _session(store, child.id, {"techniques": "passive_mobilisation", "pain_before": "7", "pain_after": "5",
                                       "rom_knee_flexion": {"right": "80"}})
    second = _session(store, child.id, {"techniques": "passive_mobilisation, strengthening", "pain_before": "5",
                                        "pain_after": "3", "rom_knee_flexion": {"right": "95", "left": "135"},
                                        "rom_knee_extension": {"right": "-5"}})
    one, two = progress.session_progress(store, first), progress.session_progress(store, second)
    assert (one.number, two.number) == (1, 2)
    assert [(c.side, c.before, c.now, c.change) for c in one.rom] == [("right", 70, 80, 10)]
    assert [(c.measure.key, c.side, c.before, c.now, c.change) for c in two.rom] == [
        ("rom_knee_flexion", "right", 80, 95, 15),
        ("rom_knee_flexion", "left", 135, 135, 0),
        ("rom_knee_extension", "right", None, -5, None),
    ]
    assert (two.previous_pain_before, two.previous_pain_after) == (7, 5)
    html = sections_html(store, second)
    assert "Sesión n.º</th><td>2" in html
    assert "5/10 → 3/10 (cambio −2)" in html
    assert "7/10 → 5/10" in html
    assert "<td>Flexión de rodilla</td><td>Derecho</td>" in html and "+15°" in html
    assert "primera medición" in html
    assert "+15°" in sections_html(store, second, "en") and "first measurement" in sections_html(store, second, "en")


def test_sessions_are_numbered_within_their_campaign(store, child):
    today = today_in_lima()
    earlier = create(store, "Campaña Lima (marzo)", "physio", today - dt.timedelta(days=200), today - dt.timedelta(days=195))
    _session(store, child.id, {"techniques": "stretching"}, campaign_id=earlier.id)
    now = create(store, "Campaña Arequipa", "physio", today, today + dt.timedelta(days=3))
    first_here = _session(store, child.id, {"techniques": "stretching"}, campaign_id=now.id)
    assert progress.session_progress(store, first_here).number == 1
