"""Shown instead of the app when the database cannot be opened: the message, and q to quit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from ayni.core import StoreError

from .base import AyniScreen


class StoreErrorScreen(AyniScreen):
    """The :class:`StoreError` in the person's language, never a traceback."""

    BINDINGS = [Binding("q", "app.quit", "b_quit")]
    quits_at_once = True  # nothing can be open without a database

    def __init__(self, error: StoreError):
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="store-error"):
            yield Static("", id="error-title", classes="screen-title")
            yield Static("", id="error-message")
            yield Static("", id="error-hint")
        yield Footer(compact=True)

    def relabel(self) -> None:
        self.query_one("#error-title", Static).update("⚠ " + self.tr("store_error_title"))
        self.query_one("#error-message", Static).update(self.error.message(self.lang))
        self.query_one("#error-hint", Static).update(self.tr("store_error_hint"))

    def action_back(self) -> None:
        """There is nothing to go back to without a database: Esc quits too."""
        self.app.exit()
