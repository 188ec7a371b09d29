"""Lines that must be read whole (alerts, the reasons a save was refused) in a strip of a few rows:
as many as fit whole at the strip's width, and one more line counting the rest, instead of the strip
cutting one mid-sentence and hiding how many follow."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from textual.widgets import Static


def whole_lines(lines: list[str], width: int, rows: int, more: Callable[[int], str], at_most: int | None = None) -> list[str]:
    """The first of ``lines`` (at most ``at_most``) that fit whole in ``rows`` rows wrapped at
    ``width`` (the first one always), then ``more(n)`` for the ``n`` left out."""
    shown = min(len(lines), at_most if at_most is not None else len(lines))

    def needed(count: int) -> int:
        return sum(len(textwrap.wrap(line, width)) or 1 for line in lines[:count]) + (count < len(lines))

    while shown > 1 and needed(shown) > rows:
        shown -= 1
    return lines if shown == len(lines) else [*lines[:shown], more(len(lines) - shown)]


class FittedStatic(Static):
    """A Static whose lines are drawn for its width by a function of that width, and drawn again
    when the width changes (the terminal was resized)."""

    def __init__(self, **kwargs):
        super().__init__("", markup=False, **kwargs)
        self._draw_at: Callable[[int], list[str]] | None = None
        self._drawn_at = 0

    def draw_fitted(self, draw_at: Callable[[int], list[str]]) -> None:
        """Show ``draw_at(width)`` at the strip's width (the screen's, before it is first laid out)."""
        self._draw_at = draw_at
        self._drawn_at = self.content_size.width or self.app.size.width - self.styles.padding.width
        self.update("\n".join(draw_at(self._drawn_at)))

    def forget_fitted(self) -> None:
        """Stop redrawing on resize (the strip now says something else)."""
        self._draw_at = None

    def on_resize(self) -> None:
        if self._draw_at is not None and self.content_size.width not in (0, self._drawn_at):
            self.draw_fitted(self._draw_at)
