"""Merging from the patient screen by keys: the other record's number typed (its name shown), Ctrl+S
merges, the kept record lists it and search shows only the kept one; «d» undoes it; a clinician is refused."""

from __future__ import annotations

from ayni.core.people import merges, patients
from ayni.core.people import users as accounts
from ayni.tui.screens.merge import MergeModal
from ayni.tui.screens.patient import PatientScreen
from tuikit import text_of

SIZE = (80, 24)


async def _open(pilot, number: int):
    await pilot.press(*str(number), "enter")


async def test_merge_and_undo_by_keys(make_app, store, people):
    rosa, juan, _ = people
    twin = patients.register(store, {"given_names": "Rosa", "paternal_surname": "Nunez", "maternal_surname": "Quispe",
                                     "sex": "F", "age_years": "52", "id_kind": "none"})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, rosa.number)
        await pilot.press("m", *str(twin.number))
        assert isinstance(app.screen, MergeModal)
        assert f"Se fusiona: N.º {twin.number} Rosa Nunez Quispe" in text_of(app.screen.query_one("#form-info"))
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, PatientScreen)
        assert f"Registros fusionados en este: N.º {twin.number}" in text_of(app.screen.query_one("#details"))
        assert merges.merged_into(store, twin.id) == rosa.id
        assert [p.id for p in patients.search(store, "rosa")] == [rosa.id]

        await pilot.press("d", "enter")
        assert merges.merged_into(store, twin.id) is None
        assert "fusionados" not in text_of(app.screen.query_one("#details"))


async def test_an_unknown_number_is_refused_in_the_dialog(make_app, store, people):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, people[0].number)
        await pilot.press("m", *"999", "ctrl+s")
        assert isinstance(app.screen, MergeModal)
        assert "no hay ningún paciente con ese número" in text_of(app.screen.query_one(".error-summary"))
        await pilot.press("f12")
        await pilot.press("ctrl+s")
        assert "no patient has that number" in text_of(app.screen.query_one(".error-summary"))


async def test_a_clinician_is_refused_and_nothing_is_merged(make_app, store, people):
    rosa, juan, _ = people
    accounts.add(store, "admin", accounts.ADMIN, "1234")
    accounts.login(store, "admin", "1234")
    accounts.add(store, "dra", "clinician:general", "5678")
    accounts.logout(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"dra", "enter", *"5678", "enter")
        await _open(pilot, rosa.number)
        await pilot.press("m", *str(juan.number), "ctrl+s")
        assert isinstance(app.screen, MergeModal)
        assert "requiere el rol administración o coordinación" in text_of(app.screen.query_one(".error-summary"))
    assert merges.merged_into(store, juan.id) is None
