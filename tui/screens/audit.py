"""The audit log for the coordinator: who did what, filtered by patient, user and day (Lima time)."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Input, Static

from ayni.core import AyniError, Patient
from ayni.core.people import patients
from ayni.core.storage.auditlog import entries

from ..format import lima_time
from ..widgets.tables import fill_table
from .base import AyniScreen


class AuditScreen(AyniScreen):
    """Three filters and the matching entries, newest first (Enter in a filter applies them)."""

    AUTO_FOCUS = "#audit-patient"

    def compose(self) -> ComposeResult:
        yield Static("", id="audit-title", classes="screen-title", markup=False)
        with Horizontal(id="audit-filters"):
            yield Input(id="audit-patient")
            yield Input(id="audit-user")
            yield Input(id="audit-day", max_length=10)
        yield Static("", id="audit-info", markup=False)
        yield DataTable(id="audit-table", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def relabel(self) -> None:
        self.query_one("#audit-title", Static).update(self.tr("audit_title"))
        for key in ("patient", "user", "day"):
            self.query_one(f"#audit-{key}", Input).placeholder = self.tr(f"audit_{key}")
        self.refresh_entries()

    def _patient(self, text: str) -> Patient | None:
        store = self.app.store
        found = patients.by_number(store, text)
        if found:
            return found[0]
        found = patients.search(store, text, limit=1)
        return found[0] if found else None

    @on(Input.Submitted)
    def refresh_entries(self) -> None:
        """Apply the filters."""
        info = self.query_one("#audit-info", Static)
        patient_text = self.query_one("#audit-patient", Input).value.strip()
        user = self.query_one("#audit-user", Input).value.strip() or None
        day_text = self.query_one("#audit-day", Input).value.strip()
        patient = self._patient(patient_text) if patient_text else None
        if patient_text and patient is None:
            info.update(self.tr("audit_no_patient", q=patient_text))
            return
        try:
            day = dt.date.fromisoformat(day_text) if day_text else None
        except ValueError:
            info.update("⚠ " + self.tr("audit_bad_day"))
            return
        try:
            found = entries(self.app.store, patient_id=patient.id if patient else None, user=user, day=day)
        except AyniError as error:
            info.update("⚠ " + error.message(self.lang))
            return
        info.update((f"{patient.full_name} · " if patient else "") + self.tr("audit_count", n=len(found)))
        fill_table(self.query_one("#audit-table", DataTable),
                   [self.tr(k) for k in ("col_time", "col_user", "col_action", "col_table", "col_what")],
                   [(str(e.id), (lima_time(e.at), e.user_name, e.action, e.table_name, e.summary(60)))
                    for e in found])
