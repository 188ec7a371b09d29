"""The core schema, as numbered migrations. Never edit a released migration: add the next one."""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

core = Migrations("core")


@core(name="0001_initial")
def initial(db):
    db["users"].create({"id": str, "name": str, "role": str, "created_at": str}, pk="id")
    db["users"].create_index(["name"], unique=True)
    db["sites"].create(
        {"id": str, "name": str, "community": str, "district": str, "region": str}, pk="id"
    )
    db["campaigns"].create(
        {
            "id": str, "name": str, "kind": str, "start_date": str, "end_date": str,
            "site_id": str, "region": str, "partner": str,
        },
        pk="id",
        foreign_keys=[("site_id", "sites", "id")],
    )
    db["patients"].create(
        {
            "id": str, "given_names": str, "paternal_surname": str, "maternal_surname": str,
            "sex": str, "birth_date": str, "birth_date_estimated": int, "identifiers": str,
            "identifier_numbers": str, "community": str, "district": str, "region": str,
            "language": str, "phone": str, "guardian": str, "created_at": str,
        },
        pk="id",
    )
    db["patients"].enable_fts(
        ["given_names", "paternal_surname", "maternal_surname", "identifier_numbers"],
        create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )
    db["encounters"].create(
        {
            "id": str, "patient_id": str, "campaign_id": str, "specialty": str, "station": str,
            "status": str, "opened_at": str, "opened_by": str, "closed_at": str, "closed_by": str,
        },
        pk="id",
        foreign_keys=[("patient_id", "patients", "id"), ("campaign_id", "campaigns", "id")],
    )
    db["encounters"].create_index(["patient_id"])
    db["encounters"].create_index(["campaign_id", "opened_at"])
    db["form_data"].create(
        {
            "id": str, "encounter_id": str, "form_key": str, "version": int, "data": str,
            "revision": int, "saved_at": str, "saved_by": str,
        },
        pk="id",
        foreign_keys=[("encounter_id", "encounters", "id")],
    )
    db["form_data"].create_index(["encounter_id", "form_key", "revision"], unique=True)
    db["procedures"].create(
        {
            "id": str, "encounter_id": str, "code": str, "fee": int, "detail": str,
            "quantity": int, "performed_at": str, "performed_by": str,
        },
        pk="id",
        foreign_keys=[("encounter_id", "encounters", "id")],
    )
    db["procedures"].create_index(["encounter_id"])
    db["diagnoses"].create(
        {"id": str, "encounter_id": str, "code": str, "system": str, "primary": int},
        pk="id",
        foreign_keys=[("encounter_id", "encounters", "id")],
    )
    db["diagnoses"].create_index(["encounter_id"])
    db["payments"].create(
        {
            "id": str, "encounter_id": str, "suggested": int, "amount": int, "kind": str,
            "method": str, "level": int, "reason": str, "in_kind_description": str,
            "approved_by": str, "received_at": str, "received_by": str,
        },
        pk="id",
        foreign_keys=[("encounter_id", "encounters", "id")],
    )
    db["payments"].create_index(["encounter_id"])
    db["audit_log"].create(
        {
            "id": int, "at": str, "user_id": str, "action": str, "table_name": str,
            "record_id": str, "data": str, "previous": str,
        },
        pk="id",
    )
    db["audit_log"].create_index(["record_id"])
    db["audit_log"].create_index(["user_id", "at"])
    for table in ("patients", "encounters", "form_data", "procedures", "diagnoses", "payments", "audit_log"):
        db.execute(
            f"CREATE TRIGGER {table}_never_deleted BEFORE DELETE ON {table} "
            "BEGIN SELECT RAISE(ABORT, 'clinical records are never deleted'); END"
        )
    db.execute(
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
