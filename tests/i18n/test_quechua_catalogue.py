"""The Southern Quechua catalogues of the patient's documents: one per domain, read with Babel.

Each translates what it holds (no empty msgstr, no entry hidden as fuzzy), keeps every placeholder of
its msgid, translates only strings the code has today (as ``pybabel extract -k Text:1 -k Plural:1,2``
finds them), and says in its header that it awaits review by a native speaker."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"Text": (1,), "Plural": (1, 2)}
#: domain → (the folder its strings come from, its Quechua catalogue)
CATALOGUES = {
    "ayni": ("core", "core/locale/qu/LC_MESSAGES/ayni.po"),
    **{f"ayni_{plugin}": (f"plugins/{plugin}", f"plugins/{plugin}/locale/qu/LC_MESSAGES/ayni_{plugin}.po")
       for plugin in ("general", "dental", "optometry", "physio", "surgery")},
}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@functools.cache
def _extracted(folder: str) -> frozenset[str]:
    """Every message id Babel extracts from ``folder`` (singular and plural forms)."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(ROOT / folder, keywords=KEYWORDS):
        found.update(message if isinstance(message, tuple) else (message,))
    return frozenset(found)


def _catalogue(domain: str):
    with (ROOT / CATALOGUES[domain][1]).open("rb") as po:
        return read_po(po, locale="qu", domain=domain)


def _entries(domain: str):
    return [m for m in _catalogue(domain) if m.id]


@pytest.mark.parametrize("domain", CATALOGUES)
def test_the_header_says_quechua_one_plural_form_utf8_and_awaiting_review(domain):
    catalogue = _catalogue(domain)
    assert str(catalogue.locale) == "qu"
    assert catalogue.plural_forms == "nplurals=1; plural=0;"
    assert catalogue.charset.upper() == "UTF-8"
    assert "hablante nativo" in catalogue.language_team
    assert "AWAITING REVIEW by a native speaker of Southern Quechua" in " ".join(catalogue.header_comment.split())


@pytest.mark.parametrize("domain", CATALOGUES)
def test_every_entry_is_translated_and_none_is_hidden_as_fuzzy(domain):
    entries = _entries(domain)
    assert entries
    for message in entries:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(s.strip() for s in strings), message.id
        assert not message.fuzzy, message.id


@pytest.mark.parametrize("domain", CATALOGUES)
def test_every_placeholder_of_a_msgid_is_in_its_msgstr(domain):
    for message in _entries(domain):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            assert sorted(PLACEHOLDER.findall(string)) == wanted, message.id


@pytest.mark.parametrize("domain", CATALOGUES)
def test_every_msgid_is_a_string_the_code_has_today(domain):
    known = _extracted(CATALOGUES[domain][0])
    for message in _entries(domain):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        assert set(ids) <= known, message.id


@pytest.mark.parametrize("domain", CATALOGUES)
def test_the_file_is_sorted_by_msgid_as_pybabel_writes_it(domain):
    ids = [m.id if isinstance(m.id, str) else m.id[0] for m in _entries(domain)]
    assert ids == sorted(ids)
