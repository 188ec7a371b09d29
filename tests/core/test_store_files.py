"""The new files most tests open are copies of a migrated template (``tests/storefiles.py``): a copy
must be the file ``open_store`` makes from nothing, apart from what is unique to each file (ids and
times), and never share its laptop's id with another copy."""

from __future__ import annotations

import sqlite3

import pytest

from ayni.core import default_plugins, open_store
from ayni.core.storage.auditchain import verify
from ayni.core.storage.devices import this_device

#: Rows made new for every file: its laptop, its user and that user's audit entry, when it was migrated.
UNIQUE_TO_EACH_FILE = {"devices", "this_device", "users", "audit_log", "_sqlite_migrations"}


def schema(db) -> list[tuple]:
    return sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall(), key=repr)


def contents(db) -> dict[str, list]:
    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: sorted(db.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr)
            for t in tables if t not in UNIQUE_TO_EACH_FILE}


@pytest.fixture(params=["folder", "installed"])
def chosen_plugins(request, plugins):
    """The plugins of tests/core (with ``clinic``), then the installed ones alone: each has its template."""
    return plugins if request.param == "folder" else default_plugins()


def test_a_copy_is_the_file_open_store_migrates_from_nothing(tmp_path, store_files, chosen_plugins):
    fresh = open_store(tmp_path / "fresh.db", user="tester", plugins=chosen_plugins)
    copy = store_files.open(tmp_path / "copy.db", user="tester", plugins=chosen_plugins)
    try:
        assert schema(copy.db) == schema(fresh.db)
        assert contents(copy.db) == contents(fresh.db)
        migrated = "SELECT migration_set, name FROM _sqlite_migrations ORDER BY rowid"
        assert copy.db.execute(migrated).fetchall() == fresh.db.execute(migrated).fetchall()
        for store in (copy, fresh):
            assert [(u["name"], u["role"]) for u in store.db["users"].rows] == [("tester", "clinician")]
            assert [(a["action"], a["record_id"]) for a in store.db["audit_log"].rows] == [("insert", store.user.id)]
            assert verify(store.db).whole
        assert copy.user.id != fresh.user.id
    finally:
        fresh.close()
        copy.close()


def test_every_copy_is_a_laptop_of_its_own_and_keeps_its_guards(tmp_path, store_files, plugins):
    first = store_files.open(tmp_path / "a.db", user="tester", plugins=plugins)
    second = store_files.open(tmp_path / "b.db", user="tester", plugins=plugins)
    template = sqlite3.connect(store_files.template(plugins))
    try:
        (template_device,) = template.execute("SELECT device_id FROM this_device").fetchone()
        ids = {this_device(first.db).id, this_device(second.db).id, template_device}
        assert len(ids) == 3
        assert first.db.execute("SELECT count(*) FROM devices").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError, match="a database keeps its device"):
            first.db.execute("UPDATE this_device SET device_id = device_id")
        with pytest.raises(sqlite3.IntegrityError, match="devices are never deleted"):
            first.db.execute("DELETE FROM devices")
    finally:
        template.close()
        first.close()
        second.close()


def test_a_copy_never_overwrites_a_file(tmp_path, store_files):
    (tmp_path / "kept.db").write_bytes(b"someone's work")
    with pytest.raises(FileExistsError):
        store_files.copy(tmp_path / "kept.db")
    assert (tmp_path / "kept.db").read_bytes() == b"someone's work"
