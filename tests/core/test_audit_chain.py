"""The audit log is a hash chain: a whole one verifies, and whoever edits, deletes, inserts or
reorders rows (after dropping the triggers that normally stop them) is found at the right row."""

from __future__ import annotations

import sqlite3

import pytest

from ayni.core.people import patients
from ayni.core.storage.auditchain import DELETED, EDITED, INSERTED, REORDERED, append, row_hash, verify

PEOPLE = ("Ana", "Berta", "Carla", "Diana", "Elsa")


@pytest.fixture
def chained(store, patient_form):
    """A store holding five registered patients (and their audit rows); returns it and the row ids."""
    for name in PEOPLE:
        patients.register(store, patient_form(given_names=name, id_kind="none", id_number=""))
    ids = [r[0] for r in store.db.execute("SELECT id FROM audit_log ORDER BY id")]
    assert len(ids) >= 6
    return store, ids


def tamper(store, *statements) -> None:
    """Do what someone holding the file could: drop the guarding triggers and change rows at will."""
    for trigger in ("audit_log_append_only", "audit_log_never_deleted", "audit_log_chained"):
        store.db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for sql, *params in statements:
        store.db.execute(sql, params)
    store.db.conn.commit()


def stored(store, row_id: int) -> dict:
    return next(store.db["audit_log"].rows_where("id = ?", [row_id]))


def test_a_whole_chain_verifies_with_the_number_of_rows(chained):
    store, ids = chained
    report = verify(store.db)
    assert report.whole and report.checked == len(ids) and report.last_id == ids[-1]
    assert report.head == stored(store, ids[-1])["hash"]
    assert report.message("es").startswith(f"Registro de auditoría íntegro: {len(ids)} filas verificadas")
    assert report.message("en").startswith(f"Audit log whole: {len(ids)} rows checked")


def test_each_row_links_to_the_one_before(chained):
    store, ids = chained
    rows = [stored(store, i) for i in ids]
    assert rows[0]["prev_hash"] == "0" * 64
    assert all(later["prev_hash"] == earlier["hash"] for earlier, later in zip(rows, rows[1:]))


def test_an_empty_log_is_whole(tmp_path):
    conn = sqlite3.connect(tmp_path / "empty.db")
    conn.execute("CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at, user_id, action, table_name, record_id, "
                 "data, previous, prev_hash, hash)")
    report = verify(conn)
    assert report.whole and report.checked == 0 and "0 rows checked" in report.message("en")


def test_an_edited_row_is_found(chained):
    store, ids = chained
    tamper(store, ("UPDATE audit_log SET data = '{\"given_names\": \"Mallory\"}' WHERE id = ?", ids[3]))
    report = verify(store.db)
    assert not report.whole
    assert (report.broken.row_id, report.broken.kind) == (ids[3], EDITED)
    assert report.checked == 3
    assert f"ROTO en la fila #{ids[3]}" in report.message("es")
    assert "its content was changed after it was written" in report.message("en")


def test_an_edited_row_with_its_own_hash_recomputed_is_found(chained):
    store, ids = chained
    row = stored(store, ids[2])
    values = [row[name] for name in ("at", "user_id", "action", "table_name", "record_id")]
    forged = [*values, '{"given_names": "Mallory"}', row["previous"]]
    tamper(store, ("UPDATE audit_log SET data = ?, hash = ? WHERE id = ?",
                   forged[5], row_hash(row["prev_hash"], forged), ids[2]))
    assert (verify(store.db).broken.row_id, verify(store.db).broken.kind) == (ids[2], EDITED)


def test_a_deleted_row_is_found_at_the_row_after_it(chained):
    store, ids = chained
    tamper(store, ("DELETE FROM audit_log WHERE id = ?", ids[2]))
    broken = verify(store.db).broken
    assert (broken.row_id, broken.kind, broken.missing) == (ids[3], DELETED, 1)
    assert "1 row(s) just before it are missing" in verify(store.db).message("en")


def test_a_forged_row_slipped_into_the_middle_is_found(chained):
    store, ids = chained
    before = stored(store, ids[2])
    forged = [before["at"], before["user_id"], "update", "patients", before["record_id"], '{"paid": true}', None]
    tamper(store,
           ("UPDATE audit_log SET id = -id WHERE id > ?", ids[2]),  # make room after row 3, as a forger would
           ("UPDATE audit_log SET id = 1 - id WHERE id < 0",),
           ("INSERT INTO audit_log (id, at, user_id, action, table_name, record_id, data, previous, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ids[2] + 1, *forged, before["hash"],
            row_hash(before["hash"], forged)))
    broken = verify(store.db).broken
    assert (broken.row_id, broken.kind) == (ids[2] + 1, INSERTED)


def test_a_row_added_without_the_chain_is_found(chained):
    store, ids = chained
    tamper(store, ("INSERT INTO audit_log (at, user_id, action, table_name, record_id, data) "
                   "VALUES ('2026-12-01T10:00:00+00:00', 'mallory', 'insert', 'payments', 'x', '{}')",))
    broken = verify(store.db).broken
    assert (broken.row_id, broken.kind) == (ids[-1] + 1, INSERTED)
    assert "inserted outside the chain" in verify(store.db).message("en")


def test_two_swapped_rows_are_found(chained):
    store, ids = chained
    tamper(store,
           ("UPDATE audit_log SET id = 0 WHERE id = ?", ids[2]),
           ("UPDATE audit_log SET id = ? WHERE id = ?", ids[2], ids[4]),
           ("UPDATE audit_log SET id = ? WHERE id = 0", ids[4]))
    broken = verify(store.db).broken
    assert (broken.row_id, broken.kind, broken.after) == (ids[2], REORDERED, ids[3])
    assert f"out of order: it was written after row #{ids[3]}" in verify(store.db).message("en")


def test_the_database_refuses_a_row_that_does_not_link_to_the_newest(chained):
    store, ids = chained
    with pytest.raises(sqlite3.DatabaseError, match="audit rows are chained"):  # a WriteError inside write()
        with store.write():
            store.db["audit_log"].insert({"at": "2026-12-01T10:00:00+00:00", "user_id": "x", "action": "insert",
                                          "table_name": "patients", "record_id": "x", "data": "{}"})
    assert verify(store.db).whole and store.db["audit_log"].count == len(ids)


def test_audit_rows_are_only_written_inside_a_transaction(store):
    with pytest.raises(RuntimeError, match="inside Store.write"):
        append(store.db, [{"at": "2026-12-01T10:00:00+00:00", "user_id": "x", "action": "insert"}])
