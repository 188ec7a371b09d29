"""Numbers in form JSON are JSON numbers: a decimal is written from its exact digits and read back
as the same ``Decimal``, SQL compares them as numbers, and a migration rewrites the text that earlier
saves wrote, once, noted in the audit log, without new revisions."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from ayni.core import EYES, Field, FieldType, FormSpec, Text, open_store, validate_form
from ayni.core.clinical import encounters as enc
from ayni.core.clinical.forms import dump_json, load_json, to_json
from ayni.core.model import new_id
from ayni.core.people.names import install_sql_functions
from ayni.core.storage.migrations import core

SAMPLE = FormSpec(
    key="lab.sample", version=1, title=Text("Muestra", "Sample"), specialty="lab",
    fields=(
        Field("hemoglobin", FieldType.DECIMAL, Text("Hemoglobina", "Haemoglobin"), unit="g/dL",
              min=Decimal("1.0"), max=Decimal("25.0"), step=Decimal("0.1")),
        Field("lens", FieldType.DECIMAL, Text("Lente", "Lens"), unit="D", sides=EYES, min=Decimal("-30"),
              max=Decimal("30"), step=Decimal("0.25")),
    ),
)


# -- numbers as JSON numbers ---------------------------------------------------------------------

@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.decimals(min_value=Decimal("-30"), max_value=Decimal("30"), places=2).map(lambda d: d - d % Decimal("0.25")),
       st.decimals(min_value=Decimal("1.0"), max_value=Decimal("25.0"), places=1))
def test_a_decimal_in_range_is_written_as_a_json_number_and_reads_back_equal(lens, hemoglobin):
    values = validate_form(SAMPLE, {"lens": {"od": str(lens)}, "hemoglobin": str(hemoglobin)})
    text = dump_json(to_json(values))
    assert json.loads(text)["hemoglobin"] == float(hemoglobin)  # a number in the JSON, not text
    back = load_json(text)
    assert back["hemoglobin"] == hemoglobin and back["lens"]["od"] == lens
    assert isinstance(back["hemoglobin"], (Decimal, int))


def test_exact_digits_survive_where_a_float_would_round():
    value = Decimal("123456789012345678.123456")
    assert dump_json({"x": value}) == '{"x": 123456789012345678.123456}'
    assert load_json(dump_json({"x": value}))["x"] == value
    with pytest.raises(ValueError):
        dump_json({"x": Decimal("NaN")})


def test_saved_numbers_compare_as_numbers_in_sql(store, patient, campaign):
    light = enc.open_encounter(store, patient.id, "clinic", "triage", campaign.id)
    enc.save(store, light.id, forms={"clinic.vitals": {"weight": "8.6", "height": "72"},
                                     "clinic.note": {"complaint": "250"}})
    heavy = enc.open_encounter(store, patient.id, "clinic", "triage", campaign.id)
    enc.save(store, heavy.id, forms={"clinic.vitals": {"weight": "210.5"}})
    found = store.db.execute("SELECT encounter_id FROM form_data WHERE json_extract(data, '$.weight') > 200").fetchall()
    assert found == [(heavy.id,)]  # as text, '8.6' > 200 would have matched too
    complaint = store.db.execute("SELECT json_type(data, '$.complaint') FROM form_data WHERE form_key = 'clinic.note'")
    assert complaint.fetchone() == ("text",)  # digits typed in a text field stay text
    assert enc.get_encounter_record(store, light.id).form("clinic.vitals")["weight"] == Decimal("8.6")


@pytest.fixture
def old_db(tmp_path):
    """A file at the migration before numbers became JSON numbers, with form data as that Ayni wrote it:
    decimals as text, in built-in plugins' forms (a paired one too) and in a form nobody declares."""
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    install_sql_functions(db.conn)  # the search index's triggers call them
    core.apply(db, stop_before="0022_form_numbers_as_json_numbers")
    rows = [("general.triage", {"weight": "8.6", "height": "72.5", "heart_rate": 120, "allergy_notes": "2"}),
            ("general.triage", {"weight": "250.0", "heart_rate": 80}),
            ("optometry.exam", {"sphere": {"od": "-2.25", "os": "1"}, "notes": "007"}),
            ("gone.form", {"weight": "7.5"})]
    insert_saved_forms(db, rows)
    db.close()
    return path


