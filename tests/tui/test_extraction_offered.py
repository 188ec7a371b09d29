"""«Exodoncia» after marking teeth «x» on the odontogram opens its dialog with the first marked tooth
written and the marked teeth named; each one added is offered no more, and another code is offered none."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from ayni.core.clinical import encounters
from ayni.tui.screens.detail import ProcedureDetailScreen
from tuikit import SIZE, text_of


async def _open_extraction(app, pilot, code: str = "dental.extraction.simple") -> ProcedureDetailScreen:
    await pilot.press("alt+p")
    await pilot.pause()
    picker = app.screen.query_one("ProcedurePicker")
    catalogue = picker.query_one(".catalogue", OptionList)
    catalogue.screen.set_focus(catalogue)
    catalogue.highlighted = list(picker.catalogue).index(code)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ProcedureDetailScreen)
    return app.screen


async def test_the_teeth_marked_x_are_offered_to_the_extraction(make_app, store, patient):
    encounter = encounters.open_encounter(store, patient.id, "dental", "exam")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_encounter(encounter.id)
        await pilot.pause()
        app.screen.views["dental.exam"].rows["odontogram"].focus_editor()
        await pilot.press("down", "x", *["right"] * 11, "x")  # 46 and 36 marked for extraction, not saved
        dialog = await _open_extraction(app, pilot)
        assert dialog.query_one("#tooth", Input).value == "36"
        assert "36 · 46" in text_of(dialog.query_one("#detail-offered"))
        await pilot.press("enter")
        picker = app.screen.query_one("ProcedurePicker")
        assert [e.detail for e in picker.pending] == [{"tooth": 36}]
        dialog = await _open_extraction(app, pilot)
        assert dialog.query_one("#tooth", Input).value == "46"
        await pilot.press("enter")
        assert [e.detail for e in picker.pending] == [{"tooth": 36}, {"tooth": 46}]
        dialog = await _open_extraction(app, pilot)  # both added: nothing more is offered
        assert dialog.query_one("#tooth", Input).value == "" and text_of(dialog.query_one("#detail-offered")) == ""
        await pilot.press("escape")
        dialog = await _open_extraction(app, pilot, "dental.resin.s1")
        assert dialog.query_one("#tooth", Input).value == ""
