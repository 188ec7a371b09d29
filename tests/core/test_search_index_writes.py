"""Registering or correcting a patient writes each of the two search indexes once (``patients_fts`` and
``patient_search_fts``): counted by temporary triggers on each index's ``_docsize`` table, where FTS5
writes one row per document it indexes, so the count is exact whatever the machine's speed."""

from __future__ import annotations

import pytest

from ayni.core.people import merges, patients

INDEXES = ("patients_fts", "patient_search_fts")


@pytest.fixture
def index_writes(store):
    """A function that gives, per index, how many writes it received since the fixture was set up."""
    db = store.db
    db.execute("CREATE TEMP TABLE index_writes (fts TEXT)")
    for fts in INDEXES:
        db.execute(f"CREATE TEMP TRIGGER count_{fts} AFTER INSERT ON main.{fts}_docsize "
                   f"BEGIN INSERT INTO index_writes VALUES ('{fts}'); END")

    def counted() -> dict[str, int]:
        found = dict(db.execute("SELECT fts, count(*) FROM index_writes GROUP BY fts").fetchall())
        db.execute("DELETE FROM index_writes")
        return {fts: found.get(fts, 0) for fts in INDEXES}
    return counted


def test_a_registration_writes_each_index_once(store, patient_form, index_writes):
    patient = patients.register(store, patient_form())
    assert index_writes() == {"patients_fts": 1, "patient_search_fts": 1}
    assert [p.id for p in patients.search(store, "45678912")] == [patient.id]  # the identifier is indexed


def test_a_correction_writes_each_index_once(store, patient_form, index_writes):
    patient = patients.register(store, patient_form())
    index_writes()
    patients.correct(store, patient.id, patient_form(paternal_surname="Quispe", id_number="11223344"))
    assert index_writes() == {"patients_fts": 1, "patient_search_fts": 1}
    assert [p.id for p in patients.search(store, "11223344")] == [patient.id]
    assert patients.search(store, "45678912") == []


def test_merging_two_records_rewrites_no_index(store, patient_form, index_writes):
    kept = patients.register(store, patient_form())
    duplicate = patients.register(store, patient_form(id_kind="none", id_number=""))
    index_writes()
    merges.merge(store, kept.id, duplicate.id)
    assert index_writes() == {"patients_fts": 0, "patient_search_fts": 0}
