"""Physiotherapy's part of the demo campaign (``ayni_demo``): the physiotherapist assesses those
general medicine referred (knees worn by years of carrying) and a few of the day's people, and
fits what helps from the campaign's stock, checked by the same sizing rules as at the station:
a walker set at the wrist crease, crutches by height, a wheelchair whose seat fits the hips and
thighs. An aid goes out only while one of that kind is on the shelf."""

from __future__ import annotations

import random

from ayni.core import DemoDay, Patient, ProcedureEntry, stock
from ayni.core.clinical import encounters, referrals

from .forms import SPECIALTY
from .fitting import fit_and_dispense

PHYSIOTHERAPIST = ("Lic. Edith Cárdenas Ruiz", "clinician")
#: The aids the campaign arrived with: item, units, the attributes that size them.
STOCK = (
    ("physio.wheelchair", 2, {"kind": "standard", "seat_width_cm": 42, "seat_depth_cm": 40}),
    ("physio.wheelchair", 1, {"kind": "paediatric", "seat_width_cm": 30, "seat_depth_cm": 30}),
    ("physio.walker", 4, {"kind": "fixed"}),
    ("physio.walker", 2, {"kind": "wheeled"}),
    ("physio.crutches", 3, {"kind": "axillary", "size": "M"}),
    ("physio.crutches", 3, {"kind": "forearm", "size": "M"}),
)
SEEN = 0.05


def _walker(rng: random.Random) -> dict:
    wrist = rng.randint(72, 82)
    return {"kind": "fixed", "height_cm": str(wrist + rng.choice((-1, 0, 1))), "wrist_height_cm": str(wrist),
            "check_elbow": True, "check_gait": True, "check_condition": True, "provision": "donated"}


def _crutches(rng: random.Random) -> dict:
    return {"kind": "axillary", "size": "M", "patient_height_cm": str(rng.randint(160, 172)),
            "axilla_gap_fingers": str(rng.choice((2, 3))), "check_handle": True, "check_gait": True,
            "check_tips": True, "provision": "donated"}


def _wheelchair(rng: random.Random) -> dict:
    return {"kind": "standard", "seat_width_cm": "42", "seat_depth_cm": "40", "hip_width_cm": str(rng.randint(37, 40)),
            "thigh_length_cm": str(rng.randint(42, 45)), "check_feet": "sí", "check_brakes": "sí",
            "check_trained": "sí", "check_pressure": "sí", "provision": "donated"}


#: What the physiotherapist finds, by age: (youngest, assessment, diagnosis, aid, its fitting).
CASES = (
    (55, {"category": "musculoskeletal", "pain": "6"}, "M17.9", "physio.walker", _walker),
    (60, {"category": "hemiplegia", "side": "left", "pain": "2"}, "I69.4", "physio.wheelchair", _wheelchair),
    (18, {"category": "amputation", "side": "right", "pain": "3"}, "Z89.5", "physio.crutches", _crutches),
)


def seed_day(demo: DemoDay) -> None:
    """The physiotherapy assessments and fittings of ``demo.day``."""
    rng = demo.rng(SPECIALTY)
    demo.receive_all(STOCK)
    with demo.acting(demo.staff(*PHYSIOTHERAPIST)):
        for patient, referral in demo.patients_for(SPECIALTY, rng, SEEN, from_age=18):
            fitting = [c for c in CASES if demo.age(patient) >= c[0]]
            _assess(demo, rng, patient, CASES[0] if referral else rng.choice(fitting))  # referred for their knees
            if referral:
                referrals.set_status(demo.store, referral.id, "closed")
            demo.later(rng.uniform(20, 30))


def _assess(demo: DemoDay, rng: random.Random, patient: Patient, case: tuple) -> None:
    _, assessment, diagnosis, aid, fitting = case
    visit = encounters.open_encounter(demo.store, patient.id, SPECIALTY, "assessment", demo.campaign.id)
    encounters.save(demo.store, visit.id, forms={"physio.assessment": {
        **assessment, "pain_scale": "numeric", "goal": "Caminar sin dolor hasta la chacra y a la iglesia"}},
        procedures=[ProcedureEntry("physio.assessment")],
        diagnoses=[diagnosis] if diagnosis in demo.store.plugins.diagnoses else [])  # M17.9 is general medicine's
    values = fitting(rng)
    if stock.on_hand(demo.store, aid, {"kind": values["kind"]}):
        fit_and_dispense(demo.store, visit.id, aid, values, today=demo.day)
    encounters.close(demo.store, visit.id)
    demo.pay(rng, visit.id, demo.age(patient))
