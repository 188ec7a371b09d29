"""The form renderer's short paths, by keys in a tiny host app: Enter moves on, PgDn/PgUp jump between
sections, a letter chooses from a closed list, F2 copies the declared first side into the second, a
shorthand is shown completed, and moving past the last field tells the host."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from textual.app import App, ComposeResult

from ayni.core import EYES, Choice, Field, FieldError, FieldType, FormSpec, Text, fold, validate_form
from ayni.tui.widgets.form import FormView

BASIC, REFRACTION, ACUITY = Text("Básico", "Basic"), Text("Refracción", "Refraction"), Text("Agudeza", "Acuity")


def _acuity(field, raw):
    """«60» is 20/60; anything else with a slash is kept; the rest refused."""
    text = str(raw).strip()
    if text.isdigit():
        return f"20/{text}", None
    if "/" in text:
        return text, None
    return None, FieldError(field.key, "bad_pattern", field.label, {"hint": Text("20/40", "20/40")})


SPEC = FormSpec(
    key="test.eyes", version=1, title=Text("Ojos", "Eyes"), specialty="test", copy_sides=("od", "os"),
    fields=(
        Field("name", FieldType.TEXT, Text("Nombre", "Name"), section=BASIC),
        Field("colour", FieldType.CHOICE, Text("Color", "Colour"), section=BASIC, choices=(
            Choice("red", Text("Rojo", "Red")), Choice("green", Text("Verde", "Green")),
            Choice("pink", Text("Rosado", "Pink")))),
        Field("sphere", FieldType.DECIMAL, Text("Esfera", "Sphere"), sides=EYES, section=REFRACTION,
              min=Decimal("-20"), max=Decimal("20"), step=Decimal("0.25")),
        Field("axis", FieldType.INTEGER, Text("Eje", "Axis"), sides=EYES, section=REFRACTION, min=1, max=180),
        Field("va", FieldType.TEXT, Text("AV", "VA"), sides=EYES, section=ACUITY, parse=_acuity),
    ),
)


class Host(App):
    """Only the form, counting how often the person moved on past its end."""

    def __init__(self):
        super().__init__()
        self.finished = 0

    def compose(self) -> ComposeResult:
        yield FormView(SPEC, "es")

    def on_mount(self) -> None:
        self.query_one(FormView).rows["name"].focus_editor()

    def on_form_view_finished(self) -> None:
        self.finished += 1


def _at(app) -> str:
    """Which field and side has the cursor: «sphere.os»."""
    view = app.query_one(FormView)
    for key, row in view.rows.items():
        for side, editor in row.editors.items():
            if editor is app.focused:
                return f"{key}.{side}" if side else key
    return repr(app.focused)


async def test_enter_a_letter_pgdn_pgup_and_f2_make_short_paths():
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(FormView)
        rows = view.rows
        await pilot.press("x", "enter")  # Enter in a one-line field moves on
        assert _at(app) == "colour"
        await pilot.press("r")
        assert rows["colour"].value == "red"
        await pilot.press("r")  # the next option with the same letter
        assert rows["colour"].value == "pink"
        await pilot.press("v")
        assert rows["colour"].value == "green"

        await pilot.press("pagedown")
        assert _at(app) == "sphere.od"
        await pilot.press(*"1.5", "f2")  # copied to OS with its step's places, and on to the next field
        assert rows["sphere"].value == {"od": "1.50", "os": "1.50"} and _at(app) == "axis.od"
        await pilot.press("f2")  # an empty OD never clears OS: nothing happens and it is said
        assert rows["axis"].value == {"od": "", "os": ""} and _at(app) == "axis.od"
        assert "Copiar OD→OI" in [n.message for n in app._notifications][-1]
        await pilot.press("pageup")  # the first field of this section
        assert _at(app) == "sphere.od"
        await pilot.press("pageup")  # then the section before
        assert _at(app) == "name"

        await pilot.press("pagedown", "pagedown")
        assert _at(app) == "va.od"
        await pilot.press(*"60", "tab")  # the shorthand is shown as it was read
        assert rows["va"].editors["od"].value == "20/60" and _at(app) == "va.os"
        await pilot.press(*"cf", "shift+tab")  # what is not a shorthand stays as typed, refused on save
        assert rows["va"].editors["os"].value == "cf"
        assert app.finished == 0
        await pilot.press("f2")  # the last row copied: past the end
        assert rows["va"].value == {"od": "20/60", "os": "20/60"} and app.finished == 1
        await pilot.press("pagedown")
        assert app.finished == 2

        assert validate_form(SPEC, view.values()) == {
            "name": "x", "colour": "green", "sphere": {"od": Decimal("1.50"), "os": Decimal("1.50")},
            "va": {"od": "20/60", "os": "20/60"}}


LISTS = FormSpec(
    key="test.lists", version=1, title=Text("Listas", "Lists"), specialty="test",
    fields=(
        Field("allergies", FieldType.MULTI_CHOICE, Text("Alergias", "Allergies"), section=BASIC,
              choices=tuple(Choice(f"c{i}", Text(f"Opción {i}", f"Option {i}")) for i in range(12))),
        Field("plan", FieldType.TEXT, Text("Plan", "Plan"), section=REFRACTION),
    ),
)


class ListsHost(App):
    def compose(self) -> ComposeResult:
        yield FormView(LISTS, "es")


async def test_pgdn_and_pgup_move_between_sections_from_inside_a_list():
    app = ListsHost()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(FormView)
        view.rows["allergies"].focus_editor()
        await pilot.press("down", "pagedown")  # a list would scroll a page: the next section instead
        assert _at(app) == "plan"
        await pilot.press("pageup")
        assert _at(app) == "allergies"


class CatalogueHost(App):
    def __init__(self, catalogue):
        super().__init__()
        self.catalogue = catalogue

    def compose(self) -> ComposeResult:
        from ayni.tui.widgets.procedures import ProcedurePicker

        yield ProcedurePicker(self.catalogue, [], "es")


async def test_a_few_letters_jump_to_a_procedure_in_the_catalogue():
    from ayni.core import default_plugins
    from ayni.tui.widgets.procedures import Catalogue

    app = CatalogueHost(default_plugins().procedures_of("dental"))
    async with app.run_test(size=(100, 30)) as pilot:
        catalogue = app.query_one(Catalogue)
        catalogue.focus()
        await pilot.press(*"exo")
        assert str(catalogue.highlighted_option.prompt).startswith("Exodoncia simple")
        await pilot.press("q")  # «exoq» names nothing: «q» alone, the first with a word that begins with it
        assert any(word.startswith("q") for word in fold(str(catalogue.highlighted_option.prompt)).split())
        await pilot.press("down")  # any other key starts again
        assert catalogue.typed == ""
        await pilot.press(*"extr")  # as the odontogram says it: no name begins so, the code does
        assert catalogue.highlighted_option.id == "dental.extraction.simple"


def _real_choices() -> FormSpec:
    """The registration's document kind and the pre-op's ASA class, as the app draws them."""
    from ayni.core.people.patients import PATIENT_FORM
    from ayni.plugins.surgery.forms import PREOP

    fields = [f for spec in (PATIENT_FORM, PREOP) for f in spec.fields if f.key in ("id_kind", "asa")]
    return FormSpec(key="test.choices", version=1, title=Text("Listas", "Lists"), specialty="test",
                    fields=tuple(attrs.evolve(f, required=False) for f in fields))


class ChoicesHost(App):
    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield FormView(_real_choices(), self.lang)


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_a_letter_reaches_a_choice_by_any_word_of_its_label(lang):
    app = ChoicesHost(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        rows = app.query_one(FormView).rows
        rows["id_kind"].focus_editor()
        await pilot.press("n")  # no label starts with «n» in Spanish: the value none, «Sin documento»
        assert rows["id_kind"].value == "none"
        rows["asa"].focus_editor()
        await pilot.press("i")  # «ASA I — sano»: the start of its second word
        assert rows["asa"].value == "I"
        await pilot.press("i", "i")  # again: ASA II, then ASA III
        assert rows["asa"].value == "III"
        await pilot.press("a")  # by the first letter, the next «ASA …»
        assert rows["asa"].value == "IV"
