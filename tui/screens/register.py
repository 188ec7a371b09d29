"""Register a patient, or correct a registration: the core's registration form rendered generically;
Ctrl+S saves. A refusal shows each message by its field and writes nothing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from ayni.core import AyniError, Patient, ValidationError
from ayni.core.people import patients

from ..widgets.form import FormView
from .base import AyniScreen
from .errors import ErrorSummary


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
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(FormView).rows["given_names"].focus_editor()

    def heading(self) -> str:
        """The title line's first words."""
        return patients.PATIENT_FORM.title.get(self.lang)

    def relabel(self) -> None:
        self.query_one("#title", Static).update(f"{self.heading()} · {self.tr('save_hint')}")
        self.query_one(FormView).relabel(self.lang)
        self.query_one(ErrorSummary).clear()

    def write(self, values: dict) -> Patient:
        """Write the filled form; raises :class:`ValidationError` when refused."""
        return patients.register(self.app.store, values)

    def saved(self, patient: Patient) -> None:
        """After writing: show the new patient."""
        self.app.notify(self.tr("registered", name=patient.full_name))
        self.app.open_patient(patient.id, replace=True)

    def action_save(self) -> None:
        form = self.query_one(FormView)
        try:
            patient = self.write(form.values())
        except ValidationError as refused:
            first = form.show_errors(refused.errors, self.lang)
            self.query_one(ErrorSummary).show(refused.errors, self.lang)
            if first is not None:
                first.focus_editor()
            return
        except AyniError as error:  # access denied, or the database refused the write: the form stays filled
            self.query_one(ErrorSummary).show_text(error.message(self.lang))
            return
        self.saved(patient)


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

    def saved(self, patient: Patient) -> None:
        self.app.notify(self.tr("corrected", name=patient.full_name))
        self.app.pop_screen()
