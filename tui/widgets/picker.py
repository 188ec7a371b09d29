"""A search-as-you-type picker over a long list of codes (ICD-10 diagnoses, code fields).

Type a code or words (accents and case ignored, via :func:`ayni.core.fold`), ↓ to the matches,
Enter adds one; the chosen codes are listed below, and Del removes one that is not yet saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ayni.core.clinical.codesearch import CodeIndex

from ..text import tr

class ChosenList(OptionList):
    """The chosen codes; Del removes the highlighted one unless it is already saved."""

    BINDINGS = [Binding("delete,backspace", "remove", "b_remove")]

    class Removed(Message):
        """A chosen code was removed."""

        def __init__(self, code: str):
            super().__init__()
            self.code = code

    def action_remove(self) -> None:
        option = self.highlighted_option
        if option is not None and not option.disabled:
            self.post_message(self.Removed(option.id))


class CodePicker(Vertical):
    """Pick codes from a :class:`CodeIndex` by typing; ``value`` is the list of chosen codes.

    ``locked`` codes (already saved) are shown but cannot be removed.
    """

    class Changed(Message):
        """The chosen codes changed."""

        def __init__(self, picker: CodePicker):
            super().__init__()
            self.picker = picker

    DEFAULT_CSS = """
    CodePicker { height: auto; }
    CodePicker > OptionList { height: auto; max-height: 7; }
    CodePicker > .picker-chosen-title { color: $text-muted; }
    """

    def __init__(self, index: CodeIndex, lang: str, value: Sequence[str] = (), locked: Sequence[str] = (),
                 id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.index = index
        self.lang = lang
        self.locked = list(locked)
        self.chosen = [c for c in value if c not in self.locked]

    def compose(self) -> ComposeResult:
        yield Input(placeholder=tr("code_search", self.lang), compact=True, classes="picker-query")
        yield OptionList(classes="picker-results", compact=True, markup=False)
        yield Static(tr("code_chosen", self.lang), classes="picker-chosen-title")
        yield ChosenList(classes="picker-chosen", compact=True, markup=False)

    def on_mount(self) -> None:
        self._refresh_results("")
        self._refresh_chosen()

    @property
    def value(self) -> list[str]:
        """Every chosen code, saved ones first."""
        return self.locked + self.chosen

    @value.setter
    def value(self, codes: Sequence[str]) -> None:
        self.chosen = [c for c in codes if c not in self.locked]
        if self.is_mounted:
            self._refresh_chosen()

    @property
    def pending(self) -> list[str]:
        """The codes chosen but not yet saved."""
        return list(self.chosen)

    def mark_saved(self, codes: Iterable[str]) -> None:
        """Mark ``codes`` as saved: they stay listed and can no longer be removed."""
        for code in codes:
            if code not in self.locked:
                self.locked.append(code)
            if code in self.chosen:
                self.chosen.remove(code)
        self._refresh_chosen()

    def relabel(self, lang: str) -> None:
        """Show the picker in ``lang`` (nothing to do if it is already in it)."""
        if lang == self.lang:
            return
        self.lang = lang
        self.query_one(".picker-query", Input).placeholder = tr("code_search", lang)
        self.query_one(".picker-chosen-title", Static).update(tr("code_chosen", lang))
        self._refresh_results(self.query_one(".picker-query", Input).value)
        self._refresh_chosen()

    def _refresh_results(self, query: str) -> None:
        results = self.query_one(".picker-results", OptionList)
        codes = self.index.search(query)
        results.set_options(Option(self.index.display(c, self.lang), id=c) for c in codes)
        if codes:
            results.highlighted = 0
        results.display = bool(codes)

    def _refresh_chosen(self) -> None:
        chosen = self.query_one(ChosenList)
        options = [Option("✔ " + self.index.display(c, self.lang), id=c, disabled=True) for c in self.locked]
        options += [Option("+ " + self.index.display(c, self.lang), id=c) for c in self.chosen]
        chosen.set_options(options or [Option(tr("code_none", self.lang), disabled=True)])

    def add(self, code: str) -> None:
        """Choose ``code`` (once)."""
        if code in self.locked or code in self.chosen:
            return
        self.chosen.append(code)
        self._refresh_chosen()
        self.post_message(self.Changed(self))

    @on(Input.Changed, ".picker-query")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refresh_results(event.value)

    @on(Input.Submitted, ".picker-query")
    def _query_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        results = self.query_one(".picker-results", OptionList)
        option = results.highlighted_option
        if option is not None:
            self.add(option.id)
            event.input.value = ""

    def on_key(self, event) -> None:
        query = self.query_one(".picker-query", Input)
        if event.key == "down" and query.has_focus:
            results = self.query_one(".picker-results", OptionList)
            if results.display:
                results.focus()
                event.stop()

    @on(OptionList.OptionSelected, ".picker-results")
    def _result_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.add(event.option.id)

    @on(ChosenList.Removed)
    def _removed(self, event: ChosenList.Removed) -> None:
        event.stop()
        if event.code in self.chosen:
            self.chosen.remove(event.code)
            self._refresh_chosen()
            self.post_message(self.Changed(self))
