"""A person's alerts (``ayni.core.people.alerts``) in FHIR R4B, both ways: an allergy as an
``AllergyIntolerance``, a chronic condition as a ``Condition`` of the problem list (ICD-10 when
coded), a pregnancy as an ``Observation`` «Pregnancy status» (LOINC 82810-3: SNOMED CT pregnant or
not pregnant, with the weeks and the last menstrual period as components).

Each resource's id is the alert's (``alert_id``), the same for every revision, so a bundle sent again
updates it on a server. An import records the current (active) ones into the person's alerts through
:func:`ayni.core.people.alerts.record_imported`, which leaves an alert already current as it is: importing the
same bundle twice records nothing the second time. Resolved ones are exported (a server keeps the
history) but not imported.
"""

from __future__ import annotations

from ..people.alerts import ALLERGY, CONDITION, PREGNANCY, RESOLVED, PersonAlert
from .records import LOINC

SNOMED = "http://snomed.info/sct"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
#: Ayni's allergy classes (the formulary's, such as ``penicillins``): no published system names them.
ALLERGY_CLASS = "urn:ayni:fhir:allergy-class"
ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
PROBLEM_LIST = "problem-list-item"
PREGNANCY_STATUS = ("82810-3", "Pregnancy status")
GESTATIONAL_WEEKS = ("49051-6", "Gestational age in weeks")
LAST_PERIOD = ("8665-2", "Last menstrual period start date")
PREGNANT = ("77386006", "Pregnant")
NOT_PREGNANT = ("60001007", "Not pregnant")


def _coding(system: str, code: str, display: str = "") -> dict:
    return {"system": system, "code": code, **({"display": display} if display else {})}


def _status(system: str, alert: PersonAlert) -> dict:
    return {"coding": [_coding(system, "resolved" if alert.status == RESOLVED else "active")]}


def _concept(alert: PersonAlert, system: str) -> dict:
    return {"text": alert.text, **({"coding": [_coding(system, alert.code)]} if alert.code else {})}


def alert_resource(alert: PersonAlert, subject: dict) -> dict:
    """The latest revision of one alert as its FHIR resource, about ``subject`` (a reference to the
    person's Patient)."""
    about = {"id": alert.alert_id, "recordedDate": alert.recorded_at.isoformat()}
    if alert.kind == ALLERGY:
        return {"resourceType": "AllergyIntolerance", **about, "patient": subject,
                "clinicalStatus": _status(ALLERGY_CLINICAL, alert), "code": _concept(alert, ALLERGY_CLASS),
                **({"note": [{"text": alert.note}]} if alert.note else {})}
    if alert.kind == CONDITION:
        return {"resourceType": "Condition", **about, "subject": subject,
                "clinicalStatus": _status(CONDITION_CLINICAL, alert),
                "category": [{"coding": [_coding(CONDITION_CATEGORY, PROBLEM_LIST)]}],
                "code": _concept(alert, ICD10), **({"note": [{"text": alert.note}]} if alert.note else {})}
    components = []
    if alert.weeks is not None:
        components.append({"code": {"coding": [_coding(LOINC, *GESTATIONAL_WEEKS)]},
                           "valueQuantity": {"value": alert.weeks, "unit": "wk", "system": "http://unitsofmeasure.org",
                                             "code": "wk"}})
    if alert.lmp is not None:
        components.append({"code": {"coding": [_coding(LOINC, *LAST_PERIOD)]}, "valueDateTime": alert.lmp.isoformat()})
    value = NOT_PREGNANT if alert.status == RESOLVED else PREGNANT
    return {"resourceType": "Observation", "id": alert.alert_id, "status": "final",
            "code": {"coding": [_coding(LOINC, *PREGNANCY_STATUS)]}, "subject": subject,
            "effectiveDateTime": alert.recorded_at.isoformat(),
            "valueCodeableConcept": {"coding": [_coding(SNOMED, *value)]},
            **({"component": components} if components else {}),
            **({"note": [{"text": alert.note}]} if alert.note else {})}


# -- in --------------------------------------------------------------------------------------------


def _codes(concept) -> list[tuple[str, str]]:
    codings = concept.get("coding") if isinstance(concept, dict) else None
    return [(c.get("system"), c.get("code")) for c in codings if isinstance(c, dict)] if isinstance(codings, list) else []


def _is_problem(resource: dict) -> bool:
    categories = resource.get("category")
    return isinstance(categories, list) and any((CONDITION_CATEGORY, PROBLEM_LIST) in _codes(c) for c in categories)


def alert_kind(resource: dict) -> str | None:
    """Which kind of alert a resource is (:data:`ALLERGY`, :data:`CONDITION`, :data:`PREGNANCY`), or
    ``None`` for one that is not a person's alert (a visit's diagnosis, a vital sign)."""
    kind = resource.get("resourceType")
    if kind == "AllergyIntolerance":
        return ALLERGY
    if kind == "Condition" and _is_problem(resource):
        return CONDITION
    if kind == "Observation" and (LOINC, PREGNANCY_STATUS[0]) in _codes(resource.get("code")):
        return PREGNANCY
    return None


def subject_reference(resource: dict) -> str | None:
    """The reference to the Patient an alert is about (``patient`` or ``subject``)."""
    subject = resource.get("patient" if resource.get("resourceType") == "AllergyIntolerance" else "subject")
    reference = subject.get("reference") if isinstance(subject, dict) else None
    return reference if isinstance(reference, str) else None


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _note(resource: dict) -> str:
    notes = resource.get("note")
    return _text(notes[0].get("text")) if isinstance(notes, list) and notes and isinstance(notes[0], dict) else ""


def _component(resource: dict, code: str) -> dict:
    for component in resource.get("component") or []:
        if isinstance(component, dict) and (LOINC, code) in _codes(component.get("code")):
            return component
    return {}


def alert_form(resource: dict) -> tuple[dict, str] | None:
    """A current alert resource as the values of the alert form (``alerts.ALERT_FORM``), for
    :func:`~ayni.core.people.alerts.record_imported` to check, and an allergy's class (``""`` for
    the other kinds); ``None`` for one that no longer holds (resolved, inactive, «not pregnant»),
    which an import leaves out."""
    kind = alert_kind(resource)
    if kind == PREGNANCY:
        if (SNOMED, PREGNANT[0]) not in _codes(resource.get("valueCodeableConcept")):
            return None
        weeks = _component(resource, GESTATIONAL_WEEKS[0]).get("valueQuantity") or {}
        values = {"weeks": weeks.get("value") if isinstance(weeks, dict) else None,
                  "lmp": _component(resource, LAST_PERIOD[0]).get("valueDateTime")}
        return {"kind": PREGNANCY, "note": _note(resource), **{k: v for k, v in values.items() if v is not None}}, ""
    status_system = ALLERGY_CLINICAL if kind == ALLERGY else CONDITION_CLINICAL
    if (status_system, "active") not in _codes(resource.get("clinicalStatus")):
        return None
    concept = resource.get("code") if isinstance(resource.get("code"), dict) else {}
    code = next((c for s, c in _codes(concept) if s == (ICD10 if kind == CONDITION else ALLERGY_CLASS)), "")
    text = _text(concept.get("text")) or next((_text(c.get("display")) for c in concept.get("coding") or []
                                              if isinstance(c, dict) and c.get("display")), "")
    form = {"kind": kind, "text": text, "code": code if kind == CONDITION else "", "note": _note(resource)}
    return form, code if kind == ALLERGY else ""
