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

Each key press asks the index as little as it can (:class:`_Search`), since every query pays a look-up
of each of its terms in every segment of the index. A start of a word longer than the index lists
(:data:`INDEXED_PREFIX`) is asked as the few known names it starts, or not at all if there are none.
Search as you type adds a letter, which finds fewer patients in mostly the same classes, so the key
press before guides the next (:class:`_Outcome`): when it found less than a page, every class is asked
at once and each patient put in its class here; when its paternal matches alone filled the page,
those are asked first. A guess that fails costs one query, never a different answer. What the table
of known terms told of the words before the one being typed (their near spellings above all) is kept
from one key press to the next while nothing is written (:func:`_terms_of`).
"""

from __future__ import annotations

import contextlib
import functools
import weakref

import attrs

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

#: The longest start of a word the index lists patients for at once (its ``prefix='1 2 3 4'``, migration
#: ``0007_patient_search``). For a longer one FTS5 first gathers every patient of every word so starting
#: before it can return the first: a few thousand for ``quisp``.
INDEXED_PREFIX = 4
#: The most known names a longer start is spelled out as instead (``quisp`` → ``quispe``): each is read
#: only as far as the page needs, which is cheaper than gathering them all until there are many.
SPELLED_OUT = 8
#: A class of fewer than this many pages is read whole in one query and ordered here. A class a little
#: larger than a page (``sayuri kiara h``: 29 patients) would otherwise take two more queries, for its
#: paternal and then its maternal matches, each reading the whole class again; reading on past the
#: first page of a larger class costs only the index's row numbers, not the patients' names.
WHOLE_PAGES = 3


@attrs.define
class _Terms:
    """What the table of known terms (``name_variants``) tells of one word typed, each looked up when
    first needed (``None`` until then)."""

    near: dict[int, list[str]] | None = None
    starts: list[str] | None = None
    known: bool | None = None
    key_known: bool | None = None


#: Each store's :class:`_Terms` of the words of its last search, and the state of the database they
#: were read in (:func:`_terms_of`).
_last_terms: weakref.WeakKeyDictionary[Store, tuple[tuple[int, int], dict[str, _Terms]]] = weakref.WeakKeyDictionary()


def _terms_of(store: Store, texts: list[str]) -> dict[str, _Terms]:
    """The :class:`_Terms` of each word of ``texts``: those of the last search while nothing has been
    written since, by this connection or any other, since every key press after the first repeats
    the words before the one being typed. Inside :meth:`Store.reading`, so that the state checked is
    the snapshot's."""
    state = store.db.execute("PRAGMA data_version").fetchone()[0], store.db.conn.total_changes
    read_in, before = _last_terms.get(store, (None, {}))
    terms = {text: before.get(text, _Terms()) if read_in == state else _Terms() for text in texts}
    _last_terms[store] = state, terms
    return terms


