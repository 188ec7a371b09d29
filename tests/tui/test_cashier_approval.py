"""With access control on, the cash desk asks the approver of a waiver for their own PIN in a masked
field that appears only for reductions and waivers; a wrong PIN is refused under that field and
writes no payment; the right one records the waiver approved by that person. A role that may not
do something is told so in the form, and nothing is written."""

from __future__ import annotations

from textual.widgets import Input

from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.people import users
from ayni.tui.screens.cashier import CashierScreen, ChargeScreen
from ayni.tui.screens.stock import ReceiveModal
from tuikit import SIZE, text_of


async def log_in(app, pilot, name: str, pin: str) -> None:
    app.screen.query_one("#login-name").value = name
    app.screen.query_one("#login-pin").value = pin
    assert app.screen.attempt()
    await pilot.pause()


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
        await log_in(app, pilot, "Caja", "5555")
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
        assert "PIN incorrecto para Coord" in text_of(charge.query_one("ErrorSummary"))
        assert charge.focused is pin
        assert pin.value == "" and store.db["payments"].count == 0
        pin.value = "2468"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        assert app.screen is not charge
    payment = encounters.get_encounter_record(store, encounter.id).payment
    coordinator = next(a.user for a in users.accounts(store) if a.user.name == "Coord")
    assert (payment.kind, payment.approved_by) == ("waiver", coordinator.id)


async def test_a_cashier_receiving_stock_is_refused_in_the_form(make_app, store, row_counts):
    users.add(store, "Ana", "admin", "1234")
    users.login(store, "Ana", "1234")
    users.add(store, "Caja", "cashier", "5555")
    users.logout(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await log_in(app, pilot, "Caja", "5555")
        await pilot.press("f4", "r")
        assert isinstance(app.screen, ReceiveModal)
        before = row_counts()
        await pilot.press(*"1000", "ctrl+s")
        assert isinstance(app.screen, ReceiveModal)  # still open, as typed
        assert "«recibir stock» requiere el rol coordinación o farmacia" in text_of(app.screen.query_one("ErrorSummary"))
        assert row_counts() == before
