"""Patients written in bulk are indexed for search once, after their rows, in the same transaction
(``search.indexing_after``): the index is the same as the per-row triggers build, and a bulk that
fails leaves neither rows nor index behind."""

from __future__ import annotations

import contextlib

import pytest

from ayni.core import open_store
from ayni.core.people import patients
from ayni.core.people.patients import _patient_row_extras, patient_from_form
from ayni.core.people.search import indexing_after

PEOPLE = [("Rosa María", "Quispe", "Huamán", "45678912"), ("Justina", "Núñez", "Ccahuana", "10293847"),
          ("Elena", "Mamani", "Yupanqui", ""), ("Kevin", "O'Brien", "", "")]


def _forms(patient_form) -> list[dict]:
    return [patient_form(given_names=given, paternal_surname=paternal, maternal_surname=maternal,
                         id_kind="dni" if dni else "none", id_number=dni) for given, paternal, maternal, dni in PEOPLE]


def _write(store, forms, in_bulk: bool, first: int = 1) -> None:
    with store.write():
        with indexing_after(store) if in_bulk else contextlib.nullcontext():
            for n, form in enumerate(forms, start=first):
                patient = patient_from_form(form, patient_id=f"p{n}")
                store.insert("patients", patient, derived=_patient_row_extras(patient))


def _index(store) -> dict:
    """Both indexes' every word, where it is, and the table of near spellings."""
    db = store.db
    for fts in ("patients_fts", "patient_search_fts"):
        db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{fts}_words USING fts5vocab(main, {fts}, 'instance')")
    return {
        "patients_fts": db.execute("SELECT term, doc, col, offset FROM temp.patients_fts_words ORDER BY 1, 2, 3, 4").fetchall(),
        "patient_search_fts": db.execute("SELECT term, doc, col, offset FROM temp.patient_search_fts_words "
                                         "ORDER BY 1, 2, 3, 4").fetchall(),
        "patient_search": db.execute("SELECT * FROM patient_search ORDER BY seq").fetchall(),
        "name_variants": db.execute("SELECT * FROM name_variants ORDER BY 1, 2").fetchall(),
    }


def test_the_bulk_index_is_the_one_the_triggers_build(tmp_path, plugins, patient_form):
    one_by_one = open_store(tmp_path / "rows.db", user="tester", plugins=plugins)
    in_bulk = open_store(tmp_path / "bulk.db", user="tester", plugins=plugins)
    forms = _forms(patient_form)
    for store, bulk in ((one_by_one, False), (in_bulk, True)):
        _write(store, forms[:1], in_bulk=False)  # a patient there already: the bulk indexes only the new
        _write(store, forms[1:], in_bulk=bulk, first=2)
    expected = _index(one_by_one)
    assert len(expected["patient_search"]) == len(PEOPLE) and expected["name_variants"]
    assert _index(in_bulk) == expected
    assert [p.id for p in patients.search(in_bulk, "justina nunes")] == ["p2"]
    assert [p.id for p in patients.search(in_bulk, "1029")] == ["p2"]
    one_by_one.close()
    in_bulk.close()


def test_a_bulk_that_fails_leaves_no_row_and_no_index(store, patient_form, row_counts):
    patients.register(store, patient_form())
    before = row_counts()
    with pytest.raises(ZeroDivisionError):
        with store.write(), indexing_after(store):
            patient = patient_from_form(_forms(patient_form)[1])
            store.insert("patients", patient, derived=_patient_row_extras(patient))
            1 / 0
    assert row_counts() == before
    assert store.db.execute("SELECT count(*) FROM search_indexing_deferred").fetchone() == (0,)
    assert [p.full_name for p in patients.search(store, "justina")] == []
    later = patients.register(store, patient_form(given_names="Justina", paternal_surname="Núñez", id_number="10293847"))
    assert [p.id for p in patients.search(store, "justina")] == [later.id]  # the triggers index again


def test_indexing_after_refuses_to_run_outside_a_transaction(store):
    with pytest.raises(RuntimeError):
        with indexing_after(store):
            pass
