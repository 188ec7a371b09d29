"""Patients come in from a FHIR bundle through the registration's own checks; a file that is not a
bundle of patients is refused whole, with a message in both languages, and nothing is written."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ayni.core import AyniError, open_store
from ayni.core.exchange import fhir
from ayni.core.exchange.fhir import FhirError
from ayni.core.exchange.fhirimport import ImportResult, import_patients
from ayni.core.people import patients

from fhirkit import TODAY


@pytest.fixture(scope="module")
def exported(campaign_db):
    """The campaign's patients as a bundle of Patients only, and the patients themselves."""
    path, campaign_id, _ = campaign_db
    store = open_store(path)
    data = fhir.campaign_bundle(store, campaign_id)
    originals = {p.id: p for p in store.rows(patients.Patient, "patients", "1 = 1")}
    store.close()
    data["entry"] = [e for e in data["entry"] if e["resource"]["resourceType"] == "Patient"]
    return fhir.as_json(data), originals


@pytest.fixture
def fresh(tmp_path, store_files):
    store = store_files.open(tmp_path / "other.db")
    yield store
    store.close()


def _same_person(a, b) -> bool:
    keep = ("given_names", "paternal_surname", "maternal_surname", "sex", "identifiers", "community", "district",
            "region", "language", "phone", "guardian")
    return all(getattr(a, k) == getattr(b, k) for k in keep)


def test_exported_patients_register_on_another_laptop_as_they_were(exported, fresh):
    text, originals = exported
    result = import_patients(fresh, text, today=TODAY)
    assert not result.refused and len(result.registered) == len(json.loads(text)["entry"])
    by_name = {p.full_name: p for p in originals.values()}
    for patient in result.registered:
        original = by_name[patient.full_name]
        assert _same_person(patient, original)
        assert patient.birth_date_estimated == original.birth_date_estimated
        if not original.birth_date_estimated:
            assert patient.birth_date == original.birth_date
        else:
            assert patient.age(TODAY) == original.age(TODAY)


def test_importing_the_same_patients_again_registers_nobody_and_matches_each(exported, fresh):
    text, _ = exported
    fhir.check(text)
    first = import_patients(fresh, text, today=TODAY)
    again = import_patients(fresh, text, today=TODAY)
    assert not again.registered and not again.refused and not again.likely
    assert [(m.index, m.patient.id) for m in again.matched] == [(n, p.id) for n, p in enumerate(first.registered, 1)]
    assert patients.count(fresh) == len(first.registered)


def test_a_bundle_comes_back_to_the_database_it_left_as_its_own_records(campaign_db, exported):
    text, originals = exported
    store = open_store(campaign_db[0])
    try:
        result = import_patients(store, text, today=TODAY)
    finally:
        store.close()
    assert not result.registered and {m.patient.id for m in result.matched} <= originals.keys()
    assert len(result.matched) == len(json.loads(text)["entry"])


def _bundle(*resources) -> str:
    return json.dumps({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources]})


ROSA = {"resourceType": "Patient", "name": [{"family": "Quispe Mamani", "given": ["Rosa"]}], "gender": "female",
        "birthDate": "1980-05-02", "identifier": [{"system": fhir.IDENTIFIER_SYSTEMS[fhir.IdKind.DNI][0],
                                                    "value": "45678912"}]}
#: Without an identity document: only the record (the identifier every Ayni export writes) tells her apart.
LUZ = {"resourceType": "Patient", "id": "4b1c8f0e-6a1e-4c5e-9d2a-0f6f3c2b7a11",
       "identifier": [{"use": "secondary", "system": fhir.RECORD_SYSTEM,
                       "value": "urn:uuid:4b1c8f0e-6a1e-4c5e-9d2a-0f6f3c2b7a11"}],
       "name": [{"family": "Ccori", "given": ["Luz"]}], "gender": "female", "birthDate": "1991-03-14"}


