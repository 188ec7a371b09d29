"""A multiple choice shows every option whole at 80×24: a long one goes on under its own text, its
«[X]» / «[ ]» on the first line; ↑↓ still move one option and Space ticks it; the list is as tall as
its options (one taller than the screen scrolls in itself, the option under the cursor whole in
sight), and what is ticked is what is saved."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll

from ayni.core import Choice, Field, FieldType, FormSpec, Specialty, Text, hookimpl, load_plugins
from ayni.core.clinical import encounters
from ayni.plugins.general.forms import ALLERGIES

TERMINAL = (80, 24)
GUTTER = "    "  # under «[ ] », where a wrapped option goes on

#: A plugin's question with more options than 80×24 shows at once, two of them long.
HOUSEHOLD = Field("household", FieldType.MULTI_CHOICE, Text("En la vivienda", "In the household"), choices=(
    *(Choice(f"item_{n}", Text(f"Elemento {n} de la vivienda", f"Household item {n}")) for n in range(1, 12)),
    Choice("smoke", Text("Cocina a leña dentro de la vivienda, sin chimenea ni ventana", "Wood stove indoors")),
    *(Choice(f"item_{n}", Text(f"Elemento {n} de la vivienda", f"Household item {n}")) for n in range(12, 22)),
    Choice("animals", Text("Cuyes u otros animales que duermen en la misma habitación", "Animals indoors")),
))


class SurveyPlugin:
    """A plugin outside the repository, whose one form asks :data:`HOUSEHOLD`."""

    FORM = FormSpec(key="survey.household", version=1, specialty="survey", title=Text("Vivienda", "Household"),
                    fields=(HOUSEHOLD,))

    @hookimpl
    def ayni_specialties(self):
        return [Specialty("survey", Text("Encuesta", "Survey"), ("desk",), forms=(self.FORM.key,))]

    @hookimpl
    def ayni_forms(self):
        return [self.FORM]


@pytest.fixture
def plugins():
    """The built-in plugins and :class:`SurveyPlugin`."""
    return load_plugins(entry_points=False, extra=[SurveyPlugin()])


def _option_lines(tick_list) -> list[list[str]]:
    """The lines each option is drawn on, of those the list shows: a line under «[ ] » goes on the
    option above it (or on one above the list's top, when it starts the list)."""
    options: list[list[str]] = []
    for y in range(tick_list.size.height):
        line = tick_list.render_line(y).text.rstrip()
        if line.startswith(GUTTER) and options:
            options[-1].append(line)
        else:
            options.append([line])
    return options


def _options_drawn(tick_list) -> list[tuple[str, str]]:
    """Each option as the list draws it: its mark («[X]», «[ ]») and its text, lines joined."""
    return [(lines[0][:3], " ".join(line[4:].strip() for line in lines)) for lines in _option_lines(tick_list)]


def _in_sight(tick_list, label: str) -> bool:
    """The option ``label`` is drawn whole, every line of it, where the screen shows the form."""
    shown = next(a for a in tick_list.ancestors if isinstance(a, VerticalScroll)).region
    return shown.contains_region(tick_list.region) and label in [text for _, text in _options_drawn(tick_list)]


async def _editor(app, store, patient, pilot, specialty: str, station: str, form: str, field: str):
    encounter = encounters.open_encounter(store, patient.id, specialty, station)
    app.open_encounter(encounter.id)
    await pilot.pause()
    editor = app.screen.views[form].rows[field].editors[None]
    editor.focus()
    await pilot.pause()
    return encounter, editor


async def test_long_allergies_read_whole_with_their_tick_and_save_as_before(make_app, store, patient):
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        triage, allergies = await _editor(app, store, patient, pilot, "general", "triage", "general.triage",
                                          "allergies")
        labels = [c.label.get("es") for c in ALLERGIES.choices]
        assert _options_drawn(allergies) == [("[ ]", label) for label in labels]
        assert allergies.size.height == allergies.virtual_size.height > len(labels)  # two wrapped, none hidden
        assert allergies.max_scroll_y == 0

        nsaid = [c.value for c in ALLERGIES.choices].index("nsaid")
        await pilot.press(*["down"] * nsaid, "space")
        await pilot.pause()
        assert allergies.highlighted == nsaid and allergies.selected == ["nsaid"]
        assert [mark for mark, _ in _options_drawn(allergies)] == ["[X]" if i == nsaid else "[ ]"
                                                                  for i in range(len(labels))]
        await pilot.press("down", "space", "up", "up", "space")  # one option per key, wrapped or not
        await pilot.pause()
        assert set(allergies.selected) == {"paracetamol", "macrolide", "nsaid"}

        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = encounters.get_encounter_record(store, triage.id).form("general.triage")
        assert sorted(saved["allergies"]) == ["macrolide", "nsaid", "paracetamol"]


async def test_a_list_taller_than_the_screen_scrolls_in_itself_the_option_under_the_cursor_in_sight(
        make_app, store, patient):
    app = make_app()
    async with app.run_test(size=TERMINAL) as pilot:
        survey, household = await _editor(app, store, patient, pilot, "survey", "desk", "survey.household",
                                          "household")
        labels = [c.label.get("es") for c in HOUSEHOLD.choices]
        assert household.max_scroll_y > 0 and not _in_sight(household, labels[-1])
        long_ones = [i for i, c in enumerate(HOUSEHOLD.choices) if c.value in ("smoke", "animals")]
        for index in long_ones:  # the second below what the list first shows
            await pilot.press(*["down"] * (index - household.highlighted))
            await pilot.pause()
            assert household.highlighted == index and _in_sight(household, labels[index]), labels[index]
        await pilot.press("space", "up", "up", "space")
        await pilot.pause()
        assert _in_sight(household, labels[-3])
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = encounters.get_encounter_record(store, survey.id).form("survey.household")
        assert sorted(saved["household"]) == sorted([HOUSEHOLD.choices[-1].value, HOUSEHOLD.choices[-3].value])
