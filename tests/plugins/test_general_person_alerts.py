"""General medicine feeds the person's alerts: triage and consultation allergies, a pregnancy (or «not
pregnant») from SRH; allergies recorded before the alerts existed become alerts when the database
is upgraded, attributed to who recorded them."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core import ValidationError, open_store, pregnancy_status
from ayni.core.clinical import encounters
from ayni.core.dates import today_in_lima
from ayni.core.people import alerts, patients

TODAY = today_in_lima()


def _save(store, patient, station, forms):
    encounter = encounters.open_encounter(store, patient.id, "general", station)
    return encounters.save(store, encounter.id, forms=forms)


def test_triage_allergies_become_the_persons_and_a_later_none_keeps_them(store, patient):
    _save(store, patient, "triage", {"general.triage": {"allergies": ["penicillin", "nsaid"],
                                                         "allergy_notes": "mariscos"}})
    found = alerts.allergies(store, patient.id)
    assert [(a.code, a.source) for a in found] == [("penicillin", "general.triage"), ("nsaid", "general.triage"),
                                                    ("", "general.triage")]
    assert found[0].label("en").startswith("penicillins")
    assert alerts.summary(found, "es") == "⚠ Alergias: penicilinas, antiinflamatorios AINE, mariscos"
    _save(store, patient, "consultation", {"general.consultation": {"chief_complaint": "tos", "plan": "control",
                                                                    "allergies": ["none"]}})
    _save(store, patient, "triage", {"general.triage": {"allergies": ["penicillin"]}})
    assert len(alerts.allergies(store, patient.id)) == 3  # nothing repeated, nothing removed


def test_srh_records_a_pregnancy_with_its_weeks_and_a_negative_test_ends_it(store, patient):
    lmp = TODAY - dt.timedelta(weeks=12, days=2)
    _save(store, patient, "srh", {"general.srh": {"pregnant": "yes", "lmp": lmp.isoformat()}})
    status = pregnancy_status(store, patient.id)
    assert (status.state, status.weeks, status.trimester) == ("pregnant", 12, 1)
    assert "Embarazo 12 sem" in alerts.summary(alerts.of_person(store, patient.id), "es")
    _save(store, patient, "srh", {"general.srh": {"pregnancy_test": "negative"}})
    assert pregnancy_status(store, patient.id).state == "not_pregnant"
    assert [a.kind for a in alerts.of_person(store, patient.id)] == []


def test_a_negative_test_alone_says_not_pregnant_today(store, patient):
    _save(store, patient, "srh", {"general.srh": {"pregnancy_test": "negative"}})
    assert pregnancy_status(store, patient.id).state == "not_pregnant"
    assert pregnancy_status(store, patient.id, on=TODAY + dt.timedelta(days=30)).state == "unknown"


def test_allergies_recorded_before_the_alerts_existed_appear_after_the_upgrade(tmp_path):
    path = tmp_path / "old.db"
    store = open_store(path, user="enf.mamani")
    patient = patients.register(store, {"given_names": "Ana", "paternal_surname": "Huamán", "maternal_surname": "Cruz",
                                        "sex": "F", "age_years": 30, "id_kind": "none"})
    visit = _save(store, patient, "triage", {"general.triage": {"allergies": ["sulfonamide"]}})
    saved = visit.forms["general.triage"]
    # the database as it was before: no alerts table, its migrations not run
    store.db.execute("DROP TABLE patient_alerts")
    store.db.execute("DELETE FROM _sqlite_migrations WHERE name IN ('0014_patient_alerts', "
                     "'0001_person_alerts_from_forms')")
    store.close()
    store = open_store(path, user="otra")
    [allergy] = alerts.allergies(store, patient.id)
    assert (allergy.code, allergy.recorded_by, allergy.recorded_at) == ("sulfonamide", saved.saved_by, saved.saved_at)
    assert [e["action"] for e in store.audit(allergy.id)] == ["backfill"]
    store.close()
    again = open_store(path, user="otra")  # the migration ran once: nothing repeated
    assert len(alerts.allergies(again, patient.id)) == 1
    again.close()



def test_an_allergy_typed_on_the_patient_screen_stops_a_prescription(store, patient):
    alerts.record(store, patient.id, {"kind": "allergy", "text": "alergia a la penicilina (ronchas)"})
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter.id, forms={"general.prescription": {"items": "amoxicilina_500 1 c/8h x7d"}})
    assert "(registrado en las alertas del paciente)" in refused.value.message("es")
    assert "(recorded in the patient's alerts)" in refused.value.message("en")


def test_a_new_consultation_starts_with_the_allergies_recorded_in_triage(store, patient):
    _save(store, patient, "triage", {"general.triage": {"allergies": ["penicillin"], "allergy_notes": "mariscos"}})
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    visit = encounters.get_encounter_record(store, encounter.id)
    assert encounters.prefill(store, visit, "general.consultation") == {"allergies": ["penicillin"],
                                                                       "allergy_notes": "mariscos"}
    assert encounters.prefill(store, visit, "general.prescription") == {}
    saved = encounters.save(store, encounter.id, forms={"general.consultation": {
        "chief_complaint": "tos", "plan": "control", "allergies": ["penicillin", "sulfonamide"]}})
    assert encounters.prefill(store, saved, "general.consultation")["allergies"] == ["penicillin", "sulfonamide"]
