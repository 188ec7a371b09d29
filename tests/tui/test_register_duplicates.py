"""Registering someone already registered: the likely-same patients are shown with their reasons before
anything is saved; «Es la misma persona» opens that record and registers nothing, «Es otra persona»
registers and records the decision, Esc goes back to the filled form; in Spanish and English."""

from __future__ import annotations

from ayni.core.people import duplicates, patients
from ayni.tui.screens.patient import PatientScreen
from ayni.tui.screens.register import LikelySameScreen, RegisterScreen
from tuikit import text_of

SIZE = (80, 24)


async def _type_rosa_again(pilot):
    """Rosa Elena Núñez Quispe (already registered) typed again without accents, with another DNI."""
    await pilot.press("f2")
    await pilot.press(*"Rosa Elena", "tab", *"Nunez", "tab", *"Quispe", "tab")
    await pilot.press("enter", "down", "enter")  # sex: Femenino
    await pilot.press("tab", *"1974-05-12", "tab", "tab")
    await pilot.press("enter", "down", "enter")  # document type: DNI
    await pilot.press("tab", *"70123456", "ctrl+s")


def _options(screen) -> list[str]:
    options = screen.query_one("#alike")
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def _decide(make_app, *keys, check=lambda screen: None) -> str:
    """Type Rosa again, see the likely-same dialog (``check`` it), press ``keys``: the patient shown then."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _type_rosa_again(pilot)
        assert isinstance(app.screen, LikelySameScreen)
        check(app.screen)
        await pilot.press(*keys)
        assert isinstance(app.screen, PatientScreen)
        return app.screen.patient_id


def _shows_rosa_with_reasons(screen) -> None:
    [first, other] = _options(screen)
    assert "Es la misma persona: abrir N.º 1 Rosa Elena Núñez Quispe" in first
    assert "nombre parecido (100 %)" in first and "misma fecha de nacimiento (1974-05-12)" in first
    assert "DNI 45678912" in first
    assert other == "Es otra persona: registrarla"


async def test_the_same_person_opens_the_registered_record_and_registers_nothing(make_app, store, people):
    before = patients.count(store)
    assert await _decide(make_app, "enter", check=_shows_rosa_with_reasons) == people[0].id
    assert patients.count(store) == before


async def test_another_person_is_registered_and_not_offered_again(make_app, store, people):
    before = patients.count(store)
    new_id = await _decide(make_app, "down", "enter")
    assert patients.count(store) == before + 1
    assert duplicates.distinct_from(store, new_id) == {people[0].id}
    assert duplicates.candidates(store, patients.get(store, new_id)) == []


async def test_escape_goes_back_to_the_filled_form_in_english_too(make_app, store, people):
    before = patients.count(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _type_rosa_again(pilot)
        await pilot.press("f12")
        assert "Same person: open No. 1 Rosa Elena Núñez Quispe" in _options(app.screen)[0]
        assert "same birth date" in _options(app.screen)[0]
        assert "Before registering" in text_of(app.screen.query_one("#dialog-title"))
        await pilot.press("escape")
        assert isinstance(app.screen, RegisterScreen)
        assert app.screen.query_one("#patient-form").values()["paternal_surname"] == "Nunez"
    assert patients.count(store) == before
