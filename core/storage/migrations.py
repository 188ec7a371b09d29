"""The core schema, as numbered migrations. Never edit a released migration: add the next one."""

from __future__ import annotations

import json

from .sqlitelib import Migrations

core = Migrations("core")


def keep_rows(db, table: str, never_deleted: str, never_updated: str | None = None,
              update_trigger: str = "append_only") -> None:
    """Triggers that refuse to delete the rows of ``table`` (``{table}_never_deleted``) and, given
    ``never_updated``, to change them (``{table}_{update_trigger}``), each refusal with its message.

    For a migration's own tables, the core's and a plugin's alike. Frozen: released migrations call
    it, so the triggers it creates never change; another kind of protection is another function.
    """
    def refusal(message: str) -> str:
        return "BEGIN SELECT RAISE(ABORT, '" + message.replace("'", "''") + "'); END"

    db.execute(f"CREATE TRIGGER {table}_never_deleted BEFORE DELETE ON {table} {refusal(never_deleted)}")
    if never_updated is not None:
        db.execute(f"CREATE TRIGGER {table}_{update_trigger} BEFORE UPDATE ON {table} {refusal(never_updated)}")


#: The patient columns the search index covers, and how it splits words (accents folded).
PATIENT_SEARCH_COLUMNS = ["given_names", "paternal_surname", "maternal_surname", "identifier_numbers"]
SEARCH_TOKENIZER = "unicode61 remove_diacritics 2"


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
    db["patients"].enable_fts(PATIENT_SEARCH_COLUMNS, create_triggers=True, tokenize=SEARCH_TOKENIZER)
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
    for table in ("patients", "encounters", "form_data", "procedures", "diagnoses", "payments"):
        keep_rows(db, table, "clinical records are never deleted")
    keep_rows(db, "audit_log", "clinical records are never deleted", "the audit log is append-only")


@core(name="0002_patient_number")
def patient_number(db):
    """A short patient number (1, 2, 3 …) for the ticket, the wristband and calling people at a
    station, searchable like a name. Existing patients are numbered in the order they were
    registered; the search index is rebuilt (with its triggers) to include the number."""
    db["patients"].disable_fts()
    db["patients"].add_column("number", int)
    db.execute(
        "UPDATE patients SET number = numbered.n FROM "
        "(SELECT rowid AS r, row_number() OVER (ORDER BY created_at, rowid) AS n FROM patients) AS numbered "
        "WHERE patients.rowid = numbered.r"
    )
    db["patients"].create_index(["number"], unique=True)
    db["patients"].enable_fts(
        [*PATIENT_SEARCH_COLUMNS, "number"], create_triggers=True, tokenize=SEARCH_TOKENIZER
    )


@core(name="0003_stock_and_referrals")
def stock_and_referrals(db):
    """One inventory for medicines and equipment, kept as lots and an append-only ledger of
    movements (on hand is their sum), and referrals between specialties or to a hospital."""
    db["stock_lots"].create(
        {
            "id": str, "item_key": str, "lot": str, "expiry": str, "location": str,
            "attributes": str, "received_at": str, "received_by": str,
        },
        pk="id",
    )
    db["stock_lots"].create_index(["item_key", "expiry"])
    db["stock_movements"].create(
        {
            "id": str, "lot_id": str, "kind": str, "quantity": int, "reason": str,
            "encounter_id": str, "at": str, "by": str,
        },
        pk="id",
        foreign_keys=[("lot_id", "stock_lots", "id"), ("encounter_id", "encounters", "id")],
    )
    db["stock_movements"].create_index(["lot_id"])
    db["stock_movements"].create_index(["encounter_id"])
    db["referrals"].create(
        {
            "id": str, "encounter_id": str, "patient_id": str, "from_specialty": str, "to": str,
            "reason": str, "urgency": str, "notes": str, "status": str, "created_at": str,
            "created_by": str,
        },
        pk="id",
        foreign_keys=[("encounter_id", "encounters", "id"), ("patient_id", "patients", "id")],
    )
    db["referrals"].create_index(["to", "status"])
    for table in ("stock_lots", "referrals"):
        keep_rows(db, table, "clinical records are never deleted")
    keep_rows(db, "stock_movements", "clinical records are never deleted", "stock movements are append-only")


