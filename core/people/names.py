"""Names as people write them: split into folded words, and reduced to a phonetic key that the
spellings of one name share.

The same person is written Quispe and Kispe, Huamán, Waman and Guamán, Yupanqui and Llupanki,
Ccahuana and Cahuana, Vásquez and Basques, Hernández and Ernandes, Núñez and Nunes: Quechua and
Aymara names were written down by ear in Spanish spelling, and every registration desk hears them
again. :func:`phonetic_key` maps each of those families to one key; names that sound different
keep different keys. Typing mistakes on top of that (Quipse, Mamnai) are measured as edits between
words or keys (:func:`max_edits`, :func:`deletions`, :func:`name_terms`).

Nothing here touches the database, so duplicate detection and search can share it;
:func:`install_sql_functions` lends :func:`marked_terms` and :func:`name_terms` to SQLite, whose
triggers keep the search index current (migration ``0007_patient_search``).
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import sqlite3

from ..i18n import fold

#: What a word is: letters and digits (an apostrophe, a hyphen or a space separates words), as
#: SQLite's unicode61 tokenizer splits them.
_WORD = re.compile(r"[^\W_]+")

#: Spelling → sound, tried left to right at each letter (the first that matches wins, so longer
#: spellings come before the letters they start with). Vowels stay as written: Peña and Piña,
#: Rojas and Rosas are different people, and one wrong vowel is a typo that edits already allow.
_SOUNDS = (
    ("ch", "ch"),            # its own sound (Chávez): never mixed with c
    ("sh", "sh"),            # Asháninka, Shipibo
    ("ph", "f"),
    ("ll", "y"),             # Llupanki = Yupanqui
    ("hu(?=[aeiou])", "w"),  # Huamán = Waman, Huillca = Willca
    ("gu(?=[ao])", "w"),     # Guamán = Waman
    ("gu(?=[ei])", "g"),     # Guillermo: the u is not said
    ("g(?=[ei])", "j"),      # Gerónimo = Jerónimo
    ("qu", "k"),             # Quispe = Kispe = Qispe
    ("q", "k"),
    ("c(?=[ei])", "s"),      # Cecilia = Sesilia
    ("c", "k"),              # Ccahuana = Kahuana
    ("z", "s"),              # Núñez = Nunes, Chávez = Chaves
    ("v", "b"),              # Vásquez = Basques
    ("y(?=[aeiou])", "y"),   # a consonant before a vowel (Yupanqui) …
    ("y", "i"),              # … a vowel elsewhere (Huamany = Huamaní)
    ("h", ""),               # silent: Hernández = Ernandes
)
_SOUND = re.compile("|".join(f"({pattern})" for pattern, _ in _SOUNDS))
_DOUBLED = re.compile(r"(.)\1+")


def words(text: str) -> list[str]:
    """The words of ``text``, folded (lower case, no accents, ñ as n): ``San-José`` → ``san``, ``jose``."""
    return _WORD.findall(fold(text))


@functools.lru_cache(maxsize=65536)  # names repeat: a campaign's thousands of patients share a few hundred
def phonetic_key(word: str) -> str:
    """The phonetic key of one word: equal for the spellings of one name, different for different names.

    Folds accents and case (``ñ`` is ``n``), then writes each sound one way: hua/wa/gua → ``wa``,
    qu/k/q/c (before a, o, u or a consonant) → ``k``, ce/ci/s/z → ``s``, ll/y → ``y``, b/v → ``b``,
    a silent ``h`` is dropped, and a doubled letter counts once (Ccahuana = Cahuana). So ``Quispe`` and
    ``Kispe`` are both ``kispe``, ``Huamán``, ``Waman`` and ``Guamán`` are ``waman``; ``Peña`` (``pena``)
    and ``Piña`` (``pina``) stay apart. A word with several parts (``San-José``) gives the key of the
    folded text as it is; use :func:`name_keys` for a whole name.
    """
    folded = fold(word)
    spoken = _SOUND.sub(lambda m: _SOUNDS[m.lastindex - 1][1], folded)
    return _DOUBLED.sub(r"\1", spoken)


def name_keys(text: str | None) -> str:
    """The phonetic keys of every word of a name, space-separated: ``Ccahuana Núñez`` → ``kawana nunes``."""
    return " ".join(phonetic_key(w) for w in words(text or ""))


#: The longest word still looked up for typing mistakes: no name is longer, and the near spellings of
#: a word grow with the square of its length.
LONGEST_NAME_WORD = 24


def max_edits(key: str) -> int:
    """How many typing mistakes (letters added, dropped, changed or swapped) a word or key of this
    length may carry and still be recognised: none below 4 letters (too many short names are one
    letter apart), one up to 6, two from 7, none beyond :data:`LONGEST_NAME_WORD`."""
    if len(key) < 4 or len(key) > LONGEST_NAME_WORD:
        return 0
    return 1 if len(key) < 7 else 2


def deletions(key: str, depth: int) -> set[str]:
    """``key`` and every string made by deleting up to ``depth`` of its letters.

    Two keys within ``depth`` edits of each other (a swap of neighbours counts as one) always share
    one of these, so comparing these sets finds near spellings through an index instead of a scan.
    """
    found = {key}
    for n in range(1, min(depth, len(key)) + 1):
        found.update("".join(kept) for kept in itertools.combinations(key, len(key) - n))
    return found


def name_terms(text: str | None) -> list[str]:
    """The folded words of a name and their phonetic keys, each once: what typos are measured against
    (a mistake can hide in the spelling, ``ccahuna``, or in the sound, ``kawna``)."""
    folded = words(text or "")
    return sorted(set(folded) | {k for k in map(phonetic_key, folded) if k})


#: How :func:`marked_terms` marks a term with where it comes from: a key of any name word; a paternal
#: surname's word and key; a maternal surname's word and key.
KEY_MARK, PATERNAL_MARKS, MATERNAL_MARKS = "0", ("1", "3"), ("2", "4")


def marked_terms(given: str | None, paternal: str | None, maternal: str | None) -> str:
    """The terms a search index holds beside a patient's names as written, each marked (a leading digit,
    which no name word has) with where it comes from, so the index needs no column filters: the key
    of every name word (``0kispe``), and each surname's words and keys (``1quispe 3kispe`` paternal,
    ``2mamani 4mamani`` maternal)."""
    terms = [KEY_MARK + key for key in name_keys(f"{given or ''} {paternal or ''} {maternal or ''}").split()]
    for (word_mark, key_mark), name in ((PATERNAL_MARKS, paternal), (MATERNAL_MARKS, maternal)):
        for word in words(name or ""):
            terms += [word_mark + word, key_mark + phonetic_key(word)]
    return " ".join(terms)


def term_variants(term: str) -> list[str]:
    """The :func:`deletions` of ``term`` as far as :func:`max_edits` allows: what the search index's table
    of near spellings holds for each term."""
    return sorted(deletions(term, max_edits(term)))


def install_sql_functions(conn: sqlite3.Connection) -> None:
    """Lend these functions to a connection: ``ayni_marked_terms(given, paternal, maternal)``
    (:func:`marked_terms`),
    ``ayni_name_terms(text)`` and ``ayni_term_variants(term)`` (:func:`name_terms` and
    :func:`term_variants` as JSON lists). The search index's triggers call them, so every connection
    that writes patients needs them (``open_store`` installs them)."""
    conn.create_function("ayni_marked_terms", 3, marked_terms, deterministic=True)
    conn.create_function("ayni_name_terms", 1, lambda text: json.dumps(name_terms(text)), deterministic=True)
    conn.create_function("ayni_term_variants", 1, lambda term: json.dumps(term_variants(term)), deterministic=True)
