"""A labelled editor with its message underneath: one row of a dialog's or the payment's form."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static


class FormRow(Vertical):
    """A labelled editor (label: a UI text key) with its message underneath."""

    DEFAULT_CSS = """
    FormRow { height: auto; }
    FormRow > Horizontal { height: auto; }
    FormRow .field-label { width: 24; }
    FormRow Input, FormRow Select { width: 1fr; }
    FormRow RadioSet { width: 1fr; layout: horizontal; height: auto; }
    FormRow .field-error { padding-left: 24; }
    """

    def __init__(self, key: str, label_key: str, editor: Widget):
        super().__init__(classes="field-row", id=f"row-{key}")
        self.key, self.label_key, self.editor = key, label_key, editor

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-line"):
            yield Label("", classes="field-label", markup=False)
            yield self.editor
        yield Static("", classes="field-error", markup=False)

    def show_error(self, messages: list[str]) -> None:
        """Show ``messages`` under the field (none: clear it)."""
        self.query_one(".field-error", Static).update("\n".join(f"⚠ {m}" for m in messages))
        self.set_class(bool(messages), "-invalid")
