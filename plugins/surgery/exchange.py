"""The operations of a visit's surgical cases, for the health system (``ayni_exchange_records``):
each case put on the list from the visit and operated, with the operation the operative note
records, as a :class:`~ayni.core.ProcedureDone` (the core adds the SNOMED CT ``mappings`` of
:mod:`.codes`)."""

from __future__ import annotations

from ayni.core import ProcedureDone, Text

from . import cases, codes, forms

_SIDES = {choice.value: choice.label for choice in forms.SIDES if choice.value != "not_applicable"}
_OPERATIONS = {operation.code: operation.label for _, operation in codes.OPERATIONS}


def records(visit, store) -> list[ProcedureDone]:
    """The operations done on the cases this visit put on the list (none without a store)."""
    if store is None or visit.encounter.specialty != forms.SPECIALTY:
        return []
    done = []
    for case in cases.cases_of_encounter(store, visit.encounter.id):
        note = cases.latest_form(store, case.id, forms.OPERATIVE_NOTE.key)
        if case.status != cases.CaseStatus.COMPLETED or not note:
            continue
        code = note.get("procedure_performed") or case.procedure
        done.append(ProcedureDone(code, _OPERATIONS.get(code, Text(code, code)),
                                  body_site=_SIDES.get(note.get("side"))))
    return done
