"""The surgery plugin's tables. Never edit a released migration: add the next one.

- ``surgery_cases``: one row per case, its current state (changes are audited updates);
- ``surgery_case_events``: every status change, who (``changed_by``) and when (append-only);
- ``surgery_case_forms``: pre-op, operative note, follow-up, each save a new revision (append-only);
- ``surgery_checklist``: each WHO checklist answer, who (``answered_by``) and when (append-only; the latest counts).
"""

from __future__ import annotations

from ayni.core import Migrations, keep_rows, numbers_in_stored_forms, refer_to_users, rename_columns

migrations = Migrations("surgery")

#: Columns renamed because their names were SQL keywords (migration 0004), ``{table: {old: new}}``:
#: also what ``ayni_renamed_columns`` declares, so a merge reads an export from before 0004.
RENAMED_COLUMNS = {"surgery_case_events": {"by": "changed_by"}, "surgery_checklist": {"by": "answered_by"}}

#: The statuses in which a case holds its place in a theatre's list.
ACTIVE_STATUSES = ("scheduled", "preop_done", "in_theatre", "completed")


def _protect(db, table: str, append_only: bool) -> None:
    keep_rows(db, table, "surgical records are never deleted", f"{table} is append-only" if append_only else None)


@migrations(name="0001_cases")
def cases(db):
    """Cases, their events, their forms and their checklist answers."""
    db["surgery_cases"].create(
        {
            "id": str, "patient_id": str, "campaign_id": str, "procedure": str, "service": str, "side": str,
            "indication": str, "surgeon_id": str, "anaesthetist_id": str, "status": str, "day": str,
            "theatre": str, "slot": int, "status_reason": str, "referral_id": str, "encounter_id": str,
            "created_at": str, "created_by": str,
        },
        pk="id",
        foreign_keys=[("patient_id", "patients", "id"), ("campaign_id", "campaigns", "id"),
                      ("referral_id", "referrals", "id"), ("encounter_id", "encounters", "id")],
    )
    db["surgery_cases"].create_index(["campaign_id", "status"])
    db["surgery_cases"].create_index(["day", "theatre"])
    db.execute("CREATE UNIQUE INDEX surgery_cases_one_per_slot ON surgery_cases (day, theatre, slot) "
               f"WHERE status IN ({', '.join(repr(s) for s in ACTIVE_STATUSES)})")
    db.execute("CREATE UNIQUE INDEX surgery_cases_one_per_referral ON surgery_cases (referral_id) "
               "WHERE referral_id IS NOT NULL")
    db["surgery_case_events"].create(
        {
            "id": str, "case_id": str, "from_status": str, "to_status": str, "reason": str, "day": str,
            "theatre": str, "slot": int, "at": str, "by": str,
        },
        pk="id",
        foreign_keys=[("case_id", "surgery_cases", "id")],
    )
    db["surgery_case_events"].create_index(["case_id"])
    db["surgery_case_forms"].create(
        {
            "id": str, "case_id": str, "form_key": str, "version": int, "data": str, "revision": int,
            "saved_at": str, "saved_by": str,
        },
        pk="id",
        foreign_keys=[("case_id", "surgery_cases", "id")],
    )
    db["surgery_case_forms"].create_index(["case_id", "form_key", "revision"], unique=True)
    db["surgery_checklist"].create(
        {"id": str, "case_id": str, "phase": str, "item": str, "answer": str, "note": str, "at": str, "by": str},
        pk="id",
        foreign_keys=[("case_id", "surgery_cases", "id")],
    )
    db["surgery_checklist"].create_index(["case_id", "phase"])
    _protect(db, "surgery_cases", append_only=False)
    for table in ("surgery_case_events", "surgery_case_forms", "surgery_checklist"):
        _protect(db, table, append_only=True)


@migrations(name="0002_users_referenced")
def users_referenced(db):
    """Who created a case, changed its status, saved its forms and answered its checklist is a
    foreign key to ``users`` (``ayni.core.refer_to_users``: rows, indexes and triggers kept; a user id
    naming nobody gets a user row). The surgeon and the anaesthetist stay without one: '' until named."""
    refer_to_users(db, {"surgery_cases": ("created_by",), "surgery_case_events": ("by",),
                        "surgery_case_forms": ("saved_by",), "surgery_checklist": ("by",)})


@migrations(name="0003_case_form_numbers_as_json_numbers")
def case_form_numbers_as_json_numbers(db):
    """The decimals of saved case forms (weight, haemoglobin), written as text until now, become
    JSON numbers, as the core's forms did (``ayni.core.numbers_in_stored_forms``): rewritten in place
    with the append-only trigger lifted for this alone, and noted once in the audit log."""
    from .forms import CASE_FORMS

    trigger = "surgery_case_forms_append_only"
    guard, = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [trigger]).fetchone()
    db.execute(f"DROP TRIGGER {trigger}")
    numbers_in_stored_forms(db, "surgery_case_forms", "data", "surgery/0003_case_form_numbers_as_json_numbers",
                            {spec.key: spec for spec in CASE_FORMS})
    db.execute(guard)


@migrations(name="0004_keyword_columns_renamed")
def keyword_columns_renamed(db):
    """Who changed a case's status is ``changed_by`` and who answered a checklist item is
    ``answered_by``: both columns were called ``by``, an SQL keyword every query had to quote.
    Renamed in place (``ayni.core.rename_columns``: rows, indexes, triggers and foreign keys kept)."""
    rename_columns(db, RENAMED_COLUMNS)
