"""Registering, correcting and finding patients on a real SQLite file; refusals write nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ayni.core import Guardian, Identifier, IdKind, ValidationError
from ayni.core.dates import today_in_lima
from ayni.core.people import patients
from ayni.core.people.patients import patient_from_form

MINOR = {
    "given_names": "Luz", "paternal_surname": "Ñahui", "maternal_surname": "Mamani", "sex": "F",
    "age_years": "9", "id_kind": "none", "guardian_name": "Marcelina Mamani", "guardian_relationship": "madre",
}


@pytest.fixture
def crowd(store, patient_form):
    """Five patients with accents, apostrophes and hyphens in their names."""
    return {
        "rosa": patients.register(store, patient_form()),
        "luz": patients.register(store, MINOR),
        "juan": patients.register(store, patient_form(given_names="Juan", paternal_surname="Peña",
                                                      maternal_surname="Quilla", sex="M", id_number="10293847")),
        "obrien": patients.register(store, patient_form(given_names="Kevin", paternal_surname="O'Brien",
                                                        maternal_surname="", sex="M", id_kind="passport",
                                                        id_number="x1234567")),
        "sanjose": patients.register(store, patient_form(given_names="Ana", paternal_surname="San-José",
                                                         maternal_surname="Huamán", id_kind="cedula_ve",
                                                         id_number="V-12345678")),
    }


def found(store, query) -> set[str]:
    return {p.full_name for p in patients.search(store, query)}


def refused(store, row_counts, form) -> ValidationError:
    """Register ``form``, expect a refusal, and check nothing was written anywhere."""
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        patients.register(store, form)
    after = row_counts()
    assert after == before
    assert after["patients"] == before["patients"] and after["audit_log"] == before["audit_log"]
    return caught.value


# -- registering ---------------------------------------------------------------------------------

def test_register_stores_the_patient_and_reads_it_back(store, patient):
    again = patients.get(store, patient.id)
    assert again == patient
    assert again.full_name == "Rosa Elena Núñez Quispe"
    assert again.identifiers == (Identifier(IdKind.DNI, "45678912"),)
    assert again.birth_date == dt.date(1974, 5, 12) and not again.birth_date_estimated
    assert patients.count(store) == 1


def test_patients_get_short_numbers_in_order(store, crowd):
    assert [crowd[k].number for k in ("rosa", "luz", "juan", "obrien", "sanjose")] == [1, 2, 3, 4, 5]
    assert patients.get(store, crowd["juan"].id).number == 3


def test_register_is_audited_with_the_user(store, patient):
    [entry] = store.audit(record_id=patient.id)
    assert entry["action"] == "insert" and entry["table_name"] == "patients"
    assert entry["user_id"] == store.user.id
    assert json.loads(entry["data"])["paternal_surname"] == "Núñez"


def test_identifiers_are_normalised(store, patient_form):
    p = patients.register(store, patient_form(id_number="45 678.912", id2_kind="ce", id2_number="ab1234567"))
    assert p.identifiers == (Identifier(IdKind.DNI, "45678912"), Identifier(IdKind.CE, "AB1234567"))


def test_a_minor_with_a_guardian_and_an_estimated_age(store):
    luz = patients.register(store, MINOR)
    assert luz.birth_date_estimated
    assert luz.age() == 9
    assert luz.guardian == Guardian("Marcelina Mamani", "madre", "")


@pytest.mark.parametrize("today", [dt.date(2025, 1, 2), dt.date(2025, 6, 30), dt.date(2025, 12, 31),
                                   dt.date(2024, 2, 29)])
@pytest.mark.parametrize("age", [0, 1, 17, 18, 47, 120])
def test_an_estimated_age_gives_back_that_age_whatever_the_day(age, today):
    form = {**MINOR, "age_years": str(age)}
    p = patient_from_form(form, today=today)
    assert p.birth_date_estimated
    assert p.birth_date <= today
    assert p.age(today) == age


# -- refusals ------------------------------------------------------------------------------------

@pytest.mark.parametrize("number", ["4567891A", "4567891", "456789123", "ABCDEFGH"])
def test_a_dni_is_eight_digits(store, row_counts, patient_form, number):
    error = refused(store, row_counts, patient_form(id_number=number))
    assert error.fields() == {"id_number"}
    assert error.message("es") == "Número de documento: el DNI tiene exactamente 8 dígitos (0–9), sin letras."
    assert error.message("en") == "Document number: a DNI has exactly 8 digits (0–9), no letters."


def test_a_birth_date_in_the_future_is_refused(store, row_counts, patient_form):
    tomorrow = (today_in_lima() + dt.timedelta(days=1)).isoformat()
    error = refused(store, row_counts, patient_form(birth_date=tomorrow))
    assert error.errors[0].key == "date_in_future"
    assert error.message("es").startswith("Fecha de nacimiento: no puede ser una fecha futura")


def test_neither_birth_date_nor_age_is_refused(store, row_counts, patient_form):
    error = refused(store, row_counts, patient_form(birth_date=""))
    assert error.message("es") == ("Fecha de nacimiento: indique la fecha de nacimiento o una edad estimada "
                                   "(0–120 años).")
    assert error.message("en") == "Birth date: give the birth date or an estimated age (0–120 years)."


def test_an_age_out_of_range_is_refused(store, row_counts, patient_form):
    error = refused(store, row_counts, patient_form(birth_date="", age_years="130"))
    assert error.message("en") == "Estimated age: must be between 0 and 120 años."


def test_a_minor_without_guardian_is_refused(store, row_counts):
    error = refused(store, row_counts, {**MINOR, "guardian_name": ""})
    assert error.fields() == {"guardian_name"}
    assert error.message("es") == "Apoderado (nombre): un menor de 18 años necesita un apoderado."


def test_a_duplicate_dni_is_refused_naming_who_has_it(store, row_counts, patient, patient_form):
    error = refused(store, row_counts, patient_form(given_names="Otra", paternal_surname="Persona"))
    assert error.message("es") == "Número de documento: 45678912 ya está registrado para Rosa Elena Núñez Quispe."
    assert error.message("en") == "Document number: 45678912 is already registered for Rosa Elena Núñez Quispe."


def test_the_same_number_as_another_kind_of_document_is_not_a_duplicate(store, patient, patient_form):
    other = patients.register(store, patient_form(given_names="Otra", id_kind="passport"))
    assert other.identifiers == (Identifier(IdKind.PASSPORT, "45678912"),)


def test_a_document_number_without_its_kind_is_refused_not_dropped(store, row_counts, patient_form):
    error = refused(store, row_counts, patient_form(id2_number="AB123456"))
    assert error.fields() == {"id2_kind"}


def test_every_problem_is_reported_at_once(store, row_counts):
    error = refused(store, row_counts, {"given_names": "", "sex": "Z", "id_kind": "dni"})
    assert {"given_names", "paternal_surname", "sex"} <= error.fields()


# -- search --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "name"), [
    ("nunez", "Rosa Elena Núñez Quispe"),
    ("NÚÑEZ", "Rosa Elena Núñez Quispe"),
    ("ÑAHUI", "Luz Ñahui Mamani"),
    ("nahui", "Luz Ñahui Mamani"),
    ("elena", "Rosa Elena Núñez Quispe"),
    ("mamani", "Luz Ñahui Mamani"),
    ("huaman", "Ana San-José Huamán"),
    ("4567", "Rosa Elena Núñez Quispe"),
    ("12345678", "Ana San-José Huamán"),
    ("X123", "Kevin O'Brien"),
])
def test_search_ignores_accents_and_case_and_finds_any_part(store, crowd, query, name):
    assert name in found(store, query)


def test_search_with_several_words_needs_all_of_them(store, crowd):
    assert found(store, "rosa qui") == {"Rosa Elena Núñez Quispe"}
    assert found(store, "qui") == {"Rosa Elena Núñez Quispe", "Juan Peña Quilla"}
    assert found(store, "juan nunez") == set()


def test_search_by_prefix_as_you_type(store, crowd):
    assert [found(store, q) for q in ("p", "pe", "pen", "pena")][-1] == {"Juan Peña Quilla"}
    assert "Juan Peña Quilla" in found(store, "p")


@pytest.mark.parametrize("query", ['peña"', "AND", "san-jose", "o'brien", "NOT", "OR juan", "(", "*", '"', "NEAR(",
                                   "a:b", "^rosa", "--", "_", "", "   ", "rosa AND", "{x}", "é"])
def test_search_never_passes_user_input_to_fts_syntax(store, crowd, query):
    patients.search(store, query)  # must not raise


def test_search_finds_names_written_with_syntax_characters(store, crowd):
    assert found(store, 'peña"') == {"Juan Peña Quilla"}
    assert found(store, "san-jose") == {"Ana San-José Huamán"}
    assert found(store, "o'brien") == {"Kevin O'Brien"}
    assert found(store, "") == set()


def test_search_is_limited(store, patient_form):
    for i in range(5):
        patients.register(store, patient_form(given_names=f"Rosa {i}", id_kind="none", id_number=""))
    assert len(patients.search(store, "rosa", limit=3)) == 3


# -- corrections ---------------------------------------------------------------------------------

def test_correcting_keeps_the_old_version_in_the_audit_log_and_search_follows(store, patient, patient_form):
    fixed = patients.correct(store, patient.id, patient_form(paternal_surname="Yupanqui"))
    assert fixed.id == patient.id and fixed.number == patient.number and fixed.created_at == patient.created_at
    assert patients.get(store, patient.id).paternal_surname == "Yupanqui"
    insert, update = store.audit(record_id=patient.id)
    assert (insert["action"], update["action"]) == ("insert", "update")
    assert json.loads(update["previous"])["paternal_surname"] == "Núñez"
    assert json.loads(update["data"])["paternal_surname"] == "Yupanqui"
    assert found(store, "yupanqui") == {"Rosa Elena Yupanqui Quispe"}
    assert found(store, "nunez") == set()
    assert patients.count(store) == 1


def test_correcting_an_identifier_updates_search_and_frees_the_old_one(store, patient, patient_form):
    patients.correct(store, patient.id, patient_form(id_number="87654321"))
    assert found(store, "8765") == {"Rosa Elena Núñez Quispe"}
    assert found(store, "4567") == set()
    patients.register(store, patient_form(given_names="Otra"))  # 45678912 is free again


def test_a_refused_correction_changes_nothing(store, row_counts, patient, patient_form):
    before = row_counts()
    with pytest.raises(ValidationError):
        patients.correct(store, patient.id, patient_form(paternal_surname="Yupanqui", id_number="123"))
    assert row_counts() == before
    assert patients.get(store, patient.id) == patient


def test_correcting_to_someone_elses_dni_is_refused(store, crowd, patient_form, row_counts):
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        patients.correct(store, crowd["juan"].id, patient_form(given_names="Juan", paternal_surname="Peña"))
    assert caught.value.errors[0].key == "duplicate_identifier"
    assert row_counts() == before


def test_the_form_of_a_patient_gives_the_patient_back(store, crowd):
    for p in crowd.values():
        again = patient_from_form(patients.form_from_patient(p), patient_id=p.id)
        assert (again.full_name, again.identifiers, again.guardian, again.age()) == (
            p.full_name, p.identifiers, p.guardian, p.age())