@core(name="0004_stock_thresholds_receipts_day_closes")
def stock_thresholds_receipts_day_closes(db):
    """Low-stock thresholds set per item (the latest setting counts), a numbered receipt for every
    payment (payments already recorded are numbered in the order they were received), and the
    cashier's end-of-day closings (expected and counted cash). All three are append-only."""
    from ..model import new_id

    db["stock_thresholds"].create(
        {"id": str, "item_key": str, "threshold": int, "set_at": str, "set_by": str}, pk="id"
    )
    db["stock_thresholds"].create_index(["item_key"])
    db["receipts"].create(
        {"id": str, "number": int, "payment_id": str, "issued_at": str, "issued_by": str},
        pk="id",
        foreign_keys=[("payment_id", "payments", "id")],
    )
    db["receipts"].create_index(["number"], unique=True)
    db["receipts"].create_index(["payment_id"], unique=True)
    existing = db.execute("SELECT id, received_at, received_by FROM payments ORDER BY received_at, rowid").fetchall()
    db["receipts"].insert_all(
        {"id": new_id(), "number": n, "payment_id": pid, "issued_at": at, "issued_by": by or ""}
        for n, (pid, at, by) in enumerate(existing, start=1)
    )
    db["day_closes"].create(
        {
            "id": str, "day": str, "campaign_id": str, "expected": int, "counted": int, "difference": int,
            "collected": int, "waived": int, "payments": int, "note": str, "closed_at": str, "closed_by": str,
        },
        pk="id",
    )
    db["day_closes"].create_index(["day"])
    for table in ("stock_thresholds", "receipts", "day_closes"):
        keep_rows(db, table, "clinical records are never deleted", f"{table} are append-only")


@core(name="0005_accounts_stations_queue")
def accounts_stations_queue(db):
    """Access control and the day's flow of patients.

    ``accounts`` holds each user's PIN (a salted scrypt hash, never the PIN), whether the account is
    active, and the count of wrong PINs in a row with the time the account stays locked until;
    once any account exists the campaign has access control on (see ``ayni.core.people.users``).
    ``stations`` are the places of a campaign (registration, triage, each specialty's rooms, cashier,
    pharmacy) and ``queue`` is each patient's passage through them, one row per station visited, with
    the time of each step (arrived, called, done).
    """
    db["accounts"].create(
        {
            "user_id": str, "pin_hash": str, "active": int, "failed_attempts": int, "locked_until": str,
            "changed_at": str,
        },
        pk="user_id",
        foreign_keys=[("user_id", "users", "id")],
    )
    db["stations"].create(
        {
            "id": str, "campaign_id": str, "key": str, "kind": str, "specialty": str, "station": str,
            "name": str, "places": int, "position": int,
        },
        pk="id",
        foreign_keys=[("campaign_id", "campaigns", "id")],
    )
    db["stations"].create_index(["campaign_id", "key"], unique=True)
    db["queue"].create(
        {
            "id": str, "campaign_id": str, "patient_id": str, "station": str, "priority": int, "status": str,
            "arrived_at": str, "arrived_by": str, "called_at": str, "called_by": str, "done_at": str,
            "done_by": str, "encounter_id": str, "previous_id": str,
        },
        pk="id",
        foreign_keys=[("campaign_id", "campaigns", "id"), ("patient_id", "patients", "id"),
                      ("encounter_id", "encounters", "id")],
    )
    db["queue"].create_index(["campaign_id", "station", "status", "priority", "arrived_at"])
    db["queue"].create_index(["patient_id"])
    db["audit_log"].create_index(["at"])
    for table in ("accounts", "stations", "queue"):
        keep_rows(db, table, "records are never deleted")


@core(name="0006_audit_chain")
def audit_chain(db):
    """The audit log becomes a hash chain (see ``ayni.core.storage.auditchain``): every row gets ``prev_hash``
    and ``hash``, the rows already there are chained in id order, and a trigger refuses a new row
    that does not link to the newest one (so concurrent writers cannot fork the chain)."""
    from .auditchain import GENESIS, chain_existing

    db["audit_log"].add_column("prev_hash", str)
    db["audit_log"].add_column("hash", str)
    db.execute("DROP TRIGGER audit_log_append_only")
    chain_existing(db)
    db.execute(
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log WHEN NEW.hash IS NULL OR NEW.prev_hash IS NOT "
        f"coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '{GENESIS}') "
        "BEGIN SELECT RAISE(ABORT, 'audit rows are chained: write them with ayni.core.storage.auditchain.append'); END"
    )


