"""An export written by an Ayni from before migration 0020 (``diagnoses.primary``,
``stock_movements.by``, no foreign keys to ``users``) still merges: its columns are read under their
new names, and a user id it names without a user row gets one here."""

from __future__ import annotations

import sqlite3

import pytest

from ayni.core import stock
from ayni.core.clinical import encounters
from ayni.core.storage.exchange import digest, export
from ayni.core.storage.merge import merge

from merging import campaign_of, counts, laptop, register
from stock_supply import ORS, supply_plugins

GHOST = "u-gone-4f2a9c1b"


@pytest.fixture
def plugins(clinic):
    return supply_plugins(clinic)


def as_before_0020(path) -> None:
    """Rewrite an export as an Ayni before 0020 wrote it (and one encounter opened by a user it lacks),
    with its digest made again, as that Ayni would have made it."""
    conn = sqlite3.connect(path)
    conn.execute('ALTER TABLE diagnoses RENAME COLUMN is_primary TO "primary"')
    conn.execute('ALTER TABLE stock_movements RENAME COLUMN moved_by TO "by"')
    conn.execute("DELETE FROM _sqlite_migrations WHERE name LIKE '0020_%'")
    conn.execute("UPDATE encounters SET opened_by = ? WHERE rowid = (SELECT max(rowid) FROM encounters)", [GHOST])
    conn.execute("UPDATE ayni_export SET digest = ?", [digest(conn)])
    conn.commit()
    conn.close()


def test_an_export_from_before_the_renames_merges_under_the_new_names(tmp_path, plugins):
    a, b = laptop(tmp_path, "A", plugins), laptop(tmp_path, "B", plugins)
    campaign_of(a)
    rosa = register(a, 1)
    stock.receive(a, ORS, 10, lot="L1")
    treated = encounters.open_encounter(a, rosa.id, "clinic", "consult")
    encounters.save(a, treated.id, diagnoses=["J06.9", "I10"])
    stock.dispense(a, treated.id, ORS, 2)
    encounters.open_encounter(a, rosa.id, "clinic", "consult")  # the one the ghost opened
    path = export(a, tmp_path / "older.ayni").path
    as_before_0020(path)

    report = merge(b, path)
    assert report.added["diagnoses"] == 2 and report.added["stock_movements"] == 2
    assert b.db.execute("SELECT code, is_primary FROM diagnoses ORDER BY rowid").fetchall() == [
        ("J06.9", 1), ("I10", 0)]
    assert {r[0] for r in b.db.execute("SELECT moved_by FROM stock_movements")} == {a.user.id}
    ghost = b.row("users", GHOST)
    assert ghost["name"].startswith("desconocido") and ghost["role"] == ""
    assert b.audit(record_id=GHOST)[0]["user_id"] == b.user.id  # adopted by whoever merged
    assert b.db.execute("PRAGMA foreign_key_check").fetchall() == []
    before = counts(b)
    assert not merge(b, path).changed and counts(b) == before  # the same file again changes nothing
    a.close()
    b.close()
