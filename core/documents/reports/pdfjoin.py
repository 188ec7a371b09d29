"""One PDF written from many, a part at a time, without holding the parts.

pypdf's ``PdfWriter`` keeps every page it is given (and the reader each came from) until it writes
the whole file: about 35 KB a page, so memory grows with the number of pages. :class:`PdfJoiner`
instead parses each part with pypdf, gives the objects its pages need new numbers and writes them
out at once; then the part is let go. What stays until :meth:`PdfJoiner.finish` is one number per
object (its place in the file) and one per page, plus the bookmarks' titles. ``finish`` writes the
page tree, the outline (one bookmark per named range of pages), the catalogue, the document
information and the cross-reference table.

Only the pages are taken from a part: its own outline, metadata and page tree are left out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections import deque
from collections.abc import Sequence
from typing import BinaryIO

import attrs
from pypdf import PdfReader
from pypdf.generic import (ArrayObject, ByteStringObject, DictionaryObject, IndirectObject, NameObject, NullObject,
                           NumberObject, StreamObject, TextStringObject)

#: Object numbers written by :meth:`PdfJoiner.finish`, reserved from the start.
CATALOG, PAGES, OUTLINES, INFO = 1, 2, 3, 4


@attrs.frozen
class Bookmark:
    """A bookmark to the first page of a part's next ``pages`` pages (a patient's summary)."""

    title: str
    pages: int


class _Joined(IndirectObject):
    """A reference already in the joined file's numbers (a part's direct object reached twice, such
    as inherited resources shared by its pages, is then not renumbered twice)."""


def _ref(number: int) -> IndirectObject:
    """A reference to object ``number`` of the joined file (generation 0)."""
    return _Joined(number, 0, None)


def _dictionary(**entries) -> DictionaryObject:
    """A PDF dictionary: ``_dictionary(Type=NameObject("/Pages"))`` is ``<< /Type /Pages >>``."""
    return DictionaryObject({NameObject(f"/{k}"): v for k, v in entries.items()})


class PdfJoiner:
    """Pages of PDF parts appended in order to ``out`` (a binary file, or a new in-memory one)."""

    def __init__(self, out: BinaryIO | None = None):
        self.out = out if out is not None else io.BytesIO()
        self.offsets: dict[int, int] = {}  # object number -> where it starts in ``out``
        self.page_numbers: list[int] = []  # object number of every page, in order
        self.bookmarks: list[tuple[str, int]] = []  # title, index of its first page
        self._next = INFO + 1
        self._start = self.out.tell()
        self.out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    @property
    def pages(self) -> int:
        """How many pages have been appended."""
        return len(self.page_numbers)

    def _new_number(self) -> int:
        self._next += 1
        return self._next - 1

    def _write(self, number: int, obj) -> None:
        self.offsets[number] = self.out.tell() - self._start
        self.out.write(f"{number} 0 obj\n".encode())
        obj.write_to_stream(self.out)
        self.out.write(b"\nendobj\n")

    def append(self, pdf: bytes, bookmarks: Sequence[Bookmark] = ()) -> None:
        """Append every page of the PDF ``pdf``; ``bookmarks`` (if any) cover its pages in order."""
        reader = PdfReader(io.BytesIO(pdf))
        pages = list(reader.pages)  # flattened: inherited /Resources, /MediaBox… are on each page
        if bookmarks and sum(b.pages for b in bookmarks) != len(pages):
            raise ValueError(f"the bookmarks cover {sum(b.pages for b in bookmarks)} pages, the part has {len(pages)}")
        first = self.pages
        numbers: dict[tuple[int, int], int] = {}  # the part's (number, generation) -> the joined file's
        queue: deque = deque()
        for page in pages:
            number = self._new_number()
            numbers[page.indirect_reference.idnum, page.indirect_reference.generation] = number
            page[NameObject("/Parent")] = _ref(PAGES)
            queue.append((number, page))
            self.page_numbers.append(number)

        def renumber(value):
            """``value`` with its references renumbered (in place); what they point to is queued."""
            if isinstance(value, _Joined):
                return value
            if isinstance(value, IndirectObject):
                key = value.idnum, value.generation
                if key not in numbers:
                    numbers[key] = self._new_number()
                    queue.append((numbers[key], value.get_object()))
                return _ref(numbers[key])
            if isinstance(value, DictionaryObject):
                for name, item in list(dict.items(value)):  # dict's own: DictionaryObject resolves on []
                    if not (name == "/Length" and isinstance(value, StreamObject)):  # written afresh
                        dict.__setitem__(value, name, renumber(item))
            elif isinstance(value, ArrayObject):
                for i, item in enumerate(list.__iter__(value)):
                    list.__setitem__(value, i, renumber(item))
            return value

        while queue:
            number, obj = queue.popleft()
            self._write(number, NullObject() if obj is None else renumber(obj))  # a missing object is null
        for bookmark in bookmarks:
            self.bookmarks.append((bookmark.title, first))
            first += bookmark.pages

    def finish(self, title: str = "", lang: str = "", created: dt.datetime | None = None,
               creator: str = "Ayni") -> BinaryIO:
        """Write the page tree, outline, catalogue, information and cross-references; return ``out``.

        Call it once, after the last :meth:`append`."""
        self._write(PAGES, _dictionary(Type=NameObject("/Pages"), Count=NumberObject(self.pages),
                                       Kids=ArrayObject(_ref(n) for n in self.page_numbers)))
        items = [self._new_number() for _ in self.bookmarks]
        for i, (text, page) in enumerate(self.bookmarks):
            item = _dictionary(Title=TextStringObject(text), Parent=_ref(OUTLINES),
                               Dest=ArrayObject([_ref(self.page_numbers[page]), NameObject("/XYZ"),
                                                 NullObject(), NullObject(), NullObject()]))
            if i:
                item[NameObject("/Prev")] = _ref(items[i - 1])
            if i + 1 < len(items):
                item[NameObject("/Next")] = _ref(items[i + 1])
            self._write(items[i], item)
        outline = _dictionary(Type=NameObject("/Outlines"), Count=NumberObject(len(items)))
        if items:
            outline.update({NameObject("/First"): _ref(items[0]), NameObject("/Last"): _ref(items[-1])})
        self._write(OUTLINES, outline)
        catalog = _dictionary(Type=NameObject("/Catalog"), Pages=_ref(PAGES), Outlines=_ref(OUTLINES),
                              PageMode=NameObject("/UseOutlines" if items else "/UseNone"))
        if lang:
            catalog[NameObject("/Lang")] = TextStringObject(lang)
        self._write(CATALOG, catalog)
        stamp = (created or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).strftime("D:%Y%m%d%H%M%SZ")
        info = _dictionary(Creator=TextStringObject(creator), CreationDate=TextStringObject(stamp),
                           ModDate=TextStringObject(stamp))
        if title:
            info[NameObject("/Title")] = TextStringObject(title)
        self._write(INFO, info)
        return self._write_trailer(f"{title} {stamp}")

    def _write_trailer(self, seed: str) -> BinaryIO:
        """The cross-reference table and the trailer (its /ID from ``seed`` and the size)."""
        xref = self.out.tell() - self._start
        size = self._next
        lines = [f"xref\n0 {size}\n", "0000000000 65535 f \n"]
        lines += [f"{self.offsets[n]:010d} 00000 n \n" if n in self.offsets else "0000000000 00000 f \n"
                  for n in range(1, size)]
        self.out.write("".join(lines).encode())
        digest = ByteStringObject(hashlib.md5(f"{seed} {size} {xref}".encode(), usedforsecurity=False).digest())
        self.out.write(b"trailer\n")
        _dictionary(Size=NumberObject(size), Root=_ref(CATALOG), Info=_ref(INFO),
                    ID=ArrayObject([digest, digest])).write_to_stream(self.out)
        self.out.write(f"\nstartxref\n{xref}\n%%EOF\n".encode())
        return self.out
