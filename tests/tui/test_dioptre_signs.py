"""Dioptres are read signed, as opticians write them: a sphere, cylinder or addition typed «0.5» is
shown «+0.50» once left, zero «0.00», a minus power keeps its «-»; a saved exam opens showing them so."""

from __future__ import annotations

from decimal import Decimal

from textual.app import App, ComposeResult

from ayni.core import validate_form
from ayni.plugins.optometry.forms import EXAM
from ayni.tui.widgets.form import FormView


class Exam(App):
    """Only the eye examination, with ``values`` as saved."""

    def __init__(self, values: dict | None = None):
        super().__init__()
        self.values = values

    def compose(self) -> ComposeResult:
        yield FormView(EXAM, "es", values=self.values)


def _shown(app, key: str) -> dict[str, str]:
    return {side: editor.value for side, editor in app.query_one(FormView).rows[key].editors.items()}


async def test_powers_typed_are_shown_signed_once_left():
    app = Exam()
    async with app.run_test(size=(100, 40)) as pilot:
        rows = app.query_one(FormView).rows
        rows["sphere"].focus_editor()
        await pilot.press(*"0.5", "tab", "0", "tab", *"-.5", "tab", "tab", *"90", "tab", "tab", "2", "tab")
        await pilot.pause()
        assert _shown(app, "sphere") == {"od": "+0.50", "os": "0.00"}
        assert _shown(app, "cylinder") == {"od": "-0.50", "os": ""}
        assert _shown(app, "add") == {"od": "+2.00", "os": ""}
        saved = validate_form(EXAM, app.query_one(FormView).values())
    assert saved["sphere"] == {"od": Decimal("0.50"), "os": Decimal("0.00")}
    assert saved["add"] == {"od": Decimal("2.00")}


async def test_a_saved_exam_opens_with_its_powers_signed():
    app = Exam({"sphere": {"od": Decimal("0.50"), "os": Decimal("-1.25")}, "add": {"od": Decimal("2.00")},
                "cylinder": {"od": Decimal("0.00")}})
    async with app.run_test(size=(100, 40)):
        assert _shown(app, "sphere") == {"od": "+0.50", "os": "-1.25"}
        assert _shown(app, "add") == {"od": "+2.00", "os": ""}
        assert _shown(app, "cylinder") == {"od": "0.00", "os": ""}


async def test_f2_copies_the_power_signed_into_the_left_eye():
    app = Exam()
    async with app.run_test(size=(100, 40)) as pilot:
        app.query_one(FormView).rows["add"].focus_editor()
        await pilot.press("2", "f2")
        await pilot.pause()
        assert _shown(app, "add") == {"od": "+2.00", "os": "+2.00"}
