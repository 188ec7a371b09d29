"""Surgery's part of the demo campaign (``ayni_demo``): the surgeons screen a few of the day's adults
with a hernia or a lipoma and accept the cataracts the eye team referred; a patient found fit goes
on the screening list. From the list, each day's operations are scheduled in the theatres and
taken through pre-op, the three phases of the WHO Surgical Safety Checklist and the operative
note to completed, every gate as at the station. On the last day the list is scheduled and
pre-op'd but not yet operated, as in a campaign still at work."""

from __future__ import annotations

import random

from ayni.core import DemoDay, Encounter, Patient, ProcedureEntry
from ayni.core.clinical import encounters, referrals
from ayni.core.dates import to_lima

from . import cases
from .cases import CaseStatus
from .checklist import PHASES
from .forms import SPECIALTY

SURGEON = ("Dr. Alberto Salas Vidal", "clinician")
ANAESTHETIST = ("Dra. Lucía Ortiz Mendoza", "clinician")
SCREENED = 0.05
#: What a walk-in is screened for: operation, side, ICD-10 of the indication, anaesthesia.
WALK_INS = (
    ("surgery.inguinal_hernia_repair", "right", "K40.9", "spinal"),
    ("surgery.lipoma_excision", "left", "D17.9", "local"),
)
THEATRES = ("q1", "q2")


def seed_day(demo: DemoDay) -> None:
    """Screen, accept referrals, then operate the list scheduled for ``demo.day``."""
    rng = demo.rng(SPECIALTY)
    surgeon = demo.staff(*SURGEON)
    demo.staff(*ANAESTHETIST)
    with demo.acting(surgeon):
        for referral in referrals.open_referrals(demo.store, SPECIALTY):
            if _of_campaign(demo, referral):
                cases.accept_referral(demo.store, referral.id, {"surgeon": SURGEON[0], "anaesthetist": ANAESTHETIST[0]})
        for patient in demo.people:
            if demo.age(patient) >= 18 and rng.random() < SCREENED:
                _screen(demo, rng, patient)
        waiting = [c for c in cases.screening_list(demo.store, demo.campaign.id)
                   if c.status == CaseStatus.SCREENED and to_lima(c.created_at).date() < demo.day]
        for index, case in enumerate(waiting):
            _operate(demo, rng, case, THEATRES[index % len(THEATRES)])


def _of_campaign(demo: DemoDay, referral) -> bool:
    """Whether the referral was made in the campaign working today (a case is operated in its own)."""
    return demo.store.get(Encounter, "encounters", referral.encounter_id).campaign_id == demo.campaign.id


def _screen(demo: DemoDay, rng: random.Random, patient: Patient) -> None:
    procedure, side, indication, _ = rng.choice(WALK_INS)
    visit = encounters.open_encounter(demo.store, patient.id, SPECIALTY, "screening", demo.campaign.id)
    encounters.save(demo.store, visit.id, forms={"surgery.screening": {
        "planned_procedure": procedure, "side": side, "asa": rng.choice(("I", "II")), "hemoglobin": "13.2",
        "anticoagulants": "no", "allergies": "Ninguna conocida", "fit_for_surgery": "sí"}},
        procedures=[ProcedureEntry("surgery.screening")],
        diagnoses=[indication] if indication in demo.store.plugins.diagnoses else [])
    encounters.close(demo.store, visit.id)  # a patient fit for surgery goes on the list
    demo.pay(rng, visit.id, demo.age(patient))


def _answers(phase) -> dict:
    return {item.key: "yes" if item.confirm else "no" for item in phase.items}


def _operate(demo: DemoDay, rng: random.Random, case, theatre: str) -> None:
    """Schedule today and take the case through pre-op, the checklist and the operative note."""
    anaesthesia = "local" if case.procedure in ("surgery.lipoma_excision", "surgery.cataract_extraction") else "spinal"
    cases.schedule(demo.store, case.id, {"day": demo.day.isoformat(), "theatre": theatre, "surgeon": SURGEON[0],
                                         "anaesthetist": ANAESTHETIST[0]})
    cases.save_form(demo.store, case.id, "surgery.preop", {
        "asa": "II", "allergies": "Ninguna conocida", "weight": f"{rng.uniform(48, 72):.1f}", "fasting_hours": "8",
        "consent": "sí", "consent_witness": "Lic. Julio Ccori Pariona", "hemoglobin": "12.9", "glucose": "94",
        "anaesthesia_plan": anaesthesia})
    demo.later(20)
    cases.advance(demo.store, case.id)
    if demo.last:
        return  # today's list is ready for the theatre
    demo.later(10)
    cases.record_checklist(demo.store, case.id, PHASES[0].key, _answers(PHASES[0]))
    cases.advance(demo.store, case.id)
    start = demo.now()
    demo.later(rng.randint(35, 75))
    end = demo.now()
    if end <= start:  # the day's clock ran out (a very long demo day): the list's first slot
        start, end = start.replace(hour=8, minute=10), start.replace(hour=8, minute=55)
    cases.save_form(demo.store, case.id, "surgery.operative_note", {
        "procedure_performed": case.procedure, "side": case.side, "start_time": f"{start:%H:%M}",
        "end_time": f"{end:%H:%M}", "findings": "Sin hallazgos inesperados", "blood_loss": "20",
        "specimens": "Ninguna", "local_surgeons_trained": "Dr. Huamán"})
    for phase in PHASES[1:]:
        cases.record_checklist(demo.store, case.id, phase.key, _answers(phase))
    cases.advance(demo.store, case.id)
