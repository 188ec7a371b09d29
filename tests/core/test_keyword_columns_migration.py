"""Migration 0020 on a database made before it: ``diagnoses.primary`` becomes ``is_primary`` and
``stock_movements.by`` becomes ``moved_by``, every user column is a foreign key to ``users``, and
every row, value, index and trigger is kept; a user id naming nobody becomes a user of its own."""

from __future__ import annotations

import sqlite3
import warnings

import pytest
import sqlite_utils

from ayni.core import Diagnosis, Patient, Sex, open_store
from ayni.core.clinical import encounters
from ayni.core.errors import WriteError
from ayni.core.model import Encounter, new_id
from ayni.core.people.names import install_sql_functions
from ayni.core.stock import StockMovement
from ayni.core.storage.auditchain import verify
from ayni.core.storage.convert import to_row
from ayni.core.storage.migrations import RENAMED_COLUMNS, USER_COLUMNS, core

BEFORE = "0020_keyword_columns_renamed_users_referenced"
AT = "2026-06-10T09:00:00+00:00"
TESTER, GHOST = "u-tester", "u-gone-4f2a9c1b"
#: The rows written at 0019, by table (a ghost opened one encounter and received one payment; a receipt
#: names nobody).
ROWS = {
    "users": [{"id": TESTER, "name": "tester", "role": "clinician", "created_at": AT}],
    "campaigns": [{"id": "c1", "name": "Campaña", "kind": "medical", "start_date": "2026-06-10",
                   "end_date": "2026-06-12", "site_id": None, "region": "Cusco", "partner": ""}],
    "encounters": [
        {"id": "e1", "patient_id": "p1", "campaign_id": "c1", "specialty": "clinic", "station": "consult",
         "status": "closed", "opened_at": AT, "opened_by": TESTER, "closed_at": AT, "closed_by": TESTER,
         "cancelled_at": None, "cancelled_by": None, "cancel_reason": None},
        {"id": "e2", "patient_id": "p1", "campaign_id": "c1", "specialty": "clinic", "station": "consult",
         "status": "open", "opened_at": AT, "opened_by": GHOST, "closed_at": None, "closed_by": None,
         "cancelled_at": None, "cancelled_by": None, "cancel_reason": None},
    ],
    "diagnoses": [{"id": "d1", "encounter_id": "e1", "code": "J06.9", "system": "ICD-10", "primary": 1},
                  {"id": "d2", "encounter_id": "e1", "code": "I10", "system": "ICD-10", "primary": 0}],
    "payments": [
        {"id": "pay1", "encounter_id": "e1", "suggested": 1000, "amount": 1000, "kind": "full", "method": "cash",
         "level": 0, "reason": "", "in_kind_description": "", "approved_by": "", "received_at": AT,
         "received_by": TESTER, "cash_day": "2026-06-10"},
        {"id": "pay2", "encounter_id": "e2", "suggested": 1000, "amount": 0, "kind": "waiver", "method": "cash",
         "level": 0, "reason": "sin recursos", "in_kind_description": "", "approved_by": TESTER,
         "received_at": AT, "received_by": GHOST, "cash_day": "2026-06-10"},
    ],
    "receipts": [{"id": "r1", "number": 1, "payment_id": "pay1", "issued_at": AT, "issued_by": "", "device": ""}],
    "stock_lots": [{"id": "l1", "item_key": "clinic.ors", "lot": "L1", "expiry": "2028-01-01", "location": "",
                    "attributes": "{}", "received_at": AT, "received_by": TESTER}],
    "stock_movements": [
        {"id": "m1", "lot_id": "l1", "kind": "receive", "quantity": 10, "reason": "", "encounter_id": None,
         "at": AT, "by": TESTER},
        {"id": "m2", "lot_id": "l1", "kind": "dispense", "quantity": -2, "reason": "", "encounter_id": "e1",
         "at": AT, "by": TESTER},
    ],
}


def _rows(db, table: str) -> list[dict]:
    return [dict(r) for r in db[table].rows_where(order_by="rowid")]


