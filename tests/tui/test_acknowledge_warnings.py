"""A save that raises warnings (a dose above the mg/kg range) asks for a reason for each in a dialog:
Ctrl+S without one is refused under it and nothing is saved; with one the encounter is saved and
the reason kept; Esc goes back with everything still typed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from textual.widgets import Input, TextArea

from ayni.core import pregnancy_status
from ayni.core.clinical import acknowledgements, encounters
from ayni.core.dates import today_in_lima
from ayni.core.people import patients
from ayni.tui.screens.encounter import AcknowledgeModal, EncounterScreen
from tuikit import SIZE, text_of

RX = "general.prescription"


def _child_with_weight(store):
    child = patients.register(store, {
        "given_names": "Luis", "paternal_surname": "Mamani", "sex": "M", "id_kind": "none",
        "birth_date": (today_in_lima() - dt.timedelta(days=2 * 365)).isoformat(), "guardian_name": "Ana Mamani"})
    encounter = encounters.open_encounter(store, child.id, "general", "consultation")
    encounters.save(store, encounter.id, forms={"general.triage": {"weight": "9"}})
    return encounter


async def _type_prescription(app, pilot, encounter, line):
    app.open_encounter(encounter.id)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, EncounterScreen)
    screen.views[RX].rows["items"].query_one(TextArea).load_text(line)  # the lines, as typed
    await pilot.pause()
    return screen


async def test_a_warning_is_saved_with_the_reason_given_in_the_dialog(make_app, store):
    encounter = _child_with_weight(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _type_prescription(app, pilot, encounter, "paracetamol_jarabe 7.5 c/8h x3d")
        await pilot.press("ctrl+s")
        modal = app.screen
        assert isinstance(modal, AcknowledgeModal)
        assert "este niño de 9 kg: 180 mg = 20 mg/kg; máximo 15 mg/kg" in text_of(modal.query_one("#form-info"))
        await pilot.press("ctrl+s")  # no reason
        assert "(4 a 200 caracteres)" in text_of(modal.query_one("#row-ack1 .field-error"))
        assert not encounters.get_encounter_record(store, encounter.id).form(RX)
        modal.query_one("#ack1", Input).value = "dosis indicada por pediatría"
        await pilot.press("ctrl+s")
        assert app.screen is screen
    assert encounters.get_encounter_record(store, encounter.id).form(RX)["items"][0]["dose"] == Decimal("7.5")
    [kept] = acknowledgements.of_encounter(store, encounter.id)
    assert kept.reason == "dosis indicada por pediatría" and "20 mg/kg" in kept.message


async def test_esc_goes_back_without_saving_and_keeps_what_was_typed(make_app, store):
    encounter = _child_with_weight(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _type_prescription(app, pilot, encounter, "paracetamol_jarabe 7.5 c/8h x3d")
        await pilot.press("ctrl+s", "escape")
        assert app.screen is screen and screen.has_changes()
    assert not encounters.get_encounter_record(store, encounter.id).form(RX)
    assert acknowledgements.of_encounter(store, encounter.id) == []


async def test_a_question_offers_its_answers_as_they_are_typed(make_app, store):
    woman = patients.register(store, {"given_names": "Carmen", "paternal_surname": "Huamán", "sex": "F",
                                      "age_years": 27, "id_kind": "none"})
    encounter = encounters.open_encounter(store, woman.id, "general", "consultation")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _type_prescription(app, pilot, encounter, "ibuprofeno_400 1 c/8h x3d")
        await pilot.press("ctrl+s")
        modal = app.screen
        assert isinstance(modal, AcknowledgeModal)
        assert "«no embarazada (preguntado)»" in text_of(modal.query_one("#form-info"))
        modal.query_one("#ack1", Input).focus()
        await pilot.press("n", "o", " ", "e", "right")  # → accepts the suggestion
        assert modal.query_one("#ack1", Input).value == "no embarazada (preguntado)"
        await pilot.press("ctrl+s")
    assert pregnancy_status(store, woman.id).state == "not_pregnant"
