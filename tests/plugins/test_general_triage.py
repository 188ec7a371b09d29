"""General medicine triage: alerts by age band, SpO2 and altitude, blood pressure, MUAC, the suggested
priority, an override that needs a reason, and triage counted by priority in the report."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core import ValidationError
from ayni.core.clinical import encounters
from ayni.core.clinical.alerts import collect
from ayni.core.dates import today_in_lima
from ayni.core.people import patients


def _born(months: int) -> str:
    """A birth date exactly ``months`` whole months before today (the 1st of that month)."""
    today = today_in_lima()
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return dt.date(year, month + 1, 1).isoformat()


@pytest.fixture
def person(store):
    """``person(months)``: a patient of that age (a guardian when under 18)."""

    def make(months: int, sex: str = "F"):
        return patients.register(store, {
            "given_names": "Ana", "paternal_surname": "Mamani", "maternal_surname": "Condori", "sex": sex,
            "birth_date": _born(months), "id_kind": "none", "guardian_name": "Luz Condori",
            "guardian_relationship": "madre",
        })

    return make


def _triage(store, patient, values):
    encounter = encounters.open_encounter(store, patient.id, "general", "triage")
    return encounters.save(store, encounter.id, forms={"general.triage": values})


def _alerts(store, visit, lang="es"):
    return {a.key: a.text.get(lang) for a in collect(store, visit)}


def _priority(store, visit, lang="es"):
    return _alerts(store, visit, lang)["general.triage.priority"]


def test_fever_in_an_infant_under_3_months_is_very_urgent_but_not_in_an_adult(store, person):
    infant = _triage(store, person(2), {"temperature": "38.2"})
    alerts = _alerts(store, infant)
    assert alerts["general.triage.infant_fever"] == "Fiebre de 38.2 °C en un lactante menor de 3 meses."
    assert _alerts(store, infant, "en")["general.triage.infant_fever"] == "Fever of 38.2 °C in an infant under 3 months."
    assert alerts["general.triage.priority"] == "Prioridad II — Naranja: muy urgente."
    adult = _triage(store, person(40 * 12), {"temperature": "38.2"})
    assert set(_alerts(store, adult)) == {"general.triage.priority", "general.triage.fever"}
    assert _priority(store, adult, "en") == "Priority IV — Green: standard."


@pytest.mark.parametrize(("months", "rate", "alerted"), [
    (1, 58, False), (1, 60, True),      # under 2 months: 60 or more
    (6, 49, False), (6, 50, True),      # 2–11 months: 50 or more
    (36, 39, False), (36, 40, True),    # 1–4 years: 40 or more
    (96, 29, False), (96, 30, True),    # 5–11 years: 30 or more
    (480, 21, False), (480, 22, True),  # 12 years and over: 22 or more
])
def test_fast_breathing_depends_on_the_age_band(store, person, months, rate, alerted):
    visit = _triage(store, person(months), {"respiratory_rate": rate})
    assert ("general.triage.tachypnoea" in _alerts(store, visit)) is alerted


def test_tachycardia_message_names_the_age_band_in_both_languages(store, person):
    visit = _triage(store, person(36), {"heart_rate": 150})
    assert _alerts(store, visit)["general.triage.tachycardia"] == (
        "Frecuencia cardiaca 150/min: taquicardia (más de 140 para la edad: 1 a 4 años).")
    assert _alerts(store, visit, "en")["general.triage.tachycardia"] == (
        "Heart rate 150/min: tachycardia (above 140 for age: 1 to 4 years).")
    assert _priority(store, visit) == "Prioridad III — Amarillo: urgente."
    adult = _triage(store, person(480), {"heart_rate": 150})
    assert "general.triage.tachycardia" in _alerts(store, adult)
    assert "general.triage.tachycardia" not in _alerts(store, _triage(store, person(480), {"heart_rate": 95}))


@pytest.mark.parametrize(("spo2", "altitude", "priority"), [
    (89, None, "II"), (90, None, None),   # sea level, or altitude unknown: below 90 %
    (88, 3400, None), (86, 3400, "II"),   # from 2500 m: below 87 %
    (84, 0, "I"), (81, 3400, "I"),        # five points under the threshold: immediate
    (89, 2499, "II"), (89, 2500, None),
])
def test_low_spo2_uses_the_altitude_of_the_site(store, person, spo2, altitude, priority):
    values = {"spo2": spo2, **({"altitude": altitude} if altitude is not None else {})}
    visit = _triage(store, person(480), values)
    alerts = _alerts(store, visit)
    assert ("general.triage.spo2_low" in alerts) is (priority is not None)
    if priority:
        assert _priority(store, visit).startswith(f"Prioridad {priority} ")


def test_spo2_alert_text_names_the_threshold_used(store, person):
    visit = _triage(store, person(480), {"spo2": 86, "altitude": 3400})
    assert _alerts(store, visit)["general.triage.spo2_low"] == "SpO2 86 %: baja (menor de 87 %, a 3400 m)."
    assert _alerts(store, visit, "en")["general.triage.spo2_low"] == "SpO2 86 %: low (below 87 %, at 3400 m)."


@pytest.mark.parametrize(("systolic", "diastolic", "alerted"), [
    (180, 100, True), (150, 110, True), (179, 109, False),
])
def test_very_high_blood_pressure_is_180_over_110(store, person, systolic, diastolic, alerted):
    visit = _triage(store, person(600), {"bp_systolic": systolic, "bp_diastolic": diastolic})
    alerts = _alerts(store, visit)
    assert ("general.triage.bp_very_high" in alerts) is alerted
    if alerted:
        assert alerts["general.triage.bp_very_high"] == (
            f"Presión arterial {systolic}/{diastolic} mmHg: muy alta (180/110 o más).")


@pytest.mark.parametrize(("months", "muac", "key", "priority"), [
    (24, "11.4", "general.triage.muac_severe", "II"),
    (24, "11.5", "general.triage.muac_moderate", "III"),
    (24, "12.4", "general.triage.muac_moderate", "III"),
    (24, "12.5", None, "IV"),
    (5, "10.0", None, "IV"),      # MUAC cut-offs apply from 6 months …
    (60, "10.0", None, "IV"),     # … to 59 months
])
def test_muac_bands_for_children_6_to_59_months(store, person, months, muac, key, priority):
    visit = _triage(store, person(months), {"muac": muac})
    alerts = _alerts(store, visit)
    assert {k for k in alerts if k.startswith("general.triage.muac")} == ({key} if key else set())
    assert _priority(store, visit).startswith(f"Prioridad {priority} ")


def test_a_priority_other_than_the_suggested_needs_a_reason(store, person, row_counts):
    patient = person(480)
    encounter = encounters.open_encounter(store, patient.id, "general", "triage")
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter.id, forms={"general.triage": {"spo2": 86, "priority": "IV"}})
    assert refused.value.message("es") == (
        "Motivo del cambio de prioridad: la prioridad sugerida es II — Naranja: muy urgente "
        "(SpO2 86 %: baja (menor de 90 %, sin altitud registrada).); para asignar IV — Verde: estándar "
        "escriba el motivo.")
    assert "to assign IV — Green: standard write the reason" in refused.value.message("en")
    assert row_counts() == before
    visit = encounters.save(store, encounter.id, forms={"general.triage": {
        "spo2": 86, "priority": "IV", "priority_reason": "Vive a 4000 m; SpO2 habitual 86 %, sin disnea."}})
    assert _priority(store, visit) == "Prioridad IV — Verde: estándar (sugerida: II — Naranja: muy urgente)."


def test_an_encounter_dated_before_a_mistyped_birth_date_still_gets_an_age_band():
    """A negative age (birth date typed after the encounter) falls in the youngest band, never crashes."""
    from ayni.plugins.general.triage import BANDS, band_for

    assert band_for(-3) == BANDS[0]