@core(name="0007_patient_search")
def patient_search(db):
    """Search that finds a patient despite typos and other spellings (``ayni.core.people.search``).

    ``patient_search`` holds one row per patient: its names as written, its identifiers with the
    patient number, and the phonetic keys and surname terms marked with where they come from
    (``ayni.core.people.names.marked_terms``); ``seq`` grows each time
    the patient is registered or seen (an encounter opened), so the FTS5 index over it
    (``patient_search_fts``, whose rowid is ``seq``) lists the most recently seen first and a search
    can stop at the first page. ``name_variants`` maps the near spellings of every name word and key
    known (``ayni.core.people.names.name_terms``) to it, for typo look-ups through an index. Triggers keep all three current in the transaction
    that writes the patient or the encounter; they call the SQL functions ``open_store`` installs.
    Existing patients are filled in the order they were last seen.
    """
    db.execute(
        "CREATE TABLE patient_search (seq INTEGER PRIMARY KEY, patient_id TEXT NOT NULL UNIQUE REFERENCES "
        "patients(id), given TEXT, paternal TEXT, maternal TEXT, ids TEXT, marked TEXT)"
    )
    columns = "given, paternal, maternal, ids, marked"
    old = ", ".join(f"old.{c}" for c in columns.split(", "))
    new = ", ".join(f"new.{c}" for c in columns.split(", "))
    db.execute(
        f"CREATE VIRTUAL TABLE patient_search_fts USING fts5({columns}, content='patient_search', "
        f"content_rowid='seq', tokenize='{SEARCH_TOKENIZER}', prefix='1 2 3 4')"
    )
    db.execute(f"CREATE TRIGGER patient_search_ai AFTER INSERT ON patient_search BEGIN "
               f"INSERT INTO patient_search_fts (rowid, {columns}) VALUES (new.seq, {new}); END")
    db.execute(f"CREATE TRIGGER patient_search_au AFTER UPDATE ON patient_search BEGIN "
               f"INSERT INTO patient_search_fts (patient_search_fts, rowid, {columns}) VALUES ('delete', old.seq, {old}); "
               f"INSERT INTO patient_search_fts (rowid, {columns}) VALUES (new.seq, {new}); END")
    keep_rows(db, "patient_search", "the search index follows the patients, who are never deleted")
    db.execute("CREATE TABLE name_variants (variant TEXT NOT NULL, term TEXT NOT NULL, "
               "PRIMARY KEY (variant, term)) WITHOUT ROWID")
    values = ("new.given_names, new.paternal_surname, new.maternal_surname, "
              "trim(coalesce(new.identifier_numbers, '') || ' ' || coalesce(new.number, '')), "
              "ayni_marked_terms(new.given_names, new.paternal_surname, new.maternal_surname)")
    name = ("coalesce(new.given_names, '') || ' ' || coalesce(new.paternal_surname, '') || ' ' || "
            "coalesce(new.maternal_surname, '')")
    variants = "json_each(ayni_term_variants(term.value)) AS variant"
    learn_terms = (  # only a term not known yet is expanded (a term is its own first variant)
        f"INSERT OR IGNORE INTO name_variants (variant, term) SELECT variant.value, term.value "
        f"FROM json_each(ayni_name_terms({name})) AS term, {variants} WHERE NOT EXISTS "
        f"(SELECT 1 FROM name_variants AS known WHERE known.variant = term.value AND known.term = term.value)"
    )
    db.execute(f"CREATE TRIGGER patients_search_ai AFTER INSERT ON patients BEGIN "
               f"INSERT INTO patient_search (patient_id, {columns}) VALUES (new.id, {values}); {learn_terms}; END")
    db.execute(f"CREATE TRIGGER patients_search_au AFTER UPDATE OF given_names, paternal_surname, maternal_surname, "
               f"identifier_numbers, number ON patients BEGIN "
               f"UPDATE patient_search SET ({columns}) = ({values}) WHERE patient_id = new.id; {learn_terms}; END")
    db.execute("CREATE TRIGGER encounters_search_seen AFTER INSERT ON encounters BEGIN "
               "UPDATE patient_search SET seq = (SELECT max(seq) + 1 FROM patient_search) "
               "WHERE patient_id = new.patient_id; END")
    # the patients already there: least recently seen first, so that the latest gets the largest seq
    db.execute(
        f"INSERT INTO patient_search (patient_id, {columns}) SELECT new.id, {values} FROM patients AS new "
        "LEFT JOIN (SELECT patient_id, max(opened_at) AS seen FROM encounters GROUP BY patient_id) AS visits "
        "ON visits.patient_id = new.id ORDER BY coalesce(visits.seen, new.created_at), new.rowid"
    )
    db.execute(
        f"INSERT OR IGNORE INTO name_variants (variant, term) SELECT variant.value, term.value FROM "
        f"(SELECT DISTINCT term.value FROM patients AS new, json_each(ayni_name_terms({name})) AS term) AS term, "
        f"{variants}"
    )


