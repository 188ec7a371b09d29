"""Search-as-you-type pickers over a list of codes (ICD-10 diagnoses, code fields, operations, the
formulary, lots in stock).

Type a code or words (accents and case ignored, via :func:`ayni.core.fold`), ↓ to the matches,
Enter picks one. :class:`CodePicker` gathers several codes, listed below (Del removes one that is
not yet saved); :class:`SearchPicker` holds one and says which.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ayni.core.clinical.codesearch import CodeIndex

from ..text import tr


class SearchBox(Vertical):
    """A query line over a :class:`CodeIndex` and its matches below; Enter or a click on a match
    calls :meth:`pick`. Subclasses decide what picking does."""

    DEFAULT_CSS = """
    SearchBox { height: auto; }
    SearchBox > OptionList { height: auto; max-height: 7; }
    """

    def __init__(self, index: CodeIndex, lang: str, placeholder: Callable[[str], str] | None = None,
                 show_codes: bool = True, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.index = index
        self.lang = lang
        self.show_codes = show_codes
        self._placeholder = placeholder or (lambda lang: tr("code_search", lang))

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self._placeholder(self.lang), compact=True, classes="picker-query")
        yield OptionList(classes="picker-results", compact=True, markup=False)

    def on_mount(self) -> None:
        self._refresh_results("")

    def label(self, code: str) -> str:
        """How ``code`` is listed: «J06.9 — Infección …», or its label alone without ``show_codes``."""
        label = self.index.labels.get(code)
        return self.index.display(code, self.lang) if self.show_codes or label is None else label.get(self.lang)

    def matches(self, query: str) -> list[str]:
        """The codes listed for ``query``."""
        return self.index.search(query)

    def pick(self, code: str) -> None:
        """What choosing ``code`` does."""
        raise NotImplementedError

    def relabel(self, lang: str) -> None:
        """Show the picker in ``lang`` (nothing to do if it is already in it)."""
        if lang == self.lang:
            return
        self.lang = lang
        query = self.query_one(".picker-query", Input)
        query.placeholder = self._placeholder(lang)
        self._refresh_results(query.value)

    def _refresh_results(self, query: str) -> None:
        results = self.query_one(".picker-results", OptionList)
        codes = self.matches(query)
        results.set_options(Option(self.label(c), id=c) for c in codes)
        if codes:
            results.highlighted = 0
        results.display = bool(codes)

    @on(Input.Changed, ".picker-query")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refresh_results(event.value)

    @on(Input.Submitted, ".picker-query")
    def _query_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        option = self.query_one(".picker-results", OptionList).highlighted_option
        if option is not None:
            self.pick(option.id)
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
        self.pick(event.option.id)


class SearchPicker(SearchBox):
    """Pick one code of a :class:`CodeIndex` by typing; ``value`` is the code chosen (or ``None``),
    said on the line below. A :class:`Picked` message tells the screen (and an editor built on it)
    that a code was chosen. Once one is, the matches show only while something is typed."""

    DEFAULT_CSS = """
    SearchPicker { width: 1fr; }
    SearchPicker > .picker-chosen { color: $text-muted; }
    """

    class Picked(Message):
        """A code was chosen."""

        def __init__(self, picker: SearchPicker, code: str):
            super().__init__()
            self.picker = picker
            self.code = code

        @property
        def control(self) -> SearchPicker:
            return self.picker

    class Typed(Message):
        """Enter on a query that ``whole_line`` reads as a whole entry: the text as typed."""

        def __init__(self, picker: SearchPicker, text: str):
            super().__init__()
            self.picker = picker
            self.text = text

    def __init__(self, index: CodeIndex, lang: str, value: str | None = None,
                 whole_line: Callable[[str], bool] | None = None, **kwargs):
        """``whole_line(text)`` says when a typed query is a whole entry rather than a search
        (a prescription line in the fast syntax): Enter then posts :class:`Typed` instead of picking."""
        super().__init__(index, lang, **kwargs)
        self._value = value if value in index.labels else None
        self.whole_line = whole_line

    @on(Input.Submitted, ".picker-query")
    def _query_submitted(self, event: Input.Submitted) -> None:
        event.prevent_default()  # handled here, once: not again by SearchBox's own handler
        if self.whole_line is not None and self.whole_line(event.value):
            event.stop()
            self.post_message(self.Typed(self, event.value))
            event.input.value = ""
            return
        super()._query_submitted(event)

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static("", classes="picker-chosen", markup=False)

    def on_mount(self) -> None:  # SearchBox's own on_mount runs too (Textual calls each class's)
        self._show_chosen()

    @property
    def value(self) -> str | None:
        """The code chosen, or ``None``."""
        return self._value

    @value.setter
    def value(self, code: str | None) -> None:
        self._value = code if code in self.index.labels else None
        if self.is_mounted:
            self._show_chosen()
            self._refresh_results(self.query_one(".picker-query", Input).value)

    def matches(self, query: str) -> list[str]:
        return super().matches(query) if query.strip() or self._value is None else []

    def pick(self, code: str) -> None:
        self.value = code
        self.post_message(self.Picked(self, code))

    def relabel(self, lang: str) -> None:
        super().relabel(lang)
        self._show_chosen()

    def _show_chosen(self) -> None:
        chosen = self.query_one(".picker-chosen", Static)
        chosen.update(f"✔ {self.label(self._value)}" if self._value else tr("code_none", self.lang))


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


class CodePicker(SearchBox):
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
        super().__init__(index, lang, id=id, classes=classes)
        self.locked = list(locked)
        self.chosen = [c for c in value if c not in self.locked]

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static(tr("code_chosen", self.lang), classes="picker-chosen-title")
        yield ChosenList(classes="picker-chosen", compact=True, markup=False)

    def on_mount(self) -> None:  # SearchBox's own on_mount runs too (Textual calls each class's)
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
        super().relabel(lang)
        self.query_one(".picker-chosen-title", Static).update(tr("code_chosen", lang))
        self._refresh_chosen()

    def _refresh_chosen(self) -> None:
        chosen = self.query_one(ChosenList)
        options = [Option("✔ " + self.index.display(c, self.lang), id=c, disabled=True) for c in self.locked]
        options += [Option("+ " + self.index.display(c, self.lang), id=c) for c in self.chosen]
        chosen.set_options(options or [Option(tr("code_none", self.lang), disabled=True)])

    def pick(self, code: str) -> None:
        self.add(code)

    def add(self, code: str) -> None:
        """Choose ``code`` (once)."""
        if code in self.locked or code in self.chosen:
            return
        self.chosen.append(code)
        self._refresh_chosen()
        self.post_message(self.Changed(self))

    @on(ChosenList.Removed)
    def _removed(self, event: ChosenList.Removed) -> None:
        event.stop()
        if event.code in self.chosen:
            self.chosen.remove(event.code)
            self._refresh_chosen()
            self.post_message(self.Changed(self))
