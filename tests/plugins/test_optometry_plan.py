"""Optometry's plan carried out when an encounter closes (readers from stock by nearest power,
sunglasses, the custom glasses order and its statuses, the referral), and the report figures
checked against the data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ayni.core import AyniError, EncounterStatus, ValidationError, stock
from ayni.core.campaign.campaigns import current_campaign
from ayni.core.clinical import encounters, referrals
from ayni.core.dates import to_lima, today_in_lima
from ayni.core.people import patients
from ayni.plugins.optometry import orders, reports
from ayni.plugins.optometry.closing import readers_on_hand

PRESBYOPE = {"va_sc": {"od": "20/30", "os": "20/40"}, "near_sc": {"ou": "N20"}, "add": {"od": "2.25", "os": "2.25"}}
CATARACT = {"va_sc": {"od": "CF", "os": "6/60"}, "va_ph": {"od": "CF", "os": "6/36"}, "cataract": {"od": "mature"}}


def _stock_readers(store, **powers):
    for power, n in powers.items():
        stock.receive(store, "optometry.readers", n, lot="R-2024", attributes={"power": power})


def _close_exam(store, patient, exam, plan=None, diagnoses=()):
    encounter = encounters.open_encounter(store, patient.id, "optometry", "exam")
    forms = {"optometry.exam": exam} | ({"optometry.plan": plan} if plan else {})
    encounters.save(store, encounter.id, forms=forms, diagnoses=list(diagnoses))
    return encounters.close(store, encounter.id)


def _given(store, encounter_id):
    return [(lot.item_key, lot.attributes, n) for lot, n in stock.dispensed(store, encounter_id)]


def test_readers_are_handed_out_at_the_stock_power_nearest_the_addition(store, patient):
    _stock_readers(store, **{"+2.00": 3, "+2.50": 3, "+3.00": 2})
    visit = _close_exam(store, patient, PRESBYOPE, {"readers": "sí"})
    assert visit.encounter.status == EncounterStatus.CLOSED
    assert _given(store, visit.encounter.id) == [("optometry.readers", {"power": "+2.00"}, 1)]  # 2.25: the weaker
    assert stock.on_hand(store, "optometry.readers", {"power": "+2.00"}) == 2


def test_when_the_nearest_power_is_out_the_next_nearest_in_stock_is_given(store, patient):
    _stock_readers(store, **{"2": 1, "+3.00": 4})  # a lot labelled «2» counts as +2.00
    first = _close_exam(store, patient, PRESBYOPE, {"readers": "sí"})
    assert _given(store, first.encounter.id) == [("optometry.readers", {"power": "2"}, 1)]
    second = _close_exam(store, patient, PRESBYOPE, {"readers": "sí"})
    assert _given(store, second.encounter.id) == [("optometry.readers", {"power": "+3.00"}, 1)]
    assert {p: sum(b.quantity for b in lots) for p, lots in readers_on_hand(store).items()} == {Decimal("3.00"): 3}


def test_a_power_asked_for_and_not_in_stock_refuses_the_close_and_writes_nothing(store, patient):
    _stock_readers(store, **{"+1.50": 3, "+2.50": 4})
    encounter = encounters.open_encounter(store, patient.id, "optometry", "exam")
    encounters.save(store, encounter.id, forms={"optometry.exam": PRESBYOPE,
                                                "optometry.plan": {"readers": "sí", "readers_power": "2.00",
                                                                   "sunglasses": "sí", "referral": "cataract",
                                                                   "referral_eye": "od"}})
    counts = {t: store.db[t].count for t in ("stock_movements", "referrals", "audit_log")}
    with pytest.raises(ValidationError) as refused:
        encounters.close(store, encounter.id)
    assert refused.value.message("es").splitlines() == [
        "Potencia de lectura: no quedan lentes de lectura +2.00 en stock; hay +1.50 (3), +2.50 (4).",
        "Cantidad: quedan 0 de «Lentes de sol con filtro UV» sin vencer; se pidieron 1.",
    ]
    assert refused.value.message("en").splitlines()[0] == (
        "Reading power: no reading glasses +2.00 left in stock; there are +1.50 (3), +2.50 (4).")
    assert {t: store.db[t].count for t in counts} == counts
    assert encounters.get_encounter_record(store, encounter.id).encounter.status == EncounterStatus.OPEN


def test_readers_from_an_exam_done_at_another_station(store, patient):
    _stock_readers(store, **{"+1.50": 2})
    _close_exam(store, patient, {"add": {"od": "1.50", "os": "1.50"}})
    handout = encounters.open_encounter(store, patient.id, "optometry", "dispensing")
    encounters.save(store, handout.id, forms={"optometry.plan": {"readers": "sí", "sunglasses": "sí"}})
    stock.receive(store, "optometry.sunglasses", 5)
    encounters.close(store, handout.id)
    assert _given(store, handout.id) == [("optometry.readers", {"power": "+1.50"}, 1),
                                         ("optometry.sunglasses", {}, 1)]


def test_readers_need_a_power_or_an_addition_somewhere(store, patient):
    _stock_readers(store, **{"+1.50": 2})
    handout = encounters.open_encounter(store, patient.id, "optometry", "dispensing")
    encounters.save(store, handout.id, forms={"optometry.plan": {"readers": "sí"}})
    with pytest.raises(ValidationError) as refused:
        encounters.close(store, handout.id)
    assert refused.value.message("es") == \
        "Potencia de lectura: indique la potencia, o anote la adición en el examen visual."
    assert store.db["stock_movements"].count == 1  # the receipt only


def test_a_cataract_referral_reaches_the_surgery_list(store, patient):
    visit = _close_exam(store, patient, CATARACT, {"referral": "cataract", "referral_eye": "od",
                                                   "referral_urgency": "priority",
                                                   "referral_notes": "Catarata madura, visión CD"},
                        diagnoses=["H25.1"])
    [referral] = referrals.open_referrals(store, "surgery")
    assert (referral.encounter_id, referral.patient_id, referral.reason, referral.urgency) == \
        (visit.encounter.id, patient.id, "cataract", "priority")
    assert referral.notes == "OD · Catarata madura, visión CD" and referral.from_specialty == "optometry"


def test_retina_and_glaucoma_go_to_a_hospital_eye_service(store, patient):
    _close_exam(store, patient, {"fundus": {"os": "retinal_detachment"}},
                {"referral": "retina", "referral_eye": "os", "referral_urgency": "urgent"})
    assert referrals.open_referrals(store, "surgery") == []
    [referral] = referrals.open_referrals(store, "hospital:Servicio de oftalmología")
    assert (referral.reason, referral.urgency, referral.notes) == ("retina", "urgent", "OI/OS")


RX = {"sphere": {"od": "-2.25", "os": "-1.75"}, "cylinder": {"od": "-0.75"}, "axis": {"od": "170"}, "pd": "61"}


def test_a_glasses_order_keeps_the_prescription_and_moves_through_its_statuses(store, patient):
    visit = _close_exam(store, patient, RX, {"glasses_order": "sí", "lens_type": "single_vision"})
    [order] = orders.of_encounter(store, visit.encounter.id)
    assert order.prescription == {"od": {"sphere": "-2.25", "cylinder": "-0.75", "axis": 170, "add": None},
                                  "os": {"sphere": "-1.75", "cylinder": "0.00", "axis": None, "add": None}, "pd": 61}
    assert orders.status(store, order.id) == "ordered"
    orders.set_status(store, order.id, "received", note="Lote del laboratorio Cusco")
    orders.set_status(store, order.id, "delivered")
    assert [e.status for e in orders.history(store, order.id)] == ["ordered", "received", "delivered"]
    audited = [a["table_name"] for a in store.audit() if a["table_name"].startswith("optometry_")]
    assert audited == ["optometry_glasses_orders"] + ["optometry_order_events"] * 3


def test_an_order_status_out_of_turn_is_refused_and_nothing_written(store, patient):
    visit = _close_exam(store, patient, RX, {"glasses_order": "sí", "lens_type": "bifocal"})
    [order] = orders.of_encounter(store, visit.encounter.id)
    with pytest.raises(ValidationError) as refused:
        orders.set_status(store, order.id, "delivered")
    assert refused.value.message("es") == ("Estado del pedido: no se puede pasar de «pedido» a «entregado». "
                                           "Desde «pedido» se permite: recibido, anulado.")
    assert refused.value.message("en") == ("Order status: cannot go from «ordered» to «delivered». "
                                           "From «ordered» allowed: received, cancelled.")
    orders.set_status(store, order.id, "cancelled")
    events = store.db[orders.EVENTS].count
    with pytest.raises(ValidationError) as refused:
        orders.set_status(store, order.id, "received")
    assert refused.value.message("es") == "Estado del pedido: ya está «anulado»; no cambia más."
    assert store.db[orders.EVENTS].count == events


def test_an_order_note_with_a_terminal_escape_is_refused_and_nothing_written(store, patient):
    visit = _close_exam(store, patient, RX, {"glasses_order": "sí", "lens_type": "bifocal"})
    [order] = orders.of_encounter(store, visit.encounter.id)
    events = store.db[orders.EVENTS].count
    with pytest.raises(ValidationError) as refused:
        orders.set_status(store, order.id, "received", note="lote\x1b[31m")
    assert refused.value.message("en").startswith("Order notes: contains a control character (U+001B")
    assert store.db[orders.EVENTS].count == events


def test_orders_are_never_overwritten(store, patient):
    import sqlite3

    visit = _close_exam(store, patient, RX, {"glasses_order": "sí", "lens_type": "bifocal"})
    [order] = orders.of_encounter(store, visit.encounter.id)
    for sql in (f"UPDATE {orders.EVENTS} SET status = 'delivered'", f"DELETE FROM {orders.ORDERS}"):
        with pytest.raises(sqlite3.DatabaseError):
            store.db.execute(sql)
    assert orders.status(store, order.id) == "ordered"


def test_a_closed_encounter_cannot_be_closed_twice_so_nothing_is_dispensed_twice(store, patient):
    _stock_readers(store, **{"+2.00": 3})
    visit = _close_exam(store, patient, PRESBYOPE, {"readers": "sí"})
    with pytest.raises(AyniError):
        encounters.close(store, visit.encounter.id)
    assert stock.on_hand(store, "optometry.readers") == 2


# -- report figures -------------------------------------------------------------------------------

def _patient(store, name):
    return patients.register(store, {"given_names": name, "paternal_surname": "Mamani", "sex": "M",
                                     "age_years": 60, "id_kind": "none"})


def test_report_figures_match_the_data(store, patient):
    _stock_readers(store, **{"+2.00": 5, "+2.50": 5})
    stock.receive(store, "optometry.sunglasses", 10)
    # patient 1: presbyope, readers +2.00 and sunglasses; category 0 (20/30 better eye)
    _close_exam(store, patient, PRESBYOPE, {"readers": "sí", "sunglasses": "sí"})
    # patient 2: cataract OD, referred; presenting with own glasses 6/60 OS: category 1
    second = _patient(store, "Juan")
    _close_exam(store, second, {**CATARACT, "va_cc": {"os": "6/60"}},
                {"referral": "cataract", "referral_eye": "od"}, diagnoses=["H25.1"])
    # patient 3: NLP both eyes (category 5), referred for glaucoma, seen twice (counts once)
    third = _patient(store, "Pedro")
    _close_exam(store, third, {"va_sc": {"od": "20/400"}})
    _close_exam(store, third, {"va_sc": {"od": "NLP", "os": "NPL"}}, {"referral": "glaucoma", "referral_eye": "ou"})
    # patient 4: myope ordering glasses, and readers +2.50 asked for; 3/60 better eye: category 2
    fourth = _patient(store, "Luis")
    _close_exam(store, fourth, {**RX, "va_sc": {"od": "20/400", "os": "3/60"}},
                {"glasses_order": "sí", "lens_type": "single_vision", "readers": "sí", "readers_power": "2.50"})
    # patient 5: examined at screening without an acuity: category 9
    fifth = _patient(store, "Ana")
    encounters.open_encounter(store, fifth.id, "optometry", "screening")

    campaign = current_campaign(store)
    rows = {(r.group, r.label.en): r.value for r in reports.rows(store, campaign, None)}
    assert rows[("patients", "Patients examined")] == 5
    assert rows[("dispensed", "Reading glasses")] == 2
    assert rows[("dispensed", "UV-filter sunglasses")] == 1
    assert rows[("dispensed", "Lubricant eye drops")] == 0
    assert rows[("dispensed", "Custom glasses ordered")] == 1
    assert rows[("dispensed", "Custom glasses delivered")] == 0
    assert rows[("readers_by_power", "Reading glasses +2.00")] == 1
    assert rows[("readers_by_power", "Reading glasses +2.50")] == 1
    assert rows[("referrals", "Cataract")] == 1
    assert rows[("referrals", "Glaucoma (laser or treatment)")] == 1
    assert rows[("referrals", "Pterygium")] == 0
    who = {label.split(" · ")[0]: n for (group, label), n in rows.items() if group == "who_category"}
    assert who == {"0": 1, "1": 1, "2": 1, "3": 0, "4": 0, "5": 1, "9": 1}
    assert sum(who.values()) == rows[("patients", "Patients examined")]


def test_daily_figures_count_that_day_only(store, patient):
    _close_exam(store, patient, PRESBYOPE)
    campaign = current_campaign(store)
    today = today_in_lima()
    for day, examined in ((today, 1), (today - dt.timedelta(days=1), 0)):
        rows = {(r.group, r.label.en): r.value for r in reports.rows(store, campaign, day)}
        assert rows[("patients", "Patients examined")] == examined


def _readers_report(store, day):
    rows = reports.glasses_rows(store, current_campaign(store), day)
    return {row.label.es: row.value for row in rows if row.group == "dispensed"}


@pytest.mark.parametrize("hand_out_first", [True, False], ids=["hand-out then plan", "plan then hand-out"])
def test_readers_in_the_plan_and_handed_out_are_one_pair_whichever_came_first(store, patient, hand_out_first):
    _stock_readers(store, **{"+2.00": 3, "+2.50": 3})
    encounter = encounters.open_encounter(store, patient.id, "optometry", "exam")
    plan = {"optometry.exam": PRESBYOPE, "optometry.plan": {"readers": "sí", "readers_power": "2.50",
                                                             "sunglasses": "sí"}}
    stock.receive(store, "optometry.sunglasses", 2)
    if not hand_out_first:
        encounters.save(store, encounter.id, forms=plan)
    stock.hand_out(store, encounter.id, "optometry.readers", 1, {"power": "+2.00"})  # «Entregas»
    if hand_out_first:
        encounters.save(store, encounter.id, forms=plan)
    encounters.close(store, encounter.id)
    # the pair given at «Entregas» is the plan's, though the plan named another power; sunglasses still given
    assert sorted(_given(store, encounter.id)) == [("optometry.readers", {"power": "+2.00"}, 1),
                                                   ("optometry.sunglasses", {}, 1)]
    assert stock.on_hand(store, "optometry.readers") == 5
    figures = _readers_report(store, to_lima(encounter.opened_at).date())  # the report's days are Lima days
    assert (figures["Lentes de lectura"], figures["Lentes de sol con filtro UV"]) == (1, 1)
    assert reports.patients_examined(store, current_campaign(store), None) == 1


def test_a_plan_asking_for_more_than_was_handed_out_gives_only_the_rest(store, patient):
    stock.receive(store, "optometry.lubricant_drops", 5)
    encounter = encounters.open_encounter(store, patient.id, "optometry", "exam")
    stock.hand_out(store, encounter.id, "optometry.lubricant_drops", 1)
    assert stock.dispense_planned(store, encounter.id, "optometry.lubricant_drops", 3) != []
    assert stock.handed_out(store, encounter.id, "optometry.lubricant_drops") == 3
    assert stock.dispense_planned(store, encounter.id, "optometry.lubricant_drops", 2) == []
    assert stock.on_hand(store, "optometry.lubricant_drops") == 2
