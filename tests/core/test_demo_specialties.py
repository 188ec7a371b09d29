"""The demo campaign shows the whole engine: every specialty seeded through the same functions a
person's actions call, over several days at two sites, passing every rule (checked here on what it wrote)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from decimal import Decimal

import pytest

from ayni.cli.demo import seed
from ayni.core import open_store
from ayni.core.dates import to_lima, today_in_lima
from ayni.core.storage import devices

@pytest.fixture(scope="module")
def demo(demo_store):
    """A copy of the session's demo campaign."""
    return demo_store


def _rows(store, sql, params=()):
    return store.db.execute(sql, params).fetchall()


def test_every_specialty_has_closed_encounters(demo):
    store, _ = demo
    seen = {s for (s,) in _rows(store, "SELECT DISTINCT specialty FROM encounters WHERE status = 'closed'")}
    assert seen == set(store.plugins.specialties)


#: The form each station's encounter is about, which a closed one must hold.
REQUIRED = {("general", "triage"): "general.triage", ("general", "consultation"): "general.consultation",
            ("dental", "exam"): "dental.exam", ("optometry", "exam"): "optometry.exam",
            ("physio", "assessment"): "physio.assessment", ("surgery", "screening"): "surgery.screening"}


def test_closed_encounters_hold_their_stations_form(demo):
    store, _ = demo
    for encounter_id, specialty, station in _rows(
            store, "SELECT id, specialty, station FROM encounters WHERE status = 'closed'"):
        form = REQUIRED[(specialty, station)]
        assert _rows(store, "SELECT 1 FROM form_data WHERE encounter_id = ? AND form_key = ?", [encounter_id, form]), \
            (specialty, station, form)


def test_the_days_spread_over_two_sites_and_end_today(demo):
    store, summary = demo
    assert len(summary.campaigns) == 2 and len({c.site_id for c in summary.campaigns}) == 2
    days = {to_lima(dt.datetime.fromisoformat(at)).date() for (at,) in _rows(store, "SELECT opened_at FROM encounters")}
    assert len(days) == 5 and max(days) == today_in_lima()
    for campaign in summary.campaigns:  # each encounter is on a day of its own campaign
        for (at,) in _rows(store, "SELECT opened_at FROM encounters WHERE campaign_id = ?", [campaign.id]):
            assert campaign.start_date <= to_lima(dt.datetime.fromisoformat(at)).date() <= campaign.end_date


def test_nobody_is_registered_before_being_born(demo):
    store, _ = demo
    for birth, created in _rows(store, "SELECT birth_date, created_at FROM patients"):
        assert birth is None or dt.date.fromisoformat(birth) <= to_lima(dt.datetime.fromisoformat(created)).date()


def test_no_lot_is_ever_below_zero(demo):
    store, _ = demo
    for lot_id, in _rows(store, "SELECT id FROM stock_lots"):
        running = 0
        for (quantity,) in _rows(store, "SELECT quantity FROM stock_movements WHERE lot_id = ? ORDER BY rowid",
                                 [lot_id]):
            running += quantity
            assert running >= 0, lot_id


def test_readers_go_out_once_per_pair_asked_for(demo):
    store, _ = demo
    asked = {encounter_id for encounter_id, data in _rows(
        store, "SELECT encounter_id, data FROM form_data WHERE form_key = 'optometry.plan'")
        if json.loads(data).get("readers")}
    given = dict(_rows(store, "SELECT m.encounter_id, -SUM(m.quantity) FROM stock_movements m JOIN stock_lots l "
                              "ON l.id = m.lot_id WHERE l.item_key = 'optometry.readers' AND m.kind != 'receive' "
                              "GROUP BY m.encounter_id"))
    assert asked and given == {encounter_id: 1 for encounter_id in asked}


def _medicines_handed_out(store) -> dict[tuple[str, str], int]:
    """Units of each medicine handed out in each encounter: ``{(encounter id, item key): units}``."""
    return {(encounter_id, key): units for encounter_id, key, units in _rows(
        store, "SELECT m.encounter_id, l.item_key, -SUM(m.quantity) FROM stock_movements m JOIN stock_lots l "
               "ON l.id = m.lot_id WHERE m.kind = 'dispense' AND l.item_key LIKE 'general.%' "
               "GROUP BY m.encounter_id, l.item_key")}


def test_the_pharmacy_hands_out_whole_prescriptions_from_unexpired_lots(demo):
    """Each medicine handed out was prescribed in that consultation, in the quantity of the whole
    course, by the pharmacy, from a lot not yet expired on the day it left the shelf."""
    store, _ = demo
    prescribed = {}
    for encounter_id, data in _rows(store, "SELECT encounter_id, data FROM form_data "
                                           "WHERE form_key = 'general.prescription'"):
        for line in json.loads(data)["items"]:
            prescribed[(encounter_id, line["medicine"])] = line["quantity"]
    handed_out = _medicines_handed_out(store)
    assert len(handed_out) > 20
    assert all(prescribed[given] == units for given, units in handed_out.items())
    roles = {role for (role,) in _rows(store, "SELECT DISTINCT u.role FROM stock_movements m JOIN users u "
                                              "ON u.id = m.moved_by WHERE m.kind = 'dispense' AND m.encounter_id IN "
                                              "(SELECT encounter_id FROM form_data WHERE form_key = "
                                              "'general.prescription')")}
    assert "pharmacy" in roles
    for expiry, at in _rows(store, "SELECT l.expiry, m.at FROM stock_movements m JOIN stock_lots l ON l.id = m.lot_id "
                                   "WHERE m.kind = 'dispense'"):
        assert expiry is None or to_lima(dt.datetime.fromisoformat(at)).date() <= dt.date.fromisoformat(expiry)


