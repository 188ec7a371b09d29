"""«Referencia urgente» chosen as the safety action at the mental-health station: the referral form,
not yet typed in, starts at «Urgente» when the person goes to its tab; nothing is saved by it."""

from __future__ import annotations

import pytest
from textual.widgets import Select, TabbedContent

from ayni.core.clinical import encounters

TERMINAL = (80, 24)
REFERRAL_TAB = "tab-general-referral"


async def _mental_health(app, store, patient, pilot):
    app.open_patient(patient.id)
    visit = encounters.open_encounter(store, patient.id, "general", "mental_health")
    app.open_encounter(visit.id)
    await pilot.pause()
    return app.screen, visit


async def _to_referral(screen, pilot):
    tabs = screen.query_one(TabbedContent)
    while tabs.active != REFERRAL_TAB:
        await pilot.press("ctrl+pagedown")
        await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("action, urgency", [("urgent_referral", "urgent"), ("safety_plan", Select.NULL)])
async def test_an_urgent_referral_as_safety_action_starts_the_referral_at_urgent(make_app, store, patient,
                                                                                action, urgency):
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        screen, visit = await _mental_health(app, store, patient, pilot)
        screen.views["general.mental_health"].rows["safety_action"].query_one(Select).value = action
        await _to_referral(screen, pilot)
        referral = screen.views["general.referral"]
        assert referral.rows["urgency"].query_one(Select).value == urgency  # another action: left to choose
        assert not referral.changed()  # offered, not typed: it alone does not make the form one to save
        assert "general.referral" not in encounters.get_encounter_record(store, visit.id).forms