def insert_saved_forms(db, rows: list[tuple[str, dict]]) -> None:
    """A user, a campaign, a patient and one closed encounter per (form key, data) of ``rows``,
    each with that form saved as ``json.dumps`` wrote it, written straight into an older file."""
    db["users"].insert({"id": "u1", "name": "tester", "role": "clinician", "created_at": "2025-06-10T08:00:00+00:00"})
    db["campaigns"].insert({"id": "c1", "name": "Campaña 2025", "kind": "medical", "start_date": "2025-06-10",
                            "end_date": "2025-06-14", "site_id": None, "region": "Cusco", "partner": ""})
    db["patients"].insert({"id": "p1", "given_names": "Rosa", "paternal_surname": "Núñez", "maternal_surname": "Quispe",
                           "sex": "F", "birth_date": "1974-05-12", "identifiers": "[]", "number": 1,
                           "created_at": "2025-06-10T08:00:00+00:00"})
    for n, (form_key, data) in enumerate(rows):
        encounter = new_id()
        db["encounters"].insert({"id": encounter, "patient_id": "p1", "campaign_id": "c1", "specialty": "general",
                                 "station": "triage", "status": "closed", "opened_at": f"2025-06-1{n}T09:00:00+00:00",
                                 "opened_by": "u1"})
        db["form_data"].insert({"id": new_id(), "encounter_id": encounter, "form_key": form_key, "version": 1,
                                "data": json.dumps(data, sort_keys=True), "revision": 1,
                                "saved_at": f"2025-06-1{n}T09:10:00+00:00", "saved_by": "u1"})


def test_the_migration_turns_stored_decimals_into_json_numbers_once_noted_and_without_revisions(old_db, plugins):
    store = open_store(old_db, user="tester", plugins=plugins)
    try:
        db = store.db
        heavy = "SELECT count(*) FROM form_data WHERE form_key = 'general.triage' AND json_extract(data, '$.weight') > 200"
        assert db.execute(heavy).fetchone()[0] == 1  # before the migration, '8.6' > 200 matched too
        kinds = dict(db.execute("SELECT form_key || ':' || j.key, j.type FROM form_data, json_each(form_data.data) AS j "
                                "WHERE form_key != 'optometry.exam'").fetchall())
        assert kinds["general.triage:weight"] == "real" and kinds["general.triage:heart_rate"] == "integer"
        assert kinds["general.triage:allergy_notes"] == "text"  # a text field that holds a digit stays text
        assert kinds["gone.form:weight"] == "text"  # no spec: kept as it was
        exam = load_json(db.execute("SELECT data FROM form_data WHERE form_key = 'optometry.exam'").fetchone()[0])
        assert exam == {"sphere": {"od": Decimal("-2.25"), "os": Decimal("1")}, "notes": "007"}
        assert db.execute("SELECT count(*), max(revision) FROM form_data").fetchone() == (4, 1)
        notes = [json.loads(r["data"]) for r in store.audit() if r["action"] == "storage_format"]
        assert notes == [{"migration": "core/0022_form_numbers_as_json_numbers", "column": "data",
                          "rewritten": {"general.triage": 2, "optometry.exam": 1}, "unknown_forms_kept": {"gone.form": 1}}]
    finally:
        store.close()
    again = open_store(old_db, user="tester", plugins=plugins)  # run once: opening again changes nothing
    try:
        assert sum(r["action"] == "storage_format" for r in again.audit()) == 1
    finally:
        again.close()
