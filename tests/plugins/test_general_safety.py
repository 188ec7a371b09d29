"""Prescribing safety beyond the dose: pregnancy read from the record (a contraindication refused, a
caution warned about, a woman of childbearing age asked), duplicate therapy and interactions in one
prescription and against what is still running, and the hard ceiling by weight. Each refusal names
the medicines and the figures and writes nothing; each override is kept with its reason."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core import NeedsAcknowledgement, SoftStop, Text, ValidationError, pregnancy_status
from ayni.core.clinical import acknowledgements, encounters
from ayni.core.clinical.prescribing import CONTRAINDICATED, SAFE, PregnancyRule, Prescribed, breastfeeding_stops
from ayni.core.dates import today_in_lima
from ayni.core.people import alerts as person_alerts
from ayni.core.people import patients
from ayni.plugins.general import safety
from ayni.plugins.general.cautions import GROUP_OF, GROUPS, PREGNANCY
from ayni.plugins.general.formulary import BY_KEY, DOSE_RULES
from ayni.plugins.general.interactions import INTERACTIONS


def _woman(store, age: int = 27, sex: str = "F"):
    guardian = {"guardian_name": "Ana Huamán"} if age < 18 else {}
    return patients.register(store, {"given_names": "Carmen", "paternal_surname": "Huamán", "sex": sex,
                                     "age_years": age, "id_kind": "none", **guardian})


def _weeks_ago(weeks: int) -> str:
    """A last menstrual period ``weeks`` weeks and a day before today (Lima)."""
    return (today_in_lima() - dt.timedelta(weeks=weeks, days=1)).isoformat()


def _save(store, patient, forms, station="consultation", **kwargs):
    encounter = encounters.open_encounter(store, patient.id, "general", station)
    return encounter, encounters.save(store, encounter.id, forms=forms, **kwargs)


def _prescribe(store, patient, items, srh=None, **kwargs):
    encounter = encounters.open_encounter(store, patient.id, "general", "srh" if srh else "consultation")
    forms = {"general.prescription": {"items": items}, **({"general.srh": srh} if srh else {})}
    return encounter, lambda **more: encounters.save(store, encounter.id, forms=forms, **{**kwargs, **more})


def _the_warning(save):
    """The one warning a save raises (nothing written)."""
    with pytest.raises(NeedsAcknowledgement) as warned:
        save()
    [warning] = warned.value.warnings
    return warning


# -- pregnancy -----------------------------------------------------------------------------------


def test_a_contraindication_in_the_first_trimester_is_refused_naming_the_weeks(store, row_counts):
    _, save = _prescribe(store, _woman(store), "albendazol_400 1 unica",
                         srh={"pregnant": "sí", "lmp": _weeks_ago(8)})
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        save(acknowledged={"anything": "porque sí"})
    assert not isinstance(refused.value, NeedsAcknowledgement)
    assert ("Medicamentos: Albendazol 400 mg (tableta) está contraindicado en el embarazo (8 semanas, 1.º trimestre): "
            "teratógeno en animales") in refused.value.message("es")
    assert "is contraindicated in pregnancy (8 weeks, trimester 1)" in refused.value.message("en")
    assert row_counts() == before


def test_a_caution_is_a_warning_and_the_override_is_kept_with_its_reason(store):
    encounter, save = _prescribe(store, _woman(store), "albendazol_400 1 unica",
                                 srh={"pregnant": "sí", "lmp": _weeks_ago(20)})
    warning = _the_warning(save)
    assert "precaución en el embarazo (20 semanas, 2.º trimestre)" in warning.message("es")
    save(acknowledged={warning.code: "anemia por uncinarias, beneficio mayor"})
    [kept] = acknowledgements.of_encounter(store, encounter.id)
    assert (kept.warning, kept.reason) == ("core.rx_pregnancy_caution:general.albendazole_400:pregnancy",
                                           "anemia por uncinarias, beneficio mayor")


def test_an_unknown_trimester_is_read_as_the_strictest(store, row_counts):
    _, save = _prescribe(store, _woman(store), "ibuprofeno_400 1 c/8h x3d", srh={"pregnant": "sí"})
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        save()
    assert ("Ibuprofeno 400 mg (tableta) está contraindicado en el embarazo (trimestre no registrado: se toma el "
            "más estricto): en el tercer trimestre cierra el ductus arterioso del feto") in refused.value.message("es")
    assert row_counts() == before


def test_the_pregnancy_recorded_at_another_station_counts(store, row_counts):
    woman = _woman(store)
    _save(store, woman, {"general.srh": {"pregnant": "sí", "lmp": _weeks_ago(30)}}, station="srh")
    _, save = _prescribe(store, woman, "enalapril_10 1 c/24h x30d")
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        save()
    assert "Enalapril 10 mg (tableta) está contraindicado en el embarazo (30 semanas, 3.º trimestre)" in (
        refused.value.message("es"))
    assert "use metildopa o nifedipino" in refused.value.message("es")
    assert row_counts() == before


def test_a_woman_of_childbearing_age_with_unknown_status_is_asked_and_her_answer_recorded(store):
    woman = _woman(store)
    assert pregnancy_status(store, woman.id).state == "unknown"
    encounter, save = _prescribe(store, woman, "ibuprofeno_400 1 c/8h x3d")
    question = _the_warning(save)
    assert question.message("es") == (
        "Medicamentos: Ibuprofeno 400 mg (tableta): contraindicado en el embarazo y no se sabe si la paciente "
        "(27 años) está embarazada. Pregúntele y escriba su respuesta como motivo: «no embarazada (preguntado)» o "
        "«embarazo descartado por prueba» (queda en sus alertas); si lo está, regístrelo (SSR o alertas del "
        "paciente) y vuelva a guardar.")
    assert [o.text.es for o in question.options] == ["no embarazada (preguntado)", "embarazo descartado por prueba"]
    save(acknowledged={question.code: "No embarazada (preguntado)"})
    assert pregnancy_status(store, woman.id).state == "not_pregnant"
    [said] = person_alerts.of_person(store, woman.id, include_resolved=True)
    assert (said.kind, said.status, said.encounter_id) == ("pregnancy", "resolved", encounter.id)
    # asked once: the next prescription in the campaign asks nothing
    _prescribe(store, woman, "metformina_850 1 c/12h x30d")[1]()


def test_another_reason_goes_ahead_but_records_nothing(store):
    woman = _woman(store)
    _, save = _prescribe(store, woman, "metformina_850 1 c/12h x30d")
    with pytest.raises(NeedsAcknowledgement) as warned:
        save()
    save(acknowledged={warned.value.warnings[0].code: "no se pudo preguntar, acompañada"})
    assert pregnancy_status(store, woman.id).state == "unknown"


@pytest.mark.parametrize(("age", "sex"), [(8, "F"), (55, "F"), (30, "M")])
def test_no_question_outside_childbearing_age_or_for_a_man(store, age, sex):
    _prescribe(store, _woman(store, age, sex), "loratadina_10 1 c/24h x5d")[1]()


def test_the_srh_form_saying_not_pregnant_lets_the_medicine_go(store):
    _prescribe(store, _woman(store), "ibuprofeno_400 1 c/8h x3d", srh={"pregnancy_test": "negative"})[1]()


def test_the_visit_alert_reads_the_pregnancy_from_the_persons_alerts(store):
    woman = _woman(store)
    person_alerts.record(store, woman.id, {"kind": "pregnancy", "weeks": 10})
    encounter, save = _prescribe(store, woman, "metformina_850 1 c/12h x30d")
    with pytest.raises(NeedsAcknowledgement) as warned:
        save()
    visit = save(acknowledged={warned.value.warnings[0].code: "diabetes previa, sin insulina"})
    found = {a.key: a for r in store.plugins.hook.ayni_alerts(visit=visit, store=store) for a in r}
    assert found["general.rx.pregnancy.metformin_850"].text.en == "Metformin 850 mg (tablet): caution in pregnancy."


def test_breastfeeding_recorded_in_srh_makes_a_caution_a_warning(store, row_counts):
    woman = _woman(store)
    _save(store, woman, {"general.srh": {"breastfeeding": "sí", "pregnancy_test": "negative"}}, station="srh")
    encounter, save = _prescribe(store, woman, "cotrimoxazol_800 1 c/12h x5d")
    before = row_counts()
    warning = _the_warning(save)
    assert warning.message("es") == (
        "Medicamentos: Sulfametoxazol + trimetoprima 800/160 mg (tableta): precaución en la lactancia (pasa a la "
        "leche); úselo solo si no hay otro adecuado y vigile al bebé.")
    assert row_counts() == before
    save(acknowledged={warning.code: "bebé de 8 meses sin ictericia"})
    assert [a.warning for a in acknowledgements.of_encounter(store, encounter.id)] == [
        "core.rx_breastfeeding_caution:general.cotrimoxazole_800:breastfeeding"]


def test_a_medicine_contraindicated_in_breastfeeding_is_refused():
    rules = {"eyes.x": PregnancyRule.always(SAFE, breastfeeding=CONTRAINDICATED)}
    [refusal] = breastfeeding_stops("items", Text("Medicamentos", "Medicines"),
                                    [Prescribed("eyes.x", Text("Colirio X", "Drops X"))], rules)
    assert not isinstance(refusal, SoftStop)
    assert refusal.message("es") == "Medicamentos: Colirio X está contraindicado en la lactancia. Elija otro medicamento."


# -- duplicate therapy ---------------------------------------------------------------------------


def test_two_of_one_class_in_one_prescription_is_a_warning_naming_both_and_the_class(store, patient, row_counts):
    encounter, save = _prescribe(store, patient, "ibuprofeno_400 1 c/8h x3d; ibuprofeno_suspension 10 c/8h x3d")
    before = row_counts()
    warning = _the_warning(save)
    assert warning.message("es") == (
        "Medicamentos: Ibuprofeno 400 mg (tableta) y Ibuprofeno 100 mg/5 mL, 60 mL (suspensión) son los dos "
        "antiinflamatorios (AINE): terapia duplicada. Deje uno solo, o escriba por qué se dan juntos.")
    assert row_counts() == before
    save(acknowledged={warning.code: "no traga tabletas por la noche"})
    assert [a.reason for a in acknowledgements.of_encounter(store, encounter.id)] == ["no traga tabletas por la noche"]


def test_a_class_still_running_from_earlier_in_the_campaign_is_a_duplicate(store, patient, row_counts):
    _save(store, patient, {"general.prescription": {"items": "amoxicilina_500 1 c/8h x7d"}})
    _, save = _prescribe(store, patient, "amoxicilina_suspension 10 c/8h x5d")
    before = row_counts()
    warning = _the_warning(save)
    day = today_in_lima()
    assert (f"Amoxicilina 250 mg/5 mL, 60 mL (suspensión) y Amoxicilina 500 mg (cápsula) (en curso, recetado el "
            f"{day.day} de") in warning.message("es")
    assert "are both penicillins: duplicate therapy" in warning.message("en")
    assert row_counts() == before


def test_the_same_medicine_again_while_running_says_it_doubles_the_dose(store, patient):
    _save(store, patient, {"general.prescription": {"items": "paracetamol_500 1 c/8h x3d"}})
    with pytest.raises(NeedsAcknowledgement) as warned:
        _prescribe(store, patient, "paracetamol_500 1 c/6h x2d")[1]()
    assert "Paracetamol 500 mg (tableta) ya está en curso (recetado el" in warned.value.warnings[0].message("es")
    assert "giving it again doubles the dose" in warned.value.warnings[0].message("en")


def test_a_course_that_is_over_is_not_running_and_a_cancelled_encounter_never_was(store, patient):
    first, visit = _save(store, patient, {"general.prescription": {"items": "amoxicilina_500 1 c/8h x7d"}})
    day = today_in_lima()
    later = encounters.open_encounter(store, patient.id, "general", "consultation")
    visit = encounters.get_encounter_record(store, later.id)
    assert [m.key for m in safety.running(visit, store, day + dt.timedelta(days=6))] == ["general.amoxicillin_500"]
    assert safety.running(visit, store, day + dt.timedelta(days=7)) == []
    encounters.cancel(store, first.id, "abierta para el paciente equivocado")
    assert safety.running(visit, store, day) == []


# -- interactions --------------------------------------------------------------------------------


def test_a_serious_interaction_with_a_running_medicine_is_refused_naming_both(store, patient, row_counts):
    _save(store, patient, {"general.prescription": {"items": "enalapril_10 1 c/24h x30d"}})
    _, save = _prescribe(store, patient, "cotrimoxazol_800 1 c/12h x5d")
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        save(acknowledged={"anything": "porque sí"})
    assert not isinstance(refused.value, NeedsAcknowledgement)
    message = refused.value.message("es")
    assert "Sulfametoxazol + trimetoprima 800/160 mg (tableta) con Enalapril 10 mg (tableta) (en curso" in message
    assert "interacción grave, riesgo de hiperpotasemia. Elija otro antibiótico" in message
    assert "serious interaction, risk of hyperkalaemia" in refused.value.message("en")
    assert row_counts() == before


def test_a_moderate_interaction_in_one_prescription_is_saved_with_a_reason(store, patient):
    encounter, save = _prescribe(store, patient, "ibuprofeno_400 1 c/8h x3d; enalapril_10 1 c/24h x30d")
    warning = _the_warning(save)
    assert warning.message("es") == (
        "Medicamentos: Ibuprofeno 400 mg (tableta) con Enalapril 10 mg (tableta): interacción moderada, baja el "
        "efecto antihipertensivo y daña el riñón. Prefiera paracetamol; si hace falta, el menor tiempo posible y "
        "controle la presión.")
    save(acknowledged={warning.code: "solo 3 días, presión controlada"})
    [kept] = acknowledgements.of_encounter(store, encounter.id)
    assert kept.warning == "core.rx_interaction_moderate:general.ibuprofen_400+general.enalapril_10"


# -- the hard ceiling by weight ------------------------------------------------------------------


def _child(store, years: int):
    return patients.register(store, {"given_names": "Luis", "paternal_surname": "Mamani", "sex": "M",
                                     "age_years": years, "id_kind": "none", "guardian_name": "Ana Mamani"})


def test_an_adult_dose_for_a_small_child_is_refused_even_with_a_reason(store, row_counts):
    child = _child(store, 1)
    encounter, _ = _save(store, child, {"general.triage": {"weight": "9"}})
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        encounters.save(store, encounter.id, forms={"general.prescription": {"items": "paracetamol_500 2 c/6h x3d"}},
                        acknowledged={"general.rx_per_kg_dose:general.paracetamol_500:dose": "lo pidió la madre"})
    assert not isinstance(refused.value, NeedsAcknowledgement)
    message = refused.value.message("es")
    assert ("Paracetamol 500 mg (tableta): este niño de 9 kg: 1000 mg = 111,1 mg/kg por dosis, más del doble de lo "
            "usual (15 mg/kg); no se puede dar más de 30 mg/kg (270 mg por dosis), ni con un motivo.") in message
    assert "4000 mg al día = 444,4 mg/kg, más del doble de lo usual (60 mg/kg al día); no se puede dar más de " \
           "120 mg/kg (1080 mg al día)" in message
    assert "111.1 mg/kg per dose, more than twice the usual (15 mg/kg)" in refused.value.message("en")
    assert row_counts() == before


def test_within_the_ceiling_stays_a_warning(store):
    child = _child(store, 1)
    encounter, _ = _save(store, child, {"general.triage": {"weight": "9"}})
    with pytest.raises(NeedsAcknowledgement):  # 240 mg = 26,7 mg/kg: above 15, within 30
        encounters.save(store, encounter.id, forms={"general.prescription": {"items": "paracetamol_jarabe 10 c/8h x3d"}})


# -- the data ------------------------------------------------------------------------------------


def test_every_formulary_medicine_has_a_pregnancy_rule_and_a_class():
    assert set(PREGNANCY) == set(BY_KEY) == set(GROUP_OF)
    assert set(GROUP_OF.values()) <= set(GROUPS)


def test_every_interaction_names_two_medicines_that_exist():
    for interaction in INTERACTIONS:
        assert {interaction.first, interaction.second} <= set(BY_KEY)
        assert interaction.first != interaction.second
        assert interaction.severity in ("serious", "moderate")


def test_every_ceiling_is_above_the_usual_range():
    for rule in DOSE_RULES.values():
        assert rule.per_kg_dose is None or rule.ceiling_kg_dose > rule.per_kg_dose
        assert rule.per_kg_day is None or rule.ceiling_kg_day > rule.per_kg_day
