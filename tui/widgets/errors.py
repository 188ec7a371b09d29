"""The summary of refused fields shown at the top of a form screen, and what it says of a refused save."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import Static

from ayni.core import AyniError, FieldError, ValidationError

from ..text import tr
from .form import FormView


class ErrorSummary(Static):
    """«Nothing was saved. Fix 2 field(s):» and each message; hidden when there is nothing to say."""

    def __init__(self, id: str | None = None):
        super().__init__("", id=id, classes="error-summary", markup=False)
        self.display = False

    def show(self, errors: Iterable[FieldError], lang: str) -> None:
        """List ``errors`` in ``lang``."""
        errors = list(errors)
        lines = [tr("errors_summary", lang, n=len(errors))] + [f"⚠ {e.message(lang)}" for e in errors]
        self.update("\n".join(lines))
        self.display = True

    def show_text(self, text: str) -> None:
        """Show one message."""
        self.update(f"⚠ {text}")
        self.display = True

    def clear(self) -> None:
        """Hide the summary."""
        self.update("")
        self.display = False


def show_refusal(summary: ErrorSummary, view: FormView, refused: AyniError, lang: str) -> None:
    """Say why ``view``'s save was refused: each field's message at the top and under the field, with
    the cursor on the first; any other refusal (access, a closed encounter, a full disk) at the top."""
    if not isinstance(refused, ValidationError):
        summary.show_text(refused.message(lang))
        return
    summary.show(refused.errors, lang)
    row = view.show_errors(refused.errors, lang)
    if row is not None:
        row.focus_editor()
