"""What the end-to-end tests run in other processes: writers saving encounters on one database file.

``python workers.py save DB`` saves encounters forever, printing each id once its transaction has
committed (the kill -9 test stops it); :func:`write_many` is the concurrency test's worker.
"""

from __future__ import annotations

import sys

TRIAGE = {"bp_systolic": 118, "bp_diastolic": 76, "heart_rate": 72, "respiratory_rate": 16,
          "temperature": "36.6", "spo2": 92, "weight": "61.5", "height": "156.0"}
CONSULTATION = {"chief_complaint": "Tos hace 3 días", "history": "Sin fiebre", "examination": "Pulmones limpios",
                "plan": "Paracetamol 500 mg c/8 h"}
FORMS_PER_SAVE = 2


def save_one(store, patient_id: str, campaign_id: str) -> str:
    """Open an encounter and save its two forms and a procedure, all in one transaction; its id."""
    from ayni.core.clinical import encounters

    with store.write():
        encounter = encounters.open_encounter(store, patient_id, "general", "consultation", campaign_id)
        encounters.save(store, encounter.id, forms={"general.triage": TRIAGE, "general.consultation": CONSULTATION},
                        procedures=[encounters.ProcedureEntry("general.consultation")])
    return encounter.id


def _targets(store) -> tuple[list[str], str]:
    patients = [r[0] for r in store.db.execute("SELECT id FROM patients ORDER BY number")]
    campaign = store.db.execute("SELECT id FROM campaigns LIMIT 1").fetchone()[0]
    return patients, campaign


def write_many(path: str, writer: int, count: int) -> tuple[int, list[str]]:
    """Save ``count`` encounters as the user ``writer<N>``; the number saved and every error seen."""
    from ayni.core import open_store

    errors: list[str] = []
    saved = 0
    store = open_store(path, user=f"writer{writer}")
    try:
        patients, campaign = _targets(store)
        for n in range(count):
            try:
                save_one(store, patients[(writer + n) % len(patients)], campaign)
                saved += 1
            except Exception as error:  # reported to the test, which expects none
                errors.append(f"{type(error).__name__}: {error}")
    finally:
        store.close()
    return saved, errors


def save_forever(path: str) -> None:
    """Save encounters until killed, printing each id after its commit."""
    from ayni.core import open_store

    store = open_store(path, user="saver")
    patients, campaign = _targets(store)
    n = 0
    while True:
        encounter_id = save_one(store, patients[n % len(patients)], campaign)
        print(encounter_id, flush=True)
        n += 1


if __name__ == "__main__":
    if sys.argv[1] == "save":
        save_forever(sys.argv[2])


def keep_seeing_patients(path: str, started, stop) -> int:
    """A registration desk, a consultation and a cash desk at once, until ``stop`` is set: register
    a new patient, see them (forms, a procedure), close the encounter and take the payment, each its
    own transaction. Sets ``started`` after the first round; returns how many rounds it made."""
    from ayni.core.clinical import encounters
    from ayni.core import open_store
    from ayni.core.people import patients
    from ayni.core.money import payments

    store = open_store(path, user="desk")
    rounds = 0
    try:
        _, campaign = _targets(store)
        while not stop.is_set():
            person = patients.register(store, {"given_names": f"Visitante {rounds}", "paternal_surname": "Condori",
                                               "maternal_surname": "Huaman", "sex": "FM"[rounds % 2],
                                               "age_years": str(18 + rounds % 70), "id_kind": "none",
                                               "community": f"Comunidad {rounds % 7}"})
            encounter_id = save_one(store, person.id, campaign)
            encounters.close(store, encounter_id)
            payments.record(store, encounter_id, "full")
            rounds += 1
            started.set()
    finally:
        store.close()
    return rounds
