"""With access control on, the cash desk asks the approver of a waiver for their own PIN in a masked
field that appears only for reductions and waivers; a wrong PIN is refused under that field and
writes no payment; the right one records the waiver approved by that person."""

from __future__ import annotations

from textual.widgets import Input

from ayni.core import encounters, users
from ayni.core.encounters import ProcedureEntry
from ayni.tui.screens.cashier import CashierScreen, ChargeScreen
from tuikit import SIZE, text_of


async def test_a_waiver_at_the_desk_takes_the_approvers_pin(make_app, store, people, campaign):
    users.add(store, "Ana", "admin", "1234")
    users.login(store, "Ana", "1234")
    users.add(store, "Coord", "coordinator", "2468")
    users.add(store, "Caja", "cashier", "5555")
    users.add(store, "Doc", "clinician:general", "3333")
    users.login(store, "Doc", "3333")
    code = next(p for p in store.plugins.procedures_of("general") if p.fee > 0)
    encounter = encounters.open_encounter(store, people[0].id, "general", "consultation")
    encounters.save(store, encounter.id, procedures=[ProcedureEntry(code.code)])
    users.logout(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#login-name").value = "Caja"
        app.screen.query_one("#login-pin").value = "5555"
        assert app.screen.attempt()
        await pilot.pause()
        await pilot.press("f5")
        assert isinstance(app.screen, CashierScreen)
        await pilot.press("enter")
        charge = app.screen
        assert isinstance(charge, ChargeScreen)
        assert not charge.query_one("#row-approver_pin").display  # a full payment needs nobody
        charge.query_one("#kind").query("RadioButton")[2].value = True  # waiver
        await pilot.pause()
        assert charge.query_one("#row-approver_pin").display
        pin = charge.query_one("#approver-pin", Input)
        assert pin.password
        charge.query_one("#reason", Input).value = "adulto mayor sin ingresos"
        charge.query_one("#approver", Input).value = "Coord"
        pin.value = "0000"
        await pilot.press("ctrl+s")
        assert app.screen is charge
        assert "PIN incorrecto para Coord" in text_of(charge.query_one("#row-approver_pin .field-error"))
        assert pin.value == "" and store.db["payments"].count == 0
        pin.value = "2468"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        assert app.screen is not charge
    payment = encounters.get_visit(store, encounter.id).payment
    coordinator = next(a.user for a in users.accounts(store) if a.user.name == "Coord")
    assert (payment.kind, payment.approved_by) == ("waiver", coordinator.id)
