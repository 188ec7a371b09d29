"""The home screen: find a patient as you type (accents and case ignored), Enter opens them."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Input, Static

from ayni.core import Patient
from ayni.core.people import patients
from ayni.core.storage.convert import from_row

from ..format import age_text, ids_short, sex_short
from ..widgets.tables import fill_table
from .base import AyniScreen
from .login import working_user

RECENT = 20


class SearchScreen(AyniScreen):
    """Patient search: an input, the matching patients, F2 to register a new one."""

    BINDINGS = [
        Binding("f2,n", "app.new_patient", "b_new_patient"),
        Binding("f3", "app.plugin_menu", "b_more"),
        Binding("down", "to_results", show=False),
        Binding("q", "app.quit", "b_quit", show=False),
        Binding("ctrl+q", "app.quit", "b_quit", priority=True),  # the app's own is left out of footers
    ]
    AUTO_FOCUS = "#search"

    def __init__(self):
        super().__init__()
        self.found: list[Patient] = []
        self.patients_opened = 0  # the app's count of patients opened, when this screen was last shown

    def compose(self) -> ComposeResult:
        yield Static("", id="title", classes="screen-title", markup=False)
        yield Input(id="search")
        yield Static("", id="results-info", markup=False)
        yield DataTable(id="results", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def relabel(self) -> None:
        who = working_user(self.app.store)
        self.query_one("#title", Static).update(
            f"{self.tr('search_title')} · {self.tr('user')}: {who}" if who else self.tr("search_title"))
        self.query_one("#search", Input).placeholder = self.tr("search_placeholder")
        self.refresh_results()

    def on_screen_resume(self) -> None:
        """Back from a patient, the next one is searched afresh: the box and the results are cleared
        (back from anything else, such as the stock, what was typed stays)."""
        opened = getattr(self.app, "patients_opened", 0)
        if opened != self.patients_opened:
            self.patients_opened = opened
            self.action_back()
        self.refresh_results()

    def store_ready(self) -> None:
        """The store opened after the first paint: search for whatever was typed meanwhile."""
        self.relabel()

    @property
    def query_text(self) -> str:
        return self.query_one("#search", Input).value

    def refresh_results(self) -> None:
        """Search again for what is typed (or list the latest registered patients)."""
        store = self.app.store
        text = self.query_text.strip()
        if store is None:  # still opening (see AyniApp.open_later)
            self.found = []
            info = self.tr("loading")
        elif text:
            self.found = patients.search(store, text)  # best first: a patient number typed whole leads
            info = self.tr("results_count", n=len(self.found), q=text) if self.found else self.tr(
                "results_none", q=text)
        else:
            rows = store.db["patients"].rows_where("merged_into IS NULL", order_by="created_at desc", limit=RECENT)
            self.found = [from_row(Patient, r) for r in rows]
            info = self.tr("results_recent") if self.found else self.tr("results_empty_db")
        self.query_one("#results-info", Static).update(info)
        fill_table(
            self.query_one("#results", DataTable),
            [self.tr(k) for k in ("col_number", "col_name", "col_age", "col_sex", "col_id", "col_community")],
            [(p.id, (p.card_number, f"{p.surnames}, {p.given_names}", age_text(p, self.lang),
                     sex_short(p, self.lang), ids_short(p, self.lang), p.community)) for p in self.found],
            fit=True,  # at 80 columns a long name is cut, never the community
        )

    @on(Input.Changed, "#search")
    def _typed(self) -> None:
        self.refresh_results()

    @on(Input.Submitted, "#search")
    def _open_first(self) -> None:
        """Enter opens the highlighted patient; a card number typed whole (a barcode scanner reading
        the card's QR code types it and Enter) opens that patient, whatever is highlighted."""
        store = self.app.store
        card = patients.scanned(store, self.query_text) if store is not None else None
        if card is not None:
            self.app.open_patient(card.id)
            return
        table = self.query_one("#results", DataTable)
        if table.row_count:
            self._open_row(table.cursor_row)

    @on(DataTable.RowSelected, "#results")
    def _open_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_patient(event.row_key.value)

    def _open_row(self, index: int) -> None:
        self.app.open_patient(self.found[index].id)

    def on_key(self, event: events.Key) -> None:
        """A character typed while the results have the focus goes on in the search box: a barcode
        scanner reading a card types its number wherever the focus happens to be."""
        search = self.query_one("#search", Input)
        if event.is_printable and event.character and not search.has_focus:
            event.stop()
            search.value = event.character
            search.cursor_position = len(search.value)
            search.focus()

    def action_to_results(self) -> None:
        table = self.query_one("#results", DataTable)
        if table.row_count and not table.has_focus:
            table.focus()

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        search.focus()
