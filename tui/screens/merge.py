"""Two records of one person, from the patient screen: merge another record into the one on screen
(its number typed, its name shown as it is typed, Ctrl+S merges), or undo a merge."""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from ayni.core import FieldError, Patient, Text, ValidationError
from ayni.core.people import merges, patients

from .modal_form import FormModal, FormRow

_NUMBER = Text("N.º del otro registro", "No. of the other record")


class MergeModal(FormModal):
    """Merge the record whose number is typed into ``kept``; answers the message to show."""

    title_key = "merge_title"

    def __init__(self, kept: Patient):
        super().__init__()
        self.kept = kept

    def form_rows(self) -> list[FormRow]:
        return [FormRow("duplicate", "merge_number", Input(id="duplicate", compact=True, max_length=9,
                                                           restrict=r"[0-9]*"))]

    def other(self) -> Patient | None:
        """The patient whose number is typed, if there is one."""
        typed = self.query_one("#duplicate", Input).value
        row = self.app.store.db.execute("SELECT id FROM patients WHERE number = ?",
                                        [int(typed)]).fetchone() if typed else None
        return patients.get(self.app.store, row[0]) if row else None

    def info(self) -> str:
        lines = [self.tr("merge_keep", number=self.kept.card_number, name=self.kept.full_name)]
        other = self.other() if self.is_mounted else None
        if other is not None:
            lines.append(self.tr("merge_other", number=other.card_number, name=other.full_name))
        return "\n".join(lines)

    @on(Input.Changed, "#duplicate")
    def _typed(self) -> None:
        self.relabel()

    def submit(self):
        other = self.other()
        if other is None:
            raise ValidationError([FieldError("duplicate", "bad_pattern", _NUMBER, {"hint": Text(
                "no hay ningún paciente con ese número", "no patient has that number")})])
        merges.merge(self.app.store, self.kept.id, other.id)
        return self.tr("merge_done", number=other.card_number, kept=self.kept.card_number)
