"""The check of a prescription against the formulary's dose limits by age and weight
(:data:`~.formulary.DOSE_RULES`), for ``ayni_validate_encounter``:

- under the medicine's minimum age: refused;
- above the absolute maximum per dose (lower for the youngest, for some) or per day: refused;
- a child (or anyone under the rule's weight) with no weight recorded in this campaign, for a
  medicine dosed by weight: refused until the weight is entered;
- above the usual mg/kg per dose or per day but within the absolute maxima: a warning that needs a
  reason (:class:`ayni.core.SoftStop`), up to the hard ceiling by weight (``DoseRule.ceiling_kg_dose``,
  ``ceiling_kg_day``: twice the usual range, see :mod:`.formulary`); above it, refused.

Every message names the figures: «15 mg/kg por dosis; este niño de 9 kg: 250 mg = 27,8 mg/kg;
máximo 15 mg/kg».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from ayni.core import EncounterRecord, FieldError, Sex, Text, latest_weight, phrase
from ayni.core.clinical.prescribing import figure
from ayni.core.dates import to_lima

from . import triage
from .formulary import BY_KEY, DOSE_RULES, DoseRule
from .forms import PRESCRIPTION
from .messages import refuse, warn
from .prescriptions import doses_per_day

_FIELD = PRESCRIPTION.field("items")


def age_text(days: int, months: int) -> Text:
    """An age of ``days`` (``months`` whole months) as people say it: «5 semanas», «9 meses», «3 años»."""
    if months < 2:
        weeks = max(days, 0) // 7
        return Text(f"{weeks} semanas", f"{weeks} weeks")
    if months < 24:
        return Text(f"{months} meses", f"{months} months")
    return Text(f"{months // 12} años", f"{months // 12} years")


def _who(visit: EncounterRecord, child: bool) -> Text:
    if not child:
        return Text("este paciente", "this patient")
    return Text("esta niña", "this girl") if visit.patient.sex == Sex.FEMALE else Text("este niño", "this child")


def _absolute(line: Mapping, rule: DoseRule, mg: Decimal, times: int, months: int | None) -> list[FieldError]:
    name = BY_KEY[line["medicine"]].medicine.label
    errors = []
    young = [(below, most) for below, most in rule.younger_max if months is not None and months < below]
    most = min([rule.max_dose, *(m for _, m in young)])
    if mg > most:
        because = (Text(f" en menores de {young[0][0]} meses", f" under {young[0][0]} months") if most < rule.max_dose
                   else "")
        errors.append(refuse(_FIELD.key, "general.rx_over_max", _FIELD.label, medicine=name, mg=figure(mg),
                             max=figure(most), young=because))
    if mg * times > rule.max_day:
        errors.append(refuse(_FIELD.key, "general.rx_over_day", _FIELD.label, medicine=name, mg=figure(mg * times),
                             times=times, dose=figure(mg), max=figure(rule.max_day)))
    return errors


def _by_weight(visit: EncounterRecord, line: Mapping, rule: DoseRule, mg: Decimal, times: int, weight: Decimal,
               child: bool) -> list[FieldError]:
    drug = BY_KEY[line["medicine"]]
    common = {"medicine": drug.medicine.label, "who": _who(visit, child), "weight": figure(weight)}
    found = []
    for per, usual, ceiling, total in (("dose", rule.per_kg_dose, rule.ceiling_kg_dose, mg),
                                       ("day", rule.per_kg_day, rule.ceiling_kg_day, mg * times)):
        if usual is None or total / weight <= usual:
            continue
        figures = dict(common, limit=figure(usual), mg=figure(total), per_kg=figure(total / weight))
        if total / weight > ceiling:
            found.append(refuse(_FIELD.key, f"general.rx_per_kg_{per}_ceiling", _FIELD.label, **figures,
                                ceiling=figure(ceiling), most=figure(ceiling * weight)))
        else:
            found.append(warn(_FIELD.key, f"general.rx_per_kg_{per}", _FIELD.label, f"{drug.key}:{per}", **figures))
    return found


def _is_child(rule: DoseRule, months: int | None) -> bool:
    return months is not None and months < rule.child_below_years * 12


def _dosed_by_weight(rule: DoseRule, months: int | None, weight: Decimal | None) -> bool:
    """Whether ``rule`` doses this patient by weight: a child, or anyone lighter than its weight."""
    return rule.by_weight and (_is_child(rule, months) or (weight is not None and weight < rule.weight_below_kg))


def per_kg_text(visit: EncounterRecord, store, line: Mapping, lang: str) -> str:
    """For the receta of a patient dosed by weight, the weight used and the dose per kg in plain
    words: «Peso: 9 kg · 13,3 mg/kg por dosis»; ``""`` for anyone else or another medicine."""
    rule = DOSE_RULES.get(line.get("medicine"))
    weight = latest_weight(visit, store) if rule is not None else None
    months = triage.age_in_months(visit.patient, to_lima(visit.encounter.opened_at).date())
    if weight is None or not _dosed_by_weight(rule, months, weight):
        return ""
    kg, per_kg = figure(weight), figure(Decimal(str(line["dose"])) * rule.mg_per_unit / weight)
    return phrase(Text("Peso: {kg} kg · {per_kg} mg/kg por dosis", "Weight: {kg} kg · {per_kg} mg/kg per dose"),
                  kg=kg, per_kg=per_kg).get(lang)


def dose_stops(visit: EncounterRecord, store, day: dt.date) -> list[FieldError]:
    """The refusals and warnings of the visit's prescription against :data:`DOSE_RULES`, for the
    patient's age on ``day`` and latest weight in the campaign; ``[]`` when all is within range."""
    lines = [line for line in visit.form(PRESCRIPTION.key).get("items") or [] if line.get("medicine") in DOSE_RULES]
    if not lines:
        return []
    months = triage.age_in_months(visit.patient, day)
    days = (day - visit.patient.birth_date).days if months is not None else None
    weight = latest_weight(visit, store)
    found: list[FieldError] = []
    for line in lines:
        rule = DOSE_RULES[line["medicine"]]
        name = BY_KEY[line["medicine"]].medicine.label
        if rule.min_age_days is not None and days is not None and days < rule.min_age_days:
            found.append(refuse(_FIELD.key, "general.rx_min_age", _FIELD.label, medicine=name, min_age=rule.min_age,
                                age=age_text(days, months)))
            continue
        mg = Decimal(str(line["dose"])) * rule.mg_per_unit
        times = doses_per_day(line.get("every_h"))
        found += _absolute(line, rule, mg, times, months)
        child = _is_child(rule, months)
        if not _dosed_by_weight(rule, months, weight):
            continue
        if weight is None:
            found.append(refuse(_FIELD.key, "general.rx_needs_weight", _FIELD.label, medicine=name))
        else:
            found += _by_weight(visit, line, rule, mg, times, weight, child)
    return found
