"""Every column that names the user who wrote a row is a foreign key to ``users``, the built-in
plugins' tables too, and the plugins' migrations that added them kept every index and trigger."""

from __future__ import annotations

import sqlite3

import sqlite_utils

from ayni.core import open_store
from ayni.core.people.names import install_sql_functions
from ayni.core.storage.migrations import core

#: User columns without a foreign key, each for its reason.
WITHOUT = {
    ("payments", "approved_by"): "'' when no approval was needed",
    ("physio_fittings", "return_by"): "a date, not a user",
    ("audit_log", "user_id"): "the hash chain records what happened, whoever it names",
    ("merged_audit", "user_id"): "another laptop's chain, row for row",
}


def _user_columns(db) -> set[tuple[str, str]]:
    return {(table, column.name) for table in db.table_names() for column in db[table].columns
            if column.name in ("by", "user_id") or column.name.endswith("_by")}


def test_every_user_column_is_a_foreign_key_to_users(store):
    db = store.db
    referenced = {(table, key.column) for table in db.table_names() for key in db[table].foreign_keys
                  if key.other_table == "users"}
    assert {"surgery_checklist", "physio_fittings", "optometry_order_events"} <= {t for t, _ in referenced}
    assert _user_columns(db) - referenced == set(WITHOUT)


def test_the_plugins_migrations_keep_every_index_and_trigger(tmp_path, plugins):
    path = tmp_path / "earlier.db"
    conn = sqlite3.connect(path)
    install_sql_functions(conn)
    db = sqlite_utils.Database(conn)
    core.apply(db)
    for migrations in plugins.hook.ayni_migrations():
        if migrations:
            migrations.apply(db, stop_before={"0002_users_referenced", "0002_fitter_referenced"})
    schema = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name"
    before = db.execute(schema).fetchall()
    conn.close()
    store = open_store(path, user="tester", plugins=plugins)
    assert store.db.execute(schema).fetchall() == before
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    store.close()
