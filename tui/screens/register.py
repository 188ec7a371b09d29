"""Register a patient: the core's registration form rendered generically; Ctrl+S saves."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from ayni.core import ValidationError, patients

from ..widgets.form import FormView
from .base import AyniScreen
from .errors import ErrorSummary


class RegisterScreen(AyniScreen):
    """``PATIENT_FORM`` filled by keyboard; a refusal shows each message by its field, nothing saved."""

    BINDINGS = [Binding("ctrl+s", "save", "b_save", priority=True)]

    def compose(self) -> ComposeResult:
        yield Static("", id="title", classes="screen-title", markup=False)
        yield ErrorSummary()
        with VerticalScroll(id="form-scroll", can_focus=False):
            yield FormView(patients.PATIENT_FORM, self.lang, widgets=self.app.tui_widgets, id="patient-form")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(FormView).rows["given_names"].focus_editor()

    def relabel(self) -> None:
        self.query_one("#title", Static).update(
            f"{patients.PATIENT_FORM.title.get(self.lang)} · {self.tr('save_hint')}")
        self.query_one(FormView).relabel(self.lang)
        self.query_one(ErrorSummary).clear()

    def action_save(self) -> None:
        form = self.query_one(FormView)
        try:
            patient = patients.register(self.app.store, form.values())
        except ValidationError as refused:
            first = form.show_errors(refused.errors, self.lang)
            self.query_one(ErrorSummary).show(refused.errors, self.lang)
            if first is not None:
                first.focus_editor()
            return
        self.app.notify(self.tr("registered", name=patient.full_name))
        self.app.open_patient(patient.id, replace=True)
