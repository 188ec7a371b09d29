"""The label of a specimen pot from theatre, and the operating day the patient card prints: what
the core's labels and patient card ask the surgery plugin (``ayni_labels``, ``ayni_patient_next``)."""

from __future__ import annotations

from ayni.core import Label, Patient, Text, fold, of_same_person, phrase

from . import forms
from .cases import Case, CaseStatus, latest_form
from .views import case_facts, day_text, operation_label, theatre_label

TITLE = Text("Muestra quirúrgica", "Surgical specimen")
KEY = "surgery.specimen"
LINE_LABELS = {
    "day": Text("Fecha", "Date"),
    "specimens": Text("Muestra", "Specimen"),
    "procedure": Text("Operación", "Operation"),
    "surgeon": Text("Cirujano", "Surgeon"),
}
NEXT = Text("Cirugía: {day}, {theatre}", "Surgery: {day}, {theatre}")
_UPCOMING = (CaseStatus.SCHEDULED, CaseStatus.PREOP_DONE)
#: What a note says when no specimen was sent: nothing to label.
_NO_SPECIMEN = {"", "-", "—", "no", "ninguna", "ninguno", "none", "nil"}


def _cases(store, patient_id: str) -> list[Case]:
    return store.rows(Case, "surgery_cases", of_same_person(), [patient_id], order_by="created_at, rowid")


def specimen_label(store, case: Case, note: dict, patient: Patient, lang: str) -> Label:
    """The label of the specimens of one operated case: date, specimen, operation with its side, surgeon."""
    facts = case_facts(store, case, lang)
    performed = note.get("procedure_performed")
    side = forms.OPERATIVE_NOTE.field("side").choice_label(note["side"], lang) if note.get("side") else ""
    operation = operation_label(performed).get(lang) if performed else facts["procedure"]
    values = {"day": facts["day"], "specimens": note["specimens"],
              "procedure": f"{operation} ({side.lower()})" if performed and side else operation,
              "surgeon": facts["surgeon"]}
    return Label(KEY, TITLE.get(lang), patient.card_number, patient.full_name,
                 tuple((LINE_LABELS[k].get(lang), v) for k, v in values.items() if v),
                 encounter_id=case.encounter_id or "")


def specimen_labels(store, patient_id: str, lang: str) -> list[Label]:
    """The specimen label of the patient's latest operation whose note lists specimens sent."""
    patient = store.get(Patient, "patients", patient_id)
    for case in reversed(_cases(store, patient_id)):
        note = latest_form(store, case.id, forms.OPERATIVE_NOTE.key)
        if fold(note.get("specimens") or "").strip(" .") not in _NO_SPECIMEN:
            return [specimen_label(store, case, note, patient, lang)]
    return []


def next_operation(store, patient_id: str) -> Text | None:
    """«Cirugía: 3 de diciembre de 2026, Quirófano 1» for the patient's next scheduled operation."""
    upcoming = [c for c in _cases(store, patient_id) if c.status in _UPCOMING and c.day is not None]
    if not upcoming:
        return None
    case = min(upcoming, key=lambda c: (c.day, c.slot or 0))
    day, theatre = day_text(case.day), theatre_label(case.theatre)
    return phrase(NEXT, day=day, theatre=theatre)
