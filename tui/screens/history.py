"""A patient's whole history: every encounter across campaigns and years, newest first; the
highlighted one in detail below (forms, diagnoses, procedures, payment, what was handed out,
referrals). P prints the history as a PDF, in a worker thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static

from ayni.core import Plural, Text, display_value
from ayni.core.clinical import encounters
from ayni.core.dates import today_in_lima
from ayni.core.documents.files import write_file
from ayni.core.documents.reports.history import extras, patient_history
from ayni.core.money.fees import format_soles

from ..format import lima_time, slug
from ..printing import failure_text, prints_dir
from ..text import UI
from ..widgets.tables import fill_table
from .base import AyniScreen

#: The words of the history screen (added to the UI table on import).
TEXT = {
    "hi_title": Text("Historia de {name}", "History of {name}"),
    "hi_summary": Text("{encounters} en {campaigns}", "{encounters} in {campaigns}"),
    "hi_encounters": Plural("{n} atención", "{n} atenciones", "{n} encounter", "{n} encounters"),
    "hi_campaigns": Plural("{n} campaña", "{n} campañas", "{n} campaign", "{n} campaigns"),
    "hi_none": Text("Sin atenciones registradas.", "No encounters on record."),
    "hi_col_date": Text("Fecha (Lima)", "Date (Lima)"),
    "hi_col_campaign": Text("Campaña", "Campaign"),
    "hi_col_where": Text("Especialidad — estación", "Specialty — station"),
    "hi_col_diagnoses": Text("Diagnósticos", "Diagnoses"),
    "hi_col_status": Text("Estado", "Status"),
    "hi_reference": Text("Atención ref. {ref}", "Encounter ref. {ref}"),
    "hi_diagnoses": Text("Diagnósticos", "Diagnoses"),
    "hi_procedures": Text("Procedimientos", "Procedures"),
    "hi_payment": Text("Pago: {paid} de {suggested} ({kind})", "Payment: {paid} of {suggested} ({kind})"),
    "hi_dispensed": Text("Entregado", "Handed out"),
    "hi_referred": Text("Referido a", "Referred to"),
    "hi_campaign": Text("Campaña: {name}", "Campaign: {name}"),
    "hi_printing": Text("Imprimiendo la historia…", "Printing the history…"),
    "hi_printed": Text("Historia guardada: {path}", "History written: {path}"),
    "hi_failed": Text("No se pudo imprimir la historia: {error}", "Could not print the history: {error}"),
    "b_print_history": Text("Imprimir historia", "Print history"),
}
UI.update(TEXT)


def history_path(db_path: Path, patient_name: str, day: dt.date) -> Path:
    """«prints/historia_nunez-quispe-rosa_2026-11-23.pdf» next to the database (numbered if taken)."""
    folder = prints_dir(db_path)
    base = f"historia_{slug(patient_name)}_{day.isoformat()}"
    path, n = folder / f"{base}.pdf", 2
    while path.exists():
        path, n = folder / f"{base}-{n}.pdf", n + 1
    return path


def visit_lines(store, visit, lang: str, tr) -> list[str]:
    """The detail of one encounter as lines of plain text, its reference (for the CLI) first."""
    lines = [tr("hi_reference", ref=encounters.reference(visit.encounter.id))]
    for key, data in visit.forms.items():
        spec = store.plugins.forms.get(key)
        if spec is None:
            continue
        values = [f"  {f.label.get(lang)}: {display_value(f, data.data.get(f.key), lang)}"
                  for f in spec.fields if data.data.get(f.key) not in (None, "", [], {}, ())]
        if values:
            lines += [spec.title.get(lang), *values]
    catalog = store.plugins.diagnoses
    if visit.diagnoses:
        lines.append(f"{tr('hi_diagnoses')}: " + "; ".join(
            catalog[d.code].display(lang) if d.code in catalog else d.code for d in visit.diagnoses))
    codes = store.plugins.procedures
    if visit.procedures:
        lines.append(f"{tr('hi_procedures')}: " + "; ".join(
            (codes[p.code].label.get(lang) if p.code in codes else p.code) + (f" ×{p.quantity}" if p.quantity > 1 else "")
            for p in visit.procedures))
    if visit.payment is not None:
        from ayni.core.money.fees import PAYMENT_KIND_LABELS, PaymentKind

        kind = PAYMENT_KIND_LABELS[PaymentKind(visit.payment.kind)].get(lang)
        lines.append(tr("hi_payment", paid=format_soles(visit.payment.amount),
                        suggested=format_soles(visit.payment.suggested), kind=kind))
    more = extras(store, visit, lang)
    if more["dispensed"]:
        lines.append(f"{tr('hi_dispensed')}: " + "; ".join(more["dispensed"]))
    if more["referred"]:
        lines.append(f"{tr('hi_referred')}: " + "; ".join(more["referred"]))
    return lines


class HistoryScreen(AyniScreen):
    """Every encounter of one patient; ↑↓ choose, the detail follows; P prints the history."""

    BINDINGS = [
        Binding("p", "print_history", "b_print_history"),
        Binding("q", "app.quit", "b_quit", show=False),
    ]
    AUTO_FOCUS = "#history"
    DEFAULT_CSS = """
    HistoryScreen #history-summary { padding: 0 1; color: $text-muted; }
    HistoryScreen #history { height: 1fr; }
    HistoryScreen #history-detail-box { height: 1fr; padding: 0 1; }
    """

    #: From this width on the table has a column for the campaign; narrower, the detail names it, so
    #: the diagnoses and the status stay in sight at 80 columns.
    CAMPAIGN_COLUMN_FROM = 110

    def __init__(self, patient_id: str):
        super().__init__()
        self.patient_id = patient_id
        self.visits: dict[str, object] = {}
        self.campaigns: dict[str, str] = {}  # encounter id -> campaign name
        self.patient = None

    def compose(self) -> ComposeResult:
        yield Static("", id="title", classes="screen-title", markup=False)
        yield Static("", id="history-summary", markup=False)
        yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="history-detail-box"):
            yield Static("", id="history-detail", markup=False)
        yield Footer(compact=True)

    def relabel(self) -> None:
        store, lang = self.app.store, self.lang
        self.patient, groups = patient_history(store, self.patient_id)
        self.visits = {v.encounter.id: v for g in groups for v in g.visits}
        self.campaigns = {v.encounter.id: g.campaign.name for g in groups for v in g.visits}
        self.query_one("#title", Static).update(self.tr("hi_title", name=self.patient.full_name))
        self.query_one("#history-summary", Static).update(
            self.tr("hi_summary", encounters=self.tr("hi_encounters", n=len(self.visits)),
                    campaigns=self.tr("hi_campaigns", n=len(groups))) if self.visits else self.tr("hi_none"))
        specialties = store.plugins.specialties
        rows = []
        for g in groups:
            for v in g.visits:
                enc = v.encounter
                spec = specialties.get(enc.specialty)
                where = (f"{spec.name.get(lang)} — {spec.station_label(enc.station, lang)}" if spec
                         else f"{enc.specialty} — {enc.station}")
                rows.append((enc.id, (lima_time(enc.opened_at), g.campaign.name, where,
                                      ", ".join(d.code for d in v.diagnoses),
                                      encounters.status_text(enc, lang))))
        headers = [self.tr(k) for k in ("hi_col_date", "hi_col_campaign", "hi_col_where", "hi_col_diagnoses",
                                        "hi_col_status")]
        if not self._campaign_column:
            headers, rows = headers[:1] + headers[2:], [(key, cells[:1] + cells[2:]) for key, cells in rows]
        fill_table(self.query_one("#history", DataTable), headers, rows)
        self._show_detail()

    @property
    def _campaign_column(self) -> bool:
        return self.size.width >= self.CAMPAIGN_COLUMN_FROM

    def on_resize(self) -> None:
        table = self.query_one("#history", DataTable)
        if self.patient is not None and (len(table.columns) == 5) != self._campaign_column:
            self.relabel()

    @on(DataTable.RowHighlighted, "#history")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        table = self.query_one("#history", DataTable)
        detail = self.query_one("#history-detail", Static)
        if not table.row_count:
            detail.update("")
            return
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        campaign = [] if self._campaign_column else [self.tr("hi_campaign", name=self.campaigns[key])]
        detail.update("\n".join(campaign + visit_lines(self.app.store, self.visits[key], self.lang, self.tr)))

    def action_print_history(self) -> None:
        """Write the history PDF next to the database, in a worker thread (WeasyPrint loads there)."""
        app, store, lang = self.app, self.app.store, self.lang
        name = f"{self.patient.surnames} {self.patient.given_names}"
        path = history_path(store.path, name, today_in_lima())
        patient_id = self.patient_id
        self.app.notify(self.tr("hi_printing"), timeout=3)

        def work() -> Path | None:
            from ayni.core import open_store
            from ayni.core.documents.reports.history import render_history

            try:
                own = open_store(store.path, user=store.user.name, plugins=store.plugins)
                try:
                    data = render_history(own, patient_id, lang)
                finally:
                    own.close()
                path.parent.mkdir(parents=True, exist_ok=True)
                write_file(path, data)
            except Exception as error:  # a failed print must never take the app down
                app.call_from_thread(app.notify, UI["hi_failed"].get(lang).format(error=failure_text(error, lang)),
                                     severity="error")
                return None
            app.call_from_thread(app.notify, UI["hi_printed"].get(lang).format(path=path), timeout=10)
            return path

        self.run_worker(work, thread=True, group="print", name="print-history")