class _Word:
    """One word of the query, and what it may match at each level."""

    def __init__(self, store: Store, text: str, last: bool, terms: _Terms | None = None):
        self.store = store
        self.text = text
        self.last = last  # the word being typed: any name starting with it matches (earlier words are whole)
        self.is_number = any(c.isdigit() for c in text)
        self.key = "" if self.is_number else phonetic_key(text)
        self.terms = terms if terms is not None else _Terms()  # what the known terms tell, if already looked up

    def near(self, level: int) -> list[str]:
        """The known name words and keys this word may be a mistyping of, at ``level``: none below TYPO1
        or for a word that is itself a known name (except as a last resort)."""
        if level < TYPO1 or level < LAST_RESORT and self.known:
            return []
        if self.terms.near is None:
            self.terms.near = _near_terms(self.store, self.text, self.key)
        return self.terms.near.get(1 if level == TYPO1 else 2, [])

    def prefix(self, level: int) -> bool:
        """Whether a name that starts with this word matches it at ``level``: from PREFIX on for the last
        word typed, as a last resort for the others (``ros quispe``)."""
        return level >= PREFIX and self.last or level == LAST_RESORT

    @property
    def starts(self) -> list[str] | None:
        """Up to :data:`SPELLED_OUT` + 1 of the known name words and keys starting with this word;
        ``None`` for a start short enough for the index to list itself (:data:`INDEXED_PREFIX`)."""
        if len(self.text) <= INDEXED_PREFIX:
            return None
        if self.terms.starts is None:
            self.terms.starts = _terms_starting(self.store, self.text, SPELLED_OUT + 1)
        return self.terms.starts

    def spelled_out(self) -> list[str] | None:
        """The known name words and keys starting with this word, to ask the index for instead of the
        word as a prefix; ``None`` when the index lists that prefix itself, or when none or more than
        :data:`SPELLED_OUT` are known."""
        return self.starts if self.starts and len(self.starts) <= SPELLED_OUT else None

    @property
    def known(self) -> bool:
        """Whether some patient has this word in a name, as written or as the key of one (``kispe``)."""
        if self.terms.known is None:
            self.terms.known = _is_term(self.store, self.text)
        return self.terms.known

    def hopeless(self, level: int) -> bool:
        """Whether no patient can match this word at ``level``, as the table of known terms tells (one
        look-up each, instead of a query of the index that finds nothing): a whole word that is no one's
        name or key, nor sounds like one, and has no near spelling at this level; read as the start of
        a name, one too long for the index to list (:attr:`starts`) that no known name starts with. A
        number is never judged hopeless."""
        if self.is_number or self.near(level) or self.prefix(level) and self.starts != []:
            return False
        if self.known:
            return False
        sounds = level >= SOUND and len(self.key) >= SOUND_MIN
        if sounds and self.terms.key_known is None:
            self.terms.key_known = self.key != self.text and _is_term(self.store, self.key)
        return not (sounds and self.terms.key_known)

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
        prefix, starts = [], [self.text]
        if self.prefix(level):
            starts = self.spelled_out()
            prefix = [] if starts else [f'"{word}{self.text}"*']
        # A name word is in the index beside its key, so a word whose key is asked for adds nothing
        # but the cost of reading its list of patients again (FTS5 reads every branch of an OR).
        words = [w for w in (*(starts or ()), *near) if phonetic_key(w) not in keys]
        terms = prefix + [f'"{word}{w}"' for w in words] + [f'"{key}{k}"' for k in (self.key, *near) if k in keys]
        return "(" + " OR ".join(dict.fromkeys(terms)) + ")"

    def level(self, name: str, upto: int) -> int | None:
        """The best level, up to ``upto``, at which this word matches ``name`` (the text of some of a
        patient's columns) as :meth:`expression` does in the index, or ``None``: to order a class
        already read whole without asking the index again."""
        found, keys = _words_and_keys(name)
        starts = any(w.startswith(self.text) for w in found)
        if self.is_number:
            return ID_EXACT if self.text in found else ID_PREFIX if starts and upto >= ID_PREFIX else None
        if upto < WORD:
            return None
        if self.text in found:
            return WORD
        if self.last and starts and upto >= PREFIX:
            return PREFIX
        if len(self.key) >= SOUND_MIN and self.key in keys and upto >= SOUND:
            return SOUND
        for level in (TYPO1, TYPO2, LAST_RESORT):
            if level > upto:
                return None
            near = self.near(level)
            if near and not (found | keys).isdisjoint(near) or level == LAST_RESORT and starts:
                return level
        return None


def _is_term(store: Store, term: str) -> bool:
    """Whether ``term`` is a word or a key of some patient's name (``name_variants``, where every known
    term is its own first variant: a superset of the index's words, since it only ever grows)."""
    return store.db.execute("SELECT 1 FROM name_variants WHERE variant = ? AND term = ?",
                            [term, term]).fetchone() is not None


def _terms_starting(store: Store, start: str, most: int) -> list[str]:
    """At most ``most`` of the known name words and keys that start with ``start`` (``name_variants``)."""
    following = start[:-1] + chr(ord(start[-1]) + 1)  # the first string after every one starting so
    rows = store.db.execute("SELECT term FROM name_variants WHERE variant >= ? AND variant < ? AND term = variant "
                            "LIMIT ?", [start, following, most]).fetchall()
    return [term for term, in rows]


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


