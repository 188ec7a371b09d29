"""The person's recorded allergies (``ayni.core.people.alerts``, from triage or any station) in the
screening, the surgical pre-op and the WHO checklist: the screening's and the pre-op's allergy
fields start with them (the pre-op with the weight taken in triage too), the sign-in's
«¿Tiene alergias conocidas?» starts at «sí» and names them, and a saved pre-op or an answer that
says otherwise is flagged for the team to see before induction."""

from __future__ import annotations

import attrs

from ayni.core import FormSpec, Text, fold, person_weight, phrase
from ayni.core.people import alerts as person_alerts

from . import checklist, forms
from .cases import Case, checklist_answers, latest_form, screening_findings

KNOWN_ALLERGY = "known_allergy"
#: How many first letters of a word of an allergy's name must appear in the pre-op's words.
_STEM = 5


def _names(found, lang: str) -> str:
    return ", ".join(person_alerts.short_label(a, lang) for a in found)


def _mentioned(alert, text: str) -> bool:
    """Whether ``text`` names the allergy («penicilina» names «penicilinas (amoxicilina…)»)."""
    words = [w for w in fold(person_alerts.short_label(alert, "es")).split() if len(w) >= 4]
    return any(w[:_STEM] in fold(text) for w in words) or fold(alert.text) in fold(text)


def allergy_field(store, patient_id: str) -> dict:
    """A new form's «Alergias» (the screening's, the pre-op's) filled with the recorded allergies."""
    found = person_alerts.allergies(store, patient_id)
    return {"allergies": _names(found, "es")} if found else {}


def preop_values(store, case: Case) -> dict:
    """The pre-op as last saved; the first time, the screening's ASA class and haemoglobin, its allergy
    field filled with the recorded allergies and its weight with the one triage (or any station)
    took in the case's campaign."""
    saved = latest_form(store, case.id, forms.PREOP.key)
    if saved:
        return saved
    weight = person_weight(store, case.patient_id, case.campaign_id)
    return {**screening_findings(store, case), **allergy_field(store, case.patient_id),
            **({"weight": weight} if weight is not None else {})}


def checklist_form(store, case: Case, phase: checklist.Phase) -> FormSpec:
    """``phase``'s form; at sign-in, the allergy question says which allergies are recorded."""
    found = person_alerts.allergies(store, case.patient_id)
    if phase.key != checklist.SIGN_IN.key or not found:
        return phase.form
    hint = Text(f"Registradas: {_names(found, 'es')}", f"Recorded: {_names(found, 'en')}")
    fields = tuple(attrs.evolve(f, help=hint) if f.key == KNOWN_ALLERGY else f for f in phase.form.fields)
    return attrs.evolve(phase.form, fields=fields)


def checklist_values(store, case: Case, phase: checklist.Phase) -> dict:
    """The answers so far; at sign-in with allergies recorded, «sí» to the allergy question until answered."""
    answers = {k: a.answer for k, a in checklist_answers(store, case.id)[phase.key].items()}
    if phase.key == checklist.SIGN_IN.key and KNOWN_ALLERGY not in answers and \
            person_alerts.allergies(store, case.patient_id):
        answers[KNOWN_ALLERGY] = checklist.YES
    return answers


def mismatches(store, case: Case) -> list[Text]:
    """What contradicts the recorded allergies: a saved pre-op that does not name one of them, a
    sign-in that answered «no» to «¿Tiene alergias conocidas?»."""
    found = person_alerts.allergies(store, case.patient_id)
    if not found:
        return []
    flags = []
    preop = latest_form(store, case.id, forms.PREOP.key)
    missing = [a for a in found if not _mentioned(a, preop.get("allergies") or "")] if preop else []
    if missing:
        flags.append(Text(f"El preoperatorio no menciona alergias registradas: {_names(missing, 'es')}.",
                          f"The pre-op does not mention recorded allergies: {_names(missing, 'en')}."))
    answer = checklist_answers(store, case.id)[checklist.SIGN_IN.key].get(KNOWN_ALLERGY)
    if answer is not None and answer.answer != checklist.YES:
        said = checklist.ANSWER_LABELS.get(answer.answer, Text(answer.answer, answer.answer))
        flags.append(phrase(Text("Entrada: «¿Tiene alergias conocidas?» = «{said}», pero tiene registradas: {names}.",
                                 "Sign in: «known allergy?» = «{said}», but recorded: {names}."),
                            said=said, names=Text(_names(found, "es"), _names(found, "en"))))
    return flags
