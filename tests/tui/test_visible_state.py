"""The focused field and a ticked box show without colour: a «█» bar down the focused row (and only
that row) beside its reversed label, «[X]» / «[ ]» in a multiple choice, «(*)» on the Linux console."""

from __future__ import annotations

from ayni.core.clinical import encounters
from ayni.tui.widgets.toggles import Radio, TickList
from tuikit import SIZE


def _marked(row) -> bool:
    return row.styles.border_left[0] == "thick" and row.query_one(".field-label").styles.text_style.reverse


async def test_only_the_focused_row_is_marked_and_ticks_read_x(make_app, store, patient):
    consultation = encounters.open_encounter(store, patient.id, "general", "consultation")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_encounter(consultation.id)
        await pilot.pause()
        rows = app.screen.views["general.consultation"].rows
        first, second = rows["chief_complaint"], rows["history"]
        assert _marked(first) and not _marked(second)
        await pilot.press("tab")
        assert _marked(second) and not _marked(first)  # the row left behind is redrawn plain

        allergies = rows["allergies"].editors[None]
        assert isinstance(allergies, TickList)
        allergies.focus()
        await pilot.press("down", "enter")
        lines = [allergies.render_line(y).text for y in range(3)]
        assert [line[:3] for line in lines] == ["[ ]", "[X]", "[ ]"]


def test_a_chosen_radio_reads_a_star_on_the_linux_console(monkeypatch):
    monkeypatch.setenv("TERM", "linux")
    assert (Radio("Efectivo", value=True).BUTTON_INNER, Radio("En especie").BUTTON_INNER) == ("*", " ")
    monkeypatch.setenv("TERM", "xterm-256color")
    assert Radio("Efectivo", value=True).BUTTON_INNER == "●"
