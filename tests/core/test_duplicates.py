"""Likely the same person: each rule of candidacy with and without it, different people recorded once,
the coordinator's list over the whole database, and random registration values that never crash."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ayni.core import AccessDenied
from ayni.core.dates import today_in_lima
from ayni.core.people import duplicates, merges, patients
from ayni.core.people import users as accounts

ROSA = {"given_names": "Rosa María", "paternal_surname": "Quispe", "maternal_surname": "Huamán", "sex": "F",
        "birth_date": "1970-03-02", "id_kind": "none", "community": "Pisac"}
JUSTINA = {"given_names": "Justina", "paternal_surname": "Núñez", "maternal_surname": "Ccahuana", "sex": "F",
           "age_years": "59", "id_kind": "dni", "id_number": "41234567", "community": "Ccorca"}


@pytest.fixture
def rosa(store):
    return patients.register(store, ROSA)


@pytest.fixture
def justina(store):
    return patients.register(store, JUSTINA)


def _found(store, form) -> dict[str, duplicates.Candidate]:
    return {c.patient.id: c for c in duplicates.candidates(store, form)}


def _why(candidate, lang="es") -> str:
    return candidate.why(lang)


def test_the_issue_rosa_with_a_typo_and_no_accents_is_found(store, rosa):
    found = _found(store, {**ROSA, "given_names": "Rosa Maria", "paternal_surname": "Qispe",
                           "maternal_surname": "Huaman", "community": ""})
    assert list(found) == [rosa.id]
    assert "nombre parecido" in _why(found[rosa.id]) and "misma fecha de nacimiento (1970-03-02)" in _why(found[rosa.id])
    assert "same birth date" in _why(found[rosa.id], "en")


def test_the_issue_justina_in_another_word_order_with_an_estimated_age(store, justina):
    found = _found(store, {"given_names": "Nunez Ccahuana", "paternal_surname": "Justina", "sex": "F",
                           "age_years": "62"})
    assert list(found) == [justina.id]
    assert "nombre parecido (100 %)" in _why(found[justina.id])
    assert "edad estimada, ±5 años" in _why(found[justina.id])


def test_same_identifier_is_a_candidate_whatever_the_name(store, justina):
    form = {"given_names": "Pedro", "paternal_surname": "Soto", "sex": "M", "birth_date": "2001-01-01",
            "id_kind": "dni", "id_number": "41 234 567"}
    found = _found(store, form)
    assert found[justina.id].score == 100
    assert "mismo documento: DNI 41234567" in _why(found[justina.id])
    assert not _found(store, {**form, "id_number": "41234568"})  # without: a different DNI, nothing alike


def test_a_similar_name_needs_a_close_birth_year(store, rosa):
    form = {**ROSA, "paternal_surname": "Qispe"}
    assert rosa.id in _found(store, {**form, "birth_date": "1971-01-15"})  # within a year
    assert rosa.id not in _found(store, {**form, "birth_date": "1973-03-02"})  # three years: another person


def test_an_estimated_age_widens_the_window_to_five_years(store, rosa):
    form = {k: v for k, v in ROSA.items() if k != "birth_date"}
    today = dt.date(2026, 12, 1)
    assert rosa.id in duplicates.candidates(store, {**form, "age_years": "52"}, today=today)[0].patient.id
    assert not duplicates.candidates(store, {**form, "age_years": "62"}, today=today)


def test_the_same_sex_is_needed_for_a_name_match(store, rosa):
    assert rosa.id in _found(store, {**ROSA, "maternal_surname": "Huaman"})
    assert rosa.id not in _found(store, {**ROSA, "maternal_surname": "Huaman", "sex": "M"})


def test_a_less_similar_name_counts_only_with_the_same_community(store, rosa):
    form = {**ROSA, "maternal_surname": ""}  # «Rosa María Quispe»: alike 83 %
    found = _found(store, form)
    assert "misma comunidad" in _why(found[rosa.id])
    assert rosa.id not in _found(store, {**form, "community": "Lamay"})


def test_a_less_similar_name_counts_only_with_the_same_guardian(store):
    child = {"given_names": "Luz Clara", "paternal_surname": "Mamani", "maternal_surname": "Ccori", "sex": "F",
             "birth_date": "2018-06-01", "id_kind": "none", "guardian_name": "Julia Ccori Pari",
             "guardian_relationship": "madre"}
    luz = patients.register(store, child)
    form = {**child, "maternal_surname": ""}  # alike 84 %
    found = _found(store, form)
    assert "mismo apoderado" in _why(found[luz.id]) and "same guardian" in _why(found[luz.id], "en")
    assert luz.id not in _found(store, {**form, "guardian_name": "Teodoro Flores"})


def test_merged_records_and_unrelated_people_are_not_candidates(store, rosa, justina):
    twin = patients.register(store, {**ROSA, "paternal_surname": "Qispe", "id_kind": "dni", "id_number": "40111222"})
    merges.merge(store, rosa.id, twin.id)
    found = _found(store, {**ROSA, "id_kind": "dni", "id_number": "40111222"})
    assert list(found) == [rosa.id]  # the merged record's DNI leads to the kept one; the merged one is not offered
    assert not _found(store, {"given_names": "Wilber", "paternal_surname": "Ccahua", "sex": "M", "age_years": "30"})


def test_a_registered_patient_is_not_its_own_candidate_and_distinct_pairs_are_left_out(store, rosa):
    other = patients.register(store, {**ROSA, "paternal_surname": "Qispe", "community": ""})
    assert [c.patient.id for c in duplicates.candidates(store, rosa)] == [other.id]
    duplicates.record_distinct(store, rosa.id, [other.id])
    assert duplicates.candidates(store, rosa) == []
    assert duplicates.candidates(store, other) == []


def test_registering_another_person_records_the_decision_with_the_patient(store, rosa, row_counts):
    form = {**ROSA, "paternal_surname": "Qispe"}
    shown = [c.patient.id for c in duplicates.candidates(store, form)]
    new = duplicates.register_other_person(store, form, shown)
    assert duplicates.distinct_from(store, new.id) == {rosa.id}
    [row] = store.db["patient_distinct"].rows
    assert row["decided_by"] == store.user.id
    assert [e["action"] for e in store.audit(row["id"])] == ["insert"]
    before = row_counts()
    duplicates.record_distinct(store, rosa.id, [new.id])  # recorded once: nothing new
    assert row_counts() == before
    assert all(p.first.id != new.id and p.second.id != new.id for p in duplicates.likely_duplicates(store))


def test_a_refused_registration_records_no_decision(store, rosa, row_counts):
    before = row_counts()
    with pytest.raises(Exception):
        duplicates.register_other_person(store, {**ROSA, "id_kind": "dni", "id_number": "12"}, [rosa.id])
    assert row_counts() == before


def test_distinct_decisions_are_never_deleted(store, rosa):
    other = patients.register(store, {**ROSA, "paternal_surname": "Qispe"})
    duplicates.record_distinct(store, rosa.id, [other.id])
    with pytest.raises(Exception, match="never deleted"):
        store.db.execute("DELETE FROM patient_distinct")


def test_the_coordinators_list_covers_the_database_and_leaves_out_decided_pairs(store, rosa, justina):
    twin = patients.register(store, {**ROSA, "given_names": "Rosa Maria", "maternal_surname": "Huaman"})
    again = patients.register(store, {**JUSTINA, "id_number": "", "id_kind": "none", "age_years": "57"})
    patients.register(store, {"given_names": "Wilber", "paternal_surname": "Ccahua", "sex": "M", "age_years": "30",
                              "id_kind": "none"})
    pairs = {(p.first.id, p.second.id): p for p in duplicates.likely_duplicates(store)}
    assert set(pairs) == {(rosa.id, twin.id), (justina.id, again.id)}
    assert "misma comunidad" in pairs[rosa.id, twin.id].why("es")
    merges.merge(store, rosa.id, twin.id)
    duplicates.record_distinct(store, justina.id, [again.id])
    assert duplicates.likely_duplicates(store) == []


def test_the_coordinators_list_since_a_time_keeps_pairs_with_a_newer_record(store, rosa):
    patients.register(store, {**ROSA, "paternal_surname": "Qispe"})
    today = today_in_lima()
    assert len(duplicates.likely_duplicates(store, since=today - dt.timedelta(days=1))) == 1
    assert duplicates.likely_duplicates(store, since=today + dt.timedelta(days=2)) == []


def test_the_list_is_for_those_who_may_merge(store, rosa):
    accounts.add(store, "admin", accounts.ADMIN, "1234")
    accounts.login(store, "admin", "1234")
    accounts.add(store, "caja", accounts.CASHIER, "1234")
    accounts.login(store, "caja", "1234")
    with pytest.raises(AccessDenied, match="coordinator"):
        duplicates.likely_duplicates(store)


_values = st.one_of(st.none(), st.text(max_size=30), st.integers(), st.sampled_from(
    ["F", "M", "X", "dni", "ce", "none", "1970-02-30", "0001-01-01", "9999-12-31", "120", "-3", '"', "*"]))
_forms = st.dictionaries(st.sampled_from(sorted({*(f.key for f in patients.PATIENT_FORM.fields), "other"})),
                         _values, max_size=12)


@settings(derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(form=_forms)
def test_random_registration_values_never_crash_the_candidate_search(store, rosa, justina, form):
    for candidate in duplicates.candidates(store, form):
        assert candidate.patient.id in {rosa.id, justina.id}
        assert 0 <= candidate.score <= 100 and candidate.reasons


def test_a_line_break_stored_inside_a_name_does_not_shift_the_others(store, rosa, justina):
    store.db.execute("UPDATE patients SET given_names = ? WHERE id = ?", ["Justina\nMaría", justina.id])
    found = _found(store, {**ROSA, "paternal_surname": "Qispe"})
    assert list(found) == [rosa.id] and "98 %" in _why(found[rosa.id])


def test_a_record_is_never_another_person_than_itself_and_unknown_ones_are_refused(store, rosa, row_counts):
    before = row_counts()
    with pytest.raises(merges.MergeError, match="one record"):
        duplicates.record_distinct(store, rosa.id, [rosa.id])
    with pytest.raises(merges.MergeError, match="no patient"):
        duplicates.record_distinct(store, rosa.id, ["no-such-id"])
    assert row_counts() == before


@pytest.mark.parametrize("sex", ["F", None])
def test_the_name_window_is_read_from_the_index_never_the_whole_table(store, sex):
    captured = []
    store.db.conn.set_trace_callback(captured.append)
    duplicates.candidates(store, {**ROSA, "sex": sex})
    store.db.conn.set_trace_callback(None)
    [window] = [sql for sql in captured if "birth_date BETWEEN" in sql]
    plan = " ".join(str(row[3]) for row in store.db.execute("EXPLAIN QUERY PLAN " + window))
    assert "COVERING INDEX patients_born (sex=? AND birth_date>? AND birth_date<?)" in plan
