"""The demo campaign and the bulk path for benchmarks, on real temporary SQLite files."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ayni.cli.demo import DemoAlreadySeeded, bulk_patients, seed
from ayni.core import IdKind, open_store
from ayni.core.people import patients

N = 40


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A store with the demo campaign of ``N`` patients (seeded once for the module)."""
    store = open_store(tmp_path_factory.mktemp("demo") / "demo.db", user="tester")
    summary = seed(store, patients=N)
    yield store, summary
    store.close()


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


def test_seed_is_deterministic_for_a_seed(tmp_path, seeded):
    again = open_store(tmp_path / "again.db", user="tester")
    other = open_store(tmp_path / "other.db", user="tester")
    try:
        seed(again, patients=N)
        seed(other, patients=N, rng_seed=1)
        assert _content(again) == _content(seeded[0])
        assert _content(other)["patients"] != _content(again)["patients"]
    finally:
        again.close()
        other.close()


def test_seed_creates_the_campaign_patients_encounters_and_payments(seeded):
    store, summary = seeded
    assert summary.campaign.name.startswith("Campaña Médica Vilcashuamán")
    assert summary.campaign.start_date <= dt.date.today() <= summary.campaign.end_date
    assert patients.count(store) == summary.patients == N
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


def test_payments_mix_full_sliding_and_waivers_with_reasons(tmp_path):
    store = open_store(tmp_path / "pay.db")
    try:
        seed(store, patients=120)
        kinds = {r["kind"] for r in store.db["payments"].rows}
        assert kinds == {"full", "sliding", "waiver"}
        assert all(r["reason"] for r in store.db["payments"].rows_where("kind = 'waiver'"))
        assert store.db["patients"].count_where("birth_date_estimated = 1") > 0
        assert store.db["patients"].count_where("identifiers LIKE '%cedula_ve%' OR identifiers LIKE '%passport%'")
    finally:
        store.close()


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
