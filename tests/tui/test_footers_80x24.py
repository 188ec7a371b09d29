"""Nothing hidden at the bottom of a screen at 80×24: every key of its footer shows whole, in both
languages, and an open list stays above the footer."""

from __future__ import annotations

import pytest
from textual.widgets import Footer, Select
from textual.widgets._select import SelectOverlay

from ayni.core.clinical import encounters

TERMINAL = (80, 24)


async def _encounter_at(app, store, patient, pilot, specialty: str, station: str):
    app.open_patient(patient.id)
    app.open_encounter(encounters.open_encounter(store, patient.id, specialty, station).id)
    await pilot.pause()
    return app.screen


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_a_long_option_list_opens_above_the_footer(make_app, store, patient, lang):
    """The safety actions, near the bottom of the screen (the first wraps at 80 columns in Spanish): the open
    list is pushed up, never over the keys."""
    app = make_app(lang)
    async with app.run_test(size=TERMINAL) as pilot:
        screen = await _encounter_at(app, store, patient, pilot, "general", "mental_health")
        choice = screen.views["general.mental_health"].rows["safety_action"].query_one(Select)
        choice.focus()
        await pilot.press("enter")
        await pilot.pause()
        overlay = choice.query_one(SelectOverlay)
        assert choice.expanded and overlay.region.height >= overlay.option_count
        assert overlay.region.bottom <= screen.query_one(Footer).region.y
