"""The dose a vaccination starts at follows the patient's recorded doses of that vaccine, in this
campaign or an earlier one: the next in the vaccine's schedule, said with the day of the one before."""

from __future__ import annotations

import datetime as dt

from ayni.core.campaign import campaigns
from ayni.core.clinical import encounters
from ayni.core.dates import format_date, today_in_lima
from ayni.plugins.general import vaccines


def _given(store, patient, doses: str, campaign_id: str | None = None):
    visit = encounters.open_encounter(store, patient.id, "general", "vaccination", campaign_id=campaign_id)
    encounters.save(store, visit.id, forms={"general.vaccination": {"doses": doses}})
    return visit


def _today_visit(store, patient):
    visit = encounters.open_encounter(store, patient.id, "general", "vaccination")
    return encounters.get_encounter_record(store, visit.id)


def test_a_first_vaccination_starts_at_the_schedules_first_dose(store, patient):
    advice = vaccines.next_dose(store, _today_visit(store, patient), vaccines.BY_KEY["penta"])
    assert advice is None


def test_the_next_dose_follows_the_one_recorded_in_an_earlier_campaign(store, patient):
    today = today_in_lima()
    earlier = campaigns.create(store, "Campaña 2025", "medical", today - dt.timedelta(days=400),
                               today - dt.timedelta(days=395))
    _given(store, patient, "penta 1 P1 2030-01 mi\nrota 1 R1 2030-01 oral", campaign_id=earlier.id)
    visit = _today_visit(store, patient)
    advice = vaccines.next_dose(store, visit, vaccines.BY_KEY["penta"])
    assert advice.dose == "2"
    assert advice.text("es") == f"2.ª dosis: la 1.ª fue el {format_date(today, 'es')}"
    assert advice.text("en") == f"2nd dose: the 1st was given on {format_date(today, 'en')}"


def test_the_latest_dose_of_the_schedule_counts_and_a_corrected_register_is_read_as_corrected(store, patient):
    _given(store, patient, "penta 1 P1 2030-01 mi")
    second = _given(store, patient, "penta 3 P1 2030-01 mi")
    encounters.save(store, second.id, forms={"general.vaccination": {"doses": "penta 2 P1 2030-01 mi"}})
    advice = vaccines.next_dose(store, _today_visit(store, patient), vaccines.BY_KEY["penta"])
    assert advice.dose == "3" and advice.text("es").startswith("3.ª dosis: la 2.ª fue el ")


def test_a_schedule_already_complete_is_said_and_an_annual_dose_comes_again(store, patient):
    _given(store, patient, "spr 2 S1 2030-01 bi\ninfluenza a F1 2030-01 bi")
    visit = _today_visit(store, patient)
    complete = vaccines.next_dose(store, visit, vaccines.BY_KEY["spr"])
    assert complete.dose is None and complete.text("es").startswith("Esquema completo: la 2.ª fue el ")
    assert vaccines.next_dose(store, visit, vaccines.BY_KEY["influenza"]).dose == "a"


def test_a_cancelled_encounters_doses_do_not_count(store, patient):
    opened = _given(store, patient, "penta 1 P1 2030-01 mi")
    encounters.cancel(store, opened.id, "Abierta por error")
    assert vaccines.next_dose(store, _today_visit(store, patient), vaccines.BY_KEY["penta"]) is None
