"""The views an analyst reads surgery's own tables through: one per case form (pre-op, operative
note, post-op day 1, discharge), typed and with units in the column names like every form's view,
and the WHO checklist's answers, one row per answer (``surgery_checklist_answers``)."""

from __future__ import annotations

import functools

from ayni.core import Text, View
from ayni.core.storage.views import PATIENT_NUMBER, SAVED_COLUMNS, Column, FormSource, form_view, patient_columns

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


#: An answer no later answer to the same item of the same case replaces (the latest counts, as in
#: ``cases.checklist_answers``: by time, then by the order written).
_LATEST = ("NOT EXISTS (SELECT 1 FROM surgery_checklist AS later WHERE later.case_id = k.case_id AND "
           "later.phase = k.phase AND later.item = k.item AND (later.at > k.at OR (later.at = k.at AND later.rowid > k.rowid)))")

CHECKLIST_ANSWERS = View(
    "surgery_checklist_answers",
    "SELECT k.id AS answer_id, k.case_id, s.patient_id, " + PATIENT_NUMBER + " AS patient_number, s.campaign_id, "
    "c.name AS campaign, s.procedure, s.day, s.theatre, k.phase, k.item, k.answer, k.note, k.at AS answered_at, "
    "k.answered_by, u.name AS answered_by_name, " + _LATEST + " AS is_latest "
    "FROM surgery_checklist AS k JOIN surgery_cases AS s ON s.id = k.case_id JOIN patients AS p ON p.id = s.patient_id "
    "LEFT JOIN campaigns AS c ON c.id = s.campaign_id LEFT JOIN users AS u ON u.id = k.answered_by",
    Text("Lista de verificación de la OMS", "WHO surgical safety checklist"),
    Text("Cada respuesta a un punto de la lista de verificación, con quién y cuándo; la última de cada punto es "
         "la que cuenta (is_latest = 1).", "Every answer to an item of the safety checklist, with who and when; the "
         "latest for each item is the one that counts (is_latest = 1)."),
    (
        Column("phase", Text("Fase: sign_in (entrada), time_out (pausa quirúrgica), sign_out (salida)",
                             "Phase: sign_in, time_out, sign_out")),
        Column("item", Text("Punto de la lista (clave)", "Checklist item (key)")),
        Column("answer", Text("Respuesta: yes (sí), no o na (no aplica)", "Answer: yes, no or na (not applicable)")),
        Column("note", Text("Nota de la respuesta", "Note with the answer")),
        Column("answered_at", Text("Cuándo se respondió (UTC)", "When it was answered (UTC)")),
        Column("answered_by_name", Text("Quién respondió", "Who answered")),
        Column("is_latest", Text("1 si es la última respuesta de este punto en el caso (la que cuenta)",
                                 "1 if it is the latest answer to this item in the case (the one that counts)")),
        Column("day", Text("Día de la operación", "Day of the operation")),
    ),
)


@functools.cache
def views() -> tuple:
    """The view of each case form (``form_surgery_preop`` …) and of the checklist's answers, made
    once: the forms never change while Ayni runs."""
    return (*(form_view(spec, source=CASE_FORM_ROWS) for spec in CASE_FORMS), CHECKLIST_ANSWERS)
