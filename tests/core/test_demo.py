"""The demo campaign and the bulk path for benchmarks, on real temporary SQLite files."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ayni.cli.demo import DemoAlreadySeeded, bulk_patients, seed
from ayni.core import IdKind, model, open_store
from ayni.core.campaign.demo import DEMO_SEEDED
from ayni.core.dates import to_lima, today_in_lima
from ayni.core.model import utcnow
from ayni.core.people import patients


@pytest.fixture(scope="module")
def seeded(demo_store):
    """A copy of the session's demo campaign (tests/core/conftest.py)."""
    return demo_store


def _content(store) -> dict:
    """Everything the demo wrote, without record ids and timestamps."""
    people = [
        (r["given_names"], r["paternal_surname"], r["maternal_surname"], r["sex"], r["birth_date"],
         r["identifiers"], r["community"], r["guardian"])
        for r in store.db["patients"].rows_where(order_by="rowid")
    ]
    forms = [r["data"] for r in store.db["form_data"].rows_where(order_by="rowid")]
    paid = [(r["kind"], r["amount"], r["reason"]) for r in store.db["payments"].rows_where(order_by="rowid")]
    diagnoses = [r["code"] for r in store.db["diagnoses"].rows_where(order_by="rowid")]
    referred = [(r["from_specialty"], r["to"], r["reason"], r["status"])
                for r in store.db["referrals"].rows_where(order_by="rowid")]
    moved = [(r["kind"], r["quantity"]) for r in store.db["stock_movements"].rows_where(order_by="rowid")]
    operated = [(r["procedure"], r["status"], r["day"]) for r in store.db["surgery_cases"].rows_where(order_by="rowid")]
    return {"patients": people, "forms": forms, "payments": paid, "diagnoses": diagnoses, "referrals": referred,
            "stock": moved, "cases": operated}


def test_seed_is_deterministic_for_a_seed(tmp_path):
    stores = [open_store(tmp_path / f"{name}.db", user="tester") for name in ("first", "again", "other")]
    try:
        for store, rng_seed, n in zip(stores, (2026, 2026, 1), (30, 30, 10)):
            seed(store, patients=n, rng_seed=rng_seed)
        first, again, other = (_content(store) for store in stores)
        assert len(first["patients"]) == 30 and again == first
        assert not set(other["patients"]) & set(first["patients"])
    finally:
        for store in stores:
            store.close()


def test_seed_creates_the_campaign_patients_encounters_and_payments(seeded):
    store, summary = seeded
    assert summary.campaign.name.startswith("Campaña Médica Vilcashuamán")
    assert summary.campaign.start_date <= today_in_lima() <= summary.campaign.end_date
    assert patients.count(store) == summary.patients > 0
    assert store.db["encounters"].count == summary.encounters > 0
    assert store.db["payments"].count == summary.payments > 0
    assert store.db["encounters"].count_where("status = 'open'") >= 1  # someone is waiting for the doctor


def test_nunez_is_found_by_typing_nunez(seeded):
    store, _ = seeded
    found = patients.search(store, "nunez")
    assert found
    assert all("Núñez" in (p.paternal_surname, p.maternal_surname) for p in found)


def test_identifiers_are_unique_dnis_have_eight_digits(seeded):
    store, _ = seeded
    values = [i.value for p in store.rows(patients.Patient, "patients", "1 = 1") for i in p.identifiers]
    assert len(values) == len(set(values))
    dnis = [i.value for p in store.rows(patients.Patient, "patients", "1 = 1") for i in p.identifiers
            if i.kind == IdKind.DNI]
    assert dnis and all(len(v) == 8 and v.isdigit() for v in dnis)


def test_minors_have_guardians(seeded):
    store, _ = seeded
    minors = [p for p in store.rows(patients.Patient, "patients", "1 = 1") if p.age() < patients.ADULT_AGE]
    assert minors
    assert all(p.guardian and p.guardian.name and p.guardian.relationship for p in minors)


def test_payments_mix_full_sliding_and_waivers_with_reasons(seeded):
    store, _ = seeded
    kinds = {r["kind"] for r in store.db["payments"].rows}
    assert kinds == {"full", "sliding", "waiver"}
    assert all(r["reason"] for r in store.db["payments"].rows_where("kind = 'waiver'"))
    assert store.db["patients"].count_where("birth_date_estimated = 1") > 0
    assert store.db["patients"].count_where("identifiers LIKE '%cedula_ve%' OR identifiers LIKE '%passport%'")


def test_every_write_is_audited_by_a_named_user(seeded):
    store, _ = seeded
    audited = {(r["table_name"], r["record_id"]) for r in store.db["audit_log"].rows}
    for table in ("users", "sites", "campaigns", "patients", "encounters", "form_data", "procedures",
                  "diagnoses", "payments", "referrals", "stock_lots", "stock_movements", "physio_fittings",
                  "surgery_cases", "surgery_case_forms", "surgery_checklist"):
        ids = [r["id"] for r in store.db[table].rows]
        assert ids, table
        assert all((table, i) in audited for i in ids), table
    users = {r["id"]: r["name"] for r in store.db["users"].rows}
    assert all(r["user_id"] in users for r in store.db["audit_log"].rows)
    consult_writers = {users[r["opened_by"]] for r in store.db["encounters"].rows_where("station = 'consultation'")}
    assert consult_writers == {"Dra. Carmen Huamaní Rojas"}


