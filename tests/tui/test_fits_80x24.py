"""Nothing hidden at 80×24: the whole odontogram (adult and child) with its cursor, every word of a
PHQ-9 question and what its answers mean, the history's diagnoses and status, the encounter's status
in its title and every tab of every station."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Select, Tab

from ayni.core.clinical import encounters
from ayni.plugins.dental.widgets import OdontogramWidget
from ayni.tui.widgets.errors import ErrorSummary
from tuikit import text_of

TERMINAL = (80, 24)


async def _station(app, store, patient, pilot, specialty: str, station: str):
    app.open_patient(patient.id)
    app.open_encounter(encounters.open_encounter(store, patient.id, specialty, station).id)
    await pilot.pause()
    return app.screen


def _on_screen(widget) -> bool:
    """The widget is drawn whole: inside the screen and inside what its scrolling parent shows."""
    screen, shown = widget.screen.region, widget.parent.parent.region
    return screen.contains_region(widget.region) and shown.contains_region(widget.region)


async def test_the_whole_odontogram_and_its_cursor_show_at_80_by_24(make_app, store, patient):
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        screen = await _station(app, store, patient, pilot, "dental", "exam")
        chart = screen.query_one(OdontogramWidget)
        chart.focus()
        await pilot.pause()
        for primary in (False, True):
            assert chart.primary is primary
            assert chart.content_region.width >= len(chart.rows[0]) * 4 + 2  # 16 (or 10) teeth and the midline
            assert _on_screen(chart)
            drawn = str(chart.render())
            assert all(str(tooth) in drawn for row in chart.rows for tooth in row)
            await pilot.press(*["right"] * 15, "down")  # to the last tooth of the lower arch
            assert chart.tooth == chart.rows[1][-1] and _on_screen(chart)
            await pilot.press("t")


async def test_a_phq9_question_shows_whole_and_each_answer_says_what_it_means(make_app, store, patient):
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        screen = await _station(app, store, patient, pilot, "general", "mental_health")
        row = screen.views["general.mental_health"].rows["phq_6"]
        label = row.query_one(".field-label")
        assert text_of(label) == ("6. Se ha sentido mal con usted mismo(a), que es un fracaso o que ha quedado mal "
                                  "con usted mismo(a) o con su familia")
        assert label.size.height >= 4  # wrapped in its column, no word cut
        answers = [str(prompt) for prompt, _ in row.editors[None]._options]
        assert answers[1:] == ["0 — Nunca", "1 — Varios días", "2 — Más de la mitad de los días",
                               "3 — Casi todos los días"]
        await pilot.press("f12")
        answers = [str(prompt) for prompt, _ in row.query_one(Select)._options]
        assert answers[-1] == "3 — Nearly every day"


async def test_phq9_question_9_says_what_an_answer_above_0_triggers_at_80_by_24(make_app, store, patient):
    from ayni.tui.widgets.form import HintLine

    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        screen = await _station(app, store, patient, pilot, "general", "mental_health")
        screen.views["general.mental_health"].rows["phq_8"].focus_editor()
        await pilot.pause()
        await pilot.press("tab")  # to question 9, as a psychologist goes
        await pilot.pause()
        hint = screen.query_one(HintLine)
        said = _drawn(hint)
        assert said.startswith("0–3 · 0 Nunca · 1 Varios días")
        assert said.endswith("Mayor que 0: alerta de seguridad al guardar; evalúe el riesgo hoy, no deje solo "
                             "al paciente y elija la acción de seguridad (Seguimiento)."), said
        label = screen.views["general.mental_health"].rows["phq_9"].query_one(".field-label")
        assert label.size.height == 3 and label.region.y >= 0 and label.region.bottom <= hint.region.y  # whole
        screen.views["general.mental_health"].rows["phq_8"].focus_editor()
        await pilot.pause()
        assert "alerta de seguridad" not in _drawn(hint)


async def test_the_history_keeps_its_diagnoses_and_status_at_80_columns(make_app, store, patient):
    visit = encounters.open_encounter(store, patient.id, "general", "consultation")
    encounters.save(store, visit.id, diagnoses=["J06.9"])
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        app.open_patient(patient.id)
        await pilot.press("h")
        table = app.screen.query_one("#history", DataTable)
        headers = [str(c.label) for c in table.columns.values()]
        assert headers == ["Fecha (Lima)", "Especialidad — estación", "Diagnósticos", "Estado"]
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= 80
        assert [str(c) for c in table.get_row_at(0)][2:] == ["J06.9", "abierta"]
        assert text_of(app.screen.query_one("#history-detail")).startswith("Campaña: ")
        await pilot.resize_terminal(120, 30)  # wide enough for the campaign as a column again
        await pilot.pause()
        assert "Campaña" in [str(c.label) for c in table.columns.values()]


async def test_the_history_says_what_each_phq9_answer_means_at_80_columns(make_app, store, patient):
    answers = {f"phq_{i}": 2 for i in range(1, 9)} | {"phq_9": 0}
    visit = encounters.open_encounter(store, patient.id, "general", "mental_health")
    encounters.save(store, visit.id, forms={"general.mental_health": answers}, diagnoses=["F32.9"])
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        app.open_patient(patient.id)
        await pilot.press("h")
        await pilot.pause()
        detail = text_of(app.screen.query_one("#history-detail"))
        assert "1. Poco interés o placer en hacer las cosas: 2 — Más de la mitad de los días" in detail
        assert "o de hacerse daño de alguna manera: 0 — Nunca" in detail
        assert "Puntaje PHQ-9: 16 / 27" in detail  # a score is a number, not an answer


async def test_the_encounter_title_keeps_its_status_at_80_columns(make_app, store, patient):
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        screen = await _station(app, store, patient, pilot, "general", "srh")
        title = screen.query_one("#title")
        shown = title.render_line(0).text.strip()
        assert shown.startswith("Atención ") and " · abierta · Salud sexual y reproductiva · " in shown
        assert shown.endswith(" · Rosa Núñez Quispe") and len(shown) <= 78  # the specialty goes, not the name


QUECHUA_NAME = {"given_names": "Teodosia Florentina", "paternal_surname": "Ccorimanya",
                "maternal_surname": "Huillcahuamán", "sex": "F", "age_years": "67", "id_kind": "none",
                "language": "qu", "community": "Vilcashuamán"}


@pytest.mark.parametrize("lang, where", [("es", "Fisioterapia, Evaluación"), ("en", "Physiotherapy, Assessment")])
async def test_the_encounter_title_names_the_station_and_shortens_a_long_name_first(make_app, store, lang, where):
    from ayni.core.people import patients

    teodosia = patients.register(store, QUECHUA_NAME)
    app = make_app(lang)
    async with app.run_test(size=TERMINAL) as pilot:
        screen = await _station(app, store, teodosia, pilot, "physio", "assessment")
        shown = screen.query_one("#title").render_line(0).text.strip()
        station = where.split(", ")[1]
        assert shown.endswith(f" · {station} · Teodosia Ccorimanya Huillcahuamán") and len(shown) <= 78
        assert shown.split()[1] == teodosia_ref(store)[:6]  # the reference shortened, still one the CLI takes
        await pilot.resize_terminal(120, 30)  # room for the whole name
        await pilot.pause()
        shown = screen.query_one("#title").render_line(0).text.strip()
        assert shown.endswith(f" · {where} · Teodosia Florentina Ccorimanya Huillcahuamán")
        assert shown.split()[1] == teodosia_ref(store)


async def test_the_encounter_title_keeps_the_station_rather_than_the_specialty_at_80_columns(make_app, store):
    """Medicina general has five stations: «Salud mental» says where the person is, the specialty does not."""
    from ayni.core.people import patients

    teodosia = patients.register(store, QUECHUA_NAME)
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        screen = await _station(app, store, teodosia, pilot, "general", "mental_health")
        shown = screen.query_one("#title").render_line(0).text.strip()
        assert shown.endswith(" · abierta · Salud mental · Teodosia Ccorimanya Huillcahuamán") and len(shown) <= 78


def teodosia_ref(store) -> str:
    """The reference of the one encounter open in ``store`` (eight hex digits)."""
    return encounters.reference(store.db.execute("SELECT id FROM encounters").fetchone()[0])


#: A reason near the longest a cancellation takes (encounters.MAX_CANCEL_REASON characters).
LONG_REASON = ("Abierta en la estación equivocada: la paciente venía a la evaluación de fisioterapia y la "
               "registradora eligió odontología por error; se abre de nuevo en la estación que corresponde hoy "
               "en la campaña")


@pytest.mark.parametrize("size, ends", [(TERMINAL, " · anulada · Evaluación · Teodosia Ccorimanya Huillcahuamán"),
                                        ((120, 30), " · anulada · Odontología, Evaluación · Teodosia Florentina "
                                                    "Ccorimanya Huillcahuamán")])
async def test_a_long_cancel_reason_goes_in_the_body_and_the_title_keeps_the_name(make_app, store, size, ends):
    """A cancelled encounter's title says «anulada», as an open one says «abierta»; the reason is read
    whole under it, and the patient screen's title keeps the name too."""
    from ayni.core.people import patients

    teodosia = patients.register(store, QUECHUA_NAME)
    visit = encounters.open_encounter(store, teodosia.id, "dental", "exam")
    encounters.cancel(store, visit.id, LONG_REASON)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        app.open_patient(teodosia.id)
        await pilot.pause()
        assert text_of(app.screen.query_one("#title")).endswith(": Teodosia Florentina Ccorimanya Huillcahuamán")
        app.open_encounter(visit.id)
        await pilot.pause()
        shown = app.screen.query_one("#title").render_line(0).text.strip()
        assert shown.endswith(ends) and len(shown) <= size[0] - 2
        body = app.screen.query_one(ErrorSummary)
        assert LONG_REASON in " ".join(text_of(body).split()) and body.region.height >= 3


