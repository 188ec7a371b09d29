"""The search index kept in few segments (``ayni.core.storage.searchindex``, migration 0021): merging
changes no search answer, the merge policy is kept in the file, and quiet moments (a cash day close,
a backup) merge a little."""

from __future__ import annotations

import random

import pytest

from ayni.cli.demo import bulk_patients
from ayni.core import open_store
from ayni.core.clinical import encounters
from ayni.core.money import cashier
from ayni.core.people import patients
from ayni.core.storage import backup as backups
from ayni.core.storage.migrations import search_index_merge_policy
from ayni.core.storage.searchindex import tidy_search_index


def segments(store) -> int:
    """How many b-trees (segments) the search index is made of."""
    return store.db.execute("SELECT count(DISTINCT segid) FROM patient_search_fts_idx").fetchone()[0]


def usermerge(store) -> int | None:
    row = store.db.execute("SELECT v FROM patient_search_fts_config WHERE k = 'usermerge'").fetchone()
    return row and row[0]


def merge_setting(store, name: str, value: int) -> None:
    store.db.execute("INSERT INTO patient_search_fts (patient_search_fts, rank) VALUES (?, ?)", [name, value])


def answers(store, queries) -> dict[str, list[str]]:
    return {q: [p.id for p in patients.search(store, q)] for q in queries}


@pytest.fixture(scope="module")
def fragmented(tmp_path_factory):
    """3,000 patients registered in bulk, then 120 one at a time and 80 seen at a station, each its
    own transaction (a segment each) with FTS5's own merging held off, so that the small index is as
    fragmented as a large one registered in batches; and the queries a
    registration volunteer types for some of them, whole, begun and misspelled."""
    store = open_store(tmp_path_factory.mktemp("merges") / "ayni.db", user="tester")
    bulk_patients(store, 3_000, rng_seed=5)
    merge_setting(store, "automerge", 0)
    rng = random.Random(5)
    rows = store.db.execute("SELECT id, given_names, paternal_surname, maternal_surname FROM patients").fetchall()
    for given, paternal, maternal in (r[1:] for r in rng.sample(rows, 120)):
        patients.register(store, {"given_names": given.split()[0], "paternal_surname": paternal,
                                  "maternal_surname": maternal or "", "sex": "F", "birth_date": "1980-01-01",
                                  "id_kind": "none"})
    for patient_id, *_ in rng.sample(rows, 80):
        encounters.open_encounter(store, patient_id, "general", "triage")
    merge_setting(store, "automerge", 4)
    queries = []
    for _, given, paternal, maternal in rng.sample(rows, 25):
        name = f"{given.split()[0]} {paternal}".lower()
        queries += [name, name[:5], f"{paternal[:2]}{paternal[3:2:-1]}{paternal[2]}{paternal[4:]} {maternal or ''}"]
    yield store, queries
    store.close()


def test_the_migration_on_a_fragmented_index_changes_no_answer(fragmented):
    store, queries = fragmented
    merge_setting(store, "usermerge", 4)  # FTS5's default, as before the migration
    before, pieces = answers(store, queries), segments(store)
    assert pieces > 5 and sum(map(bool, before.values())) > len(queries) // 2
    with store.write():
        search_index_merge_policy(store.db)
    assert segments(store) == 1 and usermerge(store) == 2
    assert answers(store, queries) == before


def test_the_merge_policy_is_kept_in_the_file(tmp_path):
    path = tmp_path / "ayni.db"
    open_store(path, user="tester").close()
    store = open_store(path, user="tester")
    assert usermerge(store) == 2
    store.close()


def test_tidying_merges_small_segments_a_bounded_step_at_a_time_with_the_same_answers(fragmented):
    store, queries = fragmented
    merge_setting(store, "automerge", 0)
    for n in range(60):  # another stretch of the day: a registration each
        patients.register(store, {"given_names": f"Rosa {chr(97 + n % 26)}", "paternal_surname": "Quispe",
                                  "sex": "F", "birth_date": "1975-05-05", "id_kind": "none"})
    merge_setting(store, "automerge", 4)
    before, pieces = answers(store, queries), segments(store)
    with store.write():  # the caller's transaction is not split: nothing is merged inside it
        assert tidy_search_index(store.db.conn) == 0
    assert segments(store) == pieces > 3
    assert 0 < tidy_search_index(store.db.conn, steps=1) == 1
    while tidy_search_index(store.db.conn):
        pass
    assert segments(store) < pieces and segments(store) <= 3
    assert answers(store, queries) == before
    assert tidy_search_index(store.db.conn) == 0  # nothing left to merge


def registered_apart(store, n: int) -> None:
    """``n`` registrations, each its own transaction and segment (FTS5's own merging held off)."""
    merge_setting(store, "automerge", 0)
    for k in range(n):
        patients.register(store, {"given_names": f"Julia {chr(97 + k % 26)}", "paternal_surname": "Mamani",
                                  "sex": "F", "birth_date": "1990-02-02", "id_kind": "none"})
    merge_setting(store, "automerge", 4)


def test_closing_the_cash_day_merges_the_index(store):
    registered_apart(store, 30)
    before, pieces = answers(store, ["julia mamani", "mamnai"]), segments(store)
    cashier.close_day(store, "0")
    assert segments(store) < pieces and answers(store, ["julia mamani", "mamnai"]) == before


def test_a_backup_merges_the_live_index_before_copying_it(store, tmp_path):
    registered_apart(store, 30)
    pieces = segments(store)
    copy = backups.backup(store.path, tmp_path / "copy.db")
    assert segments(store) < pieces
    kept = open_store(copy.path, user="tester")
    assert answers(kept, ["julia mamani", "mamnai"]) == answers(store, ["julia mamani", "mamnai"])
    kept.close()
