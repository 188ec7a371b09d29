"""``Store.reading()``: several reads see one moment of the file, without holding up writers."""

from __future__ import annotations

import sqlite3

import pytest

from ayni.core import open_store
from ayni.core.people import patients


def _count(store) -> int:
    return store.db.execute("SELECT count(*) FROM patients").fetchone()[0]


def _person(n: int) -> dict:
    return {"given_names": f"Persona {n}", "paternal_surname": "Quispe", "maternal_surname": "Mamani", "sex": "F",
            "age_years": "40", "id_kind": "none"}


@pytest.fixture
def other(store, plugins):
    """A second station: its own connection to the same file."""
    station = open_store(store.path, user="other", plugins=plugins)
    yield station
    station.close()


def _write_lock_is_free(path) -> bool:
    probe = sqlite3.connect(path, timeout=0)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()


def test_reads_inside_see_the_moment_it_began(store, other):
    patients.register(store, _person(1))
    with store.reading():
        assert _count(store) == 1
        assert _write_lock_is_free(store.path)  # a reader holds nobody up
        patients.register(other, _person(2))
        assert _count(store) == 1
        assert store.db.execute("SELECT count(*) FROM audit_log WHERE table_name = 'patients'").fetchone()[0] == 1
    assert _count(store) == 2
    assert not store.db.conn.in_transaction


def test_nested_readings_share_the_outer_snapshot(store, other):
    with store.reading():
        with store.reading():
            assert _count(store) == 0
        patients.register(other, _person(1))
        assert _count(store) == 0  # the inner one ending did not end the snapshot
    assert _count(store) == 1


def test_a_reading_inside_a_write_sees_the_write_and_commits_nothing(store, row_counts):
    before = row_counts()
    with pytest.raises(RuntimeError):
        with store.write():
            patients.register(store, _person(1))
            with store.reading():
                assert _count(store) == 1
            raise RuntimeError("the station lost power")
    assert row_counts() == before


def test_an_error_inside_ends_the_snapshot(store, other):
    with pytest.raises(KeyError):
        with store.reading():
            raise KeyError("boom")
    assert not store.db.conn.in_transaction
    patients.register(other, _person(1))
    assert _count(store) == 1
