"""An aid that is handed out only fitted (physio's walker): in «Entregas», Enter on the quantity opens
its fitting form (the plugin's FormSpec, drawn by the generic renderer, prefilled with the size chosen
in stock); Ctrl+S hands it out through the plugin's ``ayni_dispense``. A refused fitting shows each
message by its field and writes nothing."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from ayni.core import stock
from ayni.core.clinical import encounters
from ayni.plugins.physio import fittings_of
from ayni.tui.screens.fitting import FittingScreen
from ayni.tui.widgets.dispensing import DispensePanel
from ayni.tui.widgets.procedures import ProcedurePicker
from tuikit import SIZE, text_of


@pytest.fixture
def assessment(store, patient):
    """A physiotherapy assessment, with two fixed walkers in stock."""
    stock.receive(store, "physio.walker", 2, attributes={"kind": "fixed"})
    return encounters.open_encounter(store, patient.id, "physio", "assessment")


async def _fitting_screen(app, pilot, encounter_id) -> tuple[DispensePanel, FittingScreen]:
    """Open the encounter's «Entregas» tab and ask for one fixed walker, by keyboard."""
    app.open_encounter(encounter_id)
    await pilot.pause()
    await pilot.press("alt+e")
    panel = app.screen.query_one(DispensePanel)
    items = panel.query_one(".dispense-items", OptionList)
    for _ in range(50):  # the tab puts the cursor on its first list once drawn
        if app.focused is items:
            break
        await pilot.pause(0.02)
    items.highlighted = next(i for i, o in enumerate(items.options) if str(o.prompt).startswith("Andador"))
    await pilot.press("enter")  # the walker
    assert [str(o.prompt) for o in panel.query_one(".dispense-sizes", OptionList).options] == ["tipo de andador fijo · en stock: 2"]
    await pilot.press("enter", "enter")  # that size, one of them: the fitting form opens
    await pilot.pause()
    assert isinstance(app.screen, FittingScreen)
    return panel, app.screen


async def test_a_walker_is_handed_out_with_its_fitting(make_app, store, assessment, row_counts):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel, fitting = await _fitting_screen(app, pilot, assessment.id)
        view = fitting.view
        assert view.spec.key == "physio.fit_walker" and view.values()["kind"] == "fixed"  # prefilled from stock

        # refused: the handle 10 cm above the wrist crease, and no check ticked
        before = row_counts()
        await pilot.press("tab", *"90", "tab", *"80", "tab", "tab", "tab", "tab", "enter", "down", "enter", "ctrl+s")
        assert app.screen is fitting
        assert view.values()["provision"] == "donated"
        refused = [k for k, row in view.rows.items() if row.has_class("-invalid")]
        assert refused == ["height_cm", "check_elbow", "check_gait", "check_condition"]
        assert "pliegue de la muñeca, ±2 cm (78 a 82 cm)" in text_of(view.rows["height_cm"].query_one(".field-error"))
        assert row_counts() == before  # nothing written
        assert app.focused is view.rows["height_cm"].editors[None]

        # fixed: the cursor is on the height; 81 cm, and the three checks done
        await pilot.press("backspace", "backspace", *"81", "tab", "tab", "space", "tab", "space", "tab", "space",
                          "ctrl+s")
        await pilot.pause()
        assert app.screen is not fitting
        assert text_of(panel.query_one(".dispense-message")).startswith("Entregado: 1 × Andador (tipo de andador fijo).")
        assert "physio.aid_fitting" in [p.code for p in app.screen.query_one(ProcedurePicker).saved]
    [fitted] = fittings_of(store, assessment.id)
    assert (fitted.item_key, fitted.provision, fitted.fitting["height_cm"]) == ("physio.walker", "donated", 81)
    assert stock.on_hand(store, "physio.walker") == 1
    assert "physio.aid_fitting" in [p.code for p in encounters.get_encounter_record(store, assessment.id).procedures]


async def test_leaving_the_fitting_form_hands_nothing_out(make_app, store, assessment):
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        app.lang = "es"  # the helper reads the Spanish size line
        await pilot.pause()
        panel, fitting = await _fitting_screen(app, pilot, assessment.id)
        await pilot.press("escape")
        assert app.screen is not fitting
        assert text_of(panel.query_one(".dispense-message")) == "No se entregó nada: falta la adaptación."
    assert stock.on_hand(store, "physio.walker") == 2 and fittings_of(store, assessment.id) == []


def test_every_fitting_title_fits_80_columns(store):
    from ayni.tui.text import tr

    for item in store.plugins.equipment.values():
        if item.fitting_form:
            spec = store.plugins.forms[item.fitting_form]
            for lang in ("es", "en"):
                title = tr("fitting_title", lang, form=spec.title.get(lang), item=item.label.get(lang), n=1)
                assert len(title) <= 78, title  # the screen title's padding leaves 78
