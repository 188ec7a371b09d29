"""The payment screen: the arrow keys choose the payment type (what is marked is what is recorded),
and a line says what Ctrl+S will record before it is pressed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.tui.screens.payment import PaymentScreen
from tuikit import SIZE, text_of


@pytest.fixture
def consultation(store, patient):
    """An open general consultation with its S/ 10.00 procedure saved."""
    encounter = encounters.open_encounter(store, patient.id, "general", "consultation")
    encounters.save(store, encounter.id, procedures=[ProcedureEntry("general.consultation")])
    return encounter


async def test_arrow_keys_choose_the_waiver_and_the_line_says_so(make_app, store, consultation):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PaymentScreen(consultation.id))
        await pilot.pause()
        screen = app.screen
        preview = screen.query_one("#will-record")
        assert text_of(preview) == "Ctrl+S registrará: Tarifa sugerida · S/ 10.00 · Efectivo"
        await pilot.press("right")  # no Enter: the arrow alone chooses
        assert screen.form.kind.value == "sliding"
        assert "elija un nivel o escriba un monto" in text_of(preview)
        await pilot.press("right")
        assert screen.form.kind.value == "waiver"
        assert text_of(preview) == "Ctrl+S registrará: Exonerado · S/ 0.00 · falta el motivo · Efectivo"
        await pilot.press("tab", *"sin ingresos")
        assert "motivo: sin ingresos" in text_of(preview)
        await pilot.press("ctrl+s")
        assert app.screen is not screen
    payment = encounters.get_encounter_record(store, consultation.id).payment
    assert (payment.kind, payment.amount, payment.reason) == ("waiver", Decimal("0.00"), "sin ingresos")


async def test_a_typed_sliding_amount_is_previewed_then_recorded(make_app, store, consultation):
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PaymentScreen(consultation.id))
        await pilot.pause()
        screen = app.screen
        await pilot.press("down", "tab", "tab", *"4x")  # sliding scale; past the level, into the amount
        assert "«4x» is not an amount" in text_of(screen.query_one("#will-record"))
        await pilot.press("backspace", *",50")
        assert text_of(screen.query_one("#will-record")) == "Ctrl+S will record: Sliding scale · S/ 4.50 · Cash"
        await pilot.press("ctrl+s")
    payment = encounters.get_encounter_record(store, consultation.id).payment
    assert (payment.kind, payment.amount) == ("sliding", Decimal("4.50"))


def _notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_waiver_names_who_approved_it_and_shows_the_receipt_number(make_app, store, consultation):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PaymentScreen(consultation.id))
        await pilot.pause()
        screen = app.screen
        approver = screen.query_one("#row-approved_by")
        assert not approver.display  # a full payment needs no approval
        await pilot.press("right", "right")  # waiver
        assert approver.display and screen.query_one("#approver").value == "tester"  # the person signed in
        await pilot.press("tab", *"sin ingresos", "tab", "backspace")  # the name, selected on entry, erased
        assert "falta quién lo autoriza" in text_of(screen.query_one("#will-record"))
        await pilot.press("ctrl+s")
        assert app.screen is screen and approver.has_class("-invalid")
        assert text_of(approver.query_one(".field-error")).startswith("⚠ Autorizado por: la escala reducida y la "
                                                                       "exoneración necesitan el nombre")
        assert encounters.get_encounter_record(store, consultation.id).payment is None
        await pilot.press(*"Dra. Quispe", "ctrl+s")
        assert app.screen is not screen
        assert "Pago registrado: S/ 0.00 (Exonerado) · recibo N.º 000001" in _notices(app)
    payment = encounters.get_encounter_record(store, consultation.id).payment
    assert (payment.kind, payment.approved_by) == ("waiver", "Dra. Quispe")


async def test_a_full_payment_records_no_approver(make_app, store, consultation):
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PaymentScreen(consultation.id))
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert "Payment recorded: S/ 10.00 (Suggested fee) · receipt No. 000001" in _notices(app)
    payment = encounters.get_encounter_record(store, consultation.id).payment
    assert (payment.kind, payment.approved_by) == ("full", "")
