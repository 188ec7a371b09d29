"""Triage: the priority scale, age-aware vital-sign limits, and the alerts and suggested priority of a
triage form for a patient of a given age.

Priorities follow the Peruvian emergency priorities (I rojo … V azul, as in Manchester-like scales).
The suggested priority is the most urgent one any alert calls for, IV (green) when nothing is out
of range; the nurse may assign another with a reason.

Thresholds (documented here because they are choices):

- SpO2: below 90 % at sites under 2500 m; below 87 % at 2500 m or more, where healthy people live
  with lower saturation (the WHO oxygen-therapy guidance for children uses 87 % above 2500 m). Five
  points below that threshold is priority I, otherwise II. Without the site's altitude, 90 % is
  used (more alerts, never fewer).
- Blood pressure ≥ 180 systolic or ≥ 110 diastolic: II. Systolic < 90 from 12 years: II.
- Temperature ≥ 38 °C under 3 months of age: II; < 35 °C (hypothermia after exposure): II;
  ≥ 38 °C otherwise: an information alert.
- Heart and breathing rates by age band (fast breathing as in IMCI/AIEPI for under-fives; heart
  rates as in paediatric life-support tables): above the band III, heart rate below it II.
- MUAC 6–59 months: < 11.5 cm severe acute malnutrition (II), < 12.5 cm moderate (III).
- Capillary glucose < 70 mg/dL: II; ≥ 300 mg/dL: III.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

import attrs

from ayni.core import Choice, Patient, Text, phrase

PRIORITIES: dict[str, tuple[Text, str]] = {
    "I": (Text("I — Rojo: inmediato", "I — Red: immediate"), "danger"),
    "II": (Text("II — Naranja: muy urgente", "II — Orange: very urgent"), "danger"),
    "III": (Text("III — Amarillo: urgente", "III — Yellow: urgent"), "warning"),
    "IV": (Text("IV — Verde: estándar", "IV — Green: standard"), "info"),
    "V": (Text("V — Azul: no urgente", "V — Blue: not urgent"), "info"),
}
PRIORITY_CHOICES = tuple(Choice(key, label) for key, (label, _) in PRIORITIES.items())
ORDER = tuple(PRIORITIES)
DEFAULT = "IV"

HIGH_ALTITUDE_M = 2500
SPO2_LOW = 90
SPO2_LOW_AT_ALTITUDE = 87
SPO2_CRITICAL_MARGIN = 5


@attrs.frozen
class Band:
    """Vital-sign limits for an age band (months, upper bound exclusive; ``None``: no upper bound)."""

    label: Text
    from_months: int
    to_months: int | None
    heart_low: int
    heart_high: int
    breathing_high: int


BANDS = (
    Band(Text("menor de 2 meses", "under 2 months"), 0, 2, 100, 180, 60),
    Band(Text("2 a 11 meses", "2 to 11 months"), 2, 12, 90, 160, 50),
    Band(Text("1 a 4 años", "1 to 4 years"), 12, 60, 80, 140, 40),
    Band(Text("5 a 11 años", "5 to 11 years"), 60, 144, 70, 120, 30),
    Band(Text("12 años a más", "12 years and over"), 144, None, 50, 100, 22),
)
ADULT_BAND = BANDS[-1]


@attrs.frozen
class Finding:
    """One vital sign out of range: the field it comes from, the priority it calls for, and the text."""

    key: str
    field: str
    priority: str
    text: Text


def age_in_months(patient: Patient, on: dt.date) -> int | None:
    """Whole months of age on ``on``, or ``None`` without a birth date."""
    b = patient.birth_date
    if b is None:
        return None
    return (on.year - b.year) * 12 + on.month - b.month - (on.day < b.day)


def band_for(months: int | None) -> Band:
    """The age band of a patient (an adult's when the age is unknown; the youngest band for an
    encounter dated before a mistyped birth date)."""
    if months is None:
        return ADULT_BAND
    months = max(months, 0)
    return next(b for b in BANDS if months >= b.from_months and (b.to_months is None or months < b.to_months))


def spo2_threshold(altitude: int | None) -> int:
    """The SpO2 below which saturation is low at a site of ``altitude`` metres."""
    return SPO2_LOW_AT_ALTITUDE if altitude is not None and altitude >= HIGH_ALTITUDE_M else SPO2_LOW


def _t(es: str, en: str, **values) -> Text:
    return Text(es.format(**values), en.format(**values))


def _spo2(values: Mapping) -> list[Finding]:
    spo2 = values.get("spo2")
    if spo2 is None:
        return []
    altitude = values.get("altitude")
    threshold = spo2_threshold(altitude)
    if int(spo2) >= threshold:
        return []
    where = _t("a {m} m", "at {m} m", m=altitude) if altitude is not None else Text("sin altitud registrada",
                                                                                     "no altitude recorded")
    priority = "I" if int(spo2) < threshold - SPO2_CRITICAL_MARGIN else "II"
    return [Finding("spo2_low", "spo2", priority, phrase(Text("SpO2 {spo2} %: baja (menor de {threshold} %, {where}).",
                                                              "SpO2 {spo2} %: low (below {threshold} %, {where})."),
                                                         spo2=spo2, threshold=threshold, where=where))]


def _pressure(values: Mapping, months: int | None) -> list[Finding]:
    systolic, diastolic = values.get("bp_systolic"), values.get("bp_diastolic")
    found = []
    if (systolic is not None and int(systolic) >= 180) or (diastolic is not None and int(diastolic) >= 110):
        found.append(Finding("bp_very_high", "bp_systolic", "II",
                             _t("Presión arterial {s}/{d} mmHg: muy alta (180/110 o más).",
                                "Blood pressure {s}/{d} mmHg: very high (180/110 or more).",
                                s=systolic or "–", d=diastolic or "–")))
    if systolic is not None and int(systolic) < 90 and (months is None or months >= 144):
        found.append(Finding("bp_low", "bp_systolic", "II",
                             _t("Presión sistólica {s} mmHg: baja (menos de 90).",
                                "Systolic pressure {s} mmHg: low (below 90).", s=systolic)))
    return found


def _temperature(values: Mapping, months: int | None) -> list[Finding]:
    value = values.get("temperature")
    if value is None:
        return []
    temperature = Decimal(str(value))
    if temperature >= 38 and months is not None and months < 3:
        return [Finding("infant_fever", "temperature", "II",
                        _t("Fiebre de {v} °C en un lactante menor de 3 meses.",
                           "Fever of {v} °C in an infant under 3 months.", v=temperature))]
    if temperature < 35:
        return [Finding("hypothermia", "temperature", "II",
                        _t("Temperatura {v} °C: hipotermia (menos de 35 °C).",
                           "Temperature {v} °C: hypothermia (below 35 °C).", v=temperature))]
    if temperature >= 38:
        return [Finding("fever", "temperature", "IV", _t("Fiebre: {v} °C.", "Fever: {v} °C.", v=temperature))]
    return []


def _rates(values: Mapping, months: int | None) -> list[Finding]:
    band = band_for(months)
    found = []
    heart, breathing = values.get("heart_rate"), values.get("respiratory_rate")
    if heart is not None and int(heart) > band.heart_high:
        found.append(Finding("tachycardia", "heart_rate", "III",
                             _t("Frecuencia cardiaca {v}/min: taquicardia (más de {m} para la edad: {b}).",
                                "Heart rate {v}/min: tachycardia (above {m} for age: {b}).",
                                v=heart, m=band.heart_high, b="{b}")))
    if heart is not None and int(heart) < band.heart_low:
        found.append(Finding("bradycardia", "heart_rate", "II",
                             _t("Frecuencia cardiaca {v}/min: bradicardia (menos de {m} para la edad: {b}).",
                                "Heart rate {v}/min: bradycardia (below {m} for age: {b}).",
                                v=heart, m=band.heart_low, b="{b}")))
    if breathing is not None and int(breathing) >= band.breathing_high:
        found.append(Finding("tachypnoea", "respiratory_rate", "III",
                             _t("Frecuencia respiratoria {v}/min: taquipnea ({m} o más para la edad: {b}).",
                                "Respiratory rate {v}/min: fast breathing ({m} or more for age: {b}).",
                                v=breathing, m=band.breathing_high, b="{b}")))
    return [attrs.evolve(f, text=phrase(f.text, b=band.label)) for f in found]


def _muac(values: Mapping, months: int | None) -> list[Finding]:
    value = values.get("muac")
    if value is None or months is None or not 6 <= months < 60:
        return []
    muac = Decimal(str(value))
    if muac < Decimal("11.5"):
        return [Finding("muac_severe", "muac", "II",
                        _t("Perímetro braquial {v} cm: desnutrición aguda severa (menos de 11,5 cm).",
                           "MUAC {v} cm: severe acute malnutrition (below 11.5 cm).", v=muac))]
    if muac < Decimal("12.5"):
        return [Finding("muac_moderate", "muac", "III",
                        _t("Perímetro braquial {v} cm: desnutrición aguda moderada (menos de 12,5 cm).",
                           "MUAC {v} cm: moderate acute malnutrition (below 12.5 cm).", v=muac))]
    return []


def _glucose(values: Mapping) -> list[Finding]:
    glucose = values.get("glucose")
    if glucose is None:
        return []
    if int(glucose) < 70:
        return [Finding("hypoglycaemia", "glucose", "II",
                        _t("Glucosa {v} mg/dL: hipoglucemia (menos de 70).",
                           "Glucose {v} mg/dL: hypoglycaemia (below 70).", v=glucose))]
    if int(glucose) >= 300:
        return [Finding("hyperglycaemia", "glucose", "III",
                        _t("Glucosa {v} mg/dL: muy alta (300 o más).", "Glucose {v} mg/dL: very high (300 or more).",
                           v=glucose))]
    return []


def findings(values: Mapping, months: int | None) -> list[Finding]:
    """Every vital sign of a triage form out of range for a patient of ``months`` of age, most
    urgent first."""
    found = [*_spo2(values), *_pressure(values, months), *_temperature(values, months), *_rates(values, months),
             *_muac(values, months), *_glucose(values)]
    return sorted(found, key=lambda f: ORDER.index(f.priority))


def suggested(found: list[Finding]) -> str:
    """The most urgent priority the findings call for; IV (green) when they call for none more urgent."""
    return min([*(f.priority for f in found), DEFAULT], key=ORDER.index)


def assigned(values: Mapping, found: list[Finding]) -> str:
    """The priority given: the nurse's when chosen, else the suggested one."""
    return values.get("priority") or suggested(found)
