"""A save refused for a field on another tab shows that tab, with the cursor in the field: the
prescription typed on its own tab does not keep the screen while «Plan y tratamiento» waits."""

from __future__ import annotations

from textual.widgets import TabbedContent

from ayni.core.clinical import encounters


async def test_a_required_field_on_another_tab_is_shown_with_the_cursor_in_it(make_app, store, patient):
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_encounter(encounter.id)
        await pilot.pause()
        await pilot.press(*"Dolor", "alt+right")  # the complaint typed, on to «Receta»
        await pilot.press(*"amox", "down", "enter", "tab", "tab", "tab", "enter")  # a line added
        assert app.screen.query_one(TabbedContent).active == "tab-general-prescription"
        await pilot.press("ctrl+s")  # refused: «Plan y tratamiento» is required
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        plan = app.screen.views["general.consultation"].rows["plan"]
        assert tabs.active == "tab-general-consultation"
        assert plan.has_class("-invalid")
        assert app.focused in plan.editors.values()
        await pilot.press(*"Reposo")  # what is typed now goes into the plan
        assert plan.editors[None].text == "Reposo"
    assert encounters.get_encounter_record(store, encounter.id).forms == {}  # nothing was written