def test_a_patient_without_a_document_is_registered_once_whatever_her_name_becomes(fresh):
    fhir.check(_bundle(LUZ))
    (luz,) = import_patients(fresh, _bundle(LUZ), today=TODAY).registered
    assert luz.id != LUZ["id"] and not import_patients(fresh, _bundle(LUZ), today=TODAY).not_kept
    renamed = {**LUZ, "name": [{"family": "Ccori Apaza", "given": ["Luz", "Marina"]}], "birthDate": "1990-01-01"}
    (matched,) = import_patients(fresh, _bundle(renamed), today=TODAY).matched
    assert matched.patient.id == luz.id and matched.patient.card_number == luz.card_number
    written = fresh.db.execute("SELECT source, patient_id, imported_by FROM patient_sources").fetchall()
    assert written == [(LUZ["identifier"][0]["value"], luz.id, fresh.user.id)]
    assert patients.count(fresh) == 1


def test_an_older_ayni_bundle_is_known_by_the_patient_id_alone(fresh):
    older = {k: v for k, v in LUZ.items() if k != "identifier"}
    (luz,) = import_patients(fresh, _bundle(older), today=TODAY).registered
    assert [m.patient.id for m in import_patients(fresh, _bundle(LUZ), today=TODAY).matched] == [luz.id]
    foreign = {**older, "id": "12345"}  # a server's own id says nothing outside that server
    assert import_patients(fresh, _bundle(foreign), today=TODAY).likely


def test_a_patient_with_a_registered_document_is_matched_to_its_card_number(fresh):
    rosa = patients.register(fresh, {"given_names": "Rosa", "paternal_surname": "Quispe", "sex": "F",
                                     "age_years": "45", "id_kind": "dni", "id_number": "45678912"})
    before = len(fresh.audit())
    result = import_patients(fresh, _bundle(ROSA), today=TODAY)
    (matched,) = result.matched
    assert matched.index == 1 and matched.patient.card_number == rosa.card_number == "1"
    assert not result.registered and not result.refused and len(fresh.audit()) == before


def test_a_likely_duplicate_is_skipped_with_its_reasons_unless_accepted(fresh):
    rosa = patients.register(fresh, {"given_names": "Rosa", "paternal_surname": "Quispe",
                                     "maternal_surname": "Mamani", "sex": "F", "birth_date": "1980-05-02",
                                     "id_kind": "none"})
    typo = {**ROSA, "name": [{"family": "Quispe Mamany", "given": ["Rosa"]}], "identifier": []}
    text = _bundle(typo, {k: v for k, v in LUZ.items() if k not in ("id", "identifier")})
    fhir.check(text)
    before = (patients.count(fresh), len(fresh.audit()))
    result = import_patients(fresh, text, today=TODAY)
    (likely,) = result.likely
    assert likely.index == 1 and likely.name == "Rosa Quispe Mamany"
    assert [c.patient.id for c in likely.candidates] == [rosa.id]
    why = likely.candidates[0].why("es")
    assert "nombre parecido" in why and "misma fecha de nacimiento (1980-05-02)" in why
    assert [p.full_name for p in result.registered] == ["Luz Ccori"]
    assert patients.count(fresh) == before[0] + 1
    accepted = import_patients(fresh, text, today=TODAY, accept_likely=True)
    assert [p.full_name for p in accepted.registered] == ["Rosa Quispe Mamany", "Luz Ccori"]


@pytest.mark.parametrize("text, fragment_es, fragment_en", [
    ("no es json", "no es JSON", "is not JSON"),
    ('{"resourceType": "Patient"}', "no es un Bundle", "is not a FHIR Bundle"),
    ("[1, 2]", "no es un Bundle", "is not a FHIR Bundle"),
    (_bundle(ROSA, {"resourceType": "Encounter", "status": "finished"}), "Entrada 2: es «Encounter»",
     "only patients (Patient)"),
    (_bundle(ROSA, {"resourceType": "Patient", "gender": "male"}), "Entrada 2: el paciente no tiene nombre",
     "has no name"),
    (_bundle({**ROSA, "name": [{"family": 7, "given": ["Rosa"]}]}), "«name.family»", "not in FHIR's shape"),
], ids=["not-json", "not-bundle", "a-list", "an-encounter", "no-name", "name-not-text"])
def test_a_file_that_is_not_a_bundle_of_patients_is_refused_whole(fresh, text, fragment_es, fragment_en):
    with pytest.raises(FhirError) as refused:
        import_patients(fresh, text, "pacientes.json", today=TODAY)
    assert fragment_es in refused.value.message("es") and fragment_en in refused.value.message("en")
    assert patients.count(fresh) == 0


