"""The allergies recorded in triage reach the operating theatre: the pre-op starts with them, the WHO
sign-in's allergy question starts at «sí» and names them, and a pre-op or an answer that says
otherwise is flagged."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core.clinical import encounters
from ayni.plugins.surgery import allergies, cases, checklist

PREOP = {"asa": "II", "consent": "sí", "consent_witness": "Lic. Mamani", "anaesthesia_plan": "local"}


@pytest.fixture
def case(store, campaign, patient):
    triage = encounters.open_encounter(store, patient.id, "general", "triage")
    encounters.save(store, triage.id, forms={"general.triage": {"allergies": ["penicillin"]}})
    return cases.create_case(store, patient.id, {"procedure": "surgery.inguinal_hernia_repair", "surgeon": "Dr. Soto"},
                             campaign_id=campaign.id)


def _preop_done(store, case, campaign, preop):
    """The case with its pre-op done: the WHO «Entrada» is the next thing to answer."""
    cases.schedule(store, case.id, {"day": (campaign.start_date + dt.timedelta(days=1)).isoformat(), "theatre": "q1",
                                    "surgeon": "Dr. Soto"})
    cases.save_form(store, case.id, "surgery.preop", {**PREOP, **preop})
    cases.advance(store, case.id)
    return cases.get_case(store, case.id)


def test_the_preop_starts_with_the_allergies_recorded_in_triage(store, case):
    assert allergies.preop_values(store, case) == {"allergies": "penicilinas"}
    assert allergies.mismatches(store, case) == []  # nothing saved yet, nothing contradicts


def test_the_preop_starts_with_the_weight_taken_in_triage_too(store, campaign, patient):
    from decimal import Decimal

    triage = encounters.open_encounter(store, patient.id, "general", "triage", campaign_id=campaign.id)
    encounters.save(store, triage.id, forms={"general.triage": {"allergies": ["penicillin"], "weight": "62.5"}})
    case = cases.create_case(store, patient.id, {"procedure": "surgery.lipoma_excision"}, campaign_id=campaign.id)
    assert allergies.preop_values(store, case) == {"allergies": "penicilinas", "weight": Decimal("62.5")}
    cases.save_form(store, case.id, "surgery.preop", {**PREOP, "weight": "61"})  # once saved, the pre-op's own
    assert allergies.preop_values(store, case)["weight"] == Decimal("61.0")


def test_the_preop_starts_with_the_screenings_asa_and_haemoglobin(store, campaign, people_without_alerts):
    from decimal import Decimal

    screening = encounters.open_encounter(store, people_without_alerts.id, "surgery", "screening",
                                          campaign_id=campaign.id)
    encounters.save(store, screening.id, forms={"surgery.screening": {
        "planned_procedure": "surgery.umbilical_hernia_repair", "asa": "II", "hemoglobin": "13.2",
        "fit_for_surgery": "sí"}})
    encounters.close(store, screening.id)
    [case] = cases.screening_list(store)
    assert allergies.preop_values(store, case) == {"asa": "II", "hemoglobin": Decimal("13.2")}


def test_the_sign_in_names_them_and_starts_at_yes(store, case, campaign):
    case = _preop_done(store, case, campaign, {"allergies": "penicilina (rash)"})
    form = allergies.checklist_form(store, case, checklist.SIGN_IN)
    assert form.field("known_allergy").help.es == "Registradas: penicilinas"
    assert allergies.checklist_values(store, case, checklist.SIGN_IN) == {"known_allergy": "yes"}
    assert allergies.mismatches(store, case) == []


def test_a_preop_saying_none_and_a_sign_in_answered_no_are_flagged(store, case, campaign):
    case = _preop_done(store, case, campaign, {"allergies": "Ninguna conocida"})
    cases.record_checklist(store, case.id, "sign_in", {"known_allergy": "no"})
    flags = [f.es for f in allergies.mismatches(store, case)]
    assert flags == ["El preoperatorio no menciona alergias registradas: penicilinas.",
                     "Entrada: «¿Tiene alergias conocidas?» = «No», pero tiene registradas: penicilinas."]
    assert allergies.mismatches(store, case)[1].en.startswith("Sign in: «known allergy?» = «No»")


def test_without_recorded_allergies_nothing_is_prefilled_or_flagged(store, campaign, people_without_alerts):
    case = cases.create_case(store, people_without_alerts.id, {"procedure": "surgery.inguinal_hernia_repair"},
                             campaign_id=campaign.id)
    assert allergies.preop_values(store, case) == {}
    assert allergies.checklist_form(store, case, checklist.SIGN_IN) == checklist.SIGN_IN.form
    assert allergies.mismatches(store, case) == []


@pytest.fixture
def people_without_alerts(store):
    from ayni.core.people import patients

    return patients.register(store, {"given_names": "Juan", "paternal_surname": "Mamani", "maternal_surname": "Condori",
                                     "sex": "M", "age_years": 61, "id_kind": "none"})


def test_a_new_screening_starts_with_the_recorded_allergies(store, case, patient):
    screening = encounters.open_encounter(store, patient.id, "surgery", "screening")
    visit = encounters.get_encounter_record(store, screening.id)
    assert encounters.prefill(store, visit, "surgery.screening") == {"allergies": "penicilinas"}
