"""The streaming PDF joiner under batch printing: pages in order, resources kept, bookmarks, a
well-formed file that strict readers (pypdf, poppler) accept."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from ayni.core.documents.pdf import html_to_pdf
from ayni.core.documents.reports.pdfjoin import Bookmark, PdfJoiner


def pages_pdf(*texts: str) -> bytes:
    """A WeasyPrint PDF with one page per text."""
    body = "".join(f'<p style="page-break-after: always">{t}</p>' for t in texts[:-1]) + f"<p>{texts[-1]}</p>"
    return html_to_pdf(f"<html><body>{body}</body></html>")


def inherited_resources_pdf(*texts: str) -> bytes:
    """A PDF made by hand whose pages inherit one direct /Resources dictionary (and the page size)
    from their page tree, as some writers do; ``texts`` are in plain ASCII."""
    n = len(texts)
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Count %d /Kids [%s] /MediaBox [0 0 300 200] /Resources << /Font << /F1 3 0 R >> >> >>"
        % (n, " ".join(f"{4 + 2 * i} 0 R" for i in range(n))),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, text in enumerate(texts):
        content = f"BT /F1 18 Tf 20 100 Td ({text}) Tj ET".encode()
        objects.append(f"<< /Type /Page /Parent 2 0 R /Contents {5 + 2 * i} 0 R >>")
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content.decode()}\nendstream")
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def texts_of(data: bytes) -> list[str]:
    return [page.extract_text().strip() for page in PdfReader(io.BytesIO(data), strict=True).pages]


def test_parts_are_joined_in_order_with_their_bookmarks():
    joiner = PdfJoiner()
    joiner.append(pages_pdf("Ana uno", "Ana dos", "Beto uno"), [Bookmark("Ana", 2), Bookmark("Beto", 1)])
    joiner.append(pages_pdf("Carla uno"), [Bookmark("Carla Ñahui", 1)])
    joiner.append(pages_pdf("Sin marcador"))
    data = joiner.finish("Resúmenes", "es").getvalue()

    assert joiner.pages == 5
    assert texts_of(data) == ["Ana uno", "Ana dos", "Beto uno", "Carla uno", "Sin marcador"]
    reader = PdfReader(io.BytesIO(data), strict=True)
    assert [(m.title, reader.get_destination_page_number(m)) for m in reader.outline] == [
        ("Ana", 0), ("Beto", 2), ("Carla Ñahui", 3)]
    assert reader.metadata.title == "Resúmenes" and reader.page_mode == "/UseOutlines"


def test_pages_that_inherit_their_resources_keep_them():
    joiner = PdfJoiner()
    joiner.append(inherited_resources_pdf("first", "second"))
    joiner.append(pages_pdf("third"))
    joiner.append(inherited_resources_pdf("fourth"))
    data = joiner.finish().getvalue()
    assert texts_of(data) == ["first", "second", "third", "fourth"]
    reader = PdfReader(io.BytesIO(data), strict=True)
    assert reader.pages[0].mediabox.width == 300 and reader.pages[2].mediabox.width > 500


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_poppler_reads_the_joined_file_without_complaint(tmp_path):
    joiner = PdfJoiner()
    joiner.append(pages_pdf("Núñez uno", "Núñez dos"), [Bookmark("Núñez", 2)])
    joiner.append(inherited_resources_pdf("Quispe"), [Bookmark("Quispe", 1)])
    path = tmp_path / "joined.pdf"
    path.write_bytes(joiner.finish("Prueba").getvalue())
    run = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert run.returncode == 0 and run.stderr == ""  # poppler repairs broken files, but says so
    assert [p.strip() for p in run.stdout.split("\f") if p.strip()] == ["Núñez uno", "Núñez dos", "Quispe"]


def test_bookmarks_must_cover_the_part():
    joiner = PdfJoiner()
    with pytest.raises(ValueError, match="2 pages, the part has 1"):
        joiner.append(pages_pdf("uno"), [Bookmark("uno", 2)])


def test_an_empty_join_is_still_a_pdf():
    data = PdfJoiner().finish("Nada").getvalue()
    reader = PdfReader(io.BytesIO(data), strict=True)
    assert len(reader.pages) == 0 and reader.metadata.title == "Nada"
