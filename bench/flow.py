"""A campaign day at full scale: 400 patients through register → triage → consultation → cashier →
dispensing, worked by 8 stations at once (each its own process, user, PIN and connection on one
SQLite file). Prints figures; asserts nothing.

    python bench/flow.py                  # 400 patients, 8 stations
    python bench/flow.py --patients 100   # quicker

Stations: 1 registration, 2 triage nurses, 3 general-medicine doctors, 1 cashier, 1 pharmacy. Each
station calls the next patient of its queue (priority, then arrival), does its work through the core
(``patients.register``, ``encounters.save/close``, ``payments.record``, ``stock.dispense``) and sends
them on with ``stations.done``. Reported: the time of each save (p50/p95 per kind and over all), the
total wall time, and patients per hour.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

TRIAGE = {"bp_systolic": 118, "bp_diastolic": 76, "heart_rate": 72, "respiratory_rate": 16,
          "temperature": "36.6", "spo2": 92, "weight": "61.5", "height": "156.0"}
CONSULTATION = {"chief_complaint": "Tos hace 3 días", "history": "Sin fiebre; cocina con leña",
                "examination": "Pulmones limpios", "plan": "Paracetamol 500 mg c/8 h por 3 días"}
ITEM = "general.spacer"

#: (user, role, PIN, station key) of each station process.
STATIONS = [
    ("registro", "registration", "1001", "registration"),
    ("enfermera1", "triage", "2001", "triage"),
    ("enfermera2", "triage", "2002", "triage"),
    ("doctora1", "clinician:general", "3001", "general:consultation"),
    ("doctor2", "clinician:general", "3002", "general:consultation"),
    ("doctora3", "clinician:general", "3003", "general:consultation"),
    ("caja", "cashier", "4001", "cashier"),
    ("farmacia", "pharmacy", "5001", "pharmacy"),
]


def percentile(values: list[float], pct: int) -> float:
    """The ``pct``-th percentile (inclusive method)."""
    return values[0] if len(values) == 1 else statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def prepare(path: Path, patients: int) -> None:
    """The campaign, its stations, the users with PINs, and stock for the pharmacy."""
    from ayni.core.campaign import campaigns, stations
    from ayni.core import open_store, stock
    from ayni.core.people import users

    store = open_store(path, user="setup")
    users.add(store, "admin", "admin", "9999")
    users.login(store, "admin", "9999")
    for name, role, pin, _ in STATIONS:
        users.add(store, name, role, pin)
    users.add(store, "coordinacion", "coordinator", "8888")
    users.login(store, "coordinacion", "8888")
    today = dt.date.today()
    campaigns.create(store, "Campaña de prueba de carga", "medical", today, today + dt.timedelta(days=2))
    stations.configure(store)
    stock.receive(store, ITEM, patients + 10, lot="L1", expiry=today + dt.timedelta(days=365))
    store.close()


def _form(n: int) -> dict:
    rng = random.Random(n)
    return {"given_names": rng.choice(["Rosa", "Juan", "Luz", "Teodoro", "Nilda", "Wilber"]),
            "paternal_surname": rng.choice(["Quispe", "Mamani", "Huamán", "Condori"]),
            "maternal_surname": rng.choice(["Ccori", "Pariona", "Rojas", "Núñez"]), "sex": rng.choice("FM"),
            "age_years": str(rng.randint(18, 85)), "id_kind": "dni", "id_number": f"{40000000 + n}",
            "community": "Vilcas Huamán"}


def _consultation(store, patient_id: str) -> str:
    return store.db.execute("SELECT id FROM encounters WHERE patient_id = ? AND station = 'consultation' "
                            "ORDER BY opened_at DESC, rowid DESC LIMIT 1", [patient_id]).fetchone()[0]


def work(path: str, index: int, patients: int, start_at: float) -> dict[str, list[float]]:
    """One station's day: returns the seconds each of its saves took, by kind."""
    from ayni.core.clinical import encounters
    from ayni.core import open_store, stock
    from ayni.core.people import patients as registry, users
    from ayni.core.money import payments
    from ayni.core.campaign import stations
    from ayni.core.clinical.encounters import ProcedureEntry

    name, _, pin, key = STATIONS[index]
    store = open_store(path, user=name)
    users.login(store, name, pin, station=key)
    times: dict[str, list[float]] = {}

    def timed(kind: str, fn, *args, **kwargs):
        started = time.perf_counter()
        result = fn(*args, **kwargs)
        times.setdefault(kind, []).append(time.perf_counter() - started)
        return result

    while time.time() < start_at:  # every station starts together
        time.sleep(0.01)
    if key == "registration":
        for n in range(patients):
            patient = timed("register", registry.register, store, _form(n))
            timed("queue", stations.enqueue, store, patient.id, "triage", random.Random(n).choice((1, 2, 3, 3, 3)))
        store.close()
        return times
    next_station = {"triage": "general:consultation", "general:consultation": "cashier", "cashier": "pharmacy",
                    "pharmacy": None}[key]
    while store.db.execute("SELECT count(*) FROM queue WHERE station = ? AND status = 'done'",
                           [key]).fetchone()[0] < patients:
        entry = timed("queue", stations.call_next, store, key)
        if entry is None:
            time.sleep(0.01)
            continue
        if key == "triage":
            encounter = stations.open_encounter_for(store, entry)
            timed("save triage", encounters.save, store, encounter.id, forms={"general.triage": TRIAGE},
                  procedures=[ProcedureEntry("general.triage")])
            timed("close", encounters.close, store, encounter.id)
        elif key == "general:consultation":
            encounter = stations.open_encounter_for(store, entry)
            timed("save consultation", encounters.save, store, encounter.id,
                  forms={"general.consultation": CONSULTATION}, procedures=[ProcedureEntry("general.consultation")],
                  diagnoses=["J06.9"])
            timed("close", encounters.close, store, encounter.id)
        elif key == "cashier":
            timed("payment", payments.record, store, _consultation(store, entry.patient_id), "full")
        else:
            timed("dispense", stock.dispense, store, _consultation(store, entry.patient_id), ITEM, 1)
        timed("queue", stations.done, store, entry.id, next_station)
    store.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=400)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ayni-flow-") as folder:
        path = Path(folder) / "flow.db"
        prepare(path, args.patients)
        context = multiprocessing.get_context("spawn")
        start_at = time.time() + 3  # time for the processes to import and log in
        with context.Pool(len(STATIONS)) as pool:
            results = pool.starmap(work, [(str(path), i, args.patients, start_at) for i in range(len(STATIONS))])
        total = time.time() - start_at
        import sqlite3

        conn = sqlite3.connect(path)
        counts = {t: conn.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0]
                  for t in ("patients", "encounters", "form_data", "payments", "stock_movements", "queue")}
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.close()
    merged: dict[str, list[float]] = {}
    for times in results:
        for kind, values in times.items():
            merged.setdefault(kind, []).extend(values)
    print(f"Campaign day: {args.patients} patients, {len(STATIONS)} station processes on one SQLite file "
          f"({sys.platform}, {multiprocessing.cpu_count()} cores)")
    print(f"{'operation':<20} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    saves = []
    for kind in ("register", "save triage", "save consultation", "close", "payment", "dispense", "queue"):
        values = [v * 1000 for v in merged.get(kind, [])]
        if not values:
            continue
        if kind != "queue":
            saves += values
        print(f"{kind:<20} {len(values):>6} {statistics.median(values):>8.1f} {percentile(values, 95):>8.1f} "
              f"{max(values):>8.1f}")
    print(f"{'all saves':<20} {len(saves):>6} {statistics.median(saves):>8.1f} {percentile(saves, 95):>8.1f} "
          f"{max(saves):>8.1f}   (budget: saving an encounter ≤ 20 ms)")
    print(f"total: {total:.1f} s for the whole flow ({args.patients / total * 3600:,.0f} patients/hour)")
    print("rows: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + f"; integrity_check {integrity}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
