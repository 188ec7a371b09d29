"""Same-document pairs at a laptop merge: a pair that also agrees on sex and birth date is joined as
one person (an ordinary record merge: audited, attributed to whoever merges, reason «mismo
documento», undoable), the same way whichever laptop merges and in whatever order; a pair that
differs otherwise stays listed for a person, and neither record is refused a correction meanwhile."""

from __future__ import annotations

import itertools
import json

import pytest
from click.testing import CliRunner

from ayni.cli import main
from ayni.core import ValidationError, open_store
from ayni.core.people import duplicates, merges, patients
from ayni.core.storage.merge import RECORD, listed, pending

from merging import laptop, person, register, ship

DNI = "45678912"


@pytest.fixture
def laptops(tmp_path, plugins):
    """Laptops A, B and C, each opened by its coordinator."""
    stores = [laptop(tmp_path, letter, plugins, user=f"coordinadora {letter}") for letter in "ABC"]
    yield stores
    for store in stores:
        store.close()


def first_registered(store, records) -> str:
    """The id of the record registered first (by time, then id, as the merge decides): the kept one."""
    return min((store.row("patients", r.id)["created_at"], r.id) for r in records)[1]


def joins(store) -> dict[str, str | None]:
    """Every patient's ``merged_into``, by id."""
    return dict(store.db.execute("SELECT id, merged_into FROM patients"))


def test_one_document_sex_and_birth_date_are_joined_at_the_merge_audited_and_undoable(laptops, tmp_path):
    a, b, _ = laptops
    first, second = register(a, 1, dni=DNI), register(b, 2, dni=DNI)  # «Persona 1» and «Persona 2», same DNI
    report = ship(b, a, tmp_path)
    [joined] = report.joined
    assert {joined.patient_id, joined.other_patient_id} == {first.id, second.id} and report.candidates == ()
    kept, duplicate = (first, second) if first_registered(a, (first, second)) == first.id else (second, first)
    assert merges.kept_id(a, duplicate.id) == kept.id  # the record registered first is kept
    [note] = [e for e in a.audit(record_id=duplicate.id) if e["action"] == "merge"]
    assert json.loads(note["data"])["reason"] == f"mismo documento (dni {DNI})"
    assert note["user_id"] == a.user.id and a.user.name == "coordinadora A"
    assert pending(a, listed(a)[1]) == []
    assert [p.id for p in patients.search(a, DNI)] == [kept.id]  # found once, as one person
    merges.unmerge(a, duplicate.id)  # a coordinator who knows better undoes it like any merge
    assert merges.kept_id(a, duplicate.id) == duplicate.id and len(pending(a, listed(a)[1])) == 1
    assert ship(b, a, tmp_path, "again.ayni").joined == ()  # undone stays undone: the pair is left for a person


def test_both_laptops_end_with_the_same_person_and_nothing_listed(laptops, tmp_path):
    a, b, _ = laptops
    first, second = register(a, 1, dni=DNI), register(b, 2, dni=DNI)
    ship(b, a, tmp_path, "b.ayni")
    ship(a, b, tmp_path, "a.ayni")
    kept = first_registered(a, (first, second))
    assert joins(a) == joins(b) and {merges.kept_id(a, first.id), merges.kept_id(a, second.id)} == {kept}
    assert [c for c in listed(a)[0] + listed(b)[0] if c.kind == RECORD] == []


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_three_laptops_in_any_order_end_with_one_person_on_each(tmp_path, plugins, order):
    """Whichever laptop gathers the others' exports and sends its own back: on every laptop the three
    records are one person, kept under the same record, and nothing is left to check."""
    stores = [laptop(tmp_path, letter, plugins) for letter in "ABC"]
    try:
        registered = [register(store, n, dni=DNI) for n, store in enumerate(stores, start=1)]
        register(stores[2], 9, dni="11112222")
        hub = stores[order[0]]
        for n in order[1:]:
            ship(stores[n], hub, tmp_path, f"{n}.ayni")
        for n in order[1:]:
            ship(hub, stores[n], tmp_path, f"hub-{n}.ayni")
        [kept] = {merges.kept_id(hub, p.id) for p in registered}
        for store in stores:
            assert {merges.kept_id(store, p.id) for p in registered} == {kept}
            assert joins(store) == joins(hub) and pending(store, listed(store)[1]) == []
            assert [c for c in listed(store)[0] if c.kind == RECORD] == []
    finally:
        for store in stores:
            store.close()


def test_a_pair_that_differs_in_birth_date_stays_listed_and_either_record_can_be_corrected(laptops, tmp_path):
    a, b, _ = laptops
    mine = register(a, 1, dni=DNI)
    theirs = patients.register(b, {**person(2, dni=DNI), "birth_date": "1990-03-03"})
    report = ship(b, a, tmp_path)
    assert report.joined == () and len(report.candidates) == 1
    corrected = patients.correct(a, theirs.id, {**person(2, dni=DNI), "birth_date": "1990-03-04"})
    assert corrected.birth_date.isoformat() == "1990-03-04"
    patients.correct(a, mine.id, {**person(1, dni=DNI), "community": "Ccollpa"})
    [note] = duplicates.shared_document_notes(a, patients.get(a, mine.id))
    assert note.es.startswith(f"N.º B-0001 Persona 2 Quispe Mamani tiene el mismo DNI {DNI}")
    assert "ayni patients merge A-0001 B-0001" in note.es and "merge the two records" in note.en
    with pytest.raises(ValidationError) as refused:  # a third record with that DNI is still refused
        patients.register(a, person(3, dni=DNI))
    assert DNI in refused.value.message("es")


def test_a_pair_told_apart_is_never_joined(laptops, tmp_path):
    a, b, _ = laptops
    first, second = register(a, 1, dni=DNI), register(b, 2, dni=DNI)
    ship(a, b, tmp_path, "a.ayni")  # B joins them …
    merges.unmerge(b, first.id if merges.kept_id(b, second.id) == second.id else second.id)
    duplicates.record_distinct(b, first.id, [second.id])  # … and a coordinator says they are two people
    ship(a, b, tmp_path, "a-again.ayni")
    assert merges.kept_id(b, second.id) == second.id and pending(b, listed(b)[1]) == []


def run(*args):
    return CliRunner().invoke(main, [str(x) for x in args])


def test_the_command_line_says_who_was_joined_and_lists_only_pairs_left_for_a_person(tmp_path):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    for path, letter in ((first, "A"), (second, "B")):
        assert run("--db", path, "init", "--device", letter).exit_code == 0
    for path, n in ((first, 1), (second, 2)):
        store = open_store(path, user="coordinadora")
        register(store, n, dni=DNI)
        store.close()
    assert run("--db", second, "export", tmp_path / "b.ayni").exit_code == 0
    merged = run("--db", first, "merge", tmp_path / "b.ayni")
    assert merged.exit_code == 0, merged.output
    assert "Unidos como una sola persona, por tener el mismo documento, sexo y fecha de nacimiento (1" in merged.stdout
    assert "A-0001 Persona 1 Quispe Mamani = B-0001 Persona 2 Quispe Mamani (DNI 45678912)" in merged.stdout \
        or "B-0001 Persona 2 Quispe Mamani = A-0001 Persona 1 Quispe Mamani (DNI 45678912)" in merged.stdout
    assert "Nada que revisar" in run("--db", first, "conflicts").stdout