def test_the_audit_log_says_the_demo_was_seeded_at_the_real_time(seeded):
    """One entry opens the demo, before all of its records: what it is, its days, and when it was
    really seeded, later than every record laid on the demo's earlier days."""
    store, summary = seeded
    [opening] = store.db["audit_log"].rows_where("action = ?", [DEMO_SEEDED])
    note = json.loads(opening["data"])
    assert note["demo"] == summary.name and opening["at"] == note["seeded_at"]
    assert note["first_day"] == summary.campaigns[0].start_date.isoformat()
    assert note["last_day"] == (summary.campaigns[-1].end_date - dt.timedelta(days=1)).isoformat()
    [campaigns_first] = store.db.execute("SELECT min(id) FROM audit_log WHERE table_name = 'campaigns' "
                                         "AND action = 'insert'").fetchone()
    assert opening["id"] < campaigns_first
    [earlier_days] = store.db.execute("SELECT max(at) FROM audit_log WHERE id > ? AND at < ?",
                                      [opening["id"], f"{note['last_day']}T00"]).fetchone()
    assert earlier_days < opening["at"]


def test_a_save_after_the_demo_is_stamped_with_the_real_time(open_demo_copy):
    store, _ = open_demo_copy()
    try:
        before = utcnow()
        registered = patients.register(store, {"given_names": "Rosa", "paternal_surname": "Quispe", "sex": "F",
                                               "age_years": "30", "id_kind": "none"})
        after = utcnow()
        stamped = dt.datetime.fromisoformat(store.audit(registered.id)[0]["at"])
        assert before <= stamped <= after
        assert before <= dt.datetime.fromisoformat(store.row("patients", registered.id)["created_at"]) <= after
    finally:
        store.close()


def test_only_the_demo_runner_lays_records_in_the_past_and_only_while_seeding(store):
    import threading

    from ayni.core.campaign.demo import DayClock, seeding

    today = today_in_lima()
    past = DayClock(today - dt.timedelta(days=3))
    assert not hasattr(model, "clock")  # nothing else can set the clock
    elsewhere = []
    with seeding(store, "Demo", (past.day, today)) as seeder:
        with seeder.on(past):
            assert to_lima(utcnow()).date() == past.day
            station = threading.Thread(target=lambda: elsewhere.append(utcnow()))  # another station, meanwhile
            station.start()
            station.join()
        assert to_lima(utcnow()).date() >= today
    assert to_lima(elsewhere[0]).date() >= today
    with pytest.raises(RuntimeError):
        with seeder.on(past):
            pass
    assert to_lima(utcnow()).date() >= today


def test_seeding_twice_is_refused(seeded):
    store, _ = seeded
    before = patients.count(store)
    with pytest.raises(DemoAlreadySeeded) as refused:
        seed(store, patients=5)
    assert "ya está en la base de datos" in refused.value.message("es")
    assert patients.count(store) == before


def test_bulk_patients_are_searchable_valid_and_audited_one_entry_each(tmp_path):
    store = open_store(tmp_path / "bulk.db", user="bench")
    try:
        bulk_patients(store, 2500)
        assert patients.count(store) == 2500
        rows = list(store.db["patients"].rows_where(limit=1, order_by="rowid desc"))
        last = patients.get(store, rows[0]["id"])
        assert patients.search(store, last.identifiers[0].value)[0].id == last.id
        assert patients.search(store, f"{last.given_names} {last.paternal_surname}")
        entries = list(store.db["audit_log"].rows_where("table_name = 'patients'"))
        assert len(entries) == 2500
        assert len({e["record_id"] for e in entries}) == 2500
        registered = patients.register(store, {"given_names": "Rosa", "paternal_surname": "Quispe", "sex": "F",
                                               "age_years": "30", "id_kind": "none"})
        one = store.audit(registered.id)[0]
        assert set(json.loads(entries[0]["data"])) == set(json.loads(one["data"]))  # same shape as register()
    finally:
        store.close()


def test_the_demo_campaign_arrives_with_stock_to_dispense(seeded):
    """Readers of every usual power, kits and the formulary are on the shelf, so dispensing can be tried."""
    from ayni.core import stock

    store, _ = seeded
    powers = {b.lot.attributes["power"] for b in stock.available(store, "optometry.readers")}
    assert powers == {"+1.00", "+1.50", "+2.00", "+2.50", "+3.00", "+3.50"}
    kits_out = store.db.execute("SELECT -SUM(m.quantity) FROM stock_movements m JOIN stock_lots l ON l.id = m.lot_id "
                                "WHERE l.item_key = 'dental.hygiene_kit' AND m.kind != 'receive'").fetchone()[0]
    assert kits_out and stock.on_hand(store, "dental.hygiene_kit") == 80 + 60 - kits_out  # the dentist hands them out
    received = dict(store.db.execute("SELECT l.item_key, SUM(m.quantity) FROM stock_movements m JOIN stock_lots l "
                                     "ON l.id = m.lot_id WHERE m.kind = 'receive' GROUP BY l.item_key").fetchall())
    assert set(store.plugins.medicines) <= set(received)
    assert any(stock.on_hand(store, key) < received[key] for key in store.plugins.medicines)  # the pharmacy gave some