@core(name="0008_merged_and_distinct_patients")
def merged_and_distinct_patients(db):
    """Two records of one person, and two people who only look alike.

    ``patients.merged_into`` names the kept record a duplicate was merged into (``NULL``: its own
    person); the duplicate's row and everything keyed by its id stay as they were. A trigger
    refuses a merge into itself, into a merged record, or of a record others are merged into, so
    there is never a chain. ``patient_distinct`` records, once per pair (``patient_id`` <
    ``other_id``), that someone decided two similar records are different people; append-only. The
    index on sex and birth date bounds the search for likely-same people to a window of years, and
    holds the names it compares, so that window is read from the index alone.
    """
    db["patients"].add_column("merged_into", str)
    db.execute("CREATE INDEX patients_person ON patients (coalesce(merged_into, id))")
    db["patients"].create_index(["sex", "birth_date", "birth_date_estimated", "merged_into", "id", "given_names",
                                 "paternal_surname", "maternal_surname"], index_name="patients_born")
    db.execute(
        "CREATE TRIGGER patients_merged_once BEFORE UPDATE OF merged_into ON patients "
        "WHEN NEW.merged_into IS NOT NULL AND (NEW.merged_into = NEW.id "
        "OR (SELECT merged_into FROM patients WHERE id = NEW.merged_into) IS NOT NULL "
        "OR NOT EXISTS (SELECT 1 FROM patients WHERE id = NEW.merged_into) "
        "OR EXISTS (SELECT 1 FROM patients WHERE coalesce(merged_into, id) = NEW.id AND id != NEW.id)) "
        "BEGIN SELECT RAISE(ABORT, 'a patient is merged into one kept record, never into itself or a merged one'); END"
    )
    db["patient_distinct"].create(
        {"id": str, "patient_id": str, "other_id": str, "decided_at": str, "decided_by": str},
        pk="id",
        foreign_keys=[("patient_id", "patients", "id"), ("other_id", "patients", "id")],
    )
    db["patient_distinct"].create_index(["patient_id", "other_id"], unique=True)
    db["patient_distinct"].create_index(["other_id"])
    keep_rows(db, "patient_distinct", "records are never deleted", "patient_distinct is append-only")


@core(name="0009_devices_and_merging")
def devices_and_merging(db):
    """Several laptops in one campaign (see ``ayni.core.storage.devices`` and ``.merge``).

    ``devices`` and ``this_device``: this laptop's id and letter (none yet: numbers stay 1, 2, 3 …
    until ``ayni init --device``). Patients and receipts get the ``device`` letter of the laptop that
    numbered them ('' for every number given so far); a number is then unique per letter, by the write
    lock that gives it, no longer by a unique index across the file, since merged laptops each have
    their own sequence. A user's name is no longer unique either: the same person set up on two
    laptops has a row from each (see the merge's rule for users). ``merged_audit`` keeps the audit
    chain of every other laptop merged in, row for row as that laptop wrote it, so each chain stays
    verifiable on its own; ``merge_conflicts`` and ``merge_candidates`` list what a person must check
    after a merge (both append-only)."""
    from ..model import new_id

    db["devices"].create({"id": str, "letter": str, "named_at": str}, pk="id")
    db["this_device"].create({"device_id": str}, pk="device_id", foreign_keys=[("device_id", "devices", "id")])
    device_id = new_id()
    db["devices"].insert({"id": device_id, "letter": "", "named_at": ""})
    db["this_device"].insert({"device_id": device_id})
    keep_rows(db, "devices", "devices are never deleted")
    keep_rows(db, "this_device", "a database keeps its device", "a database keeps its device")
    for table in ("patients", "receipts"):
        db[table].add_column("device", str, not_null_default="")
        db.execute(f"DROP INDEX idx_{table}_number")
        db[table].create_index(["device", "number"])
    db.execute("DROP INDEX idx_users_name")
    db["users"].create_index(["name"])
    db["merged_audit"].create(
        {
            "origin": str, "id": int, "at": str, "user_id": str, "action": str, "table_name": str,
            "record_id": str, "data": str, "previous": str, "prev_hash": str, "hash": str,
        },
        pk=("origin", "id"),
    )
    db["merged_audit"].create_index(["record_id"])
    db["merge_conflicts"].create(
        {"id": str, "kind": str, "table_name": str, "record_id": str, "other_id": str, "detail": str}, pk="id")
    db["merge_candidates"].create(
        {"id": str, "patient_id": str, "other_patient_id": str, "identifier": str}, pk="id",
        foreign_keys=[("patient_id", "patients", "id"), ("other_patient_id", "patients", "id")])
    for table in ("merged_audit", "merge_conflicts", "merge_candidates"):
        keep_rows(db, table, "merge records are never deleted", f"{table} are append-only")


