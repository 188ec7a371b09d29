"""Case forms saved before numbers were JSON numbers (weight and haemoglobin as text) become JSON
numbers when the database is opened, in place, noted once, and the table stays append-only; each
case form has its typed view."""

from __future__ import annotations

import json
import sqlite3

import pytest
import sqlite_utils

from ayni.core import default_plugins, open_store
from ayni.core.people.names import install_sql_functions
from ayni.core.storage.migrations import core
from ayni.plugins.surgery.migrations import migrations as surgery


@pytest.fixture
def before(tmp_path):
    """A file with every core migration and the surgery plugin's first, holding one pre-op form as
    that Ayni wrote it."""
    path = tmp_path / "before.db"
    db = sqlite_utils.Database(path)
    install_sql_functions(db.conn)
    core.apply(db)
    surgery.apply(db, stop_before="0003_case_form_numbers_as_json_numbers")
    db["users"].insert({"id": "u1", "name": "dra.quispe", "role": "doctor", "created_at": "2025-06-01T08:00:00+00:00"})
    db["campaigns"].insert({"id": "c1", "name": "Campaña 2025", "kind": "surgical", "start_date": "2025-06-10",
                            "end_date": "2025-06-14", "site_id": None, "region": "Cusco", "partner": ""})
    db["patients"].insert({"id": "p1", "given_names": "Rosa", "paternal_surname": "Núñez", "sex": "F",
                           "birth_date": "1974-05-12", "identifiers": "[]", "number": 7, "device": "B",
                           "created_at": "2025-06-10T08:00:00+00:00"})
    db["surgery_cases"].insert({"id": "case1", "patient_id": "p1", "campaign_id": "c1", "procedure": "surgery.hernia",
                                "side": "right", "status": "scheduled", "day": "2025-06-12", "theatre": "1"})
    data = {"weight": "61.5", "hemoglobin": "9.8", "fasting_hours": 8, "allergies": "0", "asa": "2"}
    db["surgery_case_forms"].insert({"id": "f1", "case_id": "case1", "form_key": "surgery.preop", "version": 1,
                                     "data": json.dumps(data, sort_keys=True), "revision": 1,
                                     "saved_at": "2025-06-10T09:00:00+00:00", "saved_by": "u1"})
    db.close()
    return path


def test_case_form_decimals_become_json_numbers_in_their_view_and_the_table_stays_append_only(before):
    store = open_store(before, plugins=default_plugins())
    try:
        db = store.db
        types = dict(db.execute("SELECT j.key, j.type FROM surgery_case_forms, json_each(data) AS j").fetchall())
        assert types == {"allergies": "text", "asa": "text", "fasting_hours": "integer", "hemoglobin": "real",
                         "weight": "real"}
        assert db.execute("SELECT count(*) FROM surgery_case_forms WHERE json_extract(data, '$.hemoglobin') < 10"
                          ).fetchone() == (1,)
        notes = [json.loads(r["data"]) for r in store.audit() if r["action"] == "storage_format"]
        assert notes == [{"migration": "surgery/0003_case_form_numbers_as_json_numbers", "column": "data",
                          "rewritten": {"surgery.preop": 1}, "unknown_forms_kept": {}}]
        view = db.execute("SELECT patient_number, campaign, weight_kg, hemoglobin_g_dl, fasting_hours_h "
                          "FROM form_surgery_preop WHERE hemoglobin_g_dl < 10").fetchall()
        assert view == [("B-0007", "Campaña 2025", 61.5, 9.8, 8)]
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("UPDATE surgery_case_forms SET revision = 2")
    finally:
        store.close()
