"""A psychologist answering the PHQ-9 by keys at 80×24 sees its total and band as soon as the last
question is answered, before saving (it said «se calcula al guardar» until Ctrl+S); nothing is saved
by it."""

from __future__ import annotations

from ayni.core.clinical import encounters
from tuikit import text_of

ANSWERS = "212121111"  # a total of 12, with question 9 above 0


async def test_the_phq9_total_and_band_show_as_the_last_answer_is_chosen(make_app, store, patient):
    visit = encounters.open_encounter(store, patient.id, "general", "mental_health")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_patient(patient.id)
        app.open_encounter(visit.id)
        await pilot.pause()
        view = app.screen.views["general.mental_health"]
        view.rows["phq_1"].focus_editor()
        await pilot.pause()
        for digit in ANSWERS[:-1]:
            await pilot.press(digit, "tab")
        score = view.rows["phq_score"].query_one(".field-derived")
        assert text_of(score) == "(se calcula al guardar)"  # not every question answered yet
        await pilot.press(ANSWERS[-1])
        await pilot.pause()
        assert text_of(score) == "12 / 27"
        assert text_of(view.rows["phq_band"].query_one(".field-derived")) == "moderada (10–14)"
        assert text_of(view.rows["follow_up"].query_one(".field-derived")) == "sí"
    assert "general.mental_health" not in encounters.get_encounter_record(store, visit.id).forms