@core(name="0010_merge_conflict_checks")
def merge_conflict_checks(db):
    """``merge_checks``: a person's word that a conflict a merge listed was looked at, with a note
    (``ayni conflicts check``). Append-only: a conflict is never changed or removed, a check is a
    row beside it, and a check travels to the laptops this one is merged into like any record."""
    db["merge_checks"].create(
        {"id": str, "conflict_id": str, "note": str, "checked_at": str, "checked_by": str}, pk="id",
        foreign_keys=[("conflict_id", "merge_conflicts", "id"), ("checked_by", "users", "id")])
    db["merge_checks"].create_index(["conflict_id"])
    keep_rows(db, "merge_checks", "merge records are never deleted", "merge_checks are append-only")


@core(name="0011_patient_sources")
def patient_sources(db):
    """Where a patient imported from a FHIR bundle came from (``ayni.core.exchange.fhirimport``).

    One row per patient registered from another system's record: ``source`` is that record's URI
    (``urn:uuid:…`` for another Ayni laptop's), so importing the same bundle again finds the patient
    instead of registering them twice, even one without an identity document. Records (a text
    ``id``), so they travel with the laptop merge; append-only.
    """
    db["patient_sources"].create(
        {"id": str, "source": str, "patient_id": str, "imported_at": str, "imported_by": str}, pk="id",
        foreign_keys=[("patient_id", "patients", "id")])
    db["patient_sources"].create_index(["source"])
    keep_rows(db, "patient_sources", "records are never deleted", "patient_sources is append-only")


@core(name="0012_payment_cash_day")
def payment_cash_day(db):
    """``payments.cash_day``: the cash day a payment counts in. A payment taken after its day's
    cash was closed counts in the next day's box; empty for payments taken before this column
    (they count on the Lima day they were received)."""
    db["payments"].add_column("cash_day", str)


@core(name="0013_encounter_cancellation")
def encounter_cancellation(db):
    """An encounter opened by mistake is cancelled, never deleted: ``status`` becomes
    ``cancelled`` and ``cancelled_at``, ``cancelled_by`` and ``cancel_reason`` say when, who and why
    (the change is audited like every update)."""
    for column in ("cancelled_at", "cancelled_by", "cancel_reason"):
        db["encounters"].add_column(column, str)


@core(name="0014_patient_alerts")
def patient_alerts(db):
    """What a person carries to every station (``ayni.core.people.alerts``): drug allergies, a
    pregnancy, chronic conditions. Each row is one revision of one alert (``alert_id``), who recorded
    it and when, and where from (a form, an encounter); a correction or a resolution is a new row,
    so the table is append-only. Revision numbers are not unique across laptops (two may each
    correct one alert before a merge): the latest is the highest, then the newest."""
    db["patient_alerts"].create(
        {
            "id": str, "alert_id": str, "revision": int, "patient_id": str, "kind": str, "text": str,
            "text_en": str, "code": str, "weeks": int, "lmp": str, "status": str, "note": str, "source": str,
            "encounter_id": str, "recorded_at": str, "recorded_by": str,
        },
        pk="id",
        foreign_keys=[("patient_id", "patients", "id"), ("encounter_id", "encounters", "id")],
    )
    db["patient_alerts"].create_index(["patient_id"])
    db["patient_alerts"].create_index(["alert_id", "revision"])
    keep_rows(db, "patient_alerts", "clinical records are never deleted",
              "patient alerts are append-only: a correction is a new revision")


@core(name="0015_referral_side")
def referral_side(db):
    """``referrals.side``: the side or eye a referral is about (``right``, ``left``, ``bilateral``),
    '' for every referral made so far and for those without one."""
    db["referrals"].add_column("side", str, not_null_default="")


@core(name="0016_warning_acknowledgements")
def warning_acknowledgements(db):
    """``acknowledgements``: the warnings a clinician went ahead with when saving an encounter
    (``ayni.core.clinical.acknowledgements``): which warning, its words as shown, the reason, who and
    when. Append-only: a reason given is never changed or removed."""
    db["acknowledgements"].create(
        {"id": str, "encounter_id": str, "warning": str, "message": str, "message_en": str, "reason": str,
         "acknowledged_by": str, "acknowledged_at": str},
        pk="id",
        foreign_keys=[("encounter_id", "encounters", "id"), ("acknowledged_by", "users", "id")],
    )
    db["acknowledgements"].create_index(["encounter_id"])
    keep_rows(db, "acknowledgements", "acknowledgements are never deleted",
              "acknowledgements are append-only: a reason given is kept as given")


@core(name="0017_station_printers")
def station_printers(db):
    """``station_printers``: the thermal printer each station of each laptop prints on
    (``ayni.core.documents.printers``): the device, the station key ('' for every station of that
    laptop), where the printer is (``usb:…``, ``serial:…``, ``net:…``; '' for none: PDF only), its
    paper width in mm and its python-escpos profile ('' for the default: which code pages it has).
    Append-only: setting a printer again adds a row, the latest counts."""
    db["station_printers"].create(
        {"id": str, "device_id": str, "station": str, "spec": str, "width_mm": int, "profile": str, "set_at": str,
         "set_by": str},
        pk="id",
        foreign_keys=[("device_id", "devices", "id"), ("set_by", "users", "id")],
    )
    db["station_printers"].create_index(["device_id", "station"])
    keep_rows(db, "station_printers", "printer settings are never deleted",
              "printer settings are append-only: set the printer again")


