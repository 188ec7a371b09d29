"""What every Ayni screen shares: bilingual bindings, a one-line title, going back with Esc."""

from __future__ import annotations

import dataclasses

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from ..text import UI, tr

_PALETTE_ACTIONS = {"command_palette", "app.command_palette"}


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Show ``node``'s binding descriptions in ``lang``.

    Bindings are declared with a key of :data:`~ayni.tui.text.UI` as their description
    (``Binding("ctrl+s", "save", "b_save")``); this swaps in the words of the current language,
    which is what the footer and the help panel show.
    """
    source = node.__dict__.setdefault("_ayni_source_bindings", node._bindings.copy())
    localized = {key: [_localized(b, lang) for b in bindings] for key, bindings in source.key_to_bindings.items()}
    node._bindings = BindingsMap.from_keys(localized)


def _localized(binding: Binding, lang: str) -> Binding:
    key = "b_palette" if binding.action in _PALETTE_ACTIONS else binding.description
    if key not in UI:
        return binding
    return dataclasses.replace(binding, description=tr(key, lang), tooltip=tr(key, lang))


class LangMixin:
    """Screens and widgets that can redraw their words when the language changes."""

    @property
    def lang(self) -> str:
        return self.app.lang

    def tr(self, key: str, **params) -> str:
        """The UI string ``key`` in the current language."""
        return tr(key, self.app.lang, **params)

    def apply_lang(self) -> None:
        """Redraw every word in the current language (screens override :meth:`relabel`)."""
        localize_bindings(self, self.app.lang)
        for widget in self.query("*"):
            if widget._merged_bindings is not None and any(
                    b.description in UI for _, b in widget._merged_bindings):
                localize_bindings(widget, self.app.lang)
        self.relabel()
        self.refresh_bindings()

    def relabel(self) -> None:
        """Update this screen's words; the default has none of its own."""


class AyniScreen(LangMixin, Screen):
    """A full screen of the app. Esc goes back to the previous screen."""

    BINDINGS = [Binding("escape", "back", "b_back")]

    def on_mount(self) -> None:
        self.apply_lang()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()


class AyniModal(LangMixin, ModalScreen):
    """A dialog over the current screen. Esc closes it with no answer."""

    BINDINGS = [Binding("escape", "cancel", "b_back")]

    def on_mount(self) -> None:
        self.apply_lang()

    def action_cancel(self) -> None:
        self.dismiss(None)
