"""One station's queue: who waits, in the order they will be called, and who is being seen.

F5 (or Space) calls the next patient and opens their encounter at a triage or consultation station
(their patient record elsewhere); D finishes the patient called last here and asks where they go
next; A adds a patient by their number with a priority. The list refreshes every few seconds, since
other stations change it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Input, Static

from ayni.core import AyniError, Patient, Text
from ayni.core.campaign import stations as station_records
from ayni.core.people import merges, patients

from ..format import lima_time
from ..printing import print_document
from ..text import UI
from ..widgets.tables import fill_table
from .base import AyniModal, AyniScreen

REFRESH_SECONDS = 3
LEAVES = "-"


class QueueScreen(AyniScreen):
    """The queue of the station ``station_key`` of the current campaign."""

    BINDINGS = [
        Binding("f5,space", "call_next", "b_call_next"),
        Binding("d", "done", "b_done"),
        Binding("a", "add", "b_add_queue"),
    ]

    def __init__(self, station_key: str):
        super().__init__()
        self.station_key = station_key
        self.current = None  # the entry called last from this screen
        self.entries: list = []

    def compose(self) -> ComposeResult:
        yield Static("", id="queue-title", classes="screen-title", markup=False)
        yield Static("", id="queue-message", markup=False)
        yield DataTable(id="queue-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="queue-seeing", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(REFRESH_SECONDS, self.refresh_queue)

    def on_screen_resume(self) -> None:
        self.refresh_queue()

    def relabel(self) -> None:
        self.refresh_queue()

    @property
    def station(self):
        return station_records.station(self.app.store, self.station_key)

    def _say(self, message: str) -> None:
        self.query_one("#queue-message", Static).update(message)

    def _patient(self, patient_id: str) -> Patient:
        return merges.kept_record(self.app.store, patient_id)

    def refresh_queue(self) -> None:
        """Read the queue again."""
        store = self.app.store
        try:
            station = self.station
            self.entries = station_records.waiting(store, self.station_key)
            seeing = station_records.being_seen(store, self.station_key)
        except AyniError as error:
            self._say("⚠ " + error.message(self.lang))
            return
        self.query_one("#queue-title", Static).update(
            self.tr("queue_title", station=station.label(self.lang, store.plugins), n=len(self.entries)))
        rows = []
        for position, entry in enumerate(self.entries, start=1):
            patient = self._patient(entry.patient_id)
            rows.append((entry.id, (str(position), patient.card_number, patient.full_name,
                                    station_records.PRIORITIES[entry.priority].get(self.lang),
                                    lima_time(entry.arrived_at)[-5:])))
        fill_table(self.query_one("#queue-table", DataTable),
                   [self.tr(k) for k in ("col_pos", "col_number", "col_name", "col_priority", "col_arrived")], rows)
        names = ", ".join(self._patient(e.patient_id).full_name for e in seeing)
        self.query_one("#queue-seeing", Static).update(
            self.tr("queue_seeing", names=names) if names else self.tr("queue_nobody_seen"))
        if not self.entries and not str(self.query_one("#queue-message", Static).render()):
            self._say(self.tr("queue_empty"))

    def action_call_next(self) -> None:
        """Call whoever is next and open what they are here for."""
        store = self.app.store
        try:
            entry = station_records.call_next(store, self.station_key)
            if entry is None:
                self._say(self.tr("queue_nobody"))
                return
            self.current = entry
            encounter = station_records.open_encounter_for(store, entry)
        except AyniError as error:
            self._say("⚠ " + error.message(self.lang))
            self.refresh_queue()
            return
        self._say(self.tr("queue_called", name=self._patient(entry.patient_id).full_name))
        self.refresh_queue()
        if encounter is not None:
            self.app.open_encounter(encounter.id)
        else:
            self.app.open_patient(entry.patient_id)

    def action_done(self) -> None:
        """Finish the patient called last here: ask where they go next."""
        from .dialogs import ChoiceScreen

        if self.current is None:
            seeing = station_records.being_seen(self.app.store, self.station_key)
            if not seeing:
                self._say(self.tr("queue_nothing_to_finish"))
                return
            self.current = seeing[0]
        store = self.app.store
        choices = [(s.key, Text(s.label("es", store.plugins), s.label("en", store.plugins)))
                   for s in station_records.next_stations(store, self.station_key)]
        choices.append((LEAVES, UI["queue_leaves"]))
        self.app.push_screen(ChoiceScreen("queue_next_title", choices), self.finish)

    def finish(self, next_station: str | None) -> None:
        """Mark the current patient done here, sending them to ``next_station`` (``-``: they leave)."""
        if next_station is None or self.current is None:
            return
        store = self.app.store
        name = self._patient(self.current.patient_id).full_name
        try:
            _, following = station_records.done(store, self.current.id,
                                                None if next_station == LEAVES else next_station)
        except AyniError as error:
            self._say("⚠ " + error.message(self.lang))
            return
        self.current = None
        if following is None:
            self._say(self.tr("queue_done", name=name))
        else:
            label = station_records.station(store, following.station).label(self.lang, store.plugins)
            self._say(self.tr("queue_sent", name=name, station=label))
        self.refresh_queue()

    def action_add(self) -> None:
        """Add a patient (by number) to this queue."""
        self.app.push_screen(EnqueueScreen(self.station_key), self._added)

    def _added(self, message: str | None) -> None:
        if message:
            self._say(message)
        self.refresh_queue()


def print_ticket(app, entry_id: str, station_key: str) -> None:
    """The queue ticket on this station's thermal printer, when it has one (a ticket has no PDF)."""
    from ayni.core.documents import tickets

    print_document(app, f"turno-{entry_id}", None, station=station_key,
                   slip=lambda own: tickets.ticket_slip(own, entry_id))