#: A row here (written only inside a bulk registration's own transaction) holds back the triggers that
#: index each new patient: the bulk indexes them all at once before it commits (``search.indexing_after``).
SEARCH_DEFERRED = "NOT EXISTS (SELECT 1 FROM search_indexing_deferred)"
#: The ``patients_fts`` columns, as the sqlite-utils triggers of migration 0002 write them.
PATIENTS_FTS_COLUMNS = ", ".join(f'"{c}"' for c in [*PATIENT_SEARCH_COLUMNS, "number"])
#: A new patient's row of ``patient_search`` (its columns, then their values from ``new``, a ``patients`` row).
PATIENT_SEARCH_ROW = "patient_id, given, paternal, maternal, ids, marked"
PATIENT_SEARCH_VALUES = (
    "new.id, new.given_names, new.paternal_surname, new.maternal_surname, "
    "trim(coalesce(new.identifier_numbers, '') || ' ' || coalesce(new.number, '')), "
    "ayni_marked_terms(new.given_names, new.paternal_surname, new.maternal_surname)")
#: Adds to ``name_variants`` the name terms of ``new`` not known yet (a term is its own first variant):
#: of the trigger's row (``patients=''``), or of every row of ``{patients}`` (``'patients AS new, '``)
#: that ``{where}`` keeps.
LEARN_NAME_TERMS = (
    "INSERT OR IGNORE INTO name_variants (variant, term) SELECT variant.value, term.value FROM "
    "(SELECT DISTINCT term.value FROM {patients}json_each(ayni_name_terms(coalesce(new.given_names, '') "
    "|| ' ' || coalesce(new.paternal_surname, '') || ' ' || coalesce(new.maternal_surname, ''))) AS term{where}) "
    "AS term, json_each(ayni_term_variants(term.value)) AS variant WHERE NOT EXISTS "
    "(SELECT 1 FROM name_variants AS known WHERE known.variant = term.value AND known.term = term.value)")


@core(name="0018_search_index_in_bulk")
def search_index_in_bulk(db):
    """Registering many patients at once indexes them once, after the rows, in the same transaction.

    ``search_indexing_deferred`` holds a row only while a bulk registration's transaction runs (it
    deletes the row before committing, and a transaction that dies takes the row with it): while it
    does, the two triggers that index a new patient (``patients_ai`` into ``patients_fts``,
    ``patients_search_ai`` into ``patient_search``) stand aside. And ``patients_au`` rewrites
    ``patients_fts`` only when a column it indexes changes, not when a record is merged into another.
    """
    db.execute("CREATE TABLE search_indexing_deferred (since_rowid INTEGER NOT NULL)")
    new = ", ".join(f'new."{c}"' for c in [*PATIENT_SEARCH_COLUMNS, "number"])
    old = ", ".join(f'old."{c}"' for c in [*PATIENT_SEARCH_COLUMNS, "number"])
    for trigger in ("patients_ai", "patients_au", "patients_search_ai"):
        db.execute(f"DROP TRIGGER {trigger}")
    db.execute(f'CREATE TRIGGER patients_ai AFTER INSERT ON patients WHEN {SEARCH_DEFERRED} BEGIN '
               f'INSERT INTO patients_fts (rowid, {PATIENTS_FTS_COLUMNS}) VALUES (new.rowid, {new}); END')
    db.execute(f'CREATE TRIGGER patients_au AFTER UPDATE OF {PATIENTS_FTS_COLUMNS} ON patients BEGIN '
               f"INSERT INTO patients_fts (patients_fts, rowid, {PATIENTS_FTS_COLUMNS}) VALUES ('delete', old.rowid, {old}); "
               f'INSERT INTO patients_fts (rowid, {PATIENTS_FTS_COLUMNS}) VALUES (new.rowid, {new}); END')
    db.execute(f"CREATE TRIGGER patients_search_ai AFTER INSERT ON patients WHEN {SEARCH_DEFERRED} BEGIN "
               f"INSERT INTO patient_search ({PATIENT_SEARCH_ROW}) VALUES ({PATIENT_SEARCH_VALUES}); "
               f"{LEARN_NAME_TERMS.format(patients='', where='')}; END")


#: The ``seq`` of the patient seen now: below every other, so the most recent is first in ascending order.
NEXT_SEARCH_SEQ = "(SELECT coalesce(min(seq), 0) - 1 FROM patient_search)"


