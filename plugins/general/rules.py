"""Checks across the forms of a general-medicine visit and the patient's record
(``ayni_validate_encounter``):

- a prescribed medicine in a class the patient is allergic to (recorded in this or another encounter)
  is refused, naming the medicine and the allergy;
- a dose outside the formulary's limits by age and weight is refused, or warned about
  (:mod:`.dosing`);
- a medicine contraindicated in the patient's pregnancy, two of one therapeutic class, or two that
  interact, is refused or warned about (:mod:`.safety`);
- a vaccine lot past its expiry on the day of the encounter (Lima) is refused;
- a triage priority other than the suggested one needs a reason;
- pregnancy recorded for a patient registered as male is refused.
"""

from __future__ import annotations

import datetime as dt

from ayni.core import FieldError, Sex, Text, EncounterRecord, join_texts
from ayni.core.dates import format_date, to_lima

from . import allergies, dosing, safety, triage
from .forms import PREGNANT, PRESCRIPTION, PRIORITY, PRIORITY_REASON, SPECIALTY, SRH, TRIAGE, VACCINATION
from .messages import refuse
from .vaccines import BY_KEY as VACCINES
from .vaccines import expired_doses


def encounter_day(visit: EncounterRecord):
    """The day of the encounter in Lima."""
    return to_lima(visit.encounter.opened_at).date()


def triage_findings(visit: EncounterRecord, values: dict | None = None) -> list[triage.Finding]:
    """The out-of-range vital signs of the visit's triage, for the patient's age that day."""
    values = visit.form(TRIAGE.key) if values is None else values
    return triage.findings(values, triage.age_in_months(visit.patient, encounter_day(visit)))


def _priority_errors(visit: EncounterRecord) -> list[FieldError]:
    values = visit.form(TRIAGE.key)
    chosen = values.get(PRIORITY.key)
    if not chosen or values.get(PRIORITY_REASON.key):
        return []
    found = triage_findings(visit, values)
    suggested = triage.suggested(found)
    if chosen == suggested:
        return []
    because = (join_texts((f.text for f in found), "; ") if found
               else Text("signos vitales en rango", "vital signs in range"))
    return [refuse(PRIORITY_REASON.key, "general.priority_reason", PRIORITY_REASON.label,
                   suggested=triage.PRIORITIES[suggested][0], chosen=triage.PRIORITIES[chosen][0], because=because)]


def _vaccine_errors(visit: EncounterRecord) -> list[FieldError]:
    doses = visit.form(VACCINATION.key).get("doses") or []
    day = encounter_day(visit)
    field = VACCINATION.field("doses")
    errors = []
    for dose in expired_doses(doses, day):
        vaccine = VACCINES.get(dose["vaccine"])
        errors.append(refuse(field.key, "general.vx_expired", field.label,
                             vaccine=vaccine.name if vaccine else dose["vaccine"], lot=dose["lot"],
                             expiry=_dated(_date(dose["expiry"])),
                             day=_dated(day)))
    return errors


def _dated(day: dt.date) -> Text:
    return Text(format_date(day, "es"), format_date(day, "en"))


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(str(text)[:10])


def _allergy_errors(visit: EncounterRecord, store) -> list[FieldError]:
    lines = visit.form(PRESCRIPTION.key).get("items") or []
    if not lines:
        return []
    field = PRESCRIPTION.field("items")
    return allergies.clashes(field.key, field.label, lines, allergies.recorded(visit, store))


def _pregnancy_errors(visit: EncounterRecord) -> list[FieldError]:
    if visit.form(SRH.key).get(PREGNANT.key) is True and visit.patient.sex == Sex.MALE:
        return [refuse(PREGNANT.key, "general.pregnant_male", PREGNANT.label)]
    return []


def validate_visit(visit: EncounterRecord, store=None) -> list[FieldError]:
    """Every refusal for a general-medicine visit as it would be saved; ``[]`` for other specialties."""
    if visit.encounter.specialty != SPECIALTY:
        return []
    day = encounter_day(visit)
    return [*_allergy_errors(visit, store), *dosing.dose_stops(visit, store, day), *safety.safety_stops(visit, store, day),
            *_vaccine_errors(visit), *_priority_errors(visit), *_pregnancy_errors(visit)]
