"""Plugins rename their own keyword columns (surgery's and optometry's ``by``) in migrations of their
own, declare the renames (``ayni_renamed_columns``), and an export written before the renames still
merges under the new names; the old attribute names still read, with a ``DeprecationWarning``."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from ayni.core.clinical import encounters
from ayni.core.storage.exchange import digest, export
from ayni.core.storage.merge import merge, renamed_columns
from ayni.plugins.optometry import orders
from ayni.plugins.surgery import cases
from ayni.plugins.surgery.checklist import PHASES

from merging import campaign_of, counts, laptop, register

RENAMED = {"surgery_case_events": {"by": "changed_by"}, "surgery_checklist": {"by": "answered_by"},
           "optometry_order_events": {"by": "changed_by"}}
RX = {"sphere": {"od": "-2.25", "os": "-1.75"}, "pd": "61"}
PREOP = {"asa": "II", "allergies": "Ninguna conocida", "weight": "61.5", "fasting_hours": "8", "consent": "sí",
         "consent_witness": "Lic. Mamani", "hemoglobin": "12.8", "anaesthesia_plan": "spinal"}


def _columns(conn, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")]


def as_before_the_renames(path) -> None:
    """Rewrite an export as the Ayni before the plugins' renames wrote it, digest made again."""
    conn = sqlite3.connect(path)
    for table, names in RENAMED.items():
        for old, new in names.items():
            conn.execute(f'ALTER TABLE "{table}" RENAME COLUMN "{new}" TO "{old}"')
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_keyword_columns_renamed' AND migration_set = "
                 "'surgery' OR name = '0003_keyword_columns_renamed' AND migration_set = 'optometry'")
    conn.execute("UPDATE ayni_export SET digest = ?", [digest(conn)])
    conn.commit()
    conn.close()


def _surgery_and_glasses(store):
    """A case screened, scheduled and pre-op done, its sign-in answered; glasses ordered and received."""
    campaign = campaign_of(store)
    rosa = register(store, 1)
    case = cases.create_case(store, rosa.id, {"procedure": "surgery.inguinal_hernia_repair", "side": "right",
                                              "surgeon": "Dr. Smith", "anaesthetist": "Dra. Núñez"},
                             campaign_id=campaign.id)
    cases.schedule(store, case.id, {"day": campaign.start_date.isoformat(), "theatre": "q1", "surgeon": "Dr. Smith"})
    cases.save_form(store, case.id, "surgery.preop", PREOP)
    cases.advance(store, case.id)
    cases.record_checklist(store, case.id, "sign_in", {i.key: "yes" if i.confirm else "no" for i in PHASES[0].items})
    exam = encounters.open_encounter(store, rosa.id, "optometry", "exam")
    encounters.save(store, exam.id, forms={"optometry.exam": RX, "optometry.plan": {"glasses_order": "sí",
                                                                                    "lens_type": "single_vision"}})
    encounters.close(store, exam.id)
    [order] = orders.of_encounter(store, exam.id)
    orders.set_status(store, order.id, "received")
    return case, order


def test_the_plugins_declare_their_renames_and_their_tables_have_the_new_names(store):
    assert {t: renamed_columns(store.plugins)[t] for t in RENAMED} == RENAMED
    assert renamed_columns(store.plugins)["diagnoses"] == {"primary": "is_primary"}  # the core's, beside them
    for table, names in RENAMED.items():
        assert set(names.values()) <= set(_columns(store.db, table)) and "by" not in _columns(store.db, table)


def test_an_export_from_before_the_plugins_renames_merges_under_the_new_names(tmp_path, plugins):
    a, b = laptop(tmp_path, "A", plugins), laptop(tmp_path, "B", plugins)
    case, order = _surgery_and_glasses(a)
    path = export(a, tmp_path / "older.ayni").path
    as_before_the_renames(path)
    assert "by" in _columns(sqlite3.connect(path), "surgery_checklist")

    report = merge(b, path)
    assert report.added["surgery_case_events"] == 3 and report.added["optometry_order_events"] == 2
    assert report.added["surgery_checklist"] == len(PHASES[0].items)
    assert [e.changed_by for e in cases.events(b, case.id)] == [a.user.id] * 3
    assert {answer.answered_by for answer in cases.checklist_answers(b, case.id)["sign_in"].values()} == {a.user.id}
    assert [(e.status, e.changed_by) for e in orders.history(b, order.id)] == [("ordered", a.user.id),
                                                                               ("received", a.user.id)]
    assert b.db.execute("PRAGMA foreign_key_check").fetchall() == []
    before = counts(b)
    assert not merge(b, path).changed and counts(b) == before  # the same file again changes nothing
    a.close()
    b.close()


def test_the_old_attribute_names_still_read_with_a_warning(store):
    event = cases.CaseEvent(id="e1", case_id="c1", from_status="", to_status="screened", changed_by="u1")
    with pytest.warns(DeprecationWarning, match="CaseEvent.by is now CaseEvent.changed_by"):
        assert event.by == "u1"
    with pytest.warns(DeprecationWarning, match="answered_by"):
        answer = cases.ChecklistAnswer(id="a1", case_id="c1", phase="sign_in", item="identity", answer="yes", by="u2")
    assert answer.answered_by == "u2"
    with pytest.warns(DeprecationWarning, match="OrderEvent.by is now OrderEvent.changed_by"):
        assert orders.OrderEvent(id="o1", order_id="g1", status="ordered", at=dt.datetime.now(dt.UTC),
                                 changed_by="u3").by == "u3"
