"""The patient's drug allergies, as recorded in any general-medicine form of any of their encounters,
and the check of a prescription against them.

An allergy recorded once stays on the record: a later «no known allergies» does not erase it (the
safe reading; a wrong entry is corrected by a new revision of the same form).
"""

from __future__ import annotations

from collections.abc import Mapping

import re

from ayni.core import EncounterRecord, FieldError, FormData, Text, fold, of_same_person
from ayni.core.people import alerts as person_alerts

from .formulary import ALLERGY_CLASSES, BY_KEY
from .messages import refuse
from .record import latest_revisions

#: The forms that carry the ``allergies`` field.
ALLERGY_FORMS = ("general.triage", "general.consultation")
NONE = "none"


def recorded(visit: EncounterRecord, store=None) -> dict[str, Text]:
    """Allergy class → the title of the form it was recorded in, from this visit (as it would be
    saved) and, when ``store`` is given, every other encounter of the patient."""
    sources: list[tuple[str, Mapping]] = [(key, visit.form(key)) for key in ALLERGY_FORMS]
    if store is not None:
        marks = ", ".join("?" for _ in ALLERGY_FORMS)
        rows = store.rows(FormData, "form_data",
                          f"form_key IN ({marks}) AND encounter_id IN "
                          f"(SELECT id FROM encounters WHERE {of_same_person()} AND id != ?)",
                          [*ALLERGY_FORMS, visit.patient.id, visit.encounter.id])
        sources.extend((data.form_key, data.data) for data in latest_revisions(rows).values())
    found: dict[str, Text] = {}
    titles = store.plugins.forms if store is not None else {}
    for form_key, values in sources:
        for allergy in values.get("allergies") or []:
            if allergy in ALLERGY_CLASSES and allergy not in found:
                found[allergy] = _title(titles, form_key)
    for alert in person_alerts.allergies(store, visit.patient.id) if store is not None else []:
        allergy = alert.code if alert.code in ALLERGY_CLASSES else class_of(alert.text)
        if allergy is not None and allergy not in found:
            found[allergy] = _title(titles, alert.source) if alert.source else _PATIENT_ALERTS
    return found


def _title(titles, form_key: str) -> Text:
    spec = titles.get(form_key)
    return spec.title if spec else _TITLES.get(form_key, Text(form_key, form_key))


#: How many first letters of a medicine or class name identify it in words typed («penicilina»).
_STEM = 5


def class_of(text: str) -> str | None:
    """The allergy class words typed name («alergia a la penicilina» → ``penicillin``, «aspirina» →
    ``nsaid``), by any name in the class's label; ``None`` when they name none."""
    typed = fold(text)
    for key, label in ALLERGY_CLASSES.items():
        names = [w for w in re.findall(r"\w+", fold(label.es)) if len(w) >= _STEM]
        if any(name[:_STEM] in typed for name in names):
            return key
    return None


_PATIENT_ALERTS = Text("las alertas del paciente", "the patient's alerts")
_TITLES = {"general.triage": Text("Triaje", "Triage"), "general.consultation": Text("Consulta médica",
                                                                                       "Medical consultation")}


def clashes(field: str, label: Text, lines: list[Mapping], allergies: Mapping[str, Text]) -> list[FieldError]:
    """One refusal per prescribed medicine in a class the patient is allergic to, naming both."""
    errors = []
    for line in lines:
        drug = BY_KEY.get(line.get("medicine"))
        if drug is None:
            continue
        for allergy in sorted(drug.classes & set(allergies)):
            errors.append(refuse(field, "general.allergy_clash", label, medicine=drug.medicine.label,
                                 allergy=ALLERGY_CLASSES[allergy], where=allergies[allergy]))
    return errors
