"""Filling a DataTable in one go, with columns as wide as their widest cell (capped)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text as RichText
from textual.widgets import DataTable

MAX_COLUMN = 34


def fill_table(table: DataTable, headers: Sequence[str], rows: Sequence[tuple[str | None, Sequence[str]]]) -> None:
    """Replace the columns and rows of ``table``; each row is ``(key, cells)``.

    Widths are computed here rather than left to the table, so a table refilled on every keystroke
    never shows cells cut to the width of their header. Cells are plain text, never markup.
    """
    widths = [cell_len(h) for h in headers]
    for _, cells in rows:
        widths = [max(w, min(cell_len(str(c)), MAX_COLUMN)) for w, c in zip(widths, cells)]
    cursor = table.cursor_row
    table.clear(columns=True)
    for header, width in zip(headers, widths):
        table.add_column(header, width=width)
    for key, cells in rows:
        table.add_row(*(RichText(str(c), no_wrap=True, overflow="ellipsis") for c in cells), key=key)
    if rows:
        table.move_cursor(row=min(cursor, len(rows) - 1))
