"""Dentistry's part of the demo campaign (``ayni_demo``): the dentist examines about a fifth of the
day's people from three years old, and those general medicine referred on an earlier day. Each
exam charts the odontogram (decay on the molars, a tooth to extract in some adults) and treats
what the campaign treats: fluoride and sealants for children, ART or resin on decayed surfaces, an
extraction under local anaesthetic, a hygiene kit from stock and a payment."""

from __future__ import annotations

import random

from ayni.core import DemoDay, Patient, ProcedureEntry, stock
from ayni.core.clinical import encounters, referrals

from .codes import HYGIENE_KIT, SPECIALTY
from .kits import give_kit, kit_attributes

DENTIST = ("Dr. Raúl Quispe Tello", "clinician")
#: Kits the campaign arrived with, by age group.
KITS = {"child": 80, "adult": 60}
SEEN = 0.2
#: The molars charted, by dentition (primary molars for toddlers, first permanent molars from six).
MOLARS = {"primary": (54, 64, 74, 84), "mixed": (16, 26, 36, 46), "permanent": (16, 26, 36, 46, 17, 27, 37, 47)}


def seed_day(demo: DemoDay) -> None:
    """The dental exams and treatments of ``demo.day``."""
    rng = demo.rng(SPECIALTY)
    demo.receive_all((HYGIENE_KIT, units, {"age_group": group}) for group, units in KITS.items())
    with demo.acting(demo.staff(*DENTIST)):
        for patient, referral in demo.patients_for(SPECIALTY, rng, SEEN, from_age=3):
            _treat(demo, rng, patient)
            if referral:
                referrals.set_status(demo.store, referral.id, "closed")
            demo.later(rng.uniform(10, 20))


def _dentition(age: int) -> str:
    return "primary" if age < 6 else "mixed" if age < 12 else "permanent"


def _treat(demo: DemoDay, rng: random.Random, patient: Patient) -> None:
    age = demo.age(patient)
    dentition = _dentition(age)
    decayed = [t for t in MOLARS[dentition] if rng.random() < 0.35]
    extract = decayed.pop() if age >= 18 and decayed and rng.random() < 0.4 else None
    odontogram = {str(t): {"state": "caries", "surfaces": {"O": "caries"}} for t in decayed}
    exam = {"dentition": dentition, "odontogram": odontogram, "gingiva": rng.choice(("healthy", "gingivitis")),
            "hygiene": rng.choice(("good", "fair", "poor"))}
    procedures = [ProcedureEntry("dental.exam"), ProcedureEntry("dental.hygiene_education")]
    for tooth in decayed:
        code = "dental.art.s1" if age < 12 or rng.random() < 0.5 else "dental.resin.s1"
        procedures.append(ProcedureEntry(code, {"tooth": tooth, "surfaces": ["O"]}))
    if age < 12:
        procedures.append(ProcedureEntry("dental.fluoride"))
        procedures += [ProcedureEntry("dental.sealant", {"tooth": t}) for t in MOLARS[dentition]
                       if t not in decayed and dentition == "mixed"]
    if extract is not None:
        odontogram[str(extract)] = {"state": "extraction"}
        exam.update(anaesthetic="lidocaine_epinephrine", cartridges="1.5")
        procedures.append(ProcedureEntry("dental.extraction.simple", {"tooth": extract}))
    diagnoses = ["K02.1"] if decayed or extract else []
    if exam["gingiva"] == "gingivitis":
        diagnoses.append("K05.1")
    visit = encounters.open_encounter(demo.store, patient.id, SPECIALTY, "exam", demo.campaign.id)
    saved = encounters.save(demo.store, visit.id, forms={"dental.exam": exam}, procedures=procedures,
                            diagnoses=diagnoses)
    if stock.on_hand(demo.store, HYGIENE_KIT, kit_attributes(saved)):  # the dentist hands out what is left
        give_kit(demo.store, saved)
    encounters.close(demo.store, visit.id)
    demo.pay(rng, visit.id, age)
