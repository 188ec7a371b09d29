"""``keep_rows``: the triggers a migration puts on its own tables, frozen so released migrations never change."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from ayni.core import keep_rows


def _triggers(db) -> dict[str, str]:
    return {name: sql for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}


def test_the_triggers_it_writes_never_change():
    db = sqlite_utils.Database(memory=True)
    db["fittings"].create({"id": str, "size": str}, pk="id")
    keep_rows(db, "fittings", "clinical records are never deleted", "a fitting's «size» isn't changed",
              update_trigger="never_changed")
    assert _triggers(db) == {
        "fittings_never_deleted": "CREATE TRIGGER fittings_never_deleted BEFORE DELETE ON fittings "
                                  "BEGIN SELECT RAISE(ABORT, 'clinical records are never deleted'); END",
        "fittings_never_changed": "CREATE TRIGGER fittings_never_changed BEFORE UPDATE ON fittings "
                                  "BEGIN SELECT RAISE(ABORT, 'a fitting''s «size» isn''t changed'); END",
    }


def test_rows_are_kept_and_the_message_says_why():
    db = sqlite_utils.Database(memory=True)
    db["orders"].insert({"id": "a", "status": "ordered"}, pk="id")
    keep_rows(db, "orders", "orders are never deleted", "orders are append-only")
    with pytest.raises(sqlite3.IntegrityError, match="orders are never deleted"):
        db.execute("DELETE FROM orders")
    with pytest.raises(sqlite3.IntegrityError, match="orders are append-only"):
        db.execute("UPDATE orders SET status = 'lost'")
    db["notes"].insert({"id": "n"}, pk="id")
    keep_rows(db, "notes", "notes stay")  # deleting refused, changing allowed
    db.execute("UPDATE notes SET id = 'm'")
    assert [r["id"] for r in db["notes"].rows] == ["m"]
