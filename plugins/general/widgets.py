"""Editors for the prescription and vaccination lines (``ayni_tui_widgets``): a text area showing the
stored lines in their typed form, so a saved form reads as it was written and saves back unchanged.
Imported only by the UI (it imports Textual)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import TextArea

from . import prescriptions, vaccines


class LinesArea(TextArea):
    """A text area whose ``value`` is its text: one prescribed medicine or vaccine dose per line."""

    @property
    def value(self) -> str:
        return self.text


def _factory(to_text: Callable) -> Callable:
    def make(field, value, lang):
        """A :class:`LinesArea` holding ``value`` (stored lines, or text already typed)."""
        text = value if isinstance(value, str) else to_text(value)
        return LinesArea(text, soft_wrap=True, tab_behavior="focus", compact=True)

    return make


prescription_factory = _factory(prescriptions.to_text)
vaccines_factory = _factory(vaccines.to_text)