def _hits(store: Store, expression: str, limit: int) -> list[tuple[str, str, str, str, str]]:
    """At most ``limit`` patients matching ``expression``, most recently seen first: each one's id,
    given names, paternal and maternal surname, and identifiers with the patient number."""
    return store.db.execute(
        "SELECT patient_id, given, paternal, maternal, ids FROM patient_search JOIN (SELECT rowid FROM "
        "patient_search_fts WHERE patient_search_fts MATCH ? ORDER BY rowid LIMIT ?) AS hit "
        "ON patient_search.seq = hit.rowid ORDER BY patient_search.seq",
        [expression, limit],
    ).fetchall()


def _class_hits(store: Store, expression: str, most: int, page: int) -> tuple[list, bool]:
    """The patients matching ``expression`` as :func:`_hits` gives them, and whether that is all of them:
    every one if they are fewer than ``most``, else the first ``page`` only."""
    seqs = [seq for seq, in store.db.execute("SELECT rowid FROM patient_search_fts WHERE patient_search_fts "
                                             "MATCH ? ORDER BY rowid LIMIT ?", [expression, most])]
    whole = len(seqs) < most
    shown = seqs if whole else seqs[:page]
    if not shown:
        return [], whole
    rows = store.db.execute(f"SELECT patient_id, given, paternal, maternal, ids FROM patient_search WHERE seq IN "
                            f"({', '.join('?' for _ in shown)}) ORDER BY seq", shown).fetchall()
    return rows, whole


def _all_of(expressions: list[str | None]) -> str | None:
    return None if None in expressions else " AND ".join(expressions)


def _any_of(expressions: list[str | None]) -> str | None:
    present = [e for e in expressions if e is not None]
    return "(" + " OR ".join(present) + ")" if present else None


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
    if not unique:
        return []
    text = " ".join(unique)
    before = _previous.get(store)
    if before is None or not text.startswith(before.text):
        before = _Outcome(text)
    elif len(unique) > len(before.text.split()):  # a word more finds far fewer: its paternal matches seldom fill a page
        before = attrs.evolve(before, by_paternal=False)
    with store.reading():
        terms = _terms_of(store, unique)
        typed = [_Word(store, w, last=n == len(unique) - 1, terms=terms[w]) for n, w in enumerate(unique)]
        search = _Search(store, typed, limit)
        found = search.run(before)
    _previous[store] = _Outcome(text, search.filled_at, search.by_paternal)
    return found


@attrs.frozen
class _Outcome:
    """How a search ended: at which level its page filled (``None``: less than a page was found), and
    whether the paternal-surname matches alone filled it. What was typed before guides the next key press,
    which adds a letter and so finds fewer patients, mostly in the same classes: only the cost
    depends on it, never the answer."""

    text: str
    filled_at: int | None = ID_EXACT  # nothing known: expect a full page from the first class
    by_paternal: bool = False


#: The outcome of each store's last search (:class:`_Outcome`).
_previous: weakref.WeakKeyDictionary[Store, _Outcome] = weakref.WeakKeyDictionary()


