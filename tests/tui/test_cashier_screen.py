"""The cash desk by keyboard: F5 lists who is waiting; Enter charges (a sliding-scale payment without
its amount and approver is refused, then recorded and its receipt printed); D closes the day (a
negative count is refused, then recorded and the reconciliation printed)."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import DataTable, Input

from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.money import cashier, payments
from ayni.tui.screens.cashier import CashierScreen, ChargeScreen, CloseDayModal
from ayni.tui.widgets.errors import ErrorSummary
from tuikit import SIZE, cell_texts, text_of, to_pay


async def test_charge_and_close_the_day_by_keys(make_app, store, people, campaign, row_counts, tmp_path):
    rosa = people[0]
    encounter, code = to_pay(store, rosa.id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        desk = app.screen
        assert isinstance(desk, CashierScreen)
        [row] = cell_texts(desk.query_one("#waiting", DataTable))
        assert row[1] == "Rosa Elena Núñez Quispe" and row[-1] == f"S/ {code.fee:,.2f}"

        await pilot.press("enter")
        assert isinstance(app.screen, ChargeScreen)
        before = row_counts()
        await pilot.press("right", "ctrl+s")  # sliding scale, with no amount: the approver is whoever signed in
        charge = app.screen
        assert charge.query_one("#approver", Input).value == "tester"
        assert charge.query_one("#row-amount").has_class("-invalid")
        assert row_counts() == before
        await pilot.press("1", "tab", "ctrl+u", *"Soto", "ctrl+s")  # the cursor went to the amount
        assert app.screen is desk
        payment = encounters.get_encounter_record(store, encounter.id).payment
        assert (payment.kind, payment.amount, payment.approved_by) == ("sliding", Decimal("1.00"), "Soto")
        assert cell_texts(desk.query_one("#waiting", DataTable)) == []
        await app.workers.wait_for_complete()

        await pilot.press("d")
        assert isinstance(app.screen, CloseDayModal)
        assert "S/ 1.00" in text_of(app.screen.query_one("#form-info"))
        await pilot.press("minus", "1", "ctrl+s")
        assert "no puede ser negativo" in text_of(app.screen.query_one("#row-counted .field-error"))
        assert store.db["day_closes"].count == 0
        await pilot.press("backspace", "backspace", "1", "ctrl+s")
        assert app.screen is desk
        await app.workers.wait_for_complete()
    [closed] = cashier.closings(store, cashier.day_summary(store).day)
    assert (closed.expected, closed.counted, closed.difference) == (Decimal("1.00"), Decimal("1.00"), Decimal("0.00"))
    number = payments.receipt_of(store, payment.id).number
    prints = {p.name for p in (tmp_path / "prints").glob("*.pdf")}
    assert prints == {f"recibo-{number:06d}.pdf", f"cierre-{closed.day.isoformat()}.pdf"}


async def test_the_close_needs_a_note_for_a_shortfall_and_a_second_ctrl_s_over_waiting_encounters(
        make_app, store, people, campaign):
    code = next(p for p in store.plugins.procedures_of("general") if p.fee > 0)
    paid, waiting = (encounters.open_encounter(store, person.id, "general", "consultation") for person in people[:2])
    for encounter in (paid, waiting):
        encounters.save(store, encounter.id, procedures=[ProcedureEntry(code.code)])
    cashier.pay(store, paid.id, "full")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5", "d")
        modal = app.screen
        assert isinstance(modal, CloseDayModal)
        assert "Espera pago 1 atención de hoy." in text_of(modal.query_one("#form-info"))
        await pilot.press("0", "ctrl+s")  # short of the whole fee, and no note
        assert "faltan S/ " in text_of(modal.query_one("#row-note .field-error"))
        await pilot.press(*"sin sencillo", "ctrl+s")  # the cursor went to the note
        summary = text_of(modal.query_one(ErrorSummary))
        assert f"{people[1].card_number} {people[1].full_name} — Medicina general" in summary
        assert "Ctrl+S otra vez cierra la caja igual." in text_of(modal.query_one("#form-info"))
        assert store.db["day_closes"].count == 0
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, CashierScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "La caja de hoy ya está cerrada" in text_of(app.screen.query_one("#today"))

        await pilot.press("enter", "ctrl+s")  # the one still waiting pays after the close
        await pilot.pause()
        assert any("este pago queda en la caja del" in n.message for n in app._notifications)
        await app.workers.wait_for_complete()
    [closed] = cashier.closings(store, cashier.day_summary(store).day)
    assert (closed.counted, closed.note) == (Decimal("0.00"), "sin sencillo")
    assert encounters.get_encounter_record(store, waiting.id).payment.cash_day > closed.day


async def test_the_receipt_of_a_quechua_speaker_is_in_quechua_on_an_english_screen(make_app, store, people, tmp_path):
    """F12 switches the cashier's screen to English; the receipt is the patient's, who speaks
    Quechua (``qu``): it is printed in Quechua, the words the catalogue has not translated in Spanish."""
    import io

    from pypdf import PdfReader

    rosa = people[0]
    assert rosa.language == "qu"
    code = next(p for p in store.plugins.procedures_of("general") if p.fee > 0)
    encounter = encounters.open_encounter(store, rosa.id, "general", "consultation")
    encounters.save(store, encounter.id, procedures=[ProcedureEntry(code.code)])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12", "f5")
        assert app.lang == "en"
        await pilot.press("enter", "ctrl+s")  # the full fee
        await app.workers.wait_for_complete()
    [receipt] = (tmp_path / "prints").glob("recibo-*.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(receipt.read_bytes())).pages)
    assert "Recibo" in text and "Sulpayki. Kay recibota waqaychay." in text
    assert "Receipt" not in text and "Thank you" not in text