class EnqueueScreen(AyniModal):
    """Patient number and priority (1–3); Enter adds them to the queue."""

    AUTO_FOCUS = "#enqueue-number"

    def __init__(self, station_key: str):
        super().__init__()
        self.station_key = station_key

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("", id="dialog-title", markup=False)
            yield Static("", id="enqueue-number-label", markup=False)
            yield Input(id="enqueue-number", restrict=r"[0-9A-Za-z -]*", max_length=12)
            yield Static("", id="enqueue-priority-label", markup=False)
            yield Input("3", id="enqueue-priority", restrict=r"[1-3]?", max_length=1)
            yield Static("", id="enqueue-error", markup=False)
        yield Footer(compact=True)

    def relabel(self) -> None:
        self.query_one("#dialog-title", Static).update(self.tr("enqueue_title"))
        self.query_one("#enqueue-number-label", Static).update(self.tr("enqueue_number"))
        self.query_one("#enqueue-priority-label", Static).update(self.tr("enqueue_priority"))

    @on(Input.Submitted, "#enqueue-number")
    def _to_priority(self) -> None:
        self.query_one("#enqueue-priority", Input).focus()

    @on(Input.Submitted, "#enqueue-priority")
    def _submit(self) -> None:
        store = self.app.store
        number = self.query_one("#enqueue-number", Input).value
        rows = patients.by_number(store, number)
        error = self.query_one("#enqueue-error", Static)
        if len(rows) != 1:  # none, or one number on several laptops' cards: the letter tells them apart
            error.update("⚠ " + self.tr("enqueue_unknown" if not rows else "enqueue_ambiguous", n=number or "—",
                                        found=", ".join(p.card_number for p in rows)))
            return
        try:
            priority = int(self.query_one("#enqueue-priority", Input).value or 3)
            entry = station_records.enqueue(store, rows[0].id, self.station_key, priority)
        except AyniError as refused:
            error.update("⚠ " + refused.message(self.lang))
            return
        print_ticket(self.app, entry.id, self.station_key)
        self.dismiss(self.tr("enqueue_done", name=rows[0].full_name))
