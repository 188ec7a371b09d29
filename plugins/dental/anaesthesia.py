"""The local anaesthetic of a dental visit against its maximum by weight (``ayni_validate_encounter``).

The exam records the anaesthetic and the cartridges given (1.8 mL of lidocaine 2 % = 36 mg each).
Limits, in mg of lidocaine, for the patient's latest weight in the campaign
(:func:`ayni.core.latest_weight`) and never above an absolute maximum
(:func:`ayni.core.clinical.prescribing.weight_limit`):

- lidocaine 2 % with epinephrine: refused above 7 mg/kg and 500 mg (WHO Model Formulary 2008,
  lidocaine; the manufacturers' labelling); above the prudent 4.4 mg/kg and 300 mg (Malamed,
  *Handbook of Local Anesthesia*, 7th ed., the maximum recommended dose taught in dental schools)
  a warning that needs a reason;
- lidocaine 2 % without epinephrine: refused above 4.4 mg/kg and 300 mg (same sources).

A child (under :data:`WEIGHED_UNDER_YEARS`) with no weight recorded is refused until one is entered
(at triage); an adult with none is held to the absolute maximum.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from ayni.core import EncounterRecord, FieldError, SoftStop, Text, latest_weight, phrase
from ayni.core.clinical.prescribing import figure, weight_limit

from .forms import ANAESTHETIC, CARTRIDGES, EXAM
from .messages import MESSAGES, refuse

#: Lidocaine in one 1.8 mL cartridge of a 2 % solution, in mg.
CARTRIDGE_MG = Decimal("36")
#: Below this age the dose is never checked without a weight.
WEIGHED_UNDER_YEARS = 18


@attrs.frozen
class Anaesthetic:
    """A local anaesthetic's limits in mg: ``most_kg``/``most`` refuse, ``prudent_kg``/``prudent``
    (when given) warn."""

    label: Text
    most_kg: Decimal
    most: Decimal
    prudent_kg: Decimal | None = None
    prudent: Decimal | None = None


ANAESTHETICS: dict[str, Anaesthetic] = {
    "lidocaine_epinephrine": Anaesthetic(Text("Lidocaína 2 % con epinefrina", "Lidocaine 2 % with epinephrine"),
                                         Decimal("7"), Decimal("500"), Decimal("4.4"), Decimal("300")),
    "lidocaine_plain": Anaesthetic(Text("Lidocaína 2 % sin epinefrina", "Lidocaine 2 % without epinephrine"),
                                   Decimal("4.4"), Decimal("300")),
}


def _limit(per_kg: Decimal, absolute: Decimal, weight: Decimal | None) -> tuple[Decimal, Text]:
    """The limit in mg for ``weight`` (the absolute one without a weight), and how it was reached."""
    if weight is None:
        return absolute, Text("sin peso registrado", "no weight recorded")
    most = weight_limit(per_kg, weight, absolute)
    return most, phrase(Text("{per_kg} mg/kg × {weight} kg, hasta {absolute} mg",
                             "{per_kg} mg/kg × {weight} kg, at most {absolute} mg"),
                        per_kg=figure(per_kg), weight=figure(weight), absolute=figure(absolute))


def anaesthesia_stops(visit: EncounterRecord, store, day: dt.date) -> list[FieldError]:
    """The refusal or warning for the anaesthetic the exam records, for the patient's age on ``day``
    and weight; ``[]`` when within range or when none is recorded."""
    values = visit.form(EXAM.key)
    drug, count = ANAESTHETICS.get(values.get(ANAESTHETIC.key)), values.get(CARTRIDGES.key)
    if drug is None or count in (None, ""):
        return []
    weight = latest_weight(visit, store)
    age = visit.patient.age(day)
    if weight is None and (age is None or age < WEIGHED_UNDER_YEARS):
        return [refuse(CARTRIDGES.key, "dental.anaesthetic_needs_weight", CARTRIDGES.label, anaesthetic=drug.label)]
    mg = Decimal(str(count)) * CARTRIDGE_MG
    figures = dict(anaesthetic=drug.label, cartridges=figure(Decimal(str(count))), mg=figure(mg))
    most, how = _limit(drug.most_kg, drug.most, weight)
    if mg > most:
        return [refuse(CARTRIDGES.key, "dental.anaesthetic_over_max", CARTRIDGES.label, **figures,
                       most=figure(most), how=how, max_cartridges=figure(most / CARTRIDGE_MG))]
    if drug.prudent_kg is None:
        return []
    prudent, how = _limit(drug.prudent_kg, drug.prudent, weight)
    if mg <= prudent:
        return []
    key = "dental.anaesthetic_over_prudent"
    return [SoftStop(CARTRIDGES.key, key, CARTRIDGES.label, dict(figures, prudent=figure(prudent), how=how,
                                                                 most=figure(most)),
                     text=MESSAGES[key], subject=values[ANAESTHETIC.key])]
