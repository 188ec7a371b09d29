"""Printing, in a worker thread so the screen never freezes: a visit summary to PDF files, and any
other document on the station's thermal printer when one is set (``ayni printer set``), else to PDF.

WeasyPrint and python-escpos are slow to import, so they are imported only inside the worker.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from collections.abc import Callable

from textual.app import App
from textual.worker import Worker

from ayni.core import AyniError, Text
from ayni.core.documents.files import free_path, prints_dir, write_file

from .format import LIMA, slug
from .text import UI, tr

UI.update({
    "printed_on": Text("Impreso en {spec}.", "Printed on {spec}."),
    "pdf_written_to": Text("PDF guardado en {path}", "PDF written to {path}"),
})


def summary_path(folder: Path, patient_name: str, day: dt.date, station: str) -> Path:
    """«nunez-quispe-rosa_2025-05-14_consultation.pdf», numbered if that name is taken."""
    base = f"{slug(patient_name)}_{day.isoformat()}_{slug(station)}"
    path = folder / f"{base}.pdf"
    n = 2
    while path.exists():
        path = folder / f"{base}-{n}.pdf"
        n += 1
    return path


def _as_pdf_bytes(result) -> bytes:
    if isinstance(result, (bytes, bytearray)):
        return bytes(result)
    if isinstance(result, (str, Path)) and Path(result).is_file():
        return Path(result).read_bytes()
    if hasattr(result, "write_pdf"):
        return result.write_pdf()
    raise TypeError(f"render_visit returned {type(result).__name__}")


def write_summary(store, encounter_id: str, lang: str) -> list[Path]:
    """Render the visit summary, and every further document plugins offer for the visit (a glasses
    prescription, a referral), next to the database; returns the files written, summary first. The
    summary is in ``lang`` (the screen's); a document handed to the patient is in theirs.

    Opens its own connection (this runs in a worker thread) and imports the PDF module lazily.
    """
    from ayni.core.clinical import encounters
    from ayni.core import open_store
    from ayni.core.documents import pdf

    own = open_store(store.path, user=store.user.name, plugins=store.plugins)
    try:
        visit = encounters.get_encounter_record(own, encounter_id)
        rendered = [("", _as_pdf_bytes(pdf.render_visit(own, encounter_id, lang)))]
        offered = pdf.documents(own, visit) if hasattr(pdf, "documents") else []
        rendered += [(document.key, _as_pdf_bytes(document.render(
            own, encounter_id, document.language(visit.patient.language, lang)))) for document in offered]
    finally:
        own.close()
    folder = prints_dir(store.path)
    folder.mkdir(parents=True, exist_ok=True)
    opened = visit.encounter.opened_at.astimezone(LIMA).date()
    name = f"{visit.patient.surnames} {visit.patient.given_names}"
    paths = []
    for key, data in rendered:
        path = summary_path(folder, name, opened, f"{visit.encounter.station} {key}".strip())
        paths.append(write_file(path, data))
    return paths


def failure_text(error: BaseException, lang: str) -> str:
    """Why printing failed, in ``lang``: an Ayni error's own message (a full disk, a folder that cannot
    be written), else the error as it is."""
    return error.message(lang) if isinstance(error, AyniError) else str(error)


def print_visit(app: App, encounter_id: str) -> Worker:
    """Print in a worker thread; the path (or the reason it failed) is shown in a notification."""
    store, lang = app.store, app.lang

    def work() -> list[Path] | None:
        try:
            paths = write_summary(store, encounter_id, lang)
        except ImportError:
            app.call_from_thread(app.notify, tr("pdf_missing", lang), severity="error", timeout=8)
            return None
        except Exception as error:  # a failed print must never take the app down
            app.call_from_thread(app.notify, tr("print_failed", lang, error=failure_text(error, lang)),
                                 severity="error", timeout=8)
            return None
        app.call_from_thread(app.notify, tr("printed", lang, path="\n".join(map(str, paths))), timeout=10)
        return paths

    return app.run_worker(work, thread=True, group="print", name="print-visit")


def _print_or_write(store, station: str, stem: str, render: Callable | None, slip: Callable | None,
                    lang: str) -> tuple[str | None, str]:
    """Print ``slip(own)`` on ``station``'s thermal printer when one is set, else (or when that printer
    fails) write ``render(own)`` to ``prints/<stem>.pdf`` (nothing without ``render``); what was done,
    said in ``lang``, and how loudly (a notification's severity). ``own`` is a connection of its own."""
    from ayni.core import open_store
    from ayni.core.documents import printers

    own = open_store(store.path, user=store.user.name, plugins=store.plugins)
    try:
        done = printers.print_or_render(own, station, slip, render)
    finally:
        own.close()
    if done.printer is not None:
        return tr("printed_on", lang, spec=done.printer.spec), "information"
    if done.pdf is None:
        return None, "information"
    folder = prints_dir(store.path)
    folder.mkdir(parents=True, exist_ok=True)
    written = tr("pdf_written_to", lang, path=write_file(free_path(folder, stem), done.pdf))
    return (f"{done.failure.message(lang)}\n{written}", "warning") if done.failure else (written, "information")


def print_document(app: App, stem: str, render: Callable | None, *, station: str = "",
                   slip: Callable | None = None) -> Worker:
    """Print a document in a worker thread: ``slip(store)`` (a thermal slip) on ``station``'s printer
    when the station has one, else, or when that printer fails, ``render(store)`` (PDF bytes) to
    ``prints/<stem>.pdf`` (``None``: a slip with no PDF, such as a queue ticket, is then not printed).
    Either gets a connection of its own; where it went, or why it failed, is shown in a notification."""
    store, lang = app.store, app.lang

    def work() -> str | None:
        try:
            done, severity = _print_or_write(store, station, stem, render, slip, lang)
        except Exception as error:  # a failed print must never take the app down
            app.call_from_thread(app.notify, tr("print_failed", lang, error=failure_text(error, lang)),
                                 severity="error", timeout=8)
            return None
        if done:
            app.call_from_thread(app.notify, done, severity=severity, timeout=8)
        return done

    return app.run_worker(work, thread=True, group="print", name=f"print-{stem}")
