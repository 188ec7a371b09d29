"""Optometry's part of the demo campaign (``ayni_demo``): the eye team examines about a third of the
day's people over 40, and those general medicine referred. Presbyopes get readers of the power in
stock nearest their addition, handed out once when the encounter closes; people with a pterygium
get sunglasses; a mature cataract is referred to the campaign's surgeons, who operate on a later day."""

from __future__ import annotations

import random
from decimal import Decimal

from ayni.core import DemoDay, Patient, ProcedureEntry, stock
from ayni.core.clinical import encounters, referrals

from .codes import LUBRICANT, READERS, SUNGLASSES
from .forms import SPECIALTY

OPTOMETRIST = ("Lic. Rosa Ayala Poma", "clinician")
#: What the campaign arrived with: readers of every usual power, sunglasses and drops.
READER_POWERS = ("1.00", "1.50", "2.00", "2.50", "3.00", "3.50")
STOCK = (*((READERS, 25, {"power": f"+{p}"}) for p in READER_POWERS), (SUNGLASSES, 40, {}), (LUBRICANT, 30, {}))
SEEN_OVER_40 = 0.3
CATARACT_FROM = 60


def seed_day(demo: DemoDay) -> None:
    """The eye exams of ``demo.day``."""
    rng = demo.rng(SPECIALTY)
    demo.receive_all(STOCK)
    with demo.acting(demo.staff(*OPTOMETRIST)):
        for patient, referral in demo.patients_for(SPECIALTY, rng, SEEN_OVER_40, from_age=40):
            _examine(demo, rng, patient, pterygium=referral is not None)
            if referral:
                referrals.set_status(demo.store, referral.id, "closed")
            demo.later(rng.uniform(8, 15))


def _addition(age: int) -> str:
    """The near addition usual for the age: +1.00 at 40, a quarter more every two and a half years, up to +3.00."""
    steps = min(8, max(0, (age - 40) * 2 // 5))
    return str(Decimal("1.00") + Decimal("0.25") * steps)


def _examine(demo: DemoDay, rng: random.Random, patient: Patient, pterygium: bool) -> None:
    age = demo.age(patient)
    exam = {"va_sc": {"od": rng.choice(("20/25", "20/30", "20/40")), "os": rng.choice(("20/25", "20/30", "20/40"))},
            "near_sc": {"ou": rng.choice(("N10", "N14", "N20"))}}
    plan: dict = {}
    diagnoses = []
    if age >= 40 and stock.on_hand(demo.store, READERS):  # the team hands out what is left
        exam["add"] = {"od": _addition(age), "os": _addition(age)}
        plan["readers"] = "sí"
        diagnoses.append("H52.4")
    if pterygium or rng.random() < 0.1:
        exam["pterygium"] = {"od": "2", "os": "1"}
        diagnoses.append("H11.0")
        if stock.on_hand(demo.store, SUNGLASSES):
            plan["sunglasses"] = "sí"
    if age >= CATARACT_FROM and rng.random() < 0.25:
        exam.update(va_sc={"od": "CF", "os": "20/60"}, cataract={"od": "mature"})
        plan.update(referral="cataract", referral_eye="od", referral_urgency="priority",
                    referral_notes="Catarata madura, visión cuenta dedos")
        diagnoses.append("H25.1")
    procedures = [ProcedureEntry("optometry.screening"), ProcedureEntry("optometry.refraction")]
    visit = encounters.open_encounter(demo.store, patient.id, SPECIALTY, "exam", demo.campaign.id)
    encounters.save(demo.store, visit.id, forms={"optometry.exam": exam, **({"optometry.plan": plan} if plan else {})},
                    procedures=procedures, diagnoses=diagnoses)
    encounters.close(demo.store, visit.id)  # hands out the readers and sunglasses, refers the cataract
    demo.pay(rng, visit.id, age)