@core(name="0019_search_reads_most_recent_first")
def search_reads_most_recent_first(db):
    """``patient_search.seq`` (the search index's rowid) now *falls* each time a patient is registered
    or seen, so the index's ascending order is most recently seen first. A search reads a page of
    the best matches in that order and stops; FTS5 reads a long list of matches forwards at once, but
    backwards (``ORDER BY rowid DESC``) it first walks the list to its end, which made the searches
    that match thousands of patients about twice as slow. Existing rows keep their order (``seq``
    negated) and the index is rebuilt from them."""
    updated, = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'patient_search_au'").fetchone()
    db.execute("DROP TRIGGER patient_search_au")  # the index is rebuilt whole below, not row by row
    db.execute("UPDATE patient_search SET seq = -seq")
    db.execute(updated)
    db.execute("INSERT INTO patient_search_fts (patient_search_fts) VALUES ('rebuild')")
    for trigger in ("patients_search_ai", "encounters_search_seen"):
        db.execute(f"DROP TRIGGER {trigger}")
    db.execute(f"CREATE TRIGGER patients_search_ai AFTER INSERT ON patients WHEN {SEARCH_DEFERRED} BEGIN "
               f"INSERT INTO patient_search (seq, {PATIENT_SEARCH_ROW}) VALUES ({NEXT_SEARCH_SEQ}, {PATIENT_SEARCH_VALUES}); "
               f"{LEARN_NAME_TERMS.format(patients='', where='')}; END")
    db.execute(f"CREATE TRIGGER encounters_search_seen AFTER INSERT ON encounters BEGIN "
               f"UPDATE patient_search SET seq = {NEXT_SEARCH_SEQ} WHERE patient_id = new.patient_id; END")


#: Columns renamed because their names were SQL keywords (migration 0020), by table: {old: new}.
#: A merge reads an export written before 0020 through it (``ayni.core.storage.merge``). Frozen with
#: 0020, as :data:`USER_COLUMNS` is: a later rename is a later migration with its own table of names.
RENAMED_COLUMNS = {"diagnoses": {"primary": "is_primary"}, "stock_movements": {"by": "moved_by"}}
#: The core columns that name the user who wrote a row (or closed, cancelled, called … it), by table,
#: as migration 0020 makes each a foreign key to ``users``. Not among them: ``payments.approved_by``
#: ('' when no approval was needed), and the audit logs' ``user_id`` (``audit_log``, ``merged_audit``:
#: a hash chain records what happened, whoever it names, and is never rebuilt).
USER_COLUMNS = {
    "encounters": ("opened_by", "closed_by", "cancelled_by"),
    "form_data": ("saved_by",),
    "procedures": ("performed_by",),
    "payments": ("received_by",),
    "stock_lots": ("received_by",),
    "stock_movements": ("moved_by",),
    "referrals": ("created_by",),
    "stock_thresholds": ("set_by",),
    "receipts": ("issued_by",),
    "day_closes": ("closed_by",),
    "queue": ("arrived_by", "called_by", "done_by"),
    "patient_distinct": ("decided_by",),
    "patient_sources": ("imported_by",),
    "patient_alerts": ("recorded_by",),
}


def adopt_unknown_users(db, user_columns: dict[str, tuple[str, ...]], by: str | None = None) -> list[str]:
    """Give every user id that ``user_columns`` (``{table: columns}``) name but ``users`` does not hold a
    user row of its own, so a foreign key to ``users`` holds and no row is lost or changed: named
    «desconocido» and the id's first characters, with no role and no account (it can never log in),
    registered on 1970-01-01 (when is unknown), each audited (as ``by``, else as itself, as
    :func:`~ayni.core.storage.store.ensure_user` audits a new user). The ids adopted, sorted. Inside a
    transaction.

    Frozen: released migrations call it; another rule is another function.
    """
    from ..model import utcnow
    from .auditchain import append

    since = "1970-01-01T00:00:00+00:00"  # unknown; the same on every laptop, so two adopting one id agree
    named = " UNION ".join(f"SELECT [{column}] AS id FROM [{table}]" for table, columns in user_columns.items()
                           for column in columns if db[table].exists())
    unknown = [r[0] for r in db.execute(f"SELECT id FROM ({named}) WHERE id IS NOT NULL AND "
                                        "id NOT IN (SELECT id FROM users) ORDER BY id")] if named else []
    for user_id in unknown:
        user = {"id": user_id, "name": f"desconocido {user_id[:8]}".strip(), "role": "", "created_at": since}
        db["users"].insert(user)
        append(db, [{"at": utcnow().isoformat(), "user_id": by or user_id, "action": "insert", "table_name": "users",
                     "record_id": user_id, "data": json.dumps(user, ensure_ascii=False), "previous": None}])
    return unknown


