"""Doses by weight and age: each rule refuses or warns naming the figures, a refused save writes
nothing, a warning is saved only with a reason (kept with the encounter and audited), and the
formulary's dose rules are self-consistent."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ayni.core import NeedsAcknowledgement, ValidationError, latest_weight
from ayni.core.clinical import acknowledgements, encounters
from ayni.core.dates import today_in_lima
from ayni.core.people import patients
from ayni.plugins.general.formulary import DOSE_RULES


def _child(store, days_old: int, sex: str = "M"):
    birth = today_in_lima() - dt.timedelta(days=days_old)  # the encounter day is a Lima day
    return patients.register(store, {"given_names": "Luis", "paternal_surname": "Mamani", "sex": sex,
                                     "birth_date": birth.isoformat(), "id_kind": "none",
                                     "guardian_name": "Ana Mamani"})


def _consultation(store, patient, weight=None):
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    if weight is not None:
        encounters.save(store, encounter.id, forms={"general.triage": {"weight": weight}})
    return encounter


def _prescribe(store, encounter, line, **kwargs):
    return encounters.save(store, encounter.id, forms={"general.prescription": {"items": line}}, **kwargs)


def test_a_dose_above_the_mg_per_kg_range_is_a_warning_naming_the_figures(store, row_counts):
    encounter = _consultation(store, _child(store, 2 * 365), weight="9")
    before = row_counts()
    with pytest.raises(NeedsAcknowledgement) as warned:
        _prescribe(store, encounter, "paracetamol_jarabe 10.5 c/6h x3d")  # 252 mg
    [dose, day] = warned.value.warnings
    assert dose.message("es") == ("Medicamentos: Paracetamol 120 mg/5 mL, 60 mL (jarabe): 15 mg/kg por dosis; "
                                  "este niño de 9 kg: 252 mg = 28 mg/kg; máximo 15 mg/kg.")
    assert "this child of 9 kg: 252 mg = 28 mg/kg; maximum 15 mg/kg" in dose.message("en")
    assert "1008 mg al día = 112 mg/kg; máximo 60 mg/kg" in day.message("es")
    assert "Aviso que requiere un motivo para guardar" in warned.value.message("es")
    assert row_counts() == before


def test_the_decimal_comma_is_spanish_and_the_point_english(store):
    encounter = _consultation(store, _child(store, 2 * 365, sex="F"), weight="9")
    with pytest.raises(NeedsAcknowledgement) as warned:
        _prescribe(store, encounter, "paracetamol_jarabe 10.25 c/8h x3d")  # 246 mg
    assert "esta niña de 9 kg: 246 mg = 27,3 mg/kg; máximo 15 mg/kg" in warned.value.warnings[0].message("es")
    assert "this girl of 9 kg: 246 mg = 27.3 mg/kg" in warned.value.warnings[0].message("en")


def test_a_warning_acknowledged_with_a_reason_is_saved_kept_and_audited(store):
    encounter = _consultation(store, _child(store, 2 * 365), weight="9")
    with pytest.raises(NeedsAcknowledgement) as warned:
        _prescribe(store, encounter, "paracetamol_jarabe 7.5 c/8h x3d")  # 180 mg = 20 mg/kg; 60 mg/kg a day
    [warning] = warned.value.warnings
    visit = _prescribe(store, encounter, "paracetamol_jarabe 7.5 c/8h x3d",
                       acknowledged={warning.code: "  dosis de carga indicada por pediatría "})
    assert visit.form("general.prescription")["items"][0]["dose"] == Decimal("7.5")
    [kept] = acknowledgements.of_encounter(store, encounter.id)
    assert (kept.warning, kept.reason, kept.acknowledged_by) == (
        "general.rx_per_kg_dose:general.paracetamol_120_syrup:dose", "dosis de carga indicada por pediatría",
        store.user.id)
    assert "180 mg = 20 mg/kg" in kept.message and "180 mg = 20 mg/kg" in kept.message_en
    [audited] = [a for a in store.audit(kept.id) if a["table_name"] == "acknowledgements"]
    assert json.loads(audited["data"])["reason"] == "dosis de carga indicada por pediatría"
    # saved again with the same figures: no new reason asked for; a changed figure is a new warning
    encounters.save(store, encounter.id, forms={"general.triage": {"weight": "9", "temperature": "38.5"}})
    with pytest.raises(NeedsAcknowledgement):
        _prescribe(store, encounter, "paracetamol_jarabe 8 c/8h x3d")


@pytest.mark.parametrize("reason", ["", "  ok ", "x" * 201, "dosis\x1b[31m alta"])
def test_a_bad_reason_is_refused_naming_the_range_and_nothing_is_written(store, row_counts, reason):
    encounter = _consultation(store, _child(store, 2 * 365), weight="9")
    with pytest.raises(NeedsAcknowledgement) as warned:
        _prescribe(store, encounter, "paracetamol_jarabe 7.5 c/8h x3d")
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        _prescribe(store, encounter, "paracetamol_jarabe 7.5 c/8h x3d",
                   acknowledged={warned.value.warnings[0].code: reason})
    assert not isinstance(refused.value, NeedsAcknowledgement)
    assert "Motivo" in refused.value.message("es") and "Reason" in refused.value.message("en")
    if reason.strip() and len(reason) < 200 and "\x1b" not in reason:
        assert "(4 a 200 caracteres)" in refused.value.message("es")
    assert row_counts() == before


def test_a_dose_above_the_absolute_maximum_is_refused_even_with_a_reason(store, row_counts):
    encounter = _consultation(store, _child(store, 30 * 365), weight="70")
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        _prescribe(store, encounter, "ibuprofeno_400 2 c/6h x3d", acknowledged={"anything": "porque sí"})
    assert not isinstance(refused.value, NeedsAcknowledgement)
    assert ("Medicamentos: Ibuprofeno 400 mg (tableta): 3200 mg al día (4 dosis de 800 mg) supera el máximo de "
            "2400 mg al día.") in refused.value.message("es")
    assert "3200 mg a day (4 doses of 800 mg) is above the maximum of 2400 mg a day" in refused.value.message("en")
    assert row_counts() == before


def test_the_youngest_have_a_lower_absolute_maximum(store):
    encounter = _consultation(store, _child(store, 18 * 31), weight="10")
    with pytest.raises(ValidationError) as refused:
        _prescribe(store, encounter, "albendazol_400 1 unica")
    assert "400 mg por dosis supera el máximo de 200 mg por dosis en menores de 24 meses" in refused.value.message("es")
    _prescribe(store, encounter, "albendazol_400 0.5 unica")


def test_zinc_under_six_months_is_half_a_tablet(store):
    encounter = _consultation(store, _child(store, 100), weight="6")
    with pytest.raises(ValidationError) as refused:
        _prescribe(store, encounter, "zinc_20 1 c/24h x10d")
    assert "20 mg por dosis supera el máximo de 10 mg por dosis en menores de 6 meses" in refused.value.message("es")
    assert "20 mg per dose is above the maximum of 10 mg per dose under 6 months" in refused.value.message("en")
    _prescribe(store, encounter, "zinc_20 0.5 c/24h x10d")


@pytest.mark.parametrize(("line", "days_old", "es"), [
    ("albendazol_400 0.5 unica", 200, "Albendazol 400 mg (tableta) no se da antes de 1 año; el paciente tiene 6 meses."),
    ("cotrimoxazol_800 0.25 c/12h x5d", 30, "no se da antes de 6 semanas; el paciente tiene 4 semanas."),
    ("ibuprofeno_suspension 2 c/8h x3d", 60, "no se da antes de 3 meses; el paciente tiene"),
])
def test_under_the_minimum_age_is_refused(store, row_counts, line, days_old, es):
    encounter = _consultation(store, _child(store, days_old), weight="5")
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        _prescribe(store, encounter, line)
    assert es in refused.value.message("es")
    assert "is not given before" in refused.value.message("en")
    assert row_counts() == before


def test_a_child_without_a_weight_cannot_be_prescribed_a_weight_dosed_medicine(store, row_counts):
    encounter = _consultation(store, _child(store, 3 * 365))
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        _prescribe(store, encounter, "amoxicilina_suspension 5 c/8h x7d")
    assert ("se dosifica por peso y este niño no tiene peso registrado en esta campaña; registre el peso (triaje) y "
            "vuelva a guardar.") in refused.value.message("es")
    assert row_counts() == before
    encounters.save(store, encounter.id, forms={"general.triage": {"weight": "14"}})
    _prescribe(store, encounter, "amoxicilina_suspension 5 c/8h x7d")  # 250 mg = 17,9 mg/kg


def test_the_weight_comes_from_the_latest_triage_of_the_campaign_in_another_encounter(store):
    child = _child(store, 4 * 365)
    triage = encounters.open_encounter(store, child.id, "general", "triage")
    encounters.save(store, triage.id, forms={"general.triage": {"weight": "12"}})
    encounters.save(store, triage.id, forms={"general.triage": {"weight": "16.5"}})
    consultation = encounters.open_encounter(store, child.id, "general", "consultation")
    visit = encounters.get_encounter_record(store, consultation.id)
    assert latest_weight(visit, store) == Decimal("16.5")
    with pytest.raises(NeedsAcknowledgement) as warned:
        _prescribe(store, consultation, "ibuprofeno_suspension 10 c/8h x3d")  # 200 mg
    assert "de 16,5 kg: 200 mg = 12,1 mg/kg; máximo 10 mg/kg" in warned.value.warnings[0].message("es")


def test_an_adult_without_a_weight_is_checked_against_the_absolute_maxima_only(store, patient):
    encounter = _consultation(store, patient)
    _prescribe(store, encounter, "amoxicilina_500 2 c/8h x7d")  # 1 g per dose, 3 g a day


# -- the formulary's own consistency ----------------------------------------------------------

#: Rules whose mg/kg dose reaches the absolute maximum per dose below the weight threshold, on
#: purpose: amoxicillin's 45 mg/kg is capped at 1 g from 22 kg.
CAPPED_PER_DOSE = {"general.amoxicillin_500", "general.amoxicillin_250_susp"}


@pytest.mark.parametrize("key", sorted(DOSE_RULES))
def test_each_rule_fits_its_doses_in_its_day_and_meets_the_adult_dose_at_the_threshold(key):
    rule = DOSE_RULES[key]
    assert rule.max_dose * rule.usual_doses_per_day <= rule.max_day
    assert all(most < rule.max_dose for _, most in rule.younger_max)
    if rule.by_weight:
        assert rule.per_kg_dose * rule.usual_doses_per_day <= rule.per_kg_day
        assert rule.per_kg_day * rule.weight_below_kg <= rule.max_day
        assert (rule.per_kg_dose * rule.weight_below_kg <= rule.max_dose) != (key in CAPPED_PER_DOSE)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(key=st.sampled_from(sorted(DOSE_RULES)),
       weight=st.decimals(min_value=Decimal("2"), max_value=Decimal("40"), places=1))
def test_the_largest_allowed_dose_at_any_weight_fits_the_day_at_the_usual_frequency(key, weight):
    """The largest dose the rule allows per dose for ``weight``, given as often as its regimen says,
    stays within the day's absolute maximum and the day's mg/kg."""
    rule = DOSE_RULES[key]
    per_dose = rule.max_dose if rule.per_kg_dose is None else min(rule.max_dose, rule.per_kg_dose * weight)
    assert per_dose * rule.usual_doses_per_day <= rule.max_day
    if rule.per_kg_day is not None:
        assert per_dose * rule.usual_doses_per_day <= rule.per_kg_day * weight


def test_the_minimum_age_counts_days_so_six_weeks_old_is_old_enough(store):
    encounter = _consultation(store, _child(store, 42), weight="10")
    _prescribe(store, encounter, "cotrimoxazol_800 0.25 c/12h x5d")  # 240 mg = 24 mg/kg
