"""Printing a visit summary to a PDF file, in a worker thread so the screen never freezes.

WeasyPrint is slow to import, so ``ayni.core.documents.pdf`` is imported only inside the worker.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import App
from textual.worker import Worker

from ayni.core import AyniError
from ayni.core.documents.files import write_file

from .format import LIMA, slug
from .text import tr


def prints_dir(db_path: Path) -> Path:
    """Where summaries go: a ``prints/`` folder next to the database."""
    return Path(db_path).resolve().parent / "prints"


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