def test_nobody_is_given_a_medicine_of_a_class_they_are_allergic_to(demo):
    from ayni.plugins.general.formulary import BY_KEY

    store, _ = demo
    allergic = {}
    for patient_id, data in _rows(store, "SELECT e.patient_id, f.data FROM form_data f JOIN encounters e "
                                         "ON e.id = f.encounter_id WHERE f.form_key = 'general.triage'"):
        allergic.setdefault(patient_id, set()).update(set(json.loads(data)["allergies"]) - {"none"})
    assert any(allergic.values())  # the nurse asked, and some said yes
    for patient_id, key in _rows(store, "SELECT e.patient_id, l.item_key FROM stock_movements m JOIN stock_lots l "
                                        "ON l.id = m.lot_id JOIN encounters e ON e.id = m.encounter_id "
                                        "WHERE m.kind = 'dispense' AND l.item_key LIKE 'general.%'"):
        assert not BY_KEY[key].classes & allergic.get(patient_id, set()), (patient_id, key)


def test_the_reports_show_medicines_handed_out_and_stock_going_down(demo):
    from ayni.core import stock
    from ayni.core.documents.reports.figures import build_report

    store, summary = demo
    handed_out = _medicines_handed_out(store)
    final = Counter()
    for campaign in summary.campaigns:  # each site's final report
        final.update({row.code: row.values[0] for table in build_report(store, campaign).tables
                      if table.key == "dispensed" for row in table.rows})
    for key in {key for _, key in handed_out}:
        assert final[key] == sum(units for (_, k), units in handed_out.items() if k == key)
        received, = _rows(store, "SELECT SUM(m.quantity) FROM stock_movements m JOIN stock_lots l ON l.id = m.lot_id "
                                 "WHERE m.kind = 'receive' AND l.item_key = ?", [key])
        assert stock.on_hand(store, key) == received[0] - final[key]
    today = build_report(store, summary.campaign, today_in_lima())
    [dispensed_today] = [table for table in today.tables if table.key == "dispensed"]
    assert any(row.code.startswith("general.") for row in dispensed_today.rows)


def test_aids_are_fitted_from_stock_and_payments_mix_scale_and_waivers(demo):
    store, _ = demo
    assert store.db["physio_fittings"].count > 0
    kinds = {kind for (kind,) in _rows(store, "SELECT kind FROM payments")}
    assert {"sliding", "waiver"} <= kinds
    assert all(reason for (reason,) in _rows(store, "SELECT reason FROM payments WHERE kind = 'waiver'"))


def test_operated_cases_passed_every_checklist_phase_and_have_a_note(demo):
    from ayni.plugins.surgery import cases
    from ayni.plugins.surgery.checklist import PHASES

    store, _ = demo
    completed = [case_id for (case_id,) in _rows(store, "SELECT id FROM surgery_cases WHERE status = 'completed'")]
    assert completed
    for case_id in completed:
        assert cases.missing_phases(store, case_id) == []
        assert cases.latest_form(store, case_id, "surgery.operative_note")
        assert set(cases.checklist_answers(store, case_id)) == {p.key for p in PHASES}


def test_referrals_cross_specialties_and_are_taken_up(demo):
    store, _ = demo
    pairs = {(f, t) for f, t in _rows(store, "SELECT from_specialty, [to] FROM referrals WHERE status != 'open'")}
    assert ("general", "dental") in pairs
    assert ("optometry", "surgery") in pairs or not _rows(store, "SELECT 1 FROM referrals WHERE [to] = 'surgery'")


def test_two_laptops_seed_different_people(tmp_path):
    people = []
    for letter in ("A", "B"):
        store = open_store(tmp_path / f"{letter}.db", user="tester")
        try:
            devices.set_letter(store, letter)
            seed(store, patients=10)
            people.append({(r["given_names"], r["paternal_surname"], r["maternal_surname"], r["birth_date"])
                           for r in store.db["patients"].rows})
        finally:
            store.close()
    assert len(people[0] & people[1]) == 0


def test_an_outside_plugin_adds_its_demo_through_the_same_hook(tmp_path):
    """The guide's paediatrics plugin, loaded beside the built-ins, seeds its own growth checks."""
    import sys
    from pathlib import Path

    from ayni.core import load_plugins

    sys.path.insert(0, str(Path(__file__).parents[1] / "contract"))
    try:
        import pediatrics_example
    finally:
        sys.path.pop(0)
    store = open_store(tmp_path / "outside.db", user="tester",
                       plugins=load_plugins(entry_points=False, extra=(pediatrics_example,)))
    try:
        seed(store, patients=60, today=dt.date(2026, 12, 1))  # a day whose draw has children under five
        growth = _rows(store, "SELECT e.status, f.data FROM encounters e JOIN form_data f ON f.encounter_id = e.id "
                              "WHERE e.specialty = 'pediatrics'")
        assert growth and all(status == "closed" for status, _ in growth)
        assert all(Decimal(str(json.loads(data)["weight"])) > 0 for _, data in growth)
    finally:
        store.close()
