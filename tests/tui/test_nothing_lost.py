"""Nothing typed is lost: a 5,000-digit number, a refused save or a database that refuses the write
leaves the app running, names the field (or the file) on screen, and keeps every value in the form."""

from __future__ import annotations

import pytest
from textual import events

from ayni.core import stock
from ayni.core.clinical import encounters
from ayni.core.people import patients
from ayni.tui.screens.encounter import EncounterScreen
from ayni.tui.screens.payment import PaymentScreen
from ayni.tui.screens.register import RegisterScreen
from ayni.tui.screens.stock import ReceiveModal
from tuikit import SIZE, text_of

HUGE = "9" * 5000


async def paste(pilot, text: str) -> None:
    """Paste ``text`` into the focused widget, as a terminal delivers a paste."""
    pilot.app.focused.post_message(events.Paste(text))
    await pilot.pause()


def triage_editor(screen, key: str):
    return screen.views["general.triage"].rows[key].editors[None]


@pytest.fixture
def triage(store, patient):
    """An open triage of the registered patient."""
    return encounters.open_encounter(store, patient.id, "general", "triage")


async def opened(app, pilot, encounter_id: str) -> EncounterScreen:
    """The encounter screen of ``encounter_id``, the cursor in its first field."""
    app.open_encounter(encounter_id)
    await pilot.pause()
    return app.screen


async def test_five_thousand_digits_in_an_integer_field_keep_the_app_and_the_form(make_app, store, triage):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot, triage.id)
        await pilot.press(*"1200")  # the systolic pressure holds 3 digits: the fourth is not taken
        await pilot.press("tab", *"80", "tab")
        await paste(pilot, HUGE)  # into the heart rate: refused whole by the input's maximum length
        assert triage_editor(screen, "heart_rate").value == ""
        await pilot.press(*"72", "tab")
        triage_editor(screen, "respiratory_rate").value = HUGE  # past the input's limit, as a plugin widget could
        await pilot.press("ctrl+s")

        assert app.is_running and app.screen is screen
        summary = text_of(screen.query_one(".error-summary"))
        assert "Frecuencia respiratoria: debe estar entre" in summary
        assert [triage_editor(screen, k).value for k in ("bp_systolic", "bp_diastolic", "heart_rate")] == \
            ["120", "80", "72"]
        assert triage_editor(screen, "respiratory_rate").value == HUGE
        assert encounters.get_encounter_record(store, triage.id).forms == {}  # nothing written

        triage_editor(screen, "respiratory_rate").value = "18"
        await pilot.press("ctrl+s")
        assert encounters.get_encounter_record(store, triage.id).form("general.triage")["respiratory_rate"] == 18


async def test_a_database_that_refuses_the_save_is_shown_and_the_form_kept(make_app, store, triage):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot, triage.id)
        await pilot.press(*"120", "tab", *"80")
        app.store.db.execute("PRAGMA query_only = ON")  # as a read-only file or a full disk would
        await pilot.press("ctrl+s")
        assert app.is_running and isinstance(app.screen, EncounterScreen)
        assert "No se pudo guardar en" in text_of(screen.query_one(".error-summary"))
        assert triage_editor(screen, "bp_systolic").value == "120"
        app.store.db.execute("PRAGMA query_only = OFF")
        await pilot.press("ctrl+s")
        assert encounters.get_encounter_record(store, triage.id).form("general.triage")["bp_systolic"] == 120


async def test_registration_keeps_the_form_after_a_huge_age_and_a_refused_write(make_app, store, people):
    before = patients.count(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        screen = app.screen
        assert isinstance(screen, RegisterScreen)
        form = screen.query_one("#patient-form")
        await pilot.press(*"Ana", "tab", *"Quispe")
        form.rows["age_years"].editors[None].value = HUGE
        await pilot.press("ctrl+s")
        assert app.is_running and app.screen is screen
        assert "Edad estimada: debe estar entre 0 y 120 años." in text_of(screen.query_one(".error-summary"))
        assert form.rows["given_names"].editors[None].value == "Ana"
        assert form.rows["paternal_surname"].editors[None].value == "Quispe"
        assert form.rows["age_years"].editors[None].value == HUGE

        form.rows["given_names"].editors[None].value = "Ana\x1b[31m"
        await pilot.press("ctrl+s")
        assert "Nombres: contiene un carácter de control (U+001B, posición 4)" in \
            text_of(screen.query_one(".error-summary"))
        assert form.rows["given_names"].editors[None].value == "Ana\x1b[31m"
    assert patients.count(store) == before


async def test_payment_and_a_modal_form_show_a_refused_write_and_keep_what_was_typed(make_app, store, patient):
    consultation = encounters.open_encounter(store, patient.id, "general", "consultation")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PaymentScreen(consultation.id))
        await pilot.pause()
        screen = app.screen
        await pilot.press("right", "right", "tab", *"sin ingresos")  # a waiver and its reason
        app.store.db.execute("PRAGMA query_only = ON")
        await pilot.press("ctrl+s")
        assert app.is_running and app.screen is screen
        assert "No se pudo guardar en" in text_of(screen.query_one(".error-summary"))
        assert screen.query_one("#reason").value == "sin ingresos"

        await pilot.press("escape", "escape", "f4")
        await pilot.press("r")
        modal = app.screen
        assert isinstance(modal, ReceiveModal)
        await pilot.press(*"12", "tab", *"L-9")
        await pilot.press("ctrl+s")
        assert app.is_running and app.screen is modal
        assert "No se pudo guardar en" in text_of(modal.query_one(".error-summary"))
        assert (modal.query_one("#quantity").value, modal.query_one("#lot").value) == ("12", "L-9")
        app.store.db.execute("PRAGMA query_only = OFF")
        await pilot.press("ctrl+s")
        assert app.screen is not modal
    assert sum(stock.on_hand(store, key) for key in stock.items(store)) == 12
