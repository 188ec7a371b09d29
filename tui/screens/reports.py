"""The coordinator's documents from the UI: the daily, weekly (the date's week, Monday to Sunday)
and final reports (PDF or CSV), every visit summary of a day in one PDF, and the letter to the
partner organisation.

When the database holds more than one campaign, a picker chooses which one the reports and the
letter are about (the campaign at work now until another is chosen); the day's summaries are
those of every campaign, as on the command line.

Each runs in a worker thread with its own database connection (WeasyPrint is imported there, never
at startup); a progress bar follows the batch printing summary by summary. Files go to the
``prints/`` folder next to the database, like the visit summaries.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Input, Label, OptionList, ProgressBar, Select, Static
from textual.widgets.option_list import Option

from ayni.core import AyniError, Text
from ayni.core.dates import today_in_lima
from ayni.core.documents.files import write_file

from ..printing import prints_dir
from ..text import UI
from .base import AyniScreen

#: The words of the reports screen (added to the UI table on import).
TEXT = {
    "rp_title": Text("Informes y documentos de la campaña", "Campaign reports and documents"),
    "rp_campaign": Text("Campaña", "Campaign"),
    "rp_day": Text("Fecha", "Date"),
    "rp_day_placeholder": Text("AAAA-MM-DD o DD/MM/AAAA (vacío: hoy)", "YYYY-MM-DD or DD/MM/YYYY (empty: today)"),
    "rp_station": Text("Estación", "Station"),
    "rp_all_stations": Text("Todas las estaciones", "All stations"),
    "rp_day_pdf": Text("Informe diario (PDF)", "Daily report (PDF)"),
    "rp_day_csv": Text("Informe diario (CSV)", "Daily report (CSV)"),
    "rp_week_pdf": Text("Informe semanal: la semana de la fecha, de lunes a domingo (PDF)",
                        "Weekly report: the date's week, Monday to Sunday (PDF)"),
    "rp_week_csv": Text("Informe semanal: la semana de la fecha, de lunes a domingo (CSV)",
                        "Weekly report: the date's week, Monday to Sunday (CSV)"),
    "rp_final_pdf": Text("Informe final de la campaña (PDF)", "Final campaign report (PDF)"),
    "rp_final_csv": Text("Informe final de la campaña (CSV)", "Final campaign report (CSV)"),
    "rp_batch": Text("Todos los resúmenes de atención del día, en un PDF (estación elegida)",
                     "Every visit summary of the day, in one PDF (chosen station)"),
    "rp_letter": Text("Carta de agradecimiento a la institución aliada (PDF)", "Letter of thanks to the partner (PDF)"),
    "rp_hint": Text("Enter genera el documento elegido · Esc vuelve", "Enter makes the chosen document · Esc goes back"),
    "rp_hint_campaigns": Text("Tab: campaña, fecha, documento, estación · Enter genera el documento elegido",
                              "Tab: campaign, date, document, station · Enter makes the chosen document"),
    "rp_working": Text("Preparando «{what}»…", "Making «{what}»…"),
    "rp_batch_progress": Text("Resumen {done} de {total}…", "Summary {done} of {total}…"),
    "rp_done": Text("Guardado: {path}", "Written: {path}"),
    "rp_batch_done": Text("{visits} resúmenes, {pages} páginas ({rate:.1f} páginas/s): {path}",
                          "{visits} summaries, {pages} pages ({rate:.1f} pages/s): {path}"),
    "rp_nothing": Text("No hay atenciones ese día en esa estación: no se escribió ningún PDF.",
                       "There are no encounters that day at that station: no PDF was written."),
    "rp_failed": Text("No se pudo preparar el documento: {error}", "The document could not be made: {error}"),
    "rp_busy": Text("Espere: ya se está preparando un documento.", "Wait: a document is already being made."),
}
UI.update(TEXT)

ACTIONS = ("day_pdf", "day_csv", "week_pdf", "week_csv", "final_pdf", "final_csv", "batch", "letter")
FILE_NAMES = {"day_pdf": "informe-diario_{day}.pdf", "day_csv": "informe-diario_{day}.csv",
              "week_pdf": "informe-semanal_{day}.pdf", "week_csv": "informe-semanal_{day}.csv",
              "final_pdf": "informe-final_{campaign}.pdf", "final_csv": "informe-final_{campaign}.csv",
              "batch": "atenciones_{day}{station}.pdf", "letter": "carta-aliado_{campaign}.pdf"}


def _days(start: dt.date, end: dt.date, this_year: int) -> str:
    """«23/11–27/11», with the year when it is not ``this_year``: «12/06–14/06/2025»."""
    return f"{start:%d/%m}–{end:%d/%m}" + ("" if end.year == this_year else f"/{end:%Y}")


def output_path(folder: Path, action: str, day: dt.date, campaign_start: dt.date, station: str | None) -> Path:
    """Where a document goes, numbered when the name is taken."""
    name = FILE_NAMES[action].format(day=day.isoformat(), campaign=campaign_start.isoformat(),
                                     station=f"_{station.replace('.', '-')}" if station else "")
    stem, suffix = name.rsplit(".", 1)
    path, n = folder / name, 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.{suffix}", n + 1
    return path


def _report_bytes(store, action: str, day_text: str, lang: str,
                  campaign_id: str | None) -> tuple[bytes, dt.date, dt.date]:
    """A report or the letter of the campaign chosen (else the only one at work then): its bytes,
    the day it is about (a week's Monday) and its campaign's first day."""
    from ayni.core.documents.reports import build_report
    from ayni.core.documents.reports.scope import parse_day, period_scope, report_scope

    if action.startswith("week_"):
        from ayni.core.dates import Period

        week = Period.week_of(parse_day(day_text))
        campaign = period_scope(store, week, campaign_id)
        return _report_file(build_report(store, campaign, week), action, lang), week.first, campaign.start_date
    campaign, day = report_scope(store, day_text, campaign_id, final=action in ("final_pdf", "final_csv", "letter"))
    if action == "letter":
        from ayni.core.documents.reports.letter import render_letter

        return render_letter(store, campaign, lang), campaign.start_date, campaign.start_date
    return _report_file(build_report(store, campaign, day), action, lang), day or campaign.start_date, campaign.start_date


def _report_file(report, action: str, lang: str) -> bytes:
    """A report as the CSV or the PDF ``action`` asks for."""
    if action.endswith("_csv"):
        from ayni.core.documents.reports.csvfile import report_csv

        return report_csv(report, lang)
    from ayni.core.documents.reports.document import render_report

    return render_report(report, lang)


def make_document(db_path: Path, user: str, plugins, action: str, day_text: str, station_text: str | None, lang: str,
                  progress=None, campaign_id: str | None = None) -> tuple[Path | None, dict]:
    """Make one document on its own connection, about the campaign ``campaign_id`` (``None``: the
    one at work on the day); returns the file written (``None`` when there was nothing to print)
    and, for the batch, its figures. Raises :class:`AyniError` with a clear message."""
    from ayni.core import open_store
    from ayni.core.documents.reports.scope import parse_day

    folder = prints_dir(db_path)
    store = open_store(db_path, user=user, plugins=plugins)
    try:
        if action == "batch":  # a day's summaries, of whatever campaign: no campaign needed
            from ayni.core.documents.reports.batch import encounters_of_day, parse_station, render_visits

            day = parse_day(day_text)
            ids = encounters_of_day(store, day, parse_station(store, station_text))
            if not ids:
                return None, {}
            started = time.perf_counter()
            batch = render_visits(store, ids, lang, progress=progress)
            seconds = max(time.perf_counter() - started, 1e-9)
            data, info = batch.pdf, {"visits": batch.visits, "pages": batch.pages, "rate": batch.pages / seconds}
            path = output_path(folder, action, day, day, station_text)
        else:
            data, day, start = _report_bytes(store, action, day_text, lang, campaign_id)
            info, path = {}, output_path(folder, action, day, start, None)
    finally:
        store.close()
    folder.mkdir(parents=True, exist_ok=True)
    return write_file(path, data), info


class ReportsScreen(AyniScreen):
    """Choose the campaign (when there are several) and a day, then a document (and, under the list, a
    station for the day's summaries); Enter makes it. The screen reads, and Tab goes, in that order."""

    BINDINGS = [Binding("q", "app.quit", "b_quit", show=False)]
    AUTO_FOCUS = "#rp-actions"
    DEFAULT_CSS = """
    ReportsScreen #rp-choices, ReportsScreen #rp-campaign-row, ReportsScreen #rp-options { height: auto; padding: 0 1; }
    ReportsScreen #rp-choices Label, ReportsScreen #rp-campaign-row Label, ReportsScreen #rp-options Label {
        padding: 1 1 0 0;
    }
    ReportsScreen #rp-campaign { width: 1fr; }
    ReportsScreen #rp-campaign SelectCurrent Static#label { text-wrap: nowrap; text-overflow: ellipsis; }
    ReportsScreen #rp-day { width: 24; }
    ReportsScreen #rp-station { width: 1fr; }
    ReportsScreen #rp-actions { height: auto; max-height: 10; margin: 0 1; }
    ReportsScreen #rp-progress { margin: 1 1 0 1; }
    ReportsScreen #rp-status { padding: 0 1; height: auto; }
    """

    def __init__(self):
        super().__init__()
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Static("", id="title", classes="screen-title", markup=False)
        campaigns = self._campaign_options()
        if len(campaigns) > 1:  # one campaign or none: nothing to choose
            from ayni.core.documents.reports.scope import default_campaign

            with Horizontal(id="rp-campaign-row"):
                yield Label("", id="rp-campaign-label")
                yield Select(campaigns, id="rp-campaign", allow_blank=False, value=default_campaign(self.app.store).id)
        with Horizontal(id="rp-choices"):
            yield Label("", id="rp-day-label")
            yield Input(id="rp-day")
        yield OptionList(id="rp-actions", markup=False)
        with Horizontal(id="rp-options"):  # under the documents, as it is read: only the day's summaries take it
            yield Label("", id="rp-station-label")
            yield Select([], id="rp-station", allow_blank=True)
        yield ProgressBar(total=1, id="rp-progress", show_eta=False)
        yield Static("", id="rp-status", markup=False)
        yield Footer(compact=True)

    def relabel(self) -> None:
        store = self.app.store
        self.query_one("#title", Static).update(self.tr("rp_title"))
        self.query_one("#rp-day-label", Label).update(self.tr("rp_day"))
        self.query_one("#rp-station-label", Label).update(self.tr("rp_station"))
        day = self.query_one("#rp-day", Input)
        day.placeholder = self.tr("rp_day_placeholder")
        if not day.value:
            day.value = today_in_lima().isoformat()
        select = self.query_one("#rp-station", Select)
        chosen = select.value
        options = [(f"{spec.name.get(self.lang)} — {spec.station_label(station, self.lang)}", f"{key}.{station}")
                   for key, spec in store.plugins.specialties.items() for station in spec.stations]
        select.prompt = self.tr("rp_all_stations")
        select.set_options(options)
        if chosen in {value for _, value in options}:
            select.value = chosen
        actions = self.query_one("#rp-actions", OptionList)
        highlighted = actions.highlighted
        actions.set_options(Option(self.tr(f"rp_{a}"), id=a) for a in ACTIONS)
        actions.highlighted = highlighted if highlighted is not None else 0
        several = self._relabel_campaigns()
        if not self.busy:
            self.query_one("#rp-status", Static).update(self.tr("rp_hint_campaigns" if several else "rp_hint"))

    def _campaign_options(self) -> list[tuple[str, str]]:
        """«23/11–27/11 · Campaña Chinchero» by id, the one that started last first. The dates come
        first, so that a long name cut at 80 columns still says which campaign it is; the year only
        when it is not this one («12/06–14/06/2025 · …»)."""
        from ayni.core.documents.reports.scope import all_campaigns

        this_year = today_in_lima().year
        return [(f"{_days(c.start_date, c.end_date, this_year)} · {c.name}", c.id) for c in all_campaigns(self.app.store)]

    def _relabel_campaigns(self) -> bool:
        """Say the campaigns in the current language, keeping the choice; whether the picker is shown."""
        pickers = self.query("#rp-campaign").results(Select)
        select = next(pickers, None)
        if select is None:
            return False
        self.query_one("#rp-campaign-label", Label).update(self.tr("rp_campaign"))
        chosen = select.value
        select.set_options(self._campaign_options())
        select.value = chosen
        return True

    @property
    def campaign_id(self) -> str | None:
        """The campaign chosen in the picker (``None`` when there is none to choose from)."""
        select = next(self.query("#rp-campaign").results(Select), None)
        return None if select is None else str(select.value)

    @property
    def station(self) -> str | None:
        select = self.query_one("#rp-station", Select)
        return None if select.is_blank() else str(select.value)

    @on(OptionList.OptionSelected, "#rp-actions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.make(event.option.id)

    def make(self, action: str) -> None:
        """Make the document ``action`` (one of :data:`ACTIONS`) in a worker thread."""
        if self.busy:
            self.app.notify(self.tr("rp_busy"), severity="warning")
            return
        self.busy = True
        bar = self.query_one("#rp-progress", ProgressBar)
        bar.update(total=None, progress=0)
        self.query_one("#rp-status", Static).update(self.tr("rp_working", what=self.tr(f"rp_{action}")))
        self._run(action, self.query_one("#rp-day", Input).value, self.station, self.campaign_id)

    @work(thread=True, exclusive=True, group="reports", name="make-document")
    def _run(self, action: str, day_text: str, station: str | None, campaign_id: str | None) -> None:
        app, store, lang = self.app, self.app.store, self.lang

        def progress(done: int, total: int) -> None:
            app.call_from_thread(self._progress, done, total)

        try:
            path, info = make_document(store.path, store.user.name, store.plugins, action, day_text, station, lang,
                                       progress=progress, campaign_id=campaign_id)
        except AyniError as error:
            app.call_from_thread(self._finished, error.message(lang), "error")
            return
        except Exception as error:  # a failed document must never take the app down
            app.call_from_thread(self._finished, UI["rp_failed"].get(lang).format(error=error), "error")
            return
        if path is None:
            message = UI["rp_nothing"].get(lang)
        elif info:
            message = UI["rp_batch_done"].get(lang).format(path=path, **info)
        else:
            message = UI["rp_done"].get(lang).format(path=path)
        app.call_from_thread(self._finished, message, "information" if path else "warning")

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#rp-progress", ProgressBar).update(total=total, progress=done)
        self.query_one("#rp-status", Static).update(self.tr("rp_batch_progress", done=done, total=total))

    def _finished(self, message: str, severity: str) -> None:
        self.busy = False
        bar = self.query_one("#rp-progress", ProgressBar)
        if bar.total is None:
            bar.update(total=1, progress=1 if severity == "information" else 0)
        self.query_one("#rp-status", Static).update(message)
        self.app.notify(message, severity=severity, timeout=10)
