"""What the general-medicine forms record about the *person*, for their alerts at every station
(``ayni_person_alerts``): the drug allergies of triage and the consultation (a listed class, or the
words of «Otras alergias»), and from sexual and reproductive health a pregnancy (with its last
period and weeks when known) or that the person is not pregnant. And back: a new triage or
consultation starts with the allergies the person already has (``ayni_form_prefill``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ayni.core import AlertFinding, Text
from ayni.core.people.alerts import ALLERGY, PREGNANCY, allergies

from .allergies import ALLERGY_FORMS
from .formulary import ALLERGY_CLASSES
from .forms import ALLERGIES, ALLERGY_NOTES, LMP, PREGNANT, SRH

#: The forms whose values say something about the person.
FORM_KEYS = (*ALLERGY_FORMS, SRH.key)


def _allergies(form_key: str, values: Mapping) -> list[AlertFinding]:
    found = [AlertFinding(ALLERGY, ALLERGY_CLASSES[key], code=key, source=form_key)
             for key in values.get(ALLERGIES.key) or [] if key in ALLERGY_CLASSES]
    notes = (values.get(ALLERGY_NOTES.key) or "").strip()
    if notes:
        found.append(AlertFinding(ALLERGY, Text(notes, notes), source=form_key))
    return found


def _pregnancy(values: Mapping) -> list[AlertFinding]:
    if values.get(PREGNANT.key) is True or values.get("pregnancy_test") == "positive":
        lmp = values.get(LMP.key)
        return [AlertFinding(PREGNANCY, weeks=values.get("gestational_weeks"),
                             lmp=dt.date.fromisoformat(lmp) if lmp else None, source=SRH.key)]
    if values.get(PREGNANT.key) is False or values.get("pregnancy_test") == "negative":
        return [AlertFinding(PREGNANCY, ended=True, source=SRH.key)]
    return []


def findings(form_key: str, values: Mapping) -> list[AlertFinding]:
    """What one saved form (its values as stored) says about the person."""
    if form_key in ALLERGY_FORMS:
        return _allergies(form_key, values)
    return _pregnancy(values) if form_key == SRH.key else []


def allergy_prefill(store, patient_id: str) -> dict:
    """The allergy fields of a new triage or consultation from the person's recorded allergies: the
    listed classes ticked, the others' words in «Otras alergias»."""
    found = allergies(store, patient_id)
    classes = [a.code for a in found if a.code in ALLERGY_CLASSES]
    others = "; ".join(a.text for a in found if a.code not in ALLERGY_CLASSES)
    return {k: v for k, v in ((ALLERGIES.key, classes), (ALLERGY_NOTES.key, others)) if v}
