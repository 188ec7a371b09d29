"""The generic FormSpec renderer: one suitable widget per field type, a plugin's widget where it offers
one, paired fields side by side, derived fields read only, and each refusal shown by its field."""

from __future__ import annotations

from decimal import Decimal

import pytest
from textual.widgets import Input

import sample_plugin
from ayni.core import load_plugins
from ayni.core.clinical import encounters
from ayni.tui.widgets.fields import ChoiceSelect
from ayni.tui.widgets.picker import CodePicker
from ayni.tui.widgets.toggles import Tick, TickList
from tuikit import SIZE, text_of


@pytest.fixture
def plugins():
    """Only the sample plugin, so the form of every field type is the one rendered."""
    return load_plugins(builtins=(), entry_points=False, extra=[sample_plugin])


async def test_every_field_type_renders_and_saves(make_app, store, patient):
    encounter = encounters.open_encounter(store, patient.id, "sample", "desk")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_encounter(encounter.id)
        await pilot.pause()
        view = app.screen.views["sample.all"]
        kinds = {key: [type(e) for e in row.editors.values()] for key, row in view.rows.items()}
        assert kinds == {
            "note": [Input], "count": [Input], "level": [Input], "colour": [ChoiceSelect], "symptoms": [TickList],
            "seen_on": [Input], "smoker": [Tick], "codes": [CodePicker], "pain": [ChoiceSelect],
            "teeth": [sample_plugin.TeethInput], "acuity": [Input, Input], "hearing": [Input, Input], "double": [],
        }
        assert [text_of(label) for label in view.rows["hearing"].query(".side-label")] == ["oído derecho",
                                                                                           "oído izquierdo"]
        assert view.rows["count"].editors[None].placeholder == "0–10 u"
        assert "(se calcula al guardar)" in text_of(view.rows["double"].query_one(".field-derived"))
        assert [text_of(h) for h in view.query(".section-heading")] == ["Básico", "Más"]

        rows = view.rows
        rows["count"].editors[None].value = "3"
        rows["level"].editors[None].value = "1,5"
        rows["colour"].editors[None].value = "g"
        rows["symptoms"].editors[None].select("fiebre")
        rows["smoker"].editors[None].value = True
        rows["codes"].editors[None].add("B01")
        rows["pain"].editors[None].value = "7"
        rows["teeth"].editors[None].value = "16 26"
        rows["acuity"].editors["od"].value = "0.5"
        rows["acuity"].editors["os"].value = "3"  # out of range
        await pilot.press("ctrl+s")
        assert rows["acuity"].has_class("-invalid")
        assert "Agudeza OI" in text_of(rows["acuity"].query_one(".field-error"))
        assert encounters.get_encounter_record(store, encounter.id).forms == {}  # nothing written

        rows["acuity"].editors["os"].value = "1"
        await pilot.press("ctrl+s")
        saved = encounters.get_encounter_record(store, encounter.id).form("sample.all")
        assert saved == {"count": 3, "level": Decimal("1.5"), "colour": "g", "symptoms": ["fiebre"], "smoker": True,
                         "codes": ["B01"], "pain": 7, "teeth": [16, 26], "acuity": {"od": Decimal("0.5"), "os": 1},
                         "double": 6}
        assert not rows["acuity"].has_class("-invalid")
        assert text_of(rows["double"].query_one(".field-derived")) == "6"


def test_an_empty_number_shows_its_range_unit_and_step():
    from ayni.core import Field, FieldType, Text
    from ayni.tui.widgets.fields import placeholder

    threshold = Field("db", FieldType.INTEGER, Text("Umbral", "Threshold"), unit="dB", min=-10, max=120, step=5)
    assert placeholder(threshold, "es") == "-10–120 dB · de 5 en 5"
    assert placeholder(threshold, "en") == "-10–120 dB · in steps of 5"
