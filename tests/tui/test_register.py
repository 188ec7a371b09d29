"""Registering a patient with the keyboard; a malformed DNI is refused by its field and nothing is saved."""

from __future__ import annotations

from ayni.core.people import patients
from ayni.tui.screens.patient import PatientScreen
from ayni.tui.screens.register import RegisterScreen
from tuikit import SIZE, text_of


async def _choose_first(pilot):
    """Open the focused Select and take its first option."""
    await pilot.press("enter", "down", "enter")


async def test_register_by_keys_bad_dni_refused_then_saved(make_app, store, people):
    before = patients.count(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        assert isinstance(app.screen, RegisterScreen)
        await pilot.press(*"Ana", "tab", *"Quispe", "tab", "tab")  # maternal surname left empty
        await _choose_first(pilot)  # sex: Femenino
        await pilot.press("tab", "tab", *"41", "tab")  # no birth date, estimated age 41
        await _choose_first(pilot)  # document type: DNI
        await pilot.press("tab", *"7012345A", "ctrl+s")

        assert isinstance(app.screen, RegisterScreen)  # refused: still on the form
        row = app.screen.query_one("#field-id_number")
        assert row.has_class("-invalid")
        assert "8 dígitos" in text_of(row.query_one(".field-error"))
        assert "8 dígitos" in text_of(app.screen.query_one(".error-summary"))
        assert patients.count(store) == before  # nothing written

        await pilot.press("backspace", "6", "ctrl+s")  # the cursor was put back in the refused field
        assert isinstance(app.screen, PatientScreen), text_of(app.screen.query_one(".error-summary"))
        [ana] = patients.search(store, "70123456")
        assert app.screen.patient_id == ana.id
        said = [n.message for n in app._notifications]
        assert f"Paciente registrado: Ana Quispe, N.º {ana.card_number}. F9 imprime su tarjeta." in said
    assert patients.count(store) == before + 1
    assert (ana.full_name, ana.sex.value, ana.age(), ana.birth_date_estimated) == ("Ana Quispe", "F", 41, True)


async def test_esc_on_a_half_filled_registration_asks_before_losing_it(make_app, store):
    before = patients.count(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", *"Benedicta", "escape")
        assert isinstance(app.screen, RegisterScreen)  # still there, with what was typed
        assert app.screen.query_one("#field-given_names Input").value == "Benedicta"
        assert "Esc otra vez" in text_of(app.screen.query_one(".error-summary"))
        await pilot.press("escape")  # the second Esc leaves without saving
        assert not isinstance(app.screen, RegisterScreen)
        await pilot.press("f2", "escape")  # nothing typed: one Esc leaves
        assert not isinstance(app.screen, RegisterScreen)
    assert patients.count(store) == before
