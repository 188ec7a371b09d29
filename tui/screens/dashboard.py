"""The coordinator's dashboard: at each station, how many wait, how many are being seen, and how many
were seen today; refreshed every few seconds, since every station changes it. A opens the audit log."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from ayni.core import AyniError
from ayni.core.campaign import stations as station_records
from ayni.core.campaign.campaigns import current_campaign

from ..format import lima_time
from ..widgets.tables import fill_table
from .base import AyniScreen

REFRESH_SECONDS = 3


class DashboardScreen(AyniScreen):
    """Live counts per station for the current campaign."""

    BINDINGS = [Binding("a", "app.audit", "b_audit"), Binding("f7", "app.queue", "b_queue")]

    def compose(self) -> ComposeResult:
        yield Static("", id="dashboard-title", classes="screen-title", markup=False)
        yield DataTable(id="dashboard-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="dashboard-totals", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(REFRESH_SECONDS, self.refresh_board)

    def relabel(self) -> None:
        self.refresh_board()

    def refresh_board(self) -> None:
        """Count again."""
        store = self.app.store
        try:
            campaign = current_campaign(store)
            board = station_records.board(store, campaign.id)
        except AyniError as error:
            self.query_one("#dashboard-totals", Static).update("⚠ " + error.message(self.lang))
            return
        now = lima_time(dt.datetime.now(dt.timezone.utc))[-5:]
        self.query_one("#dashboard-title", Static).update(
            self.tr("dashboard_title", campaign=campaign.name, time=now))
        fill_table(self.query_one("#dashboard-table", DataTable),
                   [self.tr(k) for k in ("col_station", "col_waiting", "col_seeing", "col_seen_today")],
                   [(count.station.key, (count.station.label(self.lang, store.plugins), str(count.waiting),
                                         str(count.called), str(count.done_today))) for count in board])
        self.query_one("#dashboard-totals", Static).update(self.tr(
            "dashboard_totals", waiting=sum(c.waiting for c in board), seeing=sum(c.called for c in board),
            seen=sum(c.done_today for c in board)))