class _Search:
    """One search, class by class, asking the index as little as the key press before suggests."""

    def __init__(self, store: Store, typed: list[_Word], limit: int):
        self.store, self.typed, self.limit = store, typed, limit
        self.found: dict[str, None] = {}
        self.filled_at: int | None = None
        self.by_paternal = False
        self._asked: dict[str, list] = {}
        self._classes: dict[str, list | None] = {}
        self._surname_matches: dict[tuple[int, str | None], bool] = {}

    def run(self, before: _Outcome) -> list[str]:
        """The ranked ids. When the search before filled its page only at a typo class, or not at all,
        every class below that is asked of the index at once, and its patients put in their classes
        here; if that fills a page, which may hide better matches, the classes are asked one by one."""
        levels = LEVELS
        if before.filled_at is None or before.filled_at > SOUND:
            below = TYPO2 if before.filled_at is None else before.filled_at - 1
            if self._all_at_once(below):
                levels = LEVELS[below + 1:]
        previous = None
        for level in levels:
            if level == LAST_RESORT and self.found:
                break
            every = _all_of([w.expression(level) for w in self.typed])
            if every is None or every == previous or any(w.hopeless(level) for w in self.typed):
                continue
            previous = every
            self._add(self._by_surname(level, every, paternal_first=before.by_paternal and level == before.filled_at))
            if len(self.found) >= self.limit:
                self.filled_at = level
                break
        return list(self.found)

    def _ask(self, expression: str) -> list:
        """The first page of the patients matching ``expression``."""
        if expression not in self._asked:
            self._asked[expression] = _hits(self.store, expression, self.limit)
        return self._asked[expression]

    def _class(self, expression: str) -> list | None:
        """Every patient matching ``expression``, most recently seen first, if they are fewer than
        :data:`WHOLE_PAGES` pages; else ``None`` (and their first page is what :meth:`_ask` answers)."""
        if expression in self._classes:
            return self._classes[expression]
        if expression in self._asked:  # its first page was read already: not read again for the rest
            page = self._asked[expression]
            self._classes[expression] = page if len(page) < self.limit else None
        else:
            hits, whole = _class_hits(self.store, expression, WHOLE_PAGES * self.limit, self.limit)
            self._classes[expression] = hits if whole else None
            self._asked[expression] = hits[:self.limit]
        return self._classes[expression]

    def _add(self, ids: list[str]) -> None:
        for patient_id in ids:
            if len(self.found) < self.limit:
                self.found.setdefault(patient_id)

    def _all_at_once(self, upto: int) -> bool:
        """Adds the patients of every class up to ``upto``, each put in its class here, unless they fill
        a page (``False``). Only a page is read: placing a patient in a class costs more than asking
        the index for the class."""
        every = _all_of([w.expression(upto) for w in self.typed])
        if every is None or any(w.hopeless(upto) for w in self.typed):
            return True
        hits = self._ask(every)
        if len(hits) == self.limit:
            return False
        self._add([hit[0] for hit in sorted(hits, key=lambda hit: self._class_and_rank(upto, hit))])
        return True

    def _by_surname(self, level: int, every: str, paternal_first: bool) -> list[str]:
        """The ids of the first page of one class in its order: paternal-surname matches, then maternal
        ones, then the rest, each most recently seen first. A class of fewer than :data:`WHOLE_PAGES`
        pages is read whole and sorted here; a larger one may hide older paternal matches past its
        first page, so those are asked of the index (the first page of each kind lies within the first
        page of its own query), first of all if ``paternal_first``."""
        if not paternal_first and (whole := self._whole(level, every)) is not None:
            return whole
        paternal = self._in_surname(level, every, PATERNAL_MARKS)
        if len(paternal) == self.limit:
            self.by_paternal = True
            return [hit[0] for hit in paternal]
        if (whole := self._whole(level, every)) is not None:
            return whole
        maternal = self._in_surname(level, every, MATERNAL_MARKS)
        return [hit[0] for hit in (*paternal, *maternal, *self._ask(every))]

    def _whole(self, level: int, every: str) -> list[str] | None:
        """The ids of the class ``level`` (``every``) in its order, if it is small enough to read whole."""
        hits = self._class(every)
        if hits is None:
            return None
        return [hit[0] for hit in sorted(hits, key=lambda hit: self._surname_rank(level, hit))]

    def _surname_rank(self, level: int, hit) -> int:
        """Where a patient of the class ``level`` stands in it: 0 if a word matched the paternal surname,
        1 the maternal one, else 2."""
        _, _, paternal, maternal, _ = hit
        return 0 if self._matches_surname(level, paternal) else 1 if self._matches_surname(level, maternal) else 2

    def _matches_surname(self, level: int, surname: str | None) -> bool:
        """Whether a word typed matches ``surname`` at ``level`` or better: worked out once per surname
        and class, since surnames repeat (Quispe, Mamani)."""
        if (level, surname) not in self._surname_matches:
            self._surname_matches[level, surname] = any(w.level(surname or "", level) is not None for w in self.typed)
        return self._surname_matches[level, surname]

    def _class_and_rank(self, upto: int, hit) -> tuple[int, int]:
        """The class of a patient the index found at ``upto`` (the level of the worst-matching word), and
        the patient's :meth:`_surname_rank` in it."""
        patient = " ".join(column or "" for column in hit[1:])
        level = max(upto if (best := w.level(patient, upto)) is None else best for w in self.typed)
        return level, self._surname_rank(level, hit)

    def _in_surname(self, level: int, every: str, marks: tuple[str, str]) -> list:
        """The first page of the patients of the class ``level`` (``every``) with a word typed in the
        surname that ``marks`` names."""
        some = _any_of([w.expression(level, marks) for w in self.typed])
        return [] if some is None else self._ask(f"{every} AND {some}")