def rebuild(db, table: str, **transform) -> None:
    """``db[table].transform(**transform)`` (sqlite-utils copies the rows into a new table), keeping the
    table's triggers, which the copy would drop: the never-deleted and append-only guards, the search
    index's triggers. Its indexes are kept by ``transform`` itself.

    Frozen: released migrations call it; another rule is another function.
    """
    triggers = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY rowid",
                          [table]).fetchall()
    db[table].transform(**transform)
    for (sql,) in triggers:
        db.execute(sql)


def refer_to_users(db, user_columns: dict[str, tuple[str, ...]]) -> None:
    """Make each column of ``user_columns`` (``{table: columns}``, a plugin's own tables too) a foreign
    key to ``users``: the user ids they name that no user holds are adopted first
    (:func:`adopt_unknown_users`), then each table is rebuilt with its rows, indexes and triggers
    (:func:`rebuild`).

    Frozen: released migrations call it; another rule is another function.
    """
    adopt_unknown_users(db, user_columns)
    for table, columns in user_columns.items():
        rebuild(db, table, add_foreign_keys=[(column, "users", "id") for column in columns])


def rename_columns(db, renames: dict[str, dict[str, str]]) -> None:
    """Rename columns in place, ``{table: {old: new}}`` (a plugin's own tables, in its migration):
    SQLite's ``ALTER TABLE … RENAME COLUMN`` keeps the rows, indexes, triggers and foreign keys,
    and rewrites the views and triggers that name the column. Pass the mapping your
    ``ayni_renamed_columns`` declares, so that a merge of an export from before the rename reads
    the old name as the new one.

    Frozen: released migrations call it; another rule is another function.
    """
    for table, names in renames.items():
        for old, new in names.items():
            db.execute(f'ALTER TABLE "{table}" RENAME COLUMN "{old}" TO "{new}"')


@core(name="0020_keyword_columns_renamed_users_referenced")
def keyword_columns_renamed_users_referenced(db):
    """``diagnoses.primary`` is now ``is_primary`` and ``stock_movements.by`` is ``moved_by``: both
    names were SQL keywords, which every query had to quote. And each column of :data:`USER_COLUMNS`
    is a foreign key to ``users``, so a row can no longer name a user who does not exist. SQLite adds
    neither in place: each table is rebuilt (:func:`rebuild`), its rows, indexes and triggers kept. A
    user id that a row names but ``users`` lacks (a row written by hand, or before users were
    recorded) gets a user row of its own first (:func:`adopt_unknown_users`), so no row is refused."""
    def before_renames(table: str) -> tuple[str, ...]:  # the user columns of ``table`` as the file names them
        renamed = {new: old for old, new in RENAMED_COLUMNS.get(table, {}).items()}
        return tuple(renamed.get(column, column) for column in USER_COLUMNS[table])

    adopt_unknown_users(db, {table: before_renames(table) for table in USER_COLUMNS})
    rebuild(db, "diagnoses", rename=RENAMED_COLUMNS["diagnoses"])
    for table in USER_COLUMNS:
        rebuild(db, table, rename=RENAMED_COLUMNS.get(table),
                add_foreign_keys=[(column, "users", "id") for column in before_renames(table)])


@core(name="0021_search_index_merge_policy")
def search_index_merge_policy(db):
    """The search index merges down to one segment of each size when asked (``usermerge`` 2, kept in
    FTS5's own config table, so it holds for every connection), and is merged whole once now: a file
    registered in batches held a score of segments, each looked up for every term of every search
    (see :mod:`ayni.core.storage.searchindex`). ``automerge`` keeps FTS5's default of 4: at 2 a save
    now and then rewrites a large segment (up to 70 ms at 100,000 patients)."""
    db.execute("INSERT INTO patient_search_fts (patient_search_fts, rank) VALUES ('usermerge', 2)")
    db.execute("INSERT INTO patient_search_fts (patient_search_fts) VALUES ('optimize')")


@core(name="0022_form_numbers_as_json_numbers")
def form_numbers_as_json_numbers(db):
    """The decimals of saved forms, written as text until now (``"weight": "8.6"``), become JSON
    numbers (``8.6``), so ``json_extract(data, '$.weight') > 200`` compares numbers. Which values are
    numbers comes from each form's spec (``ayni.core.storage.formnumbers``); rows are rewritten in
    place, without new revisions, and the change is noted once in the audit log."""
    from .formnumbers import numbers_in_stored_forms

    numbers_in_stored_forms(db, "form_data", "data", "core/0022_form_numbers_as_json_numbers")
