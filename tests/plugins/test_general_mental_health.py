"""PHQ-9 and GAD-7: item-by-item answers scored into their severity bands, incomplete questionnaires
refused, item 9 above 0 needing a safety action and raising a safety alert, and screenings reported
by band."""

from __future__ import annotations

import pytest

from ayni.core import ValidationError, validate_form
from ayni.core.clinical import encounters
from ayni.core.clinical.alerts import collect


@pytest.fixture
def form(store):
    return store.plugins.forms["general.mental_health"]


def _answers(prefix: str, items: int, total: int, item9: int = 0) -> dict:
    """Answers adding up to ``total`` (item 9 of the PHQ-9 set apart)."""
    answers, left = {}, total - item9
    for i in range(1, items + 1):
        if prefix == "phq" and i == 9:
            answers[f"{prefix}_9"] = item9
            continue
        answers[f"{prefix}_{i}"] = min(3, left)
        left -= answers[f"{prefix}_{i}"]
    assert left == 0
    return answers


@pytest.mark.parametrize(("total", "band", "es"), [
    (0, "minimal", "mínima (0–4)"), (4, "minimal", "mínima (0–4)"), (5, "mild", "leve (5–9)"), (9, "mild", "leve (5–9)"),
    (10, "moderate", "moderada (10–14)"), (14, "moderate", "moderada (10–14)"),
    (15, "moderately_severe", "moderadamente severa (15–19)"), (19, "moderately_severe", "moderadamente severa (15–19)"),
    (20, "severe", "severa (20–27)"), (24, "severe", "severa (20–27)"),
])
def test_phq9_is_scored_into_its_bands(form, total, band, es):
    values = validate_form(form, _answers("phq", 9, total))
    assert (values["phq_score"], values["phq_band"]) == (total, band)
    assert form.field("phq_band").choice_label(band, "es") == es
    assert values["follow_up"] is (total >= 10)


def test_phq9_maximum_is_27_with_a_safety_answer(form):
    values = validate_form(form, {**_answers("phq", 9, 27, item9=3), "safety_action": "urgent_referral"})
    assert (values["phq_score"], values["phq_band"]) == (27, "severe")


@pytest.mark.parametrize(("total", "band"), [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"),
                                             (10, "moderate"), (14, "moderate"), (15, "severe"), (21, "severe")])
def test_gad7_is_scored_into_its_bands(form, total, band):
    values = validate_form(form, _answers("gad", 7, total))
    assert (values["gad_score"], values["gad_band"]) == (total, band)
    assert "phq_score" not in values


def test_an_item_above_3_is_refused(form):
    with pytest.raises(ValidationError) as refused:
        validate_form(form, {**_answers("phq", 9, 5), "phq_2": 4})
    assert refused.value.fields() == {"phq_2"}
    assert "debe estar entre 0 y 3" in refused.value.message("es")


def test_a_half_answered_questionnaire_is_refused_naming_the_missing_items(form):
    answers = _answers("gad", 7, 6)
    del answers["gad_3"], answers["gad_7"]
    with pytest.raises(ValidationError) as refused:
        validate_form(form, answers)
    assert refused.value.message("es") == (
        "GAD-7: responda las 7 preguntas (0 a 3 cada una) o ninguna; faltan: 3, 7.")
    assert refused.value.message("en") == "GAD-7: answer all 7 questions (0 to 3 each) or none; missing: 3, 7."


def test_item_9_above_0_needs_a_safety_action_and_raises_a_safety_alert(store, patient, row_counts):
    encounter = encounters.open_encounter(store, patient.id, "general", "mental_health")
    answers = _answers("phq", 9, 6, item9=1)
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter.id, forms={"general.mental_health": answers})
    assert refused.value.message("es") == (
        "Acción de seguridad: la pregunta 9 del PHQ-9 es mayor que 0; indique qué se hizo para la seguridad "
        "del paciente.")
    assert "PHQ-9 question 9 is above 0" in refused.value.message("en")
    assert row_counts() == before
    visit = encounters.save(store, encounter.id, forms={"general.mental_health": {**answers,
                                                                                   "safety_action": "safety_plan"}})
    assert visit.form("general.mental_health")["follow_up"] is True  # mild total, but a safety answer
    [first, *rest] = collect(store, visit)
    assert (first.key, first.level) == ("general.mental.safety", "danger")
    assert first.text.es.startswith("PHQ-9 pregunta 9 = 1: pensamientos de muerte o de hacerse daño.")
    assert first.text.en.startswith("PHQ-9 question 9 = 1: thoughts of death or self-harm.")
    assert "general.mental.follow_up" in [a.key for a in rest]


def test_no_safety_alert_when_item_9_is_0(store, patient):
    encounter = encounters.open_encounter(store, patient.id, "general", "mental_health")
    visit = encounters.save(store, encounter.id, forms={"general.mental_health": _answers("phq", 9, 12)})
    keys = [a.key for a in collect(store, visit)]
    assert "general.mental.safety" not in keys
    assert "general.mental.phq" in keys  # moderate: a warning


def test_screenings_are_reported_by_band(store, patient, campaign):
    from ayni.plugins import general

    for answers in (_answers("phq", 9, 3), _answers("phq", 9, 12), {**_answers("phq", 9, 12),
                    **_answers("gad", 7, 16)}, {**_answers("phq", 9, 22, item9=2), "safety_action": "accompanied"}):
        encounter = encounters.open_encounter(store, patient.id, "general", "mental_health")
        encounters.save(store, encounter.id, forms={"general.mental_health": answers})
    rows = {r.label.es: r.value for r in general.ayni_report_rows(store=store, campaign=campaign, day=None)
            if r.group == "mental_health"}
    assert rows["PHQ-9: mínima (0–4)"] == 1
    assert rows["PHQ-9: moderada (10–14)"] == 2
    assert rows["PHQ-9: severa (20–27)"] == 1
    assert rows["PHQ-9: leve (5–9)"] == 0
    assert rows["GAD-7: severa (15–21)"] == 1
    assert rows["PHQ-9 con pregunta 9 mayor que 0"] == 1


def test_an_urgent_referral_as_safety_action_is_not_closed_without_the_referral(store, patient):
    """«Referencia urgente» chosen for a safety answer, and the Referencia tab left empty: the close is
    refused, saying so, and nothing is closed; with the referral filled the close opens it."""
    from ayni.core.clinical import referrals

    encounter = encounters.open_encounter(store, patient.id, "general", "mental_health")
    answers = {**_answers("phq", 9, 13, item9=1), "safety_action": "urgent_referral"}
    encounters.save(store, encounter.id, forms={"general.mental_health": answers})
    with pytest.raises(ValidationError) as refused:
        encounters.close(store, encounter.id)
    assert refused.value.message("es") == (
        "Establecimiento de destino: la acción de seguridad es «Referencia urgente», pero no hay referencia; "
        "llene la pestaña Referencia antes de cerrar.")
    assert encounters.get_encounter_record(store, encounter.id).encounter.status == "open"
    encounters.save(store, encounter.id, forms={"general.referral": {
        "destination_kind": "health_centre", "destination": "CSMC Ayacucho", "reason": "PHQ-9 13, pregunta 9 = 1",
        "urgency": "urgent"}})
    encounters.close(store, encounter.id)
    [referral] = referrals.of_encounter(store, encounter.id)
    assert referral.urgency == "urgent"
