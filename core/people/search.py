"""Finding a patient as you type: despite typos and other spellings, best matches first, at the cost of
a few index look-ups whatever the number of patients.

Every word typed must match the patient somewhere: a word with a digit, an identifier or the patient
number; any other word, a name. How well the worst word matches puts the patient in a class, best
first (:data:`LEVELS`):

1. an identifier or patient number that *is* the word typed, then one that starts with it;
2. a name word that is the word typed (``quispe``), then one that starts with it (``quis``);
3. a name that sounds the same (``kispe``, ``waman`` for Huamán: :func:`~ayni.core.people.names.phonetic_key`);
4. a name one typing mistake away (``quipse``, ``mamnai``), then two (long names only).

Within a class, patients whose paternal surname matched come first, then those whose maternal
surname did, then the rest; among equals, the one seen most recently (latest encounter, else
registration). The page is the best of *all* matches: the index (``patient_search_fts``, migration
``0007_patient_search``) lists patients most recently seen first, so each class is read in that order
and reading stops as soon as the page is full.
"""

from __future__ import annotations

from ..errors import FieldError, ValidationError
from ..i18n import Text
from ..storage.store import Store
from .names import deletions, max_edits, phonetic_key, words

ID_EXACT, ID_PREFIX, WORD, PREFIX, SOUND, TYPO1, TYPO2 = range(7)
#: The classes of match, best first.
LEVELS = (ID_EXACT, ID_PREFIX, WORD, PREFIX, SOUND, TYPO1, TYPO2)
#: Keys shorter than this are not matched by sound: ``ch`` is no one's name.
SOUND_MIN = 3

#: The most patients one search returns (a screen shows far fewer).
MAX_LIMIT = 500

_ANY, _PATERNAL, _MATERNAL = ("given", "paternal", "maternal"), ("paternal",), ("maternal",)


class _Word:
    """One word of the query, and what it may match at each level."""

    def __init__(self, store: Store, text: str):
        self.store = store
        self.text = text
        self.is_number = any(c.isdigit() for c in text)
        self.key = "" if self.is_number else phonetic_key(text)
        self._near: dict[int, list[str]] | None = None

    def near(self, edits: int) -> list[str]:
        """Known name words and keys within ``edits`` typing mistakes of this word or its key."""
        if self._near is None:
            self._near = _near_terms(self.store, self.text, self.key)
        return self._near.get(edits, [])

    def expression(self, level: int, columns: tuple[str, ...] = _ANY) -> str | None:
        """This word matching in ``columns`` at ``level`` or better, as FTS5 query syntax (every term
        quoted: what was typed never reaches the syntax), or ``None`` if it cannot."""
        if self.is_number:
            if columns != _ANY:
                return None
            return f'ids : "{self.text}"' + ("" if level == ID_EXACT else "*")
        if level < WORD:
            return None
        key_columns = tuple(f"{c}_keys" for c in columns)
        names, keys = _filter(columns), _filter(key_columns)
        terms = [f'{names} : "{self.text}"' + ("*" if level >= PREFIX else "")]
        if level >= SOUND and len(self.key) >= SOUND_MIN:
            terms.append(f'{keys} : "{self.key}"')
        near = self.near(2 if level >= TYPO2 else 1) if level >= TYPO1 else []
        if near:
            terms.append(f"{_filter(columns + key_columns)} : (" + " OR ".join(f'"{t}"' for t in near) + ")")
        return "(" + " OR ".join(terms) + ")"


def _filter(columns: tuple[str, ...]) -> str:
    """An FTS5 column filter: ``{paternal paternal_keys}``."""
    return "{" + " ".join(columns) + "}"


def _near_terms(store: Store, word: str, key: str) -> dict[int, list[str]]:
    """The name words and keys of the index within one, and within two, edits of ``word`` or of its
    ``key`` (as far as :func:`~ayni.core.people.names.max_edits` allows each): candidates through the
    table of near spellings (shared deletions), each then measured (OSA distance: a swap counts one)."""
    allowed = {typed: max_edits(typed) for typed in (word, key) if max_edits(typed)}
    if not allowed:
        return {}
    from rapidfuzz.distance import OSA

    variants = sorted(set().union(*(deletions(typed, edits) for typed, edits in allowed.items())))
    rows = store.db.execute(
        f"SELECT DISTINCT term FROM name_variants WHERE variant IN ({', '.join('?' for _ in variants)})", variants,
    ).fetchall()
    distance = {}
    for (term,) in rows:
        within = [d for typed, edits in allowed.items() if (d := OSA.distance(typed, term, score_cutoff=edits)) <= edits]
        if within and min(within) > 0:
            distance[term] = min(within)
    return {n: sorted(t for t, d in distance.items() if d <= n) for n in (1, 2)}


def _hits(store: Store, expression: str, limit: int) -> list[str]:
    """The ids of at most ``limit`` patients matching ``expression``, most recently seen first."""
    return [row[0] for row in store.db.execute(
        "SELECT patient_search.patient_id FROM patient_search JOIN (SELECT rowid FROM patient_search_fts "
        "WHERE patient_search_fts MATCH ? ORDER BY rowid DESC LIMIT ?) AS hit ON patient_search.seq = hit.rowid "
        "ORDER BY patient_search.seq DESC",
        [expression, limit],
    )]


def _all_of(expressions: list[str | None]) -> str | None:
    return None if None in expressions else " AND ".join(expressions)


def _any_of(expressions: list[str | None]) -> str | None:
    present = [e for e in expressions if e is not None]
    return "(" + " OR ".join(present) + ")" if present else None


def ranked_ids(store: Store, query: str, limit: int = 20) -> list[str]:
    """The ids of the best ``limit`` patients for ``query``, best first (the order the module describes).

    ``limit`` is 1 to :data:`MAX_LIMIT` (else :class:`ValidationError` naming it); any ``query`` text is fine.
    """
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise ValidationError([FieldError("limit", "out_of_range", Text("Límite de resultados", "Result limit"),
                                          {"min": 1, "max": MAX_LIMIT, "unit": ""})])
    typed = [_Word(store, w) for w in dict.fromkeys(words(query))]
    if not typed:
        return []
    found: dict[str, None] = {}

    def take(ids: list[str]) -> None:
        for patient_id in ids:
            if len(found) < limit:
                found.setdefault(patient_id)

    previous = None
    with store.reading():
        for level in LEVELS:
            every = _all_of([w.expression(level) for w in typed])
            if every is None or every == previous:
                continue
            previous = every
            hits = _hits(store, every, limit)
            if not set(hits) - found.keys():
                continue
            # paternal, then maternal, then the rest; the first page of each is within its own first page
            for columns in (_PATERNAL, _MATERNAL):
                some = _any_of([w.expression(level, columns) for w in typed])
                if some is not None and len(found) < limit:
                    take(_hits(store, f"{every} AND {some}", limit))
            take(hits)
            if len(found) >= limit:
                break
    return list(found)
