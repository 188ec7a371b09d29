"""Check boxes and radio buttons whose state shows in the characters themselves, «[X]» / «( )»,
not only in colour: readable on the 16-colour Linux console and on a monochrome screen."""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


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
        return "●" if self.value else " "
