"""Every visit summary of a day or a period (or of one station then) in one PDF, for the paper file.

Each summary is rendered to HTML and laid out by WeasyPrint on its own (so its page numbers are its
own: «Página 1 de 2»). Laid-out pages are large (about 0.6 MB each), so they are not all kept until
the end: every :data:`CHUNK_SIZE` summaries, the chunk's pages are written as one small PDF
(``first.copy(pages).write_pdf()``, ~130 KB), the layouts are let go, and the chunk's pages are
streamed into the combined PDF by :mod:`.pdfjoin`, which writes them out at once and keeps nothing
of them. Memory stays that of one chunk however long the day; the output is still one PDF, the
summaries in the order given, with a bookmark per summary (patient, specialty, station and time)
and a title of its own. ``progress(done, total)`` is called after each summary.

The summaries are read in one snapshot (:meth:`~ayni.core.storage.store.Store.reading`): writers elsewhere
carry on, and the database file keeps their changes in its write-ahead log until the batch is done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs

from ...dates import Period
from ...i18n import DEFAULT_LANG, Text
from ..reporting import days_clause, lima_day
from .scope import ReportError, period_words


@attrs.frozen
class Station:
    """A station as a person names it: ``consultation`` or, when two specialties share the name,
    ``general.consultation``."""

    specialty: str | None
    station: str


def parse_station(store, text: str | None) -> Station | None:
    """Read ``--station``: a station key (``triage``) or ``specialty.station``; ``None`` for all."""
    if not text:
        return None
    value = text.strip()
    specialties = store.plugins.specialties
    known = sorted({f"{k}.{s}" for k, spec in specialties.items() for s in spec.stations}
                   | {s for spec in specialties.values() for s in spec.stations})
    if value not in known:
        raise ReportError("unknown_station", value=value, allowed=", ".join(known))
    specialty, _, station = value.rpartition(".")
    return Station(specialty or None, station)


def encounters_of_day(store, day: dt.date | Period, station: Station | None = None) -> list[str]:
    """The ids of the encounters opened on ``day`` or in the period ``day`` (Lima days), of every
    campaign, optionally at one station, in the order they were opened."""
    clause, params = days_clause(day, lima_day("opened_at"))
    sql = f"SELECT id FROM encounters WHERE status != 'cancelled' AND {clause}"
    if station is not None:
        sql += " AND station = ?"
        params.append(station.station)
        if station.specialty:
            sql += " AND specialty = ?"
            params.append(station.specialty)
    return [r[0] for r in store.db.execute(sql + " ORDER BY opened_at, rowid", params).fetchall()]


#: Summaries laid out before their pages are written and let go. Measured on 400 summaries (788
#: pages, ``bench/reports.py``): the process grows by ~40 MB with 25, ~57 MB with 40, ~103 MB with 80,
#: at the same speed; smaller chunks repeat the embedded fonts more often (2.0 MB file with 25, 1.9
#: with 80). Raspberry-Pi-class boards are why it is small.
CHUNK_SIZE = 25

#: The combined PDF's title (with the day, when every summary is of one day).
TITLE = Text("Resúmenes de atención", "Visit summaries")


@attrs.frozen
class Batch:
    """What :func:`render_visits` made: the PDF bytes, how many summaries and pages."""

    pdf: bytes
    visits: int
    pages: int


def _bookmark_title(context: dict, visit) -> str:
    """«José Ángel Mamani Ñahui — Medicina general, Consulta (09:15)»."""
    from ...dates import format_time

    encounter = context["encounter"]
    return f"{context['patient']['full_name']} — {encounter['specialty']}, {encounter['station']} " \
           f"({format_time(visit.encounter.opened_at)})"


def _write_chunk(documents: list) -> bytes:
    """The pages of the laid-out ``documents``, in order, as one PDF."""
    return documents[0].copy([page for document in documents for page in document.pages]).write_pdf()


def batch_title(days: set[dt.date], lang: str, period: Period | None = None) -> str:
    """«Resúmenes de atención — 21 de noviembre de 2026» (the day only when there is one), or with
    the period asked for in words («… — semana 48 de 2026 (23–29 de noviembre de 2026)»)."""
    from ...dates import format_date

    label = TITLE.get(lang)
    if period is not None:
        return f"{label} — {period_words(period, lang)}"
    return f"{label} — {format_date(next(iter(days)), lang)}" if len(days) == 1 else label


def render_visits(store, encounter_ids: list[str], lang: str = DEFAULT_LANG,
                  progress: Callable[[int, int], None] | None = None, printed_at: dt.datetime | None = None,
                  chunk_size: int = CHUNK_SIZE, period: Period | None = None) -> Batch:
    """The visit summaries of ``encounter_ids``, in that order, as one PDF, laid out ``chunk_size``
    summaries at a time (see the module docstring); ``period``, when they are a period's, names it
    in the title."""
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")
    if not encounter_ids:
        return Batch(b"", 0, 0)
    from weasyprint.text.fonts import FontConfiguration

    from ...dates import to_lima
    from ...clinical.encounters import get_encounter_record
    from ...model import utcnow
    from ..pdf import html_to_document, render_html, visit_context
    from .pdfjoin import Bookmark, PdfJoiner

    printed_at = printed_at or utcnow()  # one printed time on every page
    fonts = FontConfiguration()  # shared: faster, and a third of the memory per summary
    joined, days = PdfJoiner(), set()
    documents, bookmarks = [], []
    total = len(encounter_ids)
    with store.reading():  # every summary as of one moment, even while the stations save
        for done, encounter_id in enumerate(encounter_ids, 1):
            visit = get_encounter_record(store, encounter_id)
            context = visit_context(store, visit, lang)
            html = render_html("visit.html", context, lang, printed_at=printed_at)
            document = html_to_document(html, font_config=fonts)
            documents.append(document)
            bookmarks.append(Bookmark(_bookmark_title(context, visit), len(document.pages)))
            days.add(to_lima(visit.encounter.opened_at).date())
            if len(documents) == chunk_size or done == total:
                joined.append(_write_chunk(documents), bookmarks)
                documents, bookmarks = [], []  # the layouts go now, not at the end
            if progress:
                progress(done, total)
    pdf = joined.finish(batch_title(days, lang, period), lang, printed_at).getvalue()
    return Batch(pdf, total, joined.pages)
