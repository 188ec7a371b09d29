"""Fixtures of the report tests: the campaign of :mod:`reportkit` and PDF helpers."""

from __future__ import annotations

import io

import pytest
from reportkit import Campaign2026, build_world


@pytest.fixture
def world(store) -> Campaign2026:
    """The two Ocongate campaigns (see :mod:`reportkit`)."""
    return build_world(store)


@pytest.fixture
def pdf_text():
    """``pdf_text(data)``: the text of every page (pages separated by form feeds)."""

    def extract(data: bytes) -> str:
        from pypdf import PdfReader

        return "\f".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)

    return extract


@pytest.fixture
def page_count():
    """``page_count(data)``: how many pages a PDF has."""

    def count(data: bytes) -> int:
        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(data)).pages)

    return count
