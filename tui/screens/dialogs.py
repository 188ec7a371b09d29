"""Small dialogs: a yes/no question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual import on
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from .base import AyniModal


class ConfirmScreen(AyniModal):
    """Ask a yes/no question (a UI text key); answers True (s/y) or False (n/Esc)."""

    BINDINGS = [
        Binding("s,y", "answer(True)", "b_yes"),
        Binding("n", "answer(False)", "b_no"),
    ]

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("", id="dialog-title", markup=False)
        yield Footer(compact=True)

    def relabel(self) -> None:
        self.query_one("#dialog-title", Static).update(self.tr(self.question))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_cancel(self) -> None:
        self.dismiss(False)


class ChoiceScreen(AyniModal):
    """Pick one of ``choices`` (``[(id, Text)]``) under a title (a UI text key); answers the id."""

    def __init__(self, title: str, choices):
        super().__init__()
        self.title_key = title
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("", id="dialog-title", markup=False)
            yield OptionList(id="choices", markup=False)
        yield Footer(compact=True)

    def relabel(self) -> None:
        self.query_one("#dialog-title", Static).update(self.tr(self.title_key))
        options = self.query_one("#choices", OptionList)
        highlighted = options.highlighted
        options.set_options(Option(label.get(self.lang), id=key) for key, label in self.choices)
        options.highlighted = highlighted if highlighted is not None else 0

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
