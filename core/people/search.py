"""Finding a patient as you type: despite typos and other spellings, best matches first, at the cost of
a few index look-ups whatever the number of patients.

Every word typed must match the patient somewhere: a word with a digit, an identifier or the patient
number; any other word, a name. How well the worst word matches puts the patient in a class, best
first (:data:`LEVELS`):

1. an identifier or patient number that *is* the word typed, then one that starts with it;
2. a name word that is the word typed (``quispe``), then, for the word being typed (the last), one
   that starts with it (``rosa quis``);
3. a name that sounds the same (``kispe``, ``waman`` for Huamán: :func:`~ayni.core.people.names.phonetic_key`);
4. a name one typing mistake away (``quipse``, ``mamnai``), then two (long names only), for the
   words that are no one's name as typed;
5. only when nothing else is found: any word as the start of a name (``ros quispe``), or two
   mistakes away even when it is someone's name (``rosa piña`` for Rosa Peña).

Within a class, patients whose paternal surname matched come first, then those whose maternal
surname did, then the rest; among equals, the one seen most recently (latest encounter, else
registration). The page is the best of *all* matches: the index (``patient_search_fts``, migrations
``0007_patient_search`` and ``0019_search_reads_most_recent_first``) lists patients most recently seen
first in its ascending order, so each class is read in that order and reading stops as soon as the
page is full.
"""

from __future__ import annotations

import contextlib
import functools

from ..errors import FieldError, ValidationError
from ..i18n import Text
from ..storage.store import Store
from .names import KEY_MARK, MATERNAL_MARKS, PATERNAL_MARKS, deletions, max_edits, phonetic_key, words

ID_EXACT, ID_PREFIX, WORD, PREFIX, SOUND, TYPO1, TYPO2, LAST_RESORT = range(8)
#: The classes of match, best first (the module's list: LAST_RESORT is its fifth).
LEVELS = (ID_EXACT, ID_PREFIX, WORD, PREFIX, SOUND, TYPO1, TYPO2, LAST_RESORT)
#: Keys shorter than this are not matched by sound: ``ch`` is no one's name.
SOUND_MIN = 3

#: The most patients one search returns (a screen shows far fewer).
MAX_LIMIT = 500


class _Word:
    """One word of the query, and what it may match at each level."""

    def __init__(self, store: Store, text: str, last: bool):
        self.store = store
        self.text = text
        self.last = last  # the word being typed: any name starting with it matches (earlier words are whole)
        self.is_number = any(c.isdigit() for c in text)
        self.key = "" if self.is_number else phonetic_key(text)
        self._near: dict[int, list[str]] | None = None
        self._known: bool | None = None
        self._key_known: bool | None = None

    def near(self, level: int) -> list[str]:
        """The known name words and keys this word may be a mistyping of, at ``level``: none below TYPO1
        or for a word that is itself a known name (except as a last resort)."""
        if level < TYPO1 or level < LAST_RESORT and self.known:
            return []
        if self._near is None:
            self._near = _near_terms(self.store, self.text, self.key)
        return self._near.get(1 if level == TYPO1 else 2, [])

    def prefix(self, level: int) -> bool:
        """Whether a name that starts with this word matches it at ``level``: from PREFIX on for the last
        word typed, as a last resort for the others (``ros quispe``)."""
        return level >= PREFIX and self.last or level == LAST_RESORT

    @property
    def known(self) -> bool:
        """Whether some patient has this word in a name, as written or as the key of one (``kispe``)."""
        if self._known is None:
            self._known = _is_term(self.store, self.text)
        return self._known

    def hopeless(self, level: int) -> bool:
        """Whether no patient can match this word at ``level``, as the table of known terms tells (one
        look-up each, instead of a query of the index that finds nothing): a whole word that is no one's
        name or key, nor sounds like one, and has no near spelling at this level. A word read as the
        start of a name, or a number, is never judged hopeless."""
        if self.is_number or self.prefix(level) or self.near(level):
            return False
        if self.known:
            return False
        sounds = level >= SOUND and len(self.key) >= SOUND_MIN
        if sounds and self._key_known is None:
            self._key_known = self.key != self.text and _is_term(self.store, self.key)
        return not (sounds and self._key_known)

    def expression(self, level: int, marks: tuple[str, str] | None = None) -> str | None:
        """This word matching at ``level`` or better, as FTS5 query syntax (every term quoted: what was
        typed never reaches the syntax), or ``None`` if it cannot. With ``marks`` (``PATERNAL_MARKS``
        or ``MATERNAL_MARKS``) only in that surname, through its marked terms."""
        if self.is_number:
            return None if marks else f'ids : "{self.text}"' + ("" if level == ID_EXACT else "*")
        if level < WORD:
            return None
        word, key = marks or ("", KEY_MARK)
        near = self.near(level)  # a near term may be a word or a key
        keys = set(near) | ({self.key} if level >= SOUND and len(self.key) >= SOUND_MIN else set())
        prefix = self.prefix(level)
        # A name word is in the index beside its key, so a word whose key is asked for adds nothing
        # but the cost of reading its list of patients again (FTS5 reads every branch of an OR).
        words = [w for w in (self.text, *near) if w == self.text and prefix or phonetic_key(w) not in keys]
        terms = [f'"{word}{w}"' + ("*" if w == self.text and prefix else "") for w in words]
        terms += [f'"{key}{k}"' for k in (self.key, *near) if k in keys]
        return "(" + " OR ".join(dict.fromkeys(terms)) + ")"

    def matches(self, name: str, level: int) -> bool:
        """Whether this word matches ``name`` (one name column's text) at ``level`` or better, as
        :meth:`expression` does in the index: to order a class already read whole without asking it again."""
        if self.is_number or level < WORD:
            return False
        found, keys = _words_and_keys(name)
        if self.text in found or self.prefix(level) and any(w.startswith(self.text) for w in found):
            return True
        if level >= SOUND and len(self.key) >= SOUND_MIN and self.key in keys:
            return True
        near = self.near(level)
        return bool(near) and not (found | keys).isdisjoint(near)


