"""«Today» is Lima's day, whatever the zone of the laptop's clock: a machine set to UTC is already
on the next day from 19:00 in Lima, one set to California time still on the day before until 02:00."""

from __future__ import annotations

import datetime as dt

import pytest
from clocks import LIMA_DAY, on_a_california_laptop, on_a_utc_laptop

from ayni.cli.demo import bulk_patients
from ayni.core import Field, FieldType, FormSpec, Patient, Sex, Text, ValidationError, open_store, validate_form
from ayni.core.campaign import campaigns
from ayni.core.people import duplicates, patients

SEEN_ON = Field("seen_on", FieldType.DATE, Text("Fecha de atención", "Date seen"))
FORM = FormSpec(key="test.form", version=1, title=Text("Prueba", "Test"), fields=(SEEN_ON,), specialty="test")


def test_an_age_counts_birthdays_by_lima_day():
    tomorrow_born = Patient(id="p", given_names="Ana", paternal_surname="Mamani", maternal_surname="",
                            sex=Sex.FEMALE, birth_date=dt.date(2000, 12, 2))
    with on_a_utc_laptop():
        assert tomorrow_born.age() == 25  # her birthday is tomorrow in Lima


def test_a_campaigns_last_evening_is_still_that_campaign(store):
    ending = campaigns.create(store, "Ocongate", "medical", LIMA_DAY - dt.timedelta(days=4), LIMA_DAY)
    campaigns.create(store, "Sicuani", "medical", LIMA_DAY + dt.timedelta(days=1), LIMA_DAY + dt.timedelta(days=5))
    with on_a_utc_laptop():
        assert campaigns.current_campaign(store) == ending


def test_with_no_campaign_the_one_created_is_for_limas_day(store):
    with on_a_utc_laptop():
        created = campaigns.current_campaign(store)
    assert (created.start_date, created.end_date) == (LIMA_DAY, LIMA_DAY)


def test_tomorrow_in_lima_is_a_future_date_on_a_utc_laptop():
    with on_a_utc_laptop(), pytest.raises(ValidationError) as caught:
        validate_form(FORM, {"seen_on": "2026-12-02"})
    assert caught.value.errors[0].key == "date_in_future"
    assert "2026-12-01" in caught.value.message("en")


def test_today_in_lima_is_not_a_future_date_on_a_laptop_behind_lima():
    with on_a_california_laptop():
        assert validate_form(FORM, {"seen_on": "2026-12-01"})["seen_on"] == LIMA_DAY


def test_a_birth_date_of_limas_tomorrow_is_refused(patient_form):
    with on_a_utc_laptop(), pytest.raises(ValidationError) as caught:
        patients.patient_from_form(patient_form(birth_date="2026-12-02"))
    assert caught.value.errors[0].key == "date_in_future"


def test_an_estimated_age_is_reckoned_from_limas_day(patient_form):
    with on_a_utc_laptop():
        patient = patients.patient_from_form(patient_form(birth_date="", age_years="30"))
    assert patient.birth_date == patients.estimated_birth_date(30, LIMA_DAY)


def test_a_person_registered_by_age_is_compared_on_limas_day(store):
    said_59 = {"given_names": "Justina", "paternal_surname": "Núñez", "maternal_surname": "Ccahuana", "sex": "F",
               "age_years": "59", "id_kind": "none", "community": "Ccorca"}
    with on_a_utc_laptop():
        justina = patients.register(store, said_59)
        [found] = duplicates.candidates(store, {**said_59, "given_names": "Justina Rosa"})
    [on_limas_day] = duplicates.candidates(store, {**said_59, "given_names": "Justina Rosa"}, today=LIMA_DAY)
    assert found.patient.id == justina.id
    assert found.score == on_limas_day.score  # the same estimated birth date: alike by it too


def test_bulk_patients_are_born_by_limas_day(tmp_path):
    store = open_store(tmp_path / "bulk.db", user="bench")
    try:
        with on_a_utc_laptop():
            bulk_patients(store, 100, rng_seed=9)  # seed 9 draws a newborn born «today» (the 92nd)
        latest = store.db.execute("SELECT max(birth_date) FROM patients").fetchone()[0]
        assert latest == LIMA_DAY.isoformat()
    finally:
        store.close()
