"""What every Ayni screen shares: bilingual bindings, a one-line title, going back with Esc."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from ayni.core import Text

from ..text import UI, tr
from ..widgets.errors import ErrorSummary
from ..widgets.tables import refit_tables

_PALETTE_ACTIONS = {"command_palette", "app.command_palette"}


def localize_bindings(nodes: Iterable[DOMNode], lang: str, words: Mapping[str, Text] | None = None) -> None:
    """Show the binding descriptions of each of ``nodes`` in ``lang``.

    Bindings are declared with a word's key as their description (``Binding("ctrl+s", "save",
    "b_save")``): a key of :data:`~ayni.tui.text.UI`, of ``words`` (a plugin's own words), or of the
    node's own ``binding_words`` (words a widget makes from its data: «Copiar OD → OI»). This
    swaps in the words of the current language, which is what the footer and the help panel show.
    A node's own ``WORDS`` (a plugin's widget) describe its bindings too.
    It is the one place that touches Textual's private binding map (``_bindings``), so a Textual
    release that changes it is mended here alone.
    """
    for node in nodes:
        own = {**(words or {}), **getattr(node, "WORDS", {}),  # a plugin widget's own words
               **getattr(node, "binding_words", {})}  # and words a widget makes from its data
        source = node.__dict__.get("_ayni_source_bindings") or node._bindings
        if not any(b.description in UI or b.description in own or b.action in _PALETTE_ACTIONS
                   for _, b in source):
            continue
        node.__dict__["_ayni_source_bindings"] = source
        node._bindings = BindingsMap.from_keys(
            {key: [_localized(b, lang, own) for b in bindings] for key, bindings in source.key_to_bindings.items()})


def _localized(binding: Binding, lang: str, words: Mapping[str, Text]) -> Binding:
    if binding.description in words:
        said = words[binding.description].get(lang)
    else:
        key = "b_palette" if binding.action in _PALETTE_ACTIONS else binding.description
        if key not in UI:
            return binding
        said = tr(key, lang)
    return dataclasses.replace(binding, description=said, tooltip=said)


class LangMixin:
    """Screens and widgets that can redraw their words when the language changes.

    Their bindings may be described by keys of :data:`~ayni.tui.text.UI` or of :attr:`WORDS`.
    """

    #: Words of the screen's own, by key (a plugin's screens keep theirs here).
    WORDS: Mapping[str, Text] = {}
    #: The language until the app says otherwise (an app without ``lang``, such as a test host).
    default_lang = "es"

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", self.default_lang)

    def tr(self, key: str, **params) -> str:
        """The UI string ``key`` in the current language."""
        return tr(key, self.lang, **params)

    def apply_lang(self) -> None:
        """Redraw every word in the current language (screens override :meth:`relabel`)."""
        localize_bindings([self, *self.query("*")], self.lang, self.WORDS)
        self.relabel()
        self.refresh_bindings()

    def relabel(self) -> None:
        """Update this screen's words; the default has none of its own."""


class RefitsTables:
    """Screens whose fitted tables (``fill_table(fit=…)``) fit the terminal again after it is resized,
    also when the resize happened while another screen was on top."""

    def on_resize(self) -> None:
        self.call_after_refresh(refit_tables, self)

    def on_screen_resume(self) -> None:
        self.call_after_refresh(refit_tables, self)


class AyniScreen(LangMixin, RefitsTables, Screen):
    """A full screen of the app. Esc goes back to the previous screen; on a screen with something
    typed and not saved (:meth:`has_changes`), the first Esc says so and only a second one leaves."""

    BINDINGS = [Binding("escape", "back", "b_back")]

    #: True after the first Esc over unsaved changes, until the cursor moves again.
    _leaving = False

    def on_mount(self) -> None:
        self.apply_lang()

    def has_changes(self) -> bool:
        """True when something typed on this screen is not saved yet (a screen with a form says)."""
        return False

    def action_back(self) -> None:
        if self.has_changes() and not self._leaving:
            self._leaving = True
            self.query_one(ErrorSummary).show_text(self.tr("unsaved_changes"))
            return
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def on_descendant_focus(self) -> None:
        self._leaving = False


class AyniModal(LangMixin, RefitsTables, ModalScreen):
    """A dialog over the current screen. Esc closes it with no answer."""

    BINDINGS = [Binding("escape", "cancel", "b_back")]

    def on_mount(self) -> None:
        self.apply_lang()

    def action_cancel(self) -> None:
        self.dismiss(None)
