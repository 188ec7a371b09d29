"""The one way Ayni writes CSV files (the campaign reports, the stock report, any export), and its
guard against formula injection.

The format is the one LibreOffice Calc and Excel open straight into columns when the computer is
set to Spanish (Peru), which is how the coordinators' laptops are set:

* **UTF-8 with a byte-order mark**, so both programs read ñ, á and « » instead of guessing an old
  code page.
* **``;`` between cells.** Spanish locales write decimals with a comma, so their list separator is
  the semicolon: LibreOffice's own es_PE locale data says decimal ``,`` and list ``;``, the C
  library's es_PE copies es_ES, and Excel in Spanish (Spain) does the same. A comma-separated file
  opens there as one column.
* **Decimals with a comma, no grouping, an ASCII minus** (``1234,50``, ``-3``): what those
  spreadsheets read as a number. (Printed documents keep «S/ 1,234.50», see
  :mod:`ayni.core.documents.reports.formatting`; a CSV cell is for the spreadsheet to compute with.)
* **CRLF line ends** and quotes only where a cell needs them (a ``;``, a quote, a line break), as
  RFC 4180 has it.
* **One heading row**, in the file's language, in short lower-case words without accents
  (``seccion``, ``codigo``, ``cantidad``), so a formula or a script can name a column.

**Formula injection** (OWASP, «CSV Injection»): a text cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is run by a spreadsheet as a formula, so a patient, lot, place or
campaign called ``=HYPERLINK(…)`` could act on the coordinator's computer. Such a text is written
with an apostrophe in front (``'=HYPERLINK(…)``), which makes it plain text and keeps all of what
was typed. Only text is guarded: the numbers Ayni writes itself (``int`` and ``Decimal``, such as
``-3`` for a negative adjustment) stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

ENCODING = "utf-8-sig"
DELIMITER = ";"
LINE_END = "\r\n"
#: What makes a spreadsheet read a cell as a formula when it comes first (OWASP's list).
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
#: Put in front of a dangerous text; spreadsheets take what follows as plain text.
TEXT_MARK = "'"


def number(value: int | Decimal) -> str:
    """A number as a Spanish spreadsheet reads it: ``1690``, ``1234,50``, ``-3``."""
    return f"{value:f}".replace(".", ",") if isinstance(value, Decimal) else str(int(value))


def text(value: str) -> str:
    """Text, made safe: the apostrophe in front of one that would start a formula."""
    return TEXT_MARK + value if value.startswith(DANGEROUS) else value


def cell(value) -> str:
    """One cell: ``None`` is empty, an ``int`` or ``Decimal`` a number, anything else text."""
    if value is None:
        return ""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return number(value)
    return text(str(value))


def csv_bytes(headings: Iterable[str], rows: Iterable[Iterable]) -> bytes:
    """The whole file: the heading row, then ``rows``, in the format described above."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator=LINE_END)
    writer.writerow([text(h) for h in headings])
    writer.writerows([cell(v) for v in row] for row in rows)
    return out.getvalue().encode(ENCODING)

