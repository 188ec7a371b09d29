"""Accepting a referral to surgery fills in the case from it: the operation its reason suggests (an
ICD-10 code or the words of the reason), that operation's service, and the eye or side it names;
the operations are searched by name, accents and case ignored."""

from __future__ import annotations

import pytest

from ayni.core import ValidationError
from ayni.core.clinical import encounters, referrals
from ayni.plugins.surgery import cases
from ayni.plugins.surgery.forms import OPERATION_INDEX


@pytest.fixture
def consult(store, campaign, patient):
    return encounters.open_encounter(store, patient.id, "general", "consultation", campaign_id=campaign.id)


def test_a_cataract_referral_of_the_right_eye_fills_operation_service_and_side(store, consult):
    referral = referrals.refer(store, consult.id, "surgery", "cataract", side="od")
    assert referral.side == "right"
    assert cases.referral_defaults(store, referral) == {"procedure": "surgery.cataract_extraction",
                                                 "service": "ophthalmology", "side": "right",
                                                 "indication": "cataract"}
    case = cases.accept_referral(store, referral.id)
    assert (case.procedure, case.service, case.side) == ("surgery.cataract_extraction", "ophthalmology", "right")


def test_an_icd_code_or_spanish_words_suggest_the_operation(store, consult):
    hernia = referrals.refer(store, consult.id, "surgery", "K40.9", side="left")
    assert cases.referral_defaults(store, hernia) == {"procedure": "surgery.inguinal_hernia_repair", "service": "general",
                                               "side": "left", "indication": "K40.9"}
    assert cases.suggested_operation("Pterigión") == "surgery.pterygium_excision"
    assert cases.suggested_operation("hernia") is None  # several operations: the surgeon chooses


def test_what_the_person_confirms_wins_over_the_referral(store, consult):
    referral = referrals.refer(store, consult.id, "surgery", "cataract", side="os")
    case = cases.accept_referral(store, referral.id, {"procedure": "surgery.pterygium_excision", "side": "right"})
    assert (case.procedure, case.service, case.side) == ("surgery.pterygium_excision", "ophthalmology", "right")


def test_an_unknown_side_is_refused_and_nothing_written(store, consult, row_counts):
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        referrals.refer(store, consult.id, "surgery", "cataract", side="arriba")
    assert refused.value.message("es") == "Lado: elija una de: right, left, bilateral."
    assert row_counts() == before


def test_an_optometry_cataract_referral_carries_its_eye(store, patient):
    exam = {"va_sc": {"od": "CF", "os": "6/60"}, "va_ph": {"od": "CF", "os": "6/36"}, "cataract": {"od": "mature"}}
    visit = encounters.open_encounter(store, patient.id, "optometry", "exam")
    encounters.save(store, visit.id, forms={"optometry.exam": exam,
                                            "optometry.plan": {"referral": "cataract", "referral_eye": "od"}})
    encounters.close(store, visit.id)
    [referral] = referrals.open_referrals(store, "surgery")
    case = cases.accept_referral(store, referral.id)
    assert (case.procedure, case.service, case.side) == ("surgery.cataract_extraction", "ophthalmology", "right")


@pytest.mark.parametrize(("typed", "found"), [
    ("catarata", "surgery.cataract_extraction"),
    ("HERNIOPLASTIA ingu", "surgery.inguinal_hernia_repair"),
    ("palatoplastía", "surgery.cleft_palate_repair"),
    ("tonsil", "surgery.tonsillectomy"),
])
def test_operations_are_found_by_name_in_either_language_ignoring_accents(typed, found):
    assert OPERATION_INDEX.search(typed) == [found]
