"""Views of what plugins keep in their own tables: physio's fittings (one typed view per aid's fitting
form, units in the column names) and surgery's WHO checklist (phase, item, answer, who, when, and
which answer counts), each listed with its descriptions in the Datasette metadata."""

from __future__ import annotations

import datetime as dt

from ayni.core import stock
from ayni.core.campaign import campaigns
from ayni.core.clinical import encounters
from ayni.core.dates import today_in_lima
from ayni.core.storage.views import analyst_views, datasette_metadata
from ayni.plugins.physio import fit_and_dispense
from ayni.plugins.surgery import cases
from ayni.plugins.surgery.checklist import PHASES

from test_physio import register_child
from test_physio_equipment import WHEELCHAIR
from test_surgery import _to_theatre


def _columns(store, view: str) -> list[str]:
    return [row[1] for row in store.db.execute(f"PRAGMA table_info([{view}])")]


def test_each_aid_has_a_typed_view_of_its_fittings(store):
    child = register_child(store, 7)
    stock.receive(store, "physio.wheelchair", 2, attributes={"kind": "paediatric", "seat_width_cm": 30, "seat_depth_cm": 28})
    encounter = encounters.open_encounter(store, child.id, "physio", "assessment")
    fitting = fit_and_dispense(store, encounter.id, "physio.wheelchair", WHEELCHAIR)
    names = {v.name for v in analyst_views(store.plugins)}
    assert {"form_physio_fit_wheelchair", "form_physio_fit_walker", "form_physio_fit_crutches",
            "form_physio_fit_cane", "form_physio_fit_orthosis"} <= names
    assert {"seat_width_cm", "hip_width_cm", "fitted_by_name", "patient_number"} <= set(
        _columns(store, "form_physio_fit_wheelchair"))
    rows = store.db.execute("SELECT fitting_id, patient_number, item_key, quantity, kind, seat_width_cm, hip_width_cm, "
                            "check_brakes, provision, fitted_by_name FROM form_physio_fit_wheelchair "
                            "WHERE seat_width_cm > hip_width_cm").fetchall()
    assert rows == [(fitting.id, str(child.number), "physio.wheelchair", 1, "paediatric", 30, 27, 1, "donated",
                     "dra.quispe")]
    assert store.db.execute("SELECT count(*) FROM form_physio_fit_walker").fetchone() == (0,)  # another aid's rows


def test_the_who_checklist_has_a_view_of_every_answer_with_the_one_that_counts(store, patient):
    today = today_in_lima()
    campaign = campaigns.create(store, "Campaña", "medical", today - dt.timedelta(days=1), today + dt.timedelta(days=3))
    case = cases.create_case(store, patient.id, {"procedure": "surgery.inguinal_hernia_repair", "side": "right",
                                                 "surgeon": "Dr. Smith", "anaesthetist": "Dra. Núñez"},
                             campaign_id=campaign.id)
    _to_theatre(store, case, campaign.start_date)  # every sign-in item answered
    cases.record_checklist(store, case.id, "sign_in", {"pulse_oximeter": "no"})
    rows = store.db.execute("SELECT case_id, patient_number, procedure, phase, answer, answered_by_name, is_latest "
                            "FROM surgery_checklist_answers WHERE item = 'pulse_oximeter'").fetchall()
    assert sorted(rows, key=lambda r: r[-1]) == [
        (case.id, str(patient.number), "surgery.inguinal_hernia_repair", "sign_in", "yes", "dra.quispe", 0),
        (case.id, str(patient.number), "surgery.inguinal_hernia_repair", "sign_in", "no", "dra.quispe", 1)]
    counted = store.db.execute("SELECT count(*) FROM surgery_checklist_answers WHERE is_latest").fetchone()[0]
    assert counted == len(PHASES[0].items)


def test_the_metadata_describes_the_plugins_table_views(store):
    tables = datasette_metadata(store.db, analyst_views(store.plugins), "ayni", "es")["databases"]["ayni"]["tables"]
    checklist = tables["surgery_checklist_answers"]
    assert checklist["title"] == "Lista de verificación de la OMS" and "is_latest" in checklist["columns"]
    chair = tables["form_physio_fit_wheelchair"]
    assert chair["columns"]["seat_width_cm"] == "Ancho del asiento (cm)"
    assert "cada uno tal como se registró" in chair["description"]
    english = datasette_metadata(store.db, analyst_views(store.plugins), "ayni", "en")["databases"]["ayni"]["tables"]
    assert english["surgery_checklist_answers"]["columns"]["answered_by_name"] == "Who answered"
