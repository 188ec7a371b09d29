"""Textual's command palette in the UI's language: its placeholder and its keys follow F12."""

from __future__ import annotations

from textual.command import CommandInput, CommandPalette

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