def _is_term(store: Store, term: str) -> bool:
    """Whether ``term`` is a word or a key of some patient's name (``name_variants``, where every known
    term is its own first variant: a superset of the index's words, since it only ever grows)."""
    return store.db.execute("SELECT 1 FROM name_variants WHERE variant = ? AND term = ?",
                            [term, term]).fetchone() is not None


@functools.lru_cache(maxsize=4096)  # the same surnames come back in every search
def _words_and_keys(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """The folded words of a name and their keys."""
    found = frozenset(words(name))
    return found, frozenset(map(phonetic_key, found))


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


def _hits(store: Store, expression: str, limit: int) -> list[tuple[str, str, str]]:
    """At most ``limit`` patients matching ``expression``, most recently seen first: each one's id,
    paternal and maternal surname."""
    return store.db.execute(
        "SELECT patient_id, paternal, maternal FROM patient_search JOIN (SELECT rowid FROM patient_search_fts "
        "WHERE patient_search_fts MATCH ? ORDER BY rowid LIMIT ?) AS hit ON patient_search.seq = hit.rowid "
        "ORDER BY patient_search.seq",
        [expression, limit],
    ).fetchall()


def _all_of(expressions: list[str | None]) -> str | None:
    return None if None in expressions else " AND ".join(expressions)


def _any_of(expressions: list[str | None]) -> str | None:
    present = [e for e in expressions if e is not None]
    return "(" + " OR ".join(present) + ")" if present else None


def _by_surname(store: Store, typed: list[_Word], level: int, every: str, hits: list, limit: int) -> list[str]:
    """The ids of ``hits`` (the first page of one class, most recently seen first) in the class's
    order: paternal-surname matches, then maternal ones, then the rest. A page that is not full holds
    the whole class, and is sorted here; a full one may hide older paternal matches, so those are
    asked of the index (the first page of each kind lies within the first page of its own query)."""
    if len(hits) < limit:
        def rank(hit) -> int:
            _, paternal, maternal = hit
            return 0 if any(w.matches(paternal, level) for w in typed) else (
                1 if any(w.matches(maternal or "", level) for w in typed) else 2)
        return [patient_id for patient_id, *_ in sorted(hits, key=rank)]
    ids: list[str] = []
    for marks in (PATERNAL_MARKS, MATERNAL_MARKS):
        some = _any_of([w.expression(level, marks) for w in typed])
        if some is not None and len(ids) < limit:
            ids += [patient_id for patient_id, *_ in _hits(store, f"{every} AND {some}", limit)]
    return ids + [patient_id for patient_id, *_ in hits]


def compact_index(store: Store) -> None:
    """Merge the search index into one b-tree (FTS5 ``optimize``), for after registering many patients
    at once (bulk registration, an import): every write transaction adds a segment to the index and
    FTS5 merges them only four at a time, so 100,000 patients registered in batches leave a score of
    segments, each looked up for every term of every search. The index answers the same afterwards,
    at about half the cost; registering goes on as before. Takes seconds at 100,000 patients."""
    with store.write():
        store.db.execute("INSERT INTO patient_search_fts (patient_search_fts) VALUES ('optimize')")


@contextlib.contextmanager
def indexing_after(store: Store):
    """Patients inserted inside this block are indexed for search all at once when it ends, instead
    of one by one as each row is written: for writing thousands at once (bulk registration, a laptop
    merge), which the per-row triggers slow down two to three times.

    Must be used inside :meth:`Store.write`, around patient rows only (an encounter written inside
    would not yet find its patient in the index to mark as seen). The index is written in the block's
    own transaction, so it is never out of step with the patients: if the block raises, or the
    process dies, the transaction rolls back rows and index alike. Refuses (``RuntimeError``) to run
    outside a transaction, where the patients would be committed unindexed.
    """
    from ..storage.migrations import LEARN_NAME_TERMS, PATIENT_SEARCH_ROW, PATIENT_SEARCH_VALUES, PATIENTS_FTS_COLUMNS

    db = store.db
    if not db.conn.in_transaction:
        raise RuntimeError("indexing_after must run inside store.write()")
    since, = db.execute("SELECT coalesce(max(rowid), 0) FROM patients").fetchone()
    db.execute("INSERT INTO search_indexing_deferred (since_rowid) VALUES (?)", [since])
    yield
    db.execute("DELETE FROM search_indexing_deferred")
    db.execute(f"INSERT INTO patients_fts (rowid, {PATIENTS_FTS_COLUMNS}) SELECT rowid, {PATIENTS_FTS_COLUMNS} "
               "FROM patients WHERE rowid > ? ORDER BY rowid", [since])
    first, = db.execute("SELECT coalesce(min(seq), 0) FROM patient_search").fetchone()
    db.execute(f"INSERT INTO patient_search (seq, {PATIENT_SEARCH_ROW}) SELECT ? - row_number() OVER (ORDER BY "
               f"new.rowid), {PATIENT_SEARCH_VALUES} FROM patients AS new WHERE new.rowid > ?", [first, since])
    db.execute(LEARN_NAME_TERMS.format(patients="patients AS new, ", where=" WHERE new.rowid > ?"), [since])


def ranked_ids(store: Store, query: str, limit: int = 20) -> list[str]:
    """The ids of the best ``limit`` patients for ``query``, best first (the order the module describes).

    ``limit`` is 1 to :data:`MAX_LIMIT` (else :class:`ValidationError` naming it); any ``query`` text is fine.
    """
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise ValidationError([FieldError("limit", "out_of_range", Text("Límite de resultados", "Result limit"),
                                          {"min": 1, "max": MAX_LIMIT, "unit": ""})])
    unique = list(dict.fromkeys(words(query)))
    typed = [_Word(store, w, last=n == len(unique) - 1) for n, w in enumerate(unique)]
    if not typed:
        return []
    found: dict[str, None] = {}
    previous = None
    with store.reading():
        for level in LEVELS:
            every = _all_of([w.expression(level) for w in typed])
            if every is None or every == previous or level == LAST_RESORT and found:
                continue
            if any(w.hopeless(level) for w in typed):
                continue
            previous = every
            hits = _hits(store, every, limit)
            if {h[0] for h in hits} <= found.keys():
                continue
            for patient_id in _by_surname(store, typed, level, every, hits, limit):
                if len(found) < limit:
                    found.setdefault(patient_id)
            if len(found) >= limit:
                break
    return list(found)
