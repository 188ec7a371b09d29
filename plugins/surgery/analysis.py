"""The views an analyst reads surgery's own tables through: one per case form (pre-op, operative
note, post-op day 1, discharge), typed and with units in the column names like every form's view."""

from __future__ import annotations

import functools

from ayni.core import Text
from ayni.core.storage.views import SAVED_COLUMNS, Column, FormSource, form_view, patient_columns

from .forms import CASE_FORMS

#: Case forms live in ``surgery_case_forms``, one filling per case; each view starts with the case.
CASE_FORM_ROWS = FormSource(
    "surgery_case_forms", "JOIN surgery_cases AS s ON s.id = f.case_id JOIN patients AS p ON p.id = s.patient_id "
    "LEFT JOIN campaigns AS c ON c.id = s.campaign_id", "case_id",
    (
        ("f.case_id", Column("case_id", Text("El caso quirúrgico", "The surgical case"))),
        *patient_columns("s.patient_id", "s.campaign_id"),
        ("s.procedure", Column("procedure", Text("Operación (código)", "Operation (code)"))),
        ("s.side", Column("side", Text("Lado", "Side"))),
        ("s.status", Column("case_status", Text("Estado del caso", "Case status"))),
        ("s.day", Column("day", Text("Día de la operación", "Day of the operation"))),
        ("s.theatre", Column("theatre", Text("Sala", "Theatre"))),
        *SAVED_COLUMNS,
    ),
)


@functools.cache
def views() -> tuple:
    """The view of each case form (``form_surgery_preop`` …), made once: the forms never change
    while Ayni runs."""
    return tuple(form_view(spec, source=CASE_FORM_ROWS) for spec in CASE_FORMS)
