"""``ayni patients merge / unmerge / duplicates``: by patient number, one clean message for a refusal,
a clinician refused, and the coordinator's list in the terminal and as CSV."""

from __future__ import annotations

from click.testing import CliRunner

from ayni.cli import main
from ayni.core import open_store
from ayni.core.people import merges, patients
from ayni.core.people import users as accounts


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def _two_records(db, patient_form) -> tuple[str, str]:
    store = open_store(db, user="tester")
    rosa = patients.register(store, patient_form())
    twin = patients.register(store, patient_form(paternal_surname="Nunez", id_kind="none", id_number=""))
    patients.register(store, patient_form(given_names="Wilber", paternal_surname="Ccahua", sex="M",
                                          birth_date="1990-02-02", id_kind="none", id_number=""))
    store.close()
    return rosa.id, twin.id


def test_merge_and_unmerge_by_number(tmp_path, patient_form):
    db = tmp_path / "c.db"
    rosa, twin = _two_records(db, patient_form)
    merged = run("--db", db, "--user", "tester", "patients", "merge", "1", "2")
    assert merged.exit_code == 0, merged.output
    assert "Paciente N.º 2 (Rosa Elena Nunez Quispe) fusionado en el N.º 1" in merged.output
    store = open_store(db, user="tester")
    assert merges.merged_into(store, twin) == rosa
    store.close()

    again = run("--db", db, "--lang", "en", "--user", "tester", "patients", "merge", "3", "2")
    assert again.exit_code == 1 and "Error: Patient No. 2 is already merged into No. 1" in again.output
    assert "Traceback" not in again.output

    undone = run("--db", db, "--user", "tester", "patients", "unmerge", "2")
    assert undone.exit_code == 0 and "Fusión deshecha: el paciente N.º 2" in undone.output
    store = open_store(db, user="tester")
    assert merges.merged_into(store, twin) is None
    assert [e["action"] for e in store.audit(twin)][-2:] == ["merge", "unmerge"]
    store.close()


def test_refusals_are_one_message(tmp_path, patient_form):
    db = tmp_path / "c.db"
    _two_records(db, patient_form)
    itself = run("--db", db, "--user", "tester", "patients", "merge", "1", "1")
    assert itself.exit_code == 1 and "consigo mismo" in itself.output
    unknown = run("--db", db, "--user", "tester", "patients", "merge", "1", "999")
    assert unknown.exit_code == 1 and "Paciente: no hay ningún paciente «999»" in unknown.output


def test_a_clinician_may_not_merge(tmp_path, patient_form):
    db = tmp_path / "c.db"
    _two_records(db, patient_form)
    store = open_store(db, user="tester")
    accounts.add(store, "admin", accounts.ADMIN, "1234")
    accounts.login(store, "admin", "1234")
    accounts.add(store, "dra", "clinician:general", "1234")
    store.close()
    refused = run("--db", db, "--user", "dra", "patients", "merge", "1", "2", input="1234\n")
    assert refused.exit_code == 1 and "requiere el rol administración o coordinación" in refused.output


def test_the_list_in_the_terminal_and_as_csv(tmp_path, patient_form):
    db = tmp_path / "c.db"
    _two_records(db, patient_form)
    listed = run("--db", db, "--user", "tester", "patients", "duplicates")
    assert listed.exit_code == 0, listed.output
    assert "Rosa Elena Núñez Quispe" in listed.output and "Rosa Elena Nunez Quispe" in listed.output
    assert "1 posible duplicado." in listed.output and "Wilber" not in listed.output

    out = tmp_path / "dups.csv"
    written = run("--db", db, "--lang", "en", "--user", "tester", "patients", "duplicates", "--csv", out)
    assert written.exit_code == 0 and "(1 pair)." in written.output
    lines = out.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == "number_1;patient_1;number_2;patient_2;score;reasons"
    assert lines[1] == ('1;Rosa Elena Núñez Quispe;2;Rosa Elena Nunez Quispe;100;'
                        '"similar name (100 %); same birth date (1974-05-12); same community"')

    run("--db", db, "--user", "tester", "patients", "merge", "1", "2")
    assert "No hay posibles duplicados" in run("--db", db, "--user", "tester", "patients", "duplicates").output


def test_a_bad_day_names_the_option(tmp_path, patient_form):
    db = tmp_path / "c.db"
    _two_records(db, patient_form)
    bad = run("--db", db, "--user", "tester", "patients", "duplicates", "--since", "ayer")
    assert bad.exit_code == 1 and "--since: fecha no válida" in bad.output


def test_two_people_recorded_as_different_leave_the_list(tmp_path, patient_form):
    db = tmp_path / "c.db"
    _two_records(db, patient_form)
    noted = run("--db", db, "--user", "tester", "patients", "distinct", "2", "1")
    assert noted.exit_code == 0 and "N.º 2 y N.º 1 son personas distintas" in noted.output
    assert "No hay posibles duplicados" in run("--db", db, "--user", "tester", "patients", "duplicates").output
    itself = run("--db", db, "--user", "tester", "patients", "distinct", "1", "1")
    assert itself.exit_code == 1 and "es un solo registro" in itself.output
