"""A small form in a dialog (receive a lot, count it, close the cash day): labelled rows, each with its
message underneath, and Ctrl+S to submit. A refusal keeps the dialog open, names every field at
fault at the top and under the field, and moves the cursor to the first one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Label, Static

from ayni.core import AyniError, FieldError, ValidationError

from ..widgets.errors import ErrorSummary
from ..widgets.rows import FormRow
from .base import AyniModal


class FormModal(AyniModal):
    """A dialog form. Subclasses give :attr:`title_key`, :meth:`form_rows`, optionally :meth:`info`,
    and :meth:`submit`, which returns the answer the dialog closes with or raises
    :class:`ValidationError`."""

    DEFAULT_CSS = """
    FormModal { align: center middle; }
    FormModal #dialog { width: 84; }
    FormModal #form-info { margin-bottom: 1; }
    """
    BINDINGS = [Binding("ctrl+s", "submit", "b_save", priority=True)]
    title_key = ""

    def form_rows(self) -> list[FormRow]:
        """The rows of the form, in order."""
        raise NotImplementedError

    def info(self) -> str:
        """A line under the title (what the form acts on), in the current language."""
        return ""

    def submit(self):
        """Write what the form says; raise :class:`ValidationError` to refuse."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("", id="dialog-title", markup=False)
            yield Static("", id="form-info", markup=False)
            yield ErrorSummary()
            yield from self.form_rows()
        yield Footer(compact=True)

    def relabel(self) -> None:
        self.query_one("#dialog-title", Static).update(self.tr(self.title_key))
        self.query_one("#form-info", Static).update(self.info())
        for row in self.query(FormRow):
            row.query_one(".field-label", Label).update(self.tr(row.label_key))

    def action_submit(self) -> None:
        try:
            answer = self.submit()
        except ValidationError as refused:
            self.show_errors(refused.errors)
            return
        except AyniError as error:  # access denied, or the database refused the write: the dialog stays filled
            self.query_one(ErrorSummary).show_text(error.message(self.lang))
            return
        self.dismiss(answer)

    def show_errors(self, errors: list[FieldError]) -> None:
        """List ``errors`` at the top and under their fields; focus the first field at fault."""
        self.query_one(ErrorSummary).show(errors, self.lang)
        first = None
        for row in self.query(FormRow):
            messages = [e.message(self.lang) for e in errors if e.field == row.key]
            row.show_error(messages)
            if messages and first is None:
                first = row
        if first is not None:
            first.editor.focus()
