"""The one CSV format: spreadsheet-ready bytes, numbers kept as numbers, and no text that a
spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ayni.core.documents.csvformat import DANGEROUS, csv_bytes


def read_back(data: bytes) -> list[list[str]]:
    """What Python's csv reader (set as the format says) finds in the file."""
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.mark.parametrize("first", DANGEROUS)
def test_text_that_would_start_a_formula_is_written_as_text(first):
    typed = f"{first}HYPERLINK(\"http://example.org\";\"ver\")"
    rows = read_back(csv_bytes(["lote"], [[typed]]))
    assert rows == [["lote"], ["'" + typed]]


def test_headings_are_guarded_too():
    assert read_back(csv_bytes(["=cmd", "item"], []))[0] == ["'=cmd", "item"]


def test_numbers_stay_numbers_with_a_decimal_comma():
    data = csv_bytes(["n"], [[-3], [0], [1690], [Decimal("-1234.50")], [Decimal("12.5")], [None], ["-3"]])
    assert [r[0] for r in read_back(data)[1:]] == ["-3", "0", "1690", "-1234,50", "12,5", "", "'-3"]


def test_bom_semicolons_and_crlf_line_ends():
    data = csv_bytes(["seccion", "item"], [["a", "Núñez"], ["b", "Cusco; Perú"]])
    assert data == "\ufeffseccion;item\r\na;Núñez\r\nb;\"Cusco; Perú\"\r\n".encode()


def test_a_round_trip_keeps_every_cell():
    rows = [["Peña \"la vieja\"", "línea uno\nlínea dos", "a;b", "'ya citado", "", "¿Sí? ¡No!"],
            ["\r\nal inicio", "fin\r", "  espacios  ", "+51 984 000 111", "@usuario", "=1+1"]]
    back = read_back(csv_bytes(["1", "2", "3", "4", "5", "6"], rows))[1:]
    assert back[0] == rows[0]
    assert back[1] == ["'\r\nal inicio", "fin\r", "  espacios  ", "'+51 984 000 111", "'@usuario", "'=1+1"]


#: Text as people type it, with the characters that matter here much more often than by chance.
TYPED = st.text(st.one_of(st.sampled_from([*DANGEROUS, ";", '"', "\n", "'", " ", "ñ"]),
                          st.characters(blacklist_categories=("Cs",))), max_size=12)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.lists(TYPED, min_size=1, max_size=4), min_size=1, max_size=4))
def test_no_text_cell_reads_back_as_a_formula_and_none_loses_what_was_typed(rows):
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    back = read_back(csv_bytes([f"c{i}" for i in range(width)], rows))[1:]
    assert len(back) == len(rows)
    for typed_row, read_row in zip(rows, back):
        for typed, read in zip(typed_row, read_row, strict=True):
            assert not read.startswith(DANGEROUS)
            assert read == (("'" + typed) if typed.startswith(DANGEROUS) else typed)
