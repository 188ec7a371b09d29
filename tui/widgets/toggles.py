"""Check boxes, multiple choices and radio buttons whose state shows in the characters themselves,
«[X]» / «[ ]» / «(●)», not only in colour: readable on the 16-colour Linux console and on a
monochrome screen."""

from __future__ import annotations

import os

from rich.segment import Segment
from textual.binding import Binding
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, RadioSet, SelectionList


def chosen_mark() -> str:
    """What marks the chosen radio button: «●», or «*» on the Linux console, whose font may lack it."""
    return "*" if os.environ.get("TERM") == "linux" else "●"


class Tick(Checkbox):
    """A check box drawn as «[X]» when ticked and «[ ]» when not."""

    BUTTON_LEFT = "["
    BUTTON_RIGHT = "]"

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - Textual reads this name when drawing
        return "X" if self.value else " "


class Radio(RadioButton):
    """A radio button drawn as «(●)» when chosen and «( )» when not."""

    BUTTON_LEFT = "("
    BUTTON_RIGHT = ")"

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802
        return chosen_mark() if self.value else " "


class TickList(SelectionList):
    """A multiple choice whose options read «[X] penicilinas» when ticked and «[ ] …» when not
    (Textual's own draws the same «X» for both and tells them apart by colour alone)."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        index = self.scroll_offset.y + y
        segments = list(line)
        if index >= self.option_count or len(segments) < 3:
            return line
        _, inner, _, *rest = segments
        ticked = self.get_option_at_index(index).value in self.selected
        text = rest[0].style if rest else inner.style  # the brackets in the option's own colours: always seen
        return Strip([Segment("[", text), Segment("X" if ticked else " ", inner.style), Segment("]", text), *rest],
                     line.cell_length)


class RadioChoice(RadioSet):
    """A radio set where the arrow keys choose, not only highlight: what is marked «(●)» is always
    what will be recorded. (Textual's own set moves a highlight with the arrows and waits for
    Enter or Space, so a clinician could see one option lit and save another.)

    Starts highlighted on the option already chosen. Every radio set of the UI is one of these.
    """

    BINDINGS = [
        Binding("down,right", "choose(1)", show=False),
        Binding("up,left", "choose(-1)", show=False),
    ]

    def on_mount(self) -> None:
        self.call_later(self._highlight_pressed)  # after RadioSet's own mount, which lights the first

    def _highlight_pressed(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index

    def action_choose(self, step: int) -> None:
        """Move to the next (``1``) or previous (``-1``) option and choose it."""
        (self.action_next_button if step > 0 else self.action_previous_button)()
        button = self._nodes[self._selected] if self._selected is not None else None
        if isinstance(button, RadioButton) and not button.value:
            button.value = True
