"""Choosing a station at 80×24: the whole list can be reached (it scrolls inside its dialog, never
cut by it) and a letter moves to the stations it starts, as in a choice list; an encounter opened at
the wrong one and cancelled shows its whole reason in the patient's list, and says it is cancelled,
not closed."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList


async def test_a_letter_reaches_the_last_station_and_it_shows_at_80_by_24(make_app, patient):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_patient(patient.id)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        stations = app.screen.query_one("#stations", OptionList)
        assert app.screen.query_one("#dialog").content_region.contains_region(stations.region)
        reached = []
        for _ in range(6):
            await pilot.press("o")
            reached.append(stations.get_option_at_index(stations.highlighted).id)
        assert reached == ["dental\texam", "dental\ttreatment", "optometry\tscreening", "optometry\texam",
                           "optometry\tdispensing", "surgery\toperating_room"]  # then a later word: «Sala de operaciones»
        await pilot.press("o", "o", "o", "o", "o")  # round again to optometry's hand-out, the last entry
        await pilot.pause()
        assert stations.highlighted == stations.option_count - 1
        line = stations.highlighted - stations.scroll_offset.y + stations.content_region.y
        assert stations.content_region.y <= line < stations.content_region.bottom  # scrolled into sight
        await pilot.press("up")
        await pilot.press("enter")
        await pilot.pause()
        opened = app.screen.visit.encounter
        assert (opened.specialty, opened.station) == ("optometry", "exam")


async def test_a_cancelled_encounters_reason_shows_whole_in_the_patients_list_at_80_columns(make_app, store, patient):
    from ayni.core.clinical import encounters

    wrong = encounters.open_encounter(store, patient.id, "optometry", "dispensing")
    encounters.cancel(store, wrong.id, "estación equivocada, era odontología")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_patient(patient.id)
        await pilot.pause()
        table = app.screen.query_one("#encounters", DataTable)
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= 80 - 2
        status = table.get_row_at(0)[-1]
        assert status.plain == "anulada: estación equivocada, era odontología" and status.overflow == "fold"


async def test_a_cancelled_encounter_says_it_is_cancelled_not_closed(make_app, store, patient):
    from ayni.core.clinical import encounters
    from ayni.tui.widgets.errors import ErrorSummary
    from tuikit import text_of

    wrong = encounters.open_encounter(store, patient.id, "optometry", "dispensing")
    encounters.cancel(store, wrong.id, "estación equivocada")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_patient(patient.id)
        app.open_encounter(wrong.id)
        await pilot.pause()
        assert text_of(app.screen.query_one(ErrorSummary)) == (
            "⚠ Atención anulada: estación equivocada. Solo lectura: queda en la historia, fuera de las cifras.")


async def test_the_letter_of_the_station_last_opened_keeps_it_for_the_next_patient(make_app, store, people):
    """A nurse at vaccination opens it with «v», Enter for one patient; for the next, the list starts
    there, and the same «v» keeps it instead of moving on to optometry's «Tamizaje visual»."""
    first, second = people[:2]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for patient in (first, second):
            app.open_patient(patient.id)
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("v", "enter")
            await pilot.pause()
            opened = app.screen.visit.encounter
            assert (opened.specialty, opened.station) == ("general", "vaccination"), patient.given_names
            await pilot.press("escape")
            await pilot.pause()
        app.open_patient(first.id)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        stations = app.screen.query_one("#stations", OptionList)
        await pilot.press("v", "v")  # pressed again, the letter goes on to the next station it names
        assert stations.get_option_at_index(stations.highlighted).id == "optometry\tscreening"


async def test_letters_typed_on_build_the_word_of_a_station(make_app, patient):
    """«t» alone reaches physiotherapy's «Tratamiento»; «tri» goes on to «Triaje»; a repeated letter
    names no station, so it goes on to the next one it starts, as before."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_patient(patient.id)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        stations = app.screen.query_one("#stations", OptionList)

        def at() -> str:
            return stations.get_option_at_index(stations.highlighted).id

        await pilot.press("down")  # off the first entry, which «t» does not name
        await pilot.press("t")
        assert at() == "physio\ttreatment"
        await pilot.press("r", "i")
        assert at() == "general\ttriage"
        await pilot.press("up", "v", "v")  # an arrow starts afresh; «vv» names nothing: the next «v»
        assert at() == "optometry\tscreening"
        await pilot.press("enter")
        await pilot.pause()
        opened = app.screen.visit.encounter
        assert (opened.specialty, opened.station) == ("optometry", "screening")
