"""The UI kit for plugin screens: what a plugin's own Textual screens stand on, so that they look,
behave and switch language (F12) like the app's own.

A plugin imports this module lazily, inside its ``ayni_tui_screens`` factory (never at the top of
the plugin), so that loading the plugin stays light for the core and the command line:

- :class:`PluginScreen`: a full screen with a title, a message line and the footer. Esc goes back,
  its bindings and words come from the plugin's :attr:`~PluginScreen.WORDS`, and it redraws itself
  in the new language when the person presses F12.
- :class:`FormView`: any :class:`~ayni.core.FormSpec` drawn by the generic editors the encounter
  screens use (with the plugins' own widgets).
- :class:`FormDialog`: a form in a dialog; a refusal keeps it open with what was typed.
- :class:`SearchPicker` and :class:`CodePicker`: type-ahead search over a
  :class:`~ayni.core.clinical.codesearch.CodeIndex` (a formulary, lots in stock, a catalogue),
  choosing one item or several, for a plugin's own editors (``ayni_tui_widgets``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Static

from ayni.core import AyniError, FormSpec, Store, Text

from .screens.base import AyniModal, AyniScreen
from .widgets.errors import ErrorSummary, show_refusal
from .widgets.form import FormView, HintLine
from .widgets.picker import CodePicker, SearchPicker
from .widgets.tables import fill_table

#: The kit's own words, which a plugin's bindings may use as descriptions too.
KIT_WORDS: Mapping[str, Text] = {
    "kit_back": Text("Volver", "Back"),
    "kit_save": Text("Guardar", "Save"),
    "kit_saved": Text("Guardado.", "Saved."),
}


class PluginScreen(AyniScreen):
    """A plugin's full screen.

    Give :attr:`WORDS` (``{key: Text}``) and describe bindings by those keys; draw the body in
    :meth:`compose_body` and fill it in :meth:`refresh_view`, which runs when the screen is shown,
    when a screen or dialog above it closes, and when the language changes. :meth:`w` says a word in
    the current language, :meth:`say` writes the message line, :meth:`attempt` runs an action that
    the core may refuse, and :meth:`ask` opens a form in a :class:`FormDialog`.

    ``lang`` is the language to start in; inside the Ayni app the screen follows the app's language.
    """

    DEFAULT_CSS = """
    PluginScreen #kit-message { height: auto; }
    PluginScreen #kit-message.refused { background: $error 20%; text-style: bold; }
    """

    def __init__(self, store: Store, lang: str = "es"):
        super().__init__()
        self.store = store
        self.default_lang = lang

    def w(self, key: str, **params: Any) -> str:
        """The word ``key`` of :attr:`WORDS` (or of :data:`KIT_WORDS`) in the current language."""
        text = self.WORDS[key] if key in self.WORDS else KIT_WORDS[key]
        said = text.get(self.lang)
        return said.format(**params) if params else said

    def compose(self) -> ComposeResult:
        yield Static("", id="kit-title", classes="screen-title")
        yield from self.compose_body()
        yield Static("", id="kit-message", markup=False)
        yield Footer(compact=True)

    def compose_body(self) -> ComposeResult:
        """The widgets between the title and the message line."""
        return iter(())

    def title_text(self) -> str:
        """The title line (Textual markup allowed); none by default."""
        return ""

    def refresh_view(self) -> None:
        """Fill the screen from the store, in the current language."""

    def relabel(self) -> None:
        self.query_one("#kit-title", Static).update(self.title_text())
        self.refresh_view()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def say(self, text: str, error: bool = False) -> None:
        """Show ``text`` on the message line, marked as a refusal when ``error``: the line is always in
        sight, so a refusal is said there once, not again in a notification."""
        line = self.query_one("#kit-message", Static)
        line.update(text)
        line.set_class(error, "refused")

    def attempt(self, action: Callable[..., Any], *args: Any) -> bool:
        """Run ``action(*args)``; a refusal is said in the current language and nothing else happens."""
        try:
            action(*args)
        except AyniError as refused:
            self.say(refused.message(self.lang), error=True)
            return False
        self.refresh_view()
        return True

    def ask(self, spec: FormSpec, submit: Callable[[dict], Any], values: Mapping[str, Any] | None = None) -> None:
        """Open ``spec`` in a :class:`FormDialog` that saves through ``submit(raw)``; say «Guardado»
        once it has. Notifications still showing go first: they would cover the form's right half."""
        def done(saved: bool | None) -> None:
            if saved:
                self.say(self.w("kit_saved"))

        self.app.clear_notifications()
        self.app.push_screen(FormDialog(spec, submit, values, lang=self.lang), done)


class FormDialog(AyniModal):
    """``spec`` as a form in a dialog. Ctrl+S calls ``submit(raw)`` with the raw values typed; a
    :class:`~ayni.core.ValidationError` it raises is shown at the top and under each field, any other
    refusal at the top, and the dialog stays open with what was typed. It closes with ``True`` once
    saved; Esc closes it with ``None``."""

    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog #dialog { width: 90%; max-width: 100; height: 90%; border: round $accent; }
    FormDialog #kit-form-scroll { height: 1fr; }
    """
    BINDINGS = [Binding("ctrl+s", "save", "kit_save", priority=True)]
    WORDS = KIT_WORDS

    def __init__(self, spec: FormSpec, submit: Callable[[dict], Any], values: Mapping[str, Any] | None = None,
                 lang: str = "es"):
        super().__init__()
        self.spec, self.submit, self.values = spec, submit, dict(values or {})
        self.default_lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("", id="dialog-title", markup=False)
            yield ErrorSummary()
            with VerticalScroll(id="kit-form-scroll", can_focus=False):
                yield FormView(self.spec, self.lang, values=self.values, widgets=getattr(self.app, "tui_widgets", {}))
            yield HintLine()
        yield Footer(compact=True)

    @property
    def view(self) -> FormView:
        """The form."""
        return self.query_one(FormView)

    def on_mount(self) -> None:
        super().on_mount()
        first = next((row for row in self.view.rows.values() if not row.field.derived), None)
        if first is not None:
            first.focus_editor()

    def relabel(self) -> None:
        self.query_one("#dialog-title", Static).update(self.spec.title.get(self.lang))
        self.view.relabel(self.lang)

    def action_save(self) -> None:
        try:
            self.submit(self.view.values())
        except AyniError as refused:
            show_refusal(self.query_one(ErrorSummary), self.view, refused, self.lang)
            return
        self.dismiss(True)


def set_columns(table: DataTable, *labels: str) -> None:
    """Empty ``table`` and give it ``labels`` as its columns (so headers follow the language)."""
    table.clear(columns=True)
    table.add_columns(*labels)


def selected_key(table: DataTable) -> str | None:
    """The key of the row under the cursor of ``table`` (``None`` when it is empty)."""
    if table.row_count == 0:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


__all__ = ["KIT_WORDS", "CodePicker", "FormDialog", "FormView", "PluginScreen", "SearchPicker", "fill_table",
           "selected_key", "set_columns"]
