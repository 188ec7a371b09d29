"""The home screen finds patients as you type, ignoring accents and case."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Input

from ayni.tui.screens.patient import PatientScreen
from ayni.tui.screens.search import SearchScreen

from tuikit import SIZE, cell_texts


async def test_typing_nunez_finds_nunez_and_enter_opens_her(make_app, people):
    rosa = people[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"nunez")
        rows = cell_texts(app.screen.query_one("#results", DataTable))
        assert [r[1] for r in rows] == ["Núñez Quispe, Rosa Elena"]
        assert (rows[0][0], rows[0][4]) == (str(rosa.number), "DNI 45678912")
        await pilot.press("enter")
        assert isinstance(app.screen, PatientScreen)
        assert app.screen.patient_id == rosa.id


@pytest.mark.parametrize("lang, says", [("es", "Enter abre"), ("en", "Enter opens")])
async def test_the_search_box_says_what_to_type_whole_at_80_columns(make_app, lang, says):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        search = app.screen.query_one("#search", Input)
        assert says in search.placeholder
        assert cell_len(search.placeholder) < search.content_region.width  # and the cursor before it


async def test_search_by_identifier_and_no_match_message(make_app, people):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"4012")
        rows = cell_texts(app.screen.query_one("#results", DataTable))
        assert [r[1] for r in rows] == ["Mamani Condori, Juan Carlos"]
        await pilot.press("x")
        assert app.screen.query_one("#results", DataTable).row_count == 0
        assert "4012x" in str(app.screen.query_one("#results-info").render())


async def test_the_short_patient_number_finds_the_patient(make_app, people):
    luz = people[2]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*str(luz.number))
        rows = cell_texts(app.screen.query_one("#results", DataTable))
        assert [r[:2] for r in rows] == [[str(luz.number), "Huamán Ccori, Luz"]]
        await pilot.press("enter")
        assert app.screen.patient_id == luz.id
        assert f"Paciente N.º {luz.number}: Luz Huamán Ccori" in str(app.screen.query_one("#title").render())


async def test_a_number_with_its_device_letter_finds_the_patient(make_app, store, people):
    from ayni.core.people import patients
    from ayni.core.storage.devices import set_letter

    set_letter(store, "B")
    nina = patients.register(store, {"given_names": "Nina", "paternal_surname": "Ccori", "maternal_surname": "",
                                     "sex": "F", "age_years": "9", "id_kind": "none", "guardian_name": "Luz Ccori"})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"b-4")  # typed as on her card, without the zeros
        rows = cell_texts(app.screen.query_one("#results", DataTable))
        assert rows[0][:2] == ["B-0004", "Ccori, Nina"] and nina.card_number == "B-0004"
        await pilot.press("enter")
        assert "Paciente N.º B-0004: Nina Ccori" in str(app.screen.query_one("#title").render())


async def test_back_from_a_patient_the_search_starts_afresh_but_not_back_from_the_stock(make_app, people):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"mamani", "f4", "escape")  # the stock and back: the query stays
        search = app.screen.query_one("#search")
        assert search.value == "mamani" and app.screen.query_one("#results", DataTable).row_count == 1
        await pilot.press("enter", "escape")  # a patient opened and back: a fresh search
        assert isinstance(app.screen, SearchScreen) and app.focused is search
        assert search.value == ""
        assert "recientemente" in str(app.screen.query_one("#results-info").render())
        assert app.screen.query_one("#results", DataTable).row_count == len(people)
