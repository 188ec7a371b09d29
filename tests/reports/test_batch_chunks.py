"""Batch printing in chunks: a batch larger than one chunk is the same PDF, page for page, as the
summaries printed one by one, in order, with a bookmark per summary and a title of its own."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from ayni.core.documents.pdf import render_visit
from ayni.core.documents.reports.batch import encounters_of_day, render_visits
from reportkit import DAY1

WHEN = dt.datetime(2026, 11, 23, 17, 45, tzinfo=dt.timezone.utc)  # one printed time, so pages compare equal


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def every_encounter(store) -> list[tuple[str, str]]:
    """Every encounter of the world (both campaigns, both days) with its patient's full name, by our own SQL."""
    return [(r[0], r[1]) for r in store.db.execute(
        "SELECT e.id, p.given_names || ' ' || p.paternal_surname || ' ' || p.maternal_surname "
        "FROM encounters e JOIN patients p ON p.id = e.patient_id ORDER BY e.opened_at")]


def test_a_batch_larger_than_a_chunk_is_every_summary_in_order(world):
    store = world.store
    found = every_encounter(store)
    ids = [i for i, _ in found]
    assert len(ids) == 8  # three chunks of 3, 3 and 2
    alone = [page_texts(render_visit(store, i, "es", printed_at=WHEN)) for i in ids]
    calls = []
    batch = render_visits(store, ids, "es", progress=lambda done, total: calls.append((done, total)),
                          printed_at=WHEN, chunk_size=3)

    assert calls == [(n, 8) for n in range(1, 9)]  # per summary, across the chunks
    reader = PdfReader(io.BytesIO(batch.pdf), strict=True)
    assert batch.visits == 8
    assert batch.pages == len(reader.pages) == sum(len(pages) for pages in alone)
    assert page_texts(batch.pdf) == [text for pages in alone for text in pages]  # same pages, same order
    first_pages, at = [], 0
    for (_, name), pages in zip(found, alone):
        assert name in pages[0] and f"Página 1 de {len(pages)}" in pages[0]
        first_pages.append(at)
        at += len(pages)
    marks = reader.outline
    assert [m.title.split(" — ")[0] for m in marks] == [name for _, name in found]  # one per patient's summary
    assert [reader.get_destination_page_number(m) for m in marks] == first_pages
    assert marks[0].title == "Rosa Elena Núñez Quispe — Medicina general, Consultorio (10:00)"  # Lima time
    assert marks[1].title == "José Ángel Mamani Ñahui — Medicina general, Triaje (08:15)"


def test_the_pages_are_the_sum_of_the_chunks(world):
    store = world.store
    ids = [i for i, _ in every_encounter(store)]
    whole = render_visits(store, ids, "es", printed_at=WHEN, chunk_size=3)
    chunks = [render_visits(store, ids[k:k + 3], "es", printed_at=WHEN) for k in range(0, len(ids), 3)]
    assert whole.pages == sum(c.pages for c in chunks) == len(PdfReader(io.BytesIO(whole.pdf)).pages)
    assert page_texts(whole.pdf) == [text for c in chunks for text in page_texts(c.pdf)]


def test_the_chunk_size_changes_nothing_a_reader_sees(world):
    store = world.store
    ids = encounters_of_day(store, DAY1)
    one_by_one = render_visits(store, ids, "es", printed_at=WHEN, chunk_size=1)
    all_at_once = render_visits(store, ids, "es", printed_at=WHEN)
    assert page_texts(one_by_one.pdf) == page_texts(all_at_once.pdf)
    titles = [[m.title for m in PdfReader(io.BytesIO(b.pdf)).outline] for b in (one_by_one, all_at_once)]
    assert titles[0] == titles[1] and len(titles[0]) == 4


def test_title_language_and_date(world):
    store = world.store
    ids = encounters_of_day(store, DAY1)
    es = PdfReader(io.BytesIO(render_visits(store, ids[:2], "es", printed_at=WHEN).pdf))
    assert es.metadata.title == "Resúmenes de atención — 21 de noviembre de 2026"
    assert es.metadata.creator == "Ayni"
    assert es.metadata.creation_date == WHEN
    assert es.root_object["/Lang"] == "es"
    en = PdfReader(io.BytesIO(render_visits(store, ids[:1] + [world.encounters["rosa_2025"]], "en").pdf))
    assert en.metadata.title == "Visit summaries"  # two days: no single date
    assert en.root_object["/Lang"] == "en"


def test_a_chunk_has_at_least_one_summary(world):
    with pytest.raises(ValueError, match="chunk_size"):
        render_visits(world.store, encounters_of_day(world.store, DAY1), "es", chunk_size=0)
