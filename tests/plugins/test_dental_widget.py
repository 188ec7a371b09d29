"""The keyboard odontogram in a tiny host app, driven with keys only (Pilot)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from ayni.core import validate_form
from ayni.plugins import dental
from ayni.plugins.dental.forms import EXAM, ODONTOGRAM


class Host(App):
    """Just the widget the plugin's factory makes, as a form row would hold it."""

    def __init__(self, value=None, lang="es"):
        super().__init__()
        self.initial, self.lang = value, lang

    def compose(self) -> ComposeResult:
        factory = dental.ayni_tui_widgets()[ODONTOGRAM.widget]
        yield factory(ODONTOGRAM, self.initial, self.lang)

    def on_mount(self) -> None:
        self.query_one("OdontogramWidget").focus()


def _text(widget) -> str:
    return widget.render().plain


async def test_a_dentist_charts_a_mouth_with_single_keys():
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        chart = app.query_one("OdontogramWidget")
        assert chart.tooth == 16  # starts on the first molar
        await pilot.press("c", "O", "D")  # 16: caries on occlusal and distal
        await pilot.press("right", "right", "right", "right", "right")  # 16 → 11
        await pilot.press("I")  # a sound incisor touched on its edge becomes carious there
        await pilot.press("right", "o", "M", "O")  # 21: filled mesial; O on an incisor means incisal
        await pilot.press("down", "m")  # lower arch, same column: 31 missing
        await pilot.press("left", "x", "left", "f", "left", "s", "V", "space")  # 41 extraction, 42 fractured, 43 sound
        assert chart.value == {
            "11": {"state": "caries", "surfaces": {"I": "caries"}},
            "16": {"state": "caries", "surfaces": {"O": "caries", "D": "caries"}},
            "21": {"state": "filled", "surfaces": {"M": "filled", "I": "filled"}},
            "31": {"state": "missing"},
            "41": {"state": "extraction"},
            "42": {"state": "fractured"},
        }
        await pilot.press("up", "right", "right", "O")  # 43 → 13 → 11: its marked surface again clears it
        assert chart.value["11"] == {"state": "caries"}
        values = validate_form(EXAM, {"dentition": "permanent", "odontogram": chart.value})
        assert values["dmft_permanent"] == 5  # decayed 11, 16; missing 31, extraction 41; filled 21


async def test_the_primary_teeth_are_one_key_away_and_missing_teeth_have_no_surfaces():
    app = Host({"46": "missing"}, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        chart = app.query_one("OdontogramWidget")
        await pilot.press("t")
        assert chart.tooth == 55 and "[primary]" in _text(chart)
        await pilot.press("c", "O", "down", "m", "t")  # 55 caries; 85 missing; back to permanent
        assert chart.tooth == 45
        await pilot.press("left", "O")  # 46 is missing: the surface key is ignored and says why
        assert "tooth 46 is missing: no surfaces" in _text(chart)
        assert chart.value == {"46": {"state": "missing"}, "55": {"state": "caries", "surfaces": {"O": "caries"}},
                               "85": {"state": "missing"}}


async def test_the_chart_fits_80_columns_with_letters_beside_colours():
    app = Host({"16": {"state": "caries", "surfaces": {"O": "caries"}}, "26": "filled", "36": "x"})
    async with app.run_test(size=(80, 24)):
        chart = app.query_one("OdontogramWidget")
        lines = _text(chart).splitlines()
        assert max(len(line) for line in lines) <= 78
        numbers = next(line for line in lines if "18" in line and "28" in line)
        assert numbers.split() == ["18", "17", "16", "15", "14", "13", "12", "11", "│",
                                   "21", "22", "23", "24", "25", "26", "27", "28"]
        states = lines[lines.index(numbers) + 4]
        assert states.split()[2] == "C" and states.split()[-3] == "O"  # 16 caries, 26 filled: letters, not only colour
        assert "·c·" in lines[lines.index(numbers) + 2]  # the occlusal surface of 16 carries the caries mark
        assert "X" in _text(chart).split("─")[-1]  # 36, extraction indicated, in the lower arch
        assert "► 16: Caries (O caries)" in _text(chart)


async def test_the_generic_form_renderer_uses_the_odontogram_for_the_exam(store):
    from ayni.tui.widgets.form import FormView, plugin_widgets

    class FormHost(App):
        def compose(self) -> ComposeResult:
            yield FormView(EXAM, "es", values={"dentition": "mixed", "odontogram": {"36": "m"}},
                           widgets=plugin_widgets(store.plugins))

    app = FormHost()
    async with app.run_test(size=(80, 40)) as pilot:
        chart = app.query_one("OdontogramWidget")
        chart.focus()
        await pilot.press("c", "O")
        assert app.query_one(FormView).values()["odontogram"] == {
            "16": {"state": "caries", "surfaces": {"O": "caries"}}, "36": {"state": "missing"}}
