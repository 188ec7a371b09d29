"""The local anaesthetic of a dental visit against its maximum by weight: above the maximum refused
naming the figures (nothing written), above the prudent dose a warning saved only with a reason
(kept), a child without a weight refused until one is entered."""

from __future__ import annotations

import pytest

from ayni.core import NeedsAcknowledgement, ValidationError
from ayni.core.clinical import acknowledgements, encounters
from ayni.core.people import patients

EXAM = "dental.exam"


def _patient(store, age: int, weight: str | None):
    fields = {"given_names": "Rosa", "paternal_surname": "Núñez", "sex": "F", "age_years": age, "id_kind": "none"}
    if age < 18:
        fields["guardian_name"] = "Ana Quispe"
    patient = patients.register(store, fields)
    if weight is not None:
        triage = encounters.open_encounter(store, patient.id, "general", "triage")
        encounters.save(store, triage.id, forms={"general.triage": {"weight": weight}})
    return encounters.open_encounter(store, patient.id, "dental", "treatment")


def _exam(anaesthetic: str, cartridges: str) -> dict:
    return {EXAM: {"dentition": "permanent", "anaesthetic": anaesthetic, "cartridges": cartridges}}


def test_above_the_maximum_by_weight_is_refused_naming_the_figures(store, row_counts):
    encounter = _patient(store, 8, "20")  # 7 mg/kg × 20 kg = 140 mg = 3,9 cartridges
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter.id, forms=_exam("lidocaine_epinephrine", "4.5"),
                        acknowledged={"anything": "porque sí"})
    assert not isinstance(refused.value, NeedsAcknowledgement)
    assert refused.value.message("es") == (
        "Cartuchos de anestesia: Lidocaína 2 % con epinefrina: 4,5 cartuchos = 162 mg supera el máximo de 140 mg "
        "(7 mg/kg × 20 kg, hasta 500 mg), es decir 3,9 cartuchos. No se puede registrar más.")
    assert "4.5 cartridges = 162 mg is above the maximum of 140 mg (7 mg/kg × 20 kg, at most 500 mg)" in (
        refused.value.message("en"))
    assert row_counts() == before


def test_without_epinephrine_the_maximum_is_lower(store):
    encounter = _patient(store, 8, "20")  # 4,4 mg/kg × 20 kg = 88 mg
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter.id, forms=_exam("lidocaine_plain", "3"))
    assert "3 cartuchos = 108 mg supera el máximo de 88 mg (4,4 mg/kg × 20 kg, hasta 300 mg)" in (
        refused.value.message("es"))
    encounters.save(store, encounter.id, forms=_exam("lidocaine_plain", "2"))


def test_above_the_prudent_dose_is_saved_only_with_a_reason_and_kept(store):
    encounter = _patient(store, 8, "20")  # prudent 4,4 mg/kg = 88 mg; 3 cartridges = 108 mg
    with pytest.raises(NeedsAcknowledgement) as warned:
        encounters.save(store, encounter.id, forms=_exam("lidocaine_epinephrine", "3"))
    [warning] = warned.value.warnings
    assert "3 cartuchos = 108 mg supera la dosis prudente de 88 mg (4,4 mg/kg × 20 kg, hasta 300 mg); " \
           "el máximo es 140 mg" in warning.message("es")
    encounters.save(store, encounter.id, forms=_exam("lidocaine_epinephrine", "3"),
                    acknowledged={warning.code: "dos cuadrantes, extracción 55 y 65"})
    [kept] = acknowledgements.of_encounter(store, encounter.id)
    assert (kept.warning, kept.reason) == ("dental.anaesthetic_over_prudent:lidocaine_epinephrine",
                                           "dos cuadrantes, extracción 55 y 65")


def test_an_adult_without_weight_is_held_to_the_absolute_maximum(store):
    encounter = _patient(store, 40, None)
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter.id, forms=_exam("lidocaine_epinephrine", "14"))  # 504 mg
    assert "14 cartuchos = 504 mg supera el máximo de 500 mg (sin peso registrado)" in refused.value.message("es")


def test_a_child_without_weight_is_refused_until_one_is_entered(store, row_counts):
    encounter = _patient(store, 6, None)
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter.id, forms=_exam("lidocaine_epinephrine", "1"))
    assert "registre el peso (triaje) y vuelva a guardar" in refused.value.message("es")
    assert row_counts() == before


def test_cartridges_need_the_anaesthetic_named(store):
    encounter = _patient(store, 40, "60")
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter.id, forms={EXAM: {"dentition": "permanent", "cartridges": "1"}})
    assert "Cartuchos de anestesia: indique también el anestésico local usado." in refused.value.message("es")
