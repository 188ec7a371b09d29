"""Filling a DataTable in one go, with columns as wide as their widest cell (capped) and, when asked,
narrowed widest first to the width the table has: at 80 columns no column is pushed out of sight,
and again when the terminal is resized (:func:`refit_tables`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple
from weakref import WeakKeyDictionary

from rich.cells import cell_len
from rich.text import Text as RichText
from textual.widget import Widget
from textual.widgets import DataTable

MAX_COLUMN = 34
#: The narrowest a column is made to fit (unless its header or its widest cell is narrower).
MIN_COLUMN = 8
#: The width of a vertical scrollbar, kept free so that a list long enough to scroll fits too.
SCROLLBAR = 2


class _Fitting(NamedTuple):
    """What a fitted table was filled with, and the room it was fitted to."""

    headers: Sequence[str]
    rows: Sequence[tuple[str | None, Sequence[str]]]
    wrap: bool
    room: int


#: Every fitted table's last filling, so that a resize can fit it again (forgotten with the table).
_FITTED: WeakKeyDictionary[DataTable, _Fitting] = WeakKeyDictionary()


def fill_table(table: DataTable, headers: Sequence[str], rows: Sequence[tuple[str | None, Sequence[str]]],
               fit: bool = False, wrap: bool = False) -> None:
    """Replace the columns and rows of ``table``; each row is ``(key, cells)``.

    Widths are computed here rather than left to the table, so a table refilled on every keystroke
    never shows cells cut to the width of their header. With ``fit`` (for a table of a few columns
    whose every column matters), columns wider together than the table are narrowed, the widest
    first, never below their header or :data:`MIN_COLUMN`; a cell that no longer fits ends in «…»,
    or with ``wrap`` goes on over more lines of its row (short lists where every word counts). Without
    it the table scrolls sideways. Cells are plain text, never markup.
    """
    widths = [cell_len(h) for h in headers]
    for _, cells in rows:
        widths = [max(w, min(cell_len(str(c)), MAX_COLUMN)) for w, c in zip(widths, cells)]
    if fit or wrap:
        room = _room(table)
        _FITTED[table] = _Fitting(tuple(headers), tuple(rows), wrap, room)
        floors = [min(w, max(cell_len(h), MIN_COLUMN)) for w, h in zip(widths, headers)]
        widths = narrowed(widths, floors, room - 2 * table.cell_padding * len(widths))
    cursor = table.cursor_row
    table.clear(columns=True)
    for header, width in zip(headers, widths):
        table.add_column(header, width=width)
    for key, cells in rows:
        table.add_row(*(RichText(str(c), no_wrap=not wrap, overflow="fold" if wrap else "ellipsis") for c in cells),
                      key=key, height=None if wrap else 1)
    if rows:
        table.move_cursor(row=min(cursor, len(rows) - 1))


def refit_tables(screen: Widget) -> None:
    """Fit again the fitted tables of ``screen`` whose room has changed since they were filled (the
    terminal was resized), with the same rows and the cursor where it was."""
    for table in screen.query(DataTable):
        fitting = _FITTED.get(table)
        if fitting is not None and _room(table) != fitting.room:
            fill_table(table, fitting.headers, fitting.rows, fit=True, wrap=fitting.wrap)


def narrowed(widths: Sequence[int], floors: Sequence[int], room: int) -> list[int]:
    """``widths`` with the widest narrowed one cell at a time until they add up to ``room`` at most,
    or each is at its floor."""
    widths = list(widths)
    while sum(widths) > room:
        above = [i for i, (w, f) in enumerate(zip(widths, floors)) if w > f]
        if not above:
            break
        widths[max(above, key=lambda i: widths[i])] -= 1
    return widths


def _room(table: DataTable) -> int:
    """The width the table's columns may take: what holds it offers once laid out, and no more than
    the table's own width once it is laid out too (a screen may give it less than it has), else the
    screen's less the margins, borders and padding of the table and what holds it; less a scrollbar."""
    own = table.styles.gutter.width + table.styles.margin.width
    holder = table.parent
    if isinstance(holder, Widget) and holder.region.width:
        room = holder.scrollable_content_region.width - own - SCROLLBAR
        if table.region.width:  # laid out: it may be given less than its holder has
            room = min(room, table.region.width - table.styles.gutter.width - SCROLLBAR)
        return room
    nodes = [node for node in table.ancestors if isinstance(node, Widget) and node is not table.screen]
    gutters = sum(node.styles.gutter.width + node.styles.margin.width for node in nodes)
    return table.app.size.width - own - gutters - SCROLLBAR