def _schema(db) -> set[tuple[str, str, str, str]]:
    """Every index and trigger: (type, name, table, SQL for triggers)."""
    return {(kind, name, table, sql if kind == "trigger" else "") for kind, name, table, sql in db.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')")}


@pytest.fixture
def earlier(tmp_path, plugins):
    """A file with the core migrations up to 0019 and the plugins' own, holding :data:`ROWS` and a
    patient; its schema and rows as they were, and the store opened on it (which migrates it)."""
    path = tmp_path / "earlier.db"
    conn = sqlite3.connect(path)
    install_sql_functions(conn)
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    core.apply(db, stop_before=BEFORE)
    for migrations in plugins.hook.ayni_migrations():
        if migrations:
            migrations.apply(db)
    with db.atomic():
        db["patients"].insert({**to_row(Patient(id="p1", given_names="Rosa", paternal_surname="Núñez",
                                                maternal_surname="Quispe", sex=Sex.FEMALE, birth_date=None,
                                                number=1)), "identifier_numbers": ""})
        for table, rows in ROWS.items():
            db[table].insert_all(rows)
    schema, rows = _schema(db), {table: _rows(db, table) for table in ROWS}
    conn.close()
    store = open_store(path, user="tester", plugins=plugins)
    yield store, schema, rows
    store.close()


def test_every_row_and_value_is_kept_under_the_new_names(earlier):
    store, _, before = earlier
    for table, rows in before.items():
        renamed = RENAMED_COLUMNS.get(table, {})
        expected = [{renamed.get(column, column): value for column, value in row.items()} for row in rows]
        assert _rows(store.db, table)[:len(expected)] == expected, table  # users: and the ghost, below
    assert [u["id"] for u in _rows(store.db, "users")] == [TESTER, "", GHOST]
    assert [(d.code, d.is_primary) for d in store.rows(Diagnosis, "diagnoses", "1 = 1", order_by="rowid")] == [
        ("J06.9", True), ("I10", False)]
    assert [m.moved_by for m in store.rows(StockMovement, "stock_movements", "1 = 1")] == [TESTER, TESTER]


def test_every_index_and_trigger_is_kept(earlier):
    store, schema, _ = earlier
    assert _schema(store.db) >= schema
    assert {"primary", "by"}.isdisjoint(store.db["diagnoses"].columns_dict | store.db["stock_movements"].columns_dict)


def test_every_user_column_is_a_foreign_key_to_users_and_holds(earlier):
    store, _, _ = earlier
    for table, columns in USER_COLUMNS.items():
        keys = {key.column for key in store.db[table].foreign_keys if key.other_table == "users"}
        assert keys == set(columns), table
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_user_id_naming_nobody_becomes_a_user_who_cannot_log_in(earlier):
    store, _, _ = earlier
    ghost = store.row("users", GHOST)
    assert (ghost["name"], ghost["role"]) == (f"desconocido {GHOST[:8]}", "")
    assert ghost["created_at"] == "1970-01-01T00:00:00+00:00"  # unknown: the same on every laptop
    assert store.db.execute("SELECT count(*) FROM accounts").fetchone()[0] == 0  # no PIN, and access control stays off
    assert store.row("users", "")["name"] == "desconocido"  # '' (nobody recorded, as 0004 numbered receipts)
    assert store.row("encounters", "e2")["opened_by"] == GHOST and store.row("payments", "pay2")["received_by"] == GHOST
    [audited] = store.audit(record_id=GHOST)
    assert (audited["action"], audited["table_name"], audited["user_id"]) == ("insert", "users", GHOST)
    assert verify(store.db.conn).whole


def test_a_write_naming_an_unknown_user_is_refused_by_name_with_nothing_written(earlier):
    store, _, _ = earlier
    before = store.db["stock_movements"].count, store.db["audit_log"].count
    movement = StockMovement(id=new_id(), lot_id="l1", kind="adjust", quantity=1, moved_by="nadie")
    with pytest.raises(WriteError) as refused, store.write():
        store.insert("stock_movements", movement)
    assert refused.value.key == "db_unknown_reference"
    assert "stock_movements.moved_by es «nadie»" in refused.value.message("es")
    assert "stock_movements.moved_by is «nadie», and users has no row" in refused.value.message("en")
    assert (store.db["stock_movements"].count, store.db["audit_log"].count) == before
    with pytest.raises(WriteError, match="opened_by"), store.write():
        store.insert("encounters", Encounter(id=new_id(), patient_id="p1", campaign_id="c1", specialty="clinic",
                                             station="consult", opened_by="nadie"))


def test_the_guards_and_the_search_triggers_still_work(earlier):
    store, _, _ = earlier
    for sql in ("DELETE FROM diagnoses", "UPDATE stock_movements SET quantity = 0", "DELETE FROM encounters"):
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute(sql)
    seq = store.db.execute("SELECT seq FROM patient_search WHERE patient_id = 'p1'").fetchone()[0]
    encounters.open_encounter(store, "p1", "clinic", "consult", "c1")  # a patient seen moves first in the search
    assert store.db.execute("SELECT seq FROM patient_search WHERE patient_id = 'p1'").fetchone()[0] < seq


def test_the_old_attribute_names_still_work_with_a_warning():
    with pytest.warns(DeprecationWarning, match="Diagnosis.primary is now Diagnosis.is_primary"):
        diagnosis = Diagnosis(id="d", encounter_id="e", code="I10", primary=True)
    assert diagnosis.is_primary is True
    with pytest.warns(DeprecationWarning, match="is_primary"):
        assert diagnosis.primary is True
    movement = StockMovement(id="m", lot_id="l", kind="adjust", quantity=1, moved_by="u")
    with pytest.warns(DeprecationWarning, match="StockMovement.by is now StockMovement.moved_by"):
        assert movement.by == "u"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the new names never warn
        assert Diagnosis(id="d", encounter_id="e", code="I10", is_primary=True).is_primary