STATIONS = [(specialty, station) for specialty, station in (
    ("general", "triage"), ("general", "consultation"), ("general", "vaccination"), ("general", "mental_health"),
    ("general", "srh"), ("dental", "exam"), ("optometry", "exam"), ("optometry", "dispensing"),
    ("physio", "assessment"), ("physio", "treatment"), ("surgery", "screening"))]


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_every_tab_of_every_station_shows_at_80_columns(make_app, store, patient, lang):
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        if lang == "en":
            await pilot.press("f12")
        for specialty, station in STATIONS:
            screen = await _station(app, store, patient, pilot, specialty, station)
            tabs = list(screen.query(Tab))
            assert len(tabs) >= 3
            for tab in tabs:
                assert screen.region.contains_region(tab.region), (specialty, station, str(tab.label))
            assert len({(t.region.x, t.region.y) for t in tabs}) == len(tabs)  # none drawn over another
            await pilot.press("escape")
            await pilot.pause()


async def test_the_search_list_keeps_its_community_column_at_80_columns(make_app, store, people):
    """The widest column (the name) is narrowed first, and a name cut ends in «…»."""
    from ayni.core.people import patients

    patients.register(store, {"given_names": "Alejandrina Justina", "paternal_surname": "Ñaupa",
                              "maternal_surname": "Huamaní", "sex": "F", "age_years": "62", "id_kind": "dni",
                              "id_number": "43368207", "community": "Independencia"})
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#results", DataTable)
        assert [str(c.label) for c in table.columns.values()][-1] == "Comunidad"
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= 80 - 2  # and its scrollbar
        name, community = (column.width for column in list(table.columns.values())[1::4])
        assert community >= len("Independencia") and 20 <= name < len("Ñaupa Huamaní, Alejandrina Justina")
        await pilot.resize_terminal(120, 30)
        await pilot.press("a", "backspace")  # refilled at the new width: the whole name
        assert list(table.columns.values())[1].width == len("Ñaupa Huamaní, Alejandrina Justina")


