"""The summary of refused fields shown at the top of a form screen, and what it says of a refused save."""

from __future__ import annotations

from collections.abc import Iterable

from ayni.core import AyniError, FieldError, ValidationError

from ..text import tr
from .fitted import FittedStatic, whole_lines
from .form import FormView


#: The rows the summary takes at most (``.error-summary`` in ayni.tcss): its first line, then the messages.
MAX_ROWS = 6


class ErrorSummary(FittedStatic):
    """«Nothing was saved. Fix 2 field(s):» and each message, as many as fit whole in its rows, then
    how many more (each is also under its field); hidden when there is nothing to say."""

    def __init__(self, id: str | None = None):
        super().__init__(id=id, classes="error-summary")
        self.display = False

    def show(self, errors: Iterable[FieldError], lang: str) -> None:
        """List ``errors`` in ``lang``."""
        errors = list(errors)
        messages = [f"⚠ {e.message(lang)}" for e in errors]
        self.draw_fitted(lambda width: [tr("errors_summary", lang, n=len(errors)), *whole_lines(
            messages, width, MAX_ROWS - 1, lambda n: tr("errors_more", lang, n=n))])
        self.display = True

    def show_text(self, text: str) -> None:
        """Show one message."""
        self.forget_fitted()
        self.update(f"⚠ {text}")
        self.display = True

    def clear(self) -> None:
        """Hide the summary."""
        self.forget_fitted()
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