def test_what_the_file_says_is_quoted_with_control_characters_escaped(fresh):
    with pytest.raises(FhirError) as refused:
        import_patients(fresh, _bundle({"resourceType": "Obs\u001b[2Jervation"}), today=TODAY)
    assert "\x1b" not in refused.value.message("es") and "\\u001b" in refused.value.message("es")


def test_a_patient_the_registration_refuses_is_reported_and_the_others_registered(fresh):
    bad_dni = {**ROSA, "name": [{"family": "Huamán", "given": ["Juan"]}], "gender": "male",
               "identifier": [{"system": ROSA["identifier"][0]["system"], "value": "123"}]}
    unknown = {**ROSA, "name": [{"family": "Ccori", "given": ["Luz"]}],
               "identifier": [{"system": "urn:oid:1.2.3", "value": "X1"}]}
    result = import_patients(fresh, _bundle(ROSA, bad_dni, unknown), today=TODAY)
    assert [p.full_name for p in result.registered] == ["Rosa Quispe Mamani", "Luz Ccori"]
    (refused,) = result.refused
    assert refused.index == 2 and refused.name == "Juan Huamán" and "8" in refused.reason.message("es")
    assert result.not_kept == ((3, "urn:oid:1.2.3|X1"),)


# -- malformed bundles thrown at the import ---------------------------------------------------------

_JSON = st.recursive(st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False) | st.text(max_size=6),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                     max_leaves=6)
_PLACES = (("resourceType",), ("entry",), ("entry", 0), ("entry", 0, "resource"), ("entry", 0, "resource", "name"),
           ("entry", 0, "resource", "name", 0), ("entry", 0, "resource", "name", 0, "given"),
           ("entry", 0, "resource", "name", 0, "family"), ("entry", 0, "resource", "name", 0, "_family"),
           ("entry", 0, "resource", "identifier"), ("entry", 0, "resource", "identifier", 0, "system"),
           ("entry", 0, "resource", "birthDate"), ("entry", 0, "resource", "gender"),
           ("entry", 0, "resource", "extension"), ("entry", 0, "resource", "address"),
           ("entry", 0, "resource", "telecom"), ("entry", 0, "resource", "contact"),
           ("entry", 0, "resource", "communication"))


def _broken(mutations: list[tuple[tuple, object]]) -> str:
    """Rosa's bundle with each (place, value) of ``mutations`` written in turn; a place an earlier
    mutation took away is skipped."""
    data = json.loads(_bundle(copy.deepcopy(ROSA)))
    for place, value in mutations:
        target = data
        for step in place[:-1]:
            try:
                target = target[step]
            except (KeyError, IndexError, TypeError):
                break
        else:
            if isinstance(target, dict) or (isinstance(target, list) and isinstance(place[-1], int)
                                            and len(target) > place[-1]):
                target[place[-1]] = value
    return json.dumps(data)


@pytest.fixture(scope="module")
def target_db(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("hypothesis") / "target.db")
    yield store
    store.close()


@settings(derandomize=True, max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.lists(st.tuples(st.sampled_from(_PLACES), _JSON), min_size=1, max_size=4).map(_broken),
                 _JSON.map(json.dumps), st.text(max_size=30)))
def test_malformed_bundles_are_refused_clearly_or_registered_never_crash(target_db, text):
    before = patients.count(target_db)
    try:
        result = import_patients(target_db, text, today=TODAY)
    except FhirError as refused:
        assert refused.message("es") and refused.message("en") and refused.message("es") != refused.message("en")
        assert patients.count(target_db) == before
        return
    assert isinstance(result, ImportResult)
    assert patients.count(target_db) == before + len(result.registered)
    for refused in result.refused:
        assert isinstance(refused.reason, AyniError) and refused.reason.message("en")
