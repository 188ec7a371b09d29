"""Alt+A on an encounter: every alert of the visit whole (the strip under the title shows only those
that fit), then the person's own alerts in full, scrollable at 80×24, in the UI's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Static

from ayni.core.clinical import alerts
from ayni.core.people import alerts as person_alerts

from ..widgets.alerts import alert_line
from .base import AyniModal


class AlertsScreen(AyniModal):
    """The alerts of ``visit`` (``ayni.core.clinical.alerts.collect``), most serious first, each whole,
    and the person's current alerts described in full; collected again in each language."""

    def __init__(self, store, visit):
        super().__init__()
        self.store, self.visit = store, visit

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide alerts"):
            yield Static("", id="dialog-title", markup=False)
            with VerticalScroll(id="all-alerts-scroll"):
                yield Static("", id="all-alerts", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(VerticalScroll).focus()

    def lines(self) -> list[str]:
        """Every alert as a line, in the current language (a plugin that fails is said, as on the strip)."""
        try:
            found = [alert_line(a, self.lang) for a in alerts.collect(self.store, self.visit)]
        except Exception as error:  # a broken plugin must not hide the other alerts of the person
            found = [self.tr("alerts_failed", error=error)]
        person = [f"⚠ {person_alerts.described(a, self.lang)}"
                  for a in person_alerts.of_person(self.store, self.visit.patient.id) if a.active]
        return found + person

    def relabel(self) -> None:
        self.query_one("#dialog-title", Static).update(self.tr("visit_alerts_title"))
        self.query_one("#all-alerts", Static).update("\n".join(self.lines()) or self.tr("visit_alerts_none"))
