"""Catalogue files written for a test: a ``.po`` from the given entries, compiled to the ``.mo`` a
lookup reads, as the build does."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ayni.core import catalogues


def compile_po(po: Path) -> Path:
    """Compile ``po`` beside itself, as the build does; the ``.mo`` path."""
    with po.open("rb") as source:
        catalog = read_po(source)
    mo = po.with_suffix(".mo")
    with mo.open("wb") as compiled:
        write_mo(compiled, catalog)
    return mo


def write_catalogue(directory: Path, domain: str, lang: str, entries: str,
                    plural_forms: str = "nplurals=1; plural=0;") -> catalogues.Catalogue:
    """A catalogue of ``domain`` for ``lang`` under ``directory`` holding ``entries`` (``.po`` text), compiled."""
    po = directory / lang / "LC_MESSAGES" / f"{domain}.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    header = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
              f'"Language: {lang}\\n"\n"Plural-Forms: {plural_forms}\\n"\n\n')
    po.write_text(header + entries, encoding="utf-8")
    read_po(io.BytesIO(po.read_bytes()))  # a malformed test catalogue fails here, not as a silent fallback
    compile_po(po)
    return catalogues.Catalogue(domain, directory)
