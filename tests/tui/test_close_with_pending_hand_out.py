"""F8 while a hand-out is chosen but not confirmed (its quantity still asked) does not close the
encounter, which would drop the hand-out unseen: it says so and shows «Entregas»."""

from __future__ import annotations

from ayni.core.clinical import encounters
from ayni.core import stock
from ayni.tui.screens.dialogs import ConfirmScreen
from ayni.tui.widgets.errors import ErrorSummary
from tuikit import text_of


async def test_closing_with_a_hand_out_not_confirmed_is_refused_saying_why(make_app, store, patient):
    stock.receive(store, "dental.hygiene_kit", 5, attributes={"age_group": "adult"})
    visit = encounters.open_encounter(store, patient.id, "dental", "exam")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_patient(patient.id)
        app.open_encounter(visit.id)
        await pilot.pause()
        await pilot.press("alt+e", "enter", "enter")  # the adult's kit chosen: «Cantidad 1 … Enter entrega»
        await pilot.press("alt+left", "f8")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert text_of(app.screen.query_one(ErrorSummary)).startswith("⚠ Falta confirmar una entrega")
        assert app.screen.query_one("TabbedContent").active == "tab-dispensing"
        assert encounters.get_encounter_record(store, visit.id).encounter.status == "open"
        await pilot.press("enter")  # the quantity line still has the cursor: handed out
        await pilot.pause()
        assert [given for _, given in stock.dispensed(store, visit.id)] == [1]
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
