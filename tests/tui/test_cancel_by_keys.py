"""Cancelling an encounter opened by mistake, by keyboard: F3 (listed by F1) asks the reason,
a missing one is refused under its field, Ctrl+S cancels it and the screen turns read only, «anulada»
with the reason under its title; one with a payment is refused saying so. The station picker stops at its ends and
starts at the last station opened, else at the user's own."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from ayni.core import EncounterStatus
from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.money import cashier
from ayni.tui.screens.encounter import CancelEncounterModal, EncounterScreen
from ayni.tui.screens.patient import NewEncounterScreen
from ayni.tui.widgets.errors import ErrorSummary
from tuikit import SIZE, text_of, with_user


def _footer_keys(screen) -> list[str]:
    return [key for key, active in screen.active_bindings.items() if active.binding.show and active.enabled]


async def test_f3_cancels_with_a_reason_and_the_screen_turns_read_only(make_app, store, people):
    mistaken = encounters.open_encounter(store, people[0].id, "general", "consultation")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_encounter(mistaken.id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EncounterScreen) and "f3" in screen.active_bindings
        await pilot.press("f3")
        modal = app.screen
        assert isinstance(modal, CancelEncounterModal)
        await pilot.press("ctrl+s")  # no reason
        assert "escriba por qué se anula" in text_of(modal.query_one("#row-reason .field-error"))
        assert encounters.get_encounter_record(store, mistaken.id).encounter.status == EncounterStatus.OPEN
        await pilot.press(*"estación equivocada", "ctrl+s")
        assert app.screen is screen
        assert " · anulada · " in text_of(screen.query_one("#title"))
        assert "anulada: estación equivocada. Solo lectura" in text_of(screen.query_one(ErrorSummary))
        assert "f3" not in screen.active_bindings and "ctrl+s" not in _footer_keys(screen)
        assert "f6" not in _footer_keys(screen)  # nothing to pay for: it is out of every figure
        await pilot.press("f6")
        assert app.screen is screen
    stored = encounters.get_encounter_record(store, mistaken.id).encounter
    assert (stored.status, stored.cancel_reason) == (EncounterStatus.CANCELLED, "estación equivocada")


@pytest.mark.parametrize("lang, title, key", [("es", "(Ctrl+S anula · Esc vuelve)", "Anular"),
                                             ("en", "(Ctrl+S voids it · Esc goes back)", "Void")])
async def test_the_dialog_says_what_ctrl_s_does_in_one_word(make_app, store, people, lang, title, key):
    """The footer names Ctrl+S as the title does: it voids the encounter, it saves nothing."""
    mistaken = encounters.open_encounter(store, people[0].id, "general", "consultation")
    app = make_app(lang)
    async with app.run_test(size=SIZE) as pilot:
        app.open_encounter(mistaken.id)
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        modal = app.screen
        assert text_of(modal.query_one("#dialog-title")).endswith(title)
        assert modal.active_bindings["ctrl+s"].binding.description == key


async def test_a_paid_encounter_is_not_cancelled_and_the_dialog_says_why(make_app, store, people):
    paid = encounters.open_encounter(store, people[0].id, "general", "consultation")
    code = next(p for p in store.plugins.procedures_of("general") if p.fee > 0)
    encounters.save(store, paid.id, procedures=[ProcedureEntry(code.code)])
    cashier.pay(store, paid.id, "full")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_encounter(paid.id)
        await pilot.pause()
        await pilot.press("f3", *"error", "ctrl+s")
        modal = app.screen
        assert isinstance(modal, CancelEncounterModal)
        assert "no se puede anular, ya tiene pagos (recibo N.º" in text_of(modal.query_one(ErrorSummary))
    assert encounters.get_encounter_record(store, paid.id).encounter.status == EncounterStatus.OPEN


async def test_the_station_picker_stops_at_its_ends_and_starts_at_the_last_station(make_app, store, people):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"nunez", "enter", "e")
        assert isinstance(app.screen, NewEncounterScreen)
        options = app.screen.query_one("#stations", OptionList)
        assert options.highlighted == 0  # no station opened yet, no role: the first
        await pilot.press("up")
        assert options.highlighted == 0  # stops: no jump to the last station
        await pilot.press("end", "down")
        last = options.option_count - 1
        assert options.highlighted == last
        await pilot.press("up", "enter")  # opens the one before the last, remembered
        chosen = app.last_station
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        options = app.screen.query_one("#stations", OptionList)
        assert options.get_option_at_index(options.highlighted).id == "\t".join(chosen)
        assert options.highlighted == last - 1


async def test_the_station_picker_starts_at_the_logged_in_clinicians_specialty(make_app, store, people):
    with_user(store, "Lic. Huamán", "clinician:optometry", "5678")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Lic. Huamán", "enter", *"5678", "enter", *"nunez", "enter", "e")
        assert isinstance(app.screen, NewEncounterScreen)
        options = app.screen.query_one("#stations", OptionList)
        assert options.get_option_at_index(options.highlighted).id.startswith("optometry\t")
        assert options.highlighted > 0  # optometry is not first in the list
