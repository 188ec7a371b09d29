"""Decimals nested in a plugin's own value shape (``FormSpec.number_paths``: a prescription's doses,
the exam's logMAR) become JSON numbers in the owning plugin's migration, and a merge of an export
from before form numbers were JSON numbers converts them on the way in, by the same rule."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal

import pytest
import sqlite_utils

from ayni.core import open_store
from ayni.core.clinical import encounters
from ayni.core.clinical.forms import load_json
from ayni.core.people.names import install_sql_functions
from ayni.core.storage.exchange import digest, export
from ayni.core.storage.formnumbers import numbers_as_numbers, numbers_in_form_text
from ayni.core.storage.merge import merge
from ayni.core.storage.migrations import core

from merging import campaign_of, counts, laptop, register
from test_form_json_numbers import insert_saved_forms

NESTED = ("0002_prescription_doses_as_json_numbers", "0004_exam_logmar_as_json_numbers")


def test_the_rule_follows_the_declared_paths_and_keeps_what_is_not_a_number(plugins):
    prescription = plugins.forms["general.prescription"]
    data = {"items": [{"medicine": "general.paracetamol_syrup", "dose": "7.5", "quantity": 1},
                      {"dose": "1E+1"}, {"dose": "media"}], "advice": "2"}
    converted = numbers_as_numbers(data, prescription)
    assert [line["dose"] for line in converted["items"]] == [Decimal("7.5"), Decimal("10"), "media"]
    assert converted["advice"] == "2" and converted["items"][0]["medicine"] == "general.paracetamol_syrup"
    already = '{"items": [{"dose": 0.5}]}'
    assert numbers_in_form_text(already, prescription) is None  # nothing to change: kept byte for byte
    exam = plugins.forms["optometry.exam"]
    assert numbers_as_numbers({"logmar": {"va_sc": {"od": "0.30", "os": None}}}, exam) == {
        "logmar": {"va_sc": {"od": Decimal("0.30"), "os": None}}}


@pytest.fixture
def before_nested(tmp_path, plugins):
    """A file migrated up to the plugins' migrations of nested numbers, its forms as the Ayni before
    0022 wrote them: decimals as text, nested ones too."""
    path = tmp_path / "before.db"
    db = sqlite_utils.Database(path)
    install_sql_functions(db.conn)
    core.apply(db)
    for migrations in plugins.hook.ayni_migrations():
        if migrations:
            migrations.apply(db, stop_before=set(NESTED))
    insert_saved_forms(db, [
        ("general.prescription", {"items": [{"medicine": "general.paracetamol_syrup", "dose": "7.5", "every_h": 6,
                                             "days": 3, "quantity": 1, "note": ""}, {"dose": "media"}],
                                  "advice": "2"}),
        ("optometry.exam", {"va_sc": {"od": "20/40"}, "logmar": {"va_sc": {"od": "0.30"}}}),
        ("general.triage", {"weight": 61.5})])
    db.close()
    return path


def test_the_owning_plugins_migrations_turn_nested_decimals_into_numbers_noted_once(before_nested, plugins):
    store = open_store(before_nested, user="tester", plugins=plugins)
    try:
        kinds = dict(store.db.execute(
            "SELECT form_key, json_type(data, CASE form_key WHEN 'general.prescription' THEN '$.items[0].dose' "
            "WHEN 'optometry.exam' THEN '$.logmar.va_sc.od' ELSE '$.weight' END) FROM form_data").fetchall())
        assert kinds == {"general.prescription": "real", "optometry.exam": "real", "general.triage": "real"}
        prescription = load_json(store.db.execute(
            "SELECT data FROM form_data WHERE form_key = 'general.prescription'").fetchone()[0])
        assert prescription["items"][1]["dose"] == "media" and prescription["advice"] == "2"  # not numbers: kept
        assert store.db.execute("SELECT count(*), max(revision) FROM form_data").fetchone() == (3, 1)
        notes = sorted((json.loads(r["data"]) for r in store.audit() if r["action"] == "storage_format"),
                       key=lambda note: note["migration"])
        assert notes == [
            {"migration": "general/0002_prescription_doses_as_json_numbers", "column": "data",
             "rewritten": {"general.prescription": 1}, "unknown_forms_kept": {}},
            {"migration": "optometry/0004_exam_logmar_as_json_numbers", "column": "data",
             "rewritten": {"optometry.exam": 1}, "unknown_forms_kept": {}}]
    finally:
        store.close()


def as_before_0022(path) -> None:
    """Rewrite an export as an Ayni before 0022 wrote it: every decimal of its saved forms as text."""
    conn = sqlite3.connect(path)
    for rowid, data in conn.execute("SELECT rowid, data FROM form_data").fetchall():
        conn.execute("UPDATE form_data SET data = ? WHERE rowid = ?",
                     [json.dumps(load_json(data), default=str, sort_keys=True), rowid])
    conn.execute("DELETE FROM _sqlite_migrations WHERE name IN (?, ?, ?, ?)",
                 ["0022_form_numbers_as_json_numbers", "0003_case_form_numbers_as_json_numbers", *NESTED])
    conn.execute("UPDATE ayni_export SET digest = ?", [digest(conn)])
    conn.commit()
    conn.close()


def test_a_merge_from_before_0022_brings_numbers_not_text(tmp_path, plugins):
    a, b, c = (laptop(tmp_path, letter, plugins) for letter in "ABC")
    campaign_of(a)
    rosa = register(a, 1)
    triage = encounters.open_encounter(a, rosa.id, "clinic", "triage")
    encounters.save(a, triage.id, forms={"clinic.vitals": {"weight": "8.6", "height": "72"}})
    exam = encounters.open_encounter(a, rosa.id, "optometry", "exam")
    encounters.save(a, exam.id, forms={"optometry.exam": {"va_sc": {"od": "20/40", "os": "20/20"}}})
    merge(b, export(a, tmp_path / "now.ayni").path)  # B holds A's forms, numbers as numbers
    old = export(a, tmp_path / "older.ayni").path
    as_before_0022(old)
    assert sqlite3.connect(old).execute("SELECT count(*) FROM form_data WHERE json_type(data, '$.weight') = 'text' "
                                        "OR json_type(data, '$.logmar.va_sc.od') = 'text'").fetchone() == (2,)

    before = counts(b)
    again = merge(b, old)  # the same forms, only written as text: nothing to take, nothing to check
    assert not again.changed and again.conflicts == () and counts(b) == before

    report = merge(c, old)
    assert report.added["form_data"] == 2
    forms = "SELECT id, data FROM form_data ORDER BY id"
    assert c.db.execute(forms).fetchall() == b.db.execute(forms).fetchall()
    assert c.db.execute("SELECT json_type(data, '$.weight') FROM form_data WHERE form_key = 'clinic.vitals'"
                        ).fetchone() == ("real",)
    entry = next(json.loads(r["data"]) for r in c.audit() if r["action"] == "merge" and r["table_name"] == "ayni_export")
    assert entry["numbers_as_numbers"] == {"form_data": {"clinic.vitals": 1, "optometry.exam": 1}}
    for store in (a, b, c):
        store.close()
