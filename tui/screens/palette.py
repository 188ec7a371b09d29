"""Textual's command palette in the UI's language: its placeholder, its keys and its «no matches»
line follow F12."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text as RichText
from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets.option_list import Option

from ..text import tr
from .base import localize_bindings


class Palette(CommandPalette):
    """The command palette (Ctrl+P), or the theme picker, with ``placeholder`` (a UI text key) in
    ``lang``; it redraws its words when the language changes while it is open."""

    def __init__(self, lang: str, placeholder: str = "palette_placeholder", **kwargs):
        self.placeholder_key = placeholder
        super().__init__(placeholder=tr(placeholder, lang), **kwargs)

    def on_mount(self) -> None:
        self.apply_lang()

    def apply_lang(self) -> None:
        """The placeholder and the keys' descriptions in the current language."""
        lang = getattr(self.app, "lang", "es")
        localize_bindings([self], lang)
        self.query_one(CommandInput).placeholder = tr(self.placeholder_key, lang)
        self.refresh_bindings()

    def show_no_matches(self, search_value: str) -> None:
        """Say that nothing matches ``search_value`` (nothing when it is empty: the palette was only
        browsing), in the UI's language."""
        if search_value:
            said = tr("palette_no_matches", getattr(self.app, "lang", "es"))
            self.query_one(CommandList).add_option(
                Option(Align.center(RichText(said, style="not bold")), disabled=True, id=self._NO_MATCHES))
        self._list_visible = bool(search_value)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual writes «No matches found» in English inside this method (textual<9): the same
        # countdown, with the line said by show_no_matches
        self._stop_no_matches_countdown()
        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, lambda: self.show_no_matches(search_value))