def _drawn(widget) -> str:
    """What ``widget`` shows on screen, its lines joined (no word cut at a line's end)."""
    return " ".join(widget.render_line(y).text.strip() for y in range(widget.region.height)).strip()


@pytest.mark.parametrize("size", [TERMINAL, (120, 30)])
async def test_the_focused_fields_whole_hint_shows_above_the_footer(make_app, store, patient, size):
    from ayni.tui.widgets.form import FormView, HintLine

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("f2")  # register a patient
        await pilot.pause()
        form, hint = app.screen.query_one(FormView), app.screen.query_one(HintLine)
        form.rows["birth_date"].focus_editor()
        await pilot.pause()
        whole = "AAAA-MM-DD; si no la sabe, deje vacío e indique la edad."
        box = form.rows["birth_date"].editors[None]
        assert whole not in box.render_line(0).text or size != TERMINAL  # the box cuts it at 80 columns
        assert _drawn(hint) == whole and hint.region.bottom <= size[1] - 1  # above the footer
        await pilot.press("f12")
        await pilot.pause()
        assert _drawn(hint) == "YYYY-MM-DD; if unknown, leave empty and give the age."
        form.rows["given_names"].focus_editor()  # a field without a hint: the line is empty
        await pilot.pause()
        assert _drawn(hint) == ""


async def test_a_long_hint_shows_whole_in_an_encounter_at_80_columns(make_app, store, patient):
    from ayni.tui.widgets.form import HintLine

    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        screen = await _station(app, store, patient, pilot, "physio", "assessment")
        row = screen.views["physio.assessment"].rows["pain"]
        row.focus_editor()
        await pilot.pause()  # the hint grows to its lines, then the form scrolls the field back in sight
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        hint = screen.query_one(HintLine)
        assert _drawn(hint) == row.hint and len(row.hint) > 78 and hint.region.height >= 2
        assert screen.focused.region.bottom <= hint.region.y  # the field stays in sight above it


async def test_the_station_picker_keeps_its_highlighted_station_inside_the_dialog(make_app, store, patient):
    from textual.widgets import OptionList

    from ayni.tui.screens.patient import NewEncounterScreen

    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        app.open_patient(patient.id)
        await pilot.pause()
        await pilot.press("e")
        assert isinstance(app.screen, NewEncounterScreen)
        options = app.screen.query_one("#stations", OptionList)
        dialog = app.screen.query_one("#dialog")
        for key in ("end", "home", "end"):
            await pilot.press(key)
            await pilot.pause()
            assert dialog.content_region.contains_region(options.region)  # the list is not cut by the dialog
            shown = options.scroll_offset.y
            assert shown <= options.highlighted < shown + options.scrollable_content_region.height
        assert options.highlighted == options.option_count - 1
