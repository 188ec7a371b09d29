"""Register a patient, or correct a registration: the core's registration form rendered generically;
Ctrl+S saves. A refusal shows each message by its field and writes nothing. Before a new patient is
saved, the registered patients likely to be the same person are shown, each with its reasons: the
volunteer opens one of them instead («Es la misma persona») or registers («Es otra persona»)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ayni.core import AyniError, Patient
from ayni.core.people import patients

from ..format import age_text, ids_short
from ..widgets.form import FormView, HintLine
from ..widgets.errors import ErrorSummary, show_refusal
from .base import AyniModal, AyniScreen

OTHER_PERSON = "other"


class RegisterScreen(AyniScreen):
    """``PATIENT_FORM`` filled by keyboard; a refusal shows each message by its field, nothing saved."""

    BINDINGS = [Binding("ctrl+s", "save", "b_save", priority=True)]

    def initial_values(self) -> dict:
        """What the form shows when it opens (empty for a new patient)."""
        return {}

    def compose(self) -> ComposeResult:
        yield Static("", id="title", classes="screen-title", markup=False)
        yield ErrorSummary()
        with VerticalScroll(id="form-scroll", can_focus=False):
            yield FormView(patients.PATIENT_FORM, self.lang, values=self.initial_values(),
                           widgets=self.app.tui_widgets, id="patient-form")
        yield HintLine()
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        form = self.query_one(FormView)
        form.snapshot()
        form.rows["given_names"].focus_editor()

    def has_changes(self) -> bool:
        return self.query_one(FormView).changed()

    def heading(self) -> str:
        """The title line's first words."""
        return patients.PATIENT_FORM.title.get(self.lang)

    def relabel(self) -> None:
        self.query_one("#title", Static).update(f"{self.heading()} · {self.tr('save_hint')}")
        self.query_one(FormView).relabel(self.lang)
        self.query_one(ErrorSummary).clear()

    def write(self, values: dict) -> Patient:
        """Write the filled form; raises :class:`~ayni.core.ValidationError` when refused."""
        return patients.register(self.app.store, values)

    def saved(self, patient: Patient) -> None:
        """After writing: show the new patient."""
        self.app.notify(self.tr("registered", name=patient.full_name, number=patient.card_number))
        self.app.open_patient(patient.id, replace=True)

    def likely_same(self, values: dict) -> list:
        """The registered patients who may be the person of ``values`` (``duplicates.Candidate``)."""
        from ayni.core.people import duplicates

        return duplicates.candidates(self.app.store, values)

    def action_save(self) -> None:
        values = self.query_one(FormView).values()
        if self._attempt(lambda: patients.patient_from_form(values)) is None:
            return
        alike = self.likely_same(values)
        if not alike:
            self._save(lambda: self.write(values))
            return
        self.app.push_screen(LikelySameScreen(alike), lambda choice: self._decided(values, alike, choice))

    def _decided(self, values: dict, alike: list, choice: str | None) -> None:
        """Esc: back to the form, nothing saved; another person: register and record it; else open
        the chosen registered patient, nothing registered."""
        from ayni.core.people import duplicates

        if choice == OTHER_PERSON:
            ids = [c.patient.id for c in alike]
            self._save(lambda: duplicates.register_other_person(self.app.store, values, ids))
        elif choice is not None:
            self.app.notify(self.tr("same_opened", name=patients.get(self.app.store, choice).full_name))
            self.app.open_patient(choice, replace=True)

    def _save(self, write) -> None:
        patient = self._attempt(write)
        if patient is not None:
            self.saved(patient)

    def _attempt(self, action):
        """``action()``, or ``None`` with its refusal shown by the fields (the form stays filled)."""
        form = self.query_one(FormView)
        try:
            return action()
        except AyniError as refused:  # a field at fault, access denied, a full disk: the form stays filled
            show_refusal(self.query_one(ErrorSummary), form, refused, self.lang)
        return None


class CorrectScreen(RegisterScreen):
    """The registration of one patient, prefilled, to correct it; the previous version stays in the
    audit log (``patients.correct``)."""

    def __init__(self, patient_id: str):
        super().__init__()
        self.patient_id = patient_id
        self.patient = patients.get(self.app.store, patient_id)

    def initial_values(self) -> dict:
        return patients.form_from_patient(self.patient)

    def heading(self) -> str:
        return self.tr("correct_title", number=self.patient.card_number, name=self.patient.full_name)

    def write(self, values: dict) -> Patient:
        return patients.correct(self.app.store, self.patient_id, values)

    def likely_same(self, values: dict) -> list:
        return []  # a correction keeps its record; the coordinator's list finds the pair if there is one

    def saved(self, patient: Patient) -> None:
        from ayni.core.people import duplicates

        self.app.notify(self.tr("corrected", name=patient.full_name))
        for note in duplicates.shared_document_notes(self.app.store, patient):  # a pair a laptop merge listed
            self.app.notify(note.get(self.lang), severity="warning", timeout=15)
        self.app.pop_screen()


class LikelySameScreen(AyniModal):
    """The registered patients likely to be the one being registered, each with its reasons; Enter on
    one opens it instead (answers its id), on the last line registers another person
    (:data:`OTHER_PERSON`); Esc goes back to the form."""

    def __init__(self, alike: list):
        super().__init__()
        self.alike = alike

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            yield Static("", id="dialog-title", markup=False)
            yield OptionList(id="alike", markup=False)
        yield Footer(compact=True)

    def relabel(self) -> None:
        self.query_one("#dialog-title", Static).update(self.tr("same_title", n=len(self.alike)))
        options = self.query_one("#alike", OptionList)
        highlighted = options.highlighted
        options.set_options([*(Option(self._line(c), id=c.patient.id) for c in self.alike),
                             Option(self.tr("other_person"), id=OTHER_PERSON)])
        options.highlighted = highlighted if highlighted is not None else 0

    def _line(self, candidate) -> str:
        p = candidate.patient
        age = age_text(p, self.lang)
        facts = " · ".join(x for x in (age and f"{self.tr('p_age')} {age}", ids_short(p, self.lang), p.community) if x)
        return (self.tr("same_person", number=p.card_number, name=p.full_name) + f"\n   {facts}\n   "
                + self.tr("same_why", score=candidate.score, why=candidate.why(self.lang)))

    @on(OptionList.OptionSelected, "#alike")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
