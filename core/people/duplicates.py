"""Likely the same person: the records a registration may duplicate, and every such pair in a database.

Two records are *candidates* when they share an identity document, or when their names are alike
(accents, case and word order ignored: «Núñez Ccahuana, Justina» is «Justina Nunez Ccahuana»), their
sex is the same and their birth dates are close: within :data:`EXACT_YEARS` year of each other, or
:data:`ESTIMATED_YEARS` years when either was estimated from an age. A name alike by at least
:data:`NAME_ALONE` is enough; one alike by at least :data:`NAME_SUPPORTED` needs the same community
or the same guardian too. Each candidate carries a score and the reasons, in Spanish and English.

The search never scans the whole table for one registration: the identifier goes through the
search index, and names are compared only within the SQL window of the same sex and close birth
dates, read from one covering index (``patients_born``). Merged records are left out (their kept record stands for
them), and so are pairs someone already decided are different people (:func:`record_distinct`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping

import attrs
from rapidfuzz import fuzz, process

from ..dates import today_in_lima, utc_day_bounds
from ..documents.csvformat import csv_bytes
from ..i18n import Text, phrase
from ..model import ID_KIND_LABELS, IdKind, Patient, Sex, new_id, utcnow
from ..storage.convert import from_row
from ..storage.store import Store
from .merges import MergeError, find, kept_id
from .patients import estimated_birth_date, register
from .users import require

#: How far apart two exact birth dates may be, and two of which one is estimated from an age, in years.
EXACT_YEARS, ESTIMATED_YEARS = 1, 5
#: How alike two names must be (0–100, rapidfuzz over folded, sorted words) on their own, and with
#: the same community or guardian.
NAME_ALONE, NAME_SUPPORTED = 88, 75
#: How alike two guardians' names must be to be the same guardian.
SAME_GUARDIAN = 90
#: The most candidates shown for one registration.
SHOWN = 5

_DAYS_PER_YEAR = 366  # a close birth date is judged in days, so 31 December and 1 January are close
_COLUMNS = ("id, given_names, paternal_surname, maternal_surname, sex, birth_date, birth_date_estimated, "
            "identifiers, community, guardian")


@attrs.frozen(kw_only=True)
class Likeness:
    """How likely two records are one person (``score``, 0–100), and why."""

    score: int
    reasons: tuple[Text, ...]

    def why(self, lang: str) -> str:
        """The reasons as one line in ``lang``."""
        return "; ".join(r.get(lang) for r in self.reasons)


@attrs.frozen(kw_only=True)
class Candidate(Likeness):
    """A registered patient likely to be the person being registered; ``same_document`` when they
    share an identity document (then they are the same person, or one of the two documents is wrong)."""

    patient: Patient
    same_document: bool = False


@attrs.frozen(kw_only=True)
class Pair(Likeness):
    """Two registered patients likely to be one person (for the coordinator's review), by number."""

    first: Patient
    second: Patient


@attrs.frozen
class _Person:
    """What the rules compare, already folded."""

    id: str | None
    name: str
    sex: str | None
    birth: dt.date | None
    estimated: bool
    identifiers: frozenset[tuple[str, str]]
    community: str
    guardian: str


_ACCENTS = re.compile("[\u0300-\u036f]")  # the combining marks Spanish and Quechua spelling uses
_WORD = re.compile(r"\w+")


def _words(text: str) -> str:
    """Accent- and case-folded words in alphabetical order: the key names are compared by (as
    :func:`~ayni.core.i18n.fold`, but in C: it runs over thousands of names per question)."""
    return " ".join(sorted(_WORD.findall(_ACCENTS.sub("", unicodedata.normalize("NFKD", text.casefold())))))


def _name_key(given: str, paternal: str, maternal: str | None) -> str:
    return _words(f"{given} {paternal} {maternal or ''}")


def _name_keys(names: list[tuple[str, str, str | None]]) -> list[str]:
    """:func:`_name_key` of many names, folded as one text (a window holds thousands)."""
    lines = _ACCENTS.sub("", unicodedata.normalize("NFKD", "\n".join(
        f"{given} {paternal} {maternal or ''}" for given, paternal, maternal in names).casefold())).split("\n")
    if len(lines) != len(names):  # a line break inside a name (never typed, but imported data could hold one)
        return [_name_key(*n) for n in names]
    return [" ".join(sorted(_WORD.findall(line))) for line in lines]


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _person_of_patient(patient: Patient) -> _Person:
    return _Person(
        id=patient.id, name=_name_key(patient.given_names, patient.paternal_surname, patient.maternal_surname),
        sex=patient.sex.value, birth=patient.birth_date, estimated=patient.birth_date_estimated,
        identifiers=frozenset((i.kind.value, i.value) for i in patient.identifiers if i.kind != IdKind.NONE),
        community=_words(patient.community), guardian=_words(patient.guardian.name if patient.guardian else ""),
    )


def _form_birth(values: Mapping, today: dt.date) -> tuple[dt.date | None, bool]:
    try:
        return dt.date.fromisoformat(_text(values.get("birth_date")).strip()), False
    except ValueError:
        pass
    age = _text(values.get("age_years")).strip()
    if re.fullmatch(r"[0-9]{1,3}", age) and int(age) <= 120:
        return estimated_birth_date(int(age), today), True
    return None, False


def _form_identifiers(values: Mapping) -> frozenset[tuple[str, str]]:
    found = set()
    for suffix in ("", "2"):
        kind = _text(values.get(f"id{suffix}_kind"))
        number = re.sub(r"[\s.]", "", _text(values.get(f"id{suffix}_number"))).upper()
        if kind in set(IdKind) - {IdKind.NONE} and number:
            found.add((kind, number))
    return frozenset(found)


def _person_of_form(values: Mapping, today: dt.date) -> _Person:
    """The registration form's values as far as they can be read; what cannot be read is left out."""
    birth, estimated = _form_birth(values, today)
    sex = _text(values.get("sex"))
    return _Person(
        id=None,
        name=_words(" ".join(_text(values.get(k)) for k in ("given_names", "paternal_surname", "maternal_surname"))),
        sex=sex if sex in set(Sex) else None, birth=birth, estimated=estimated,
        identifiers=_form_identifiers(values), community=_words(_text(values.get("community"))),
        guardian=_words(_text(values.get("guardian_name"))),
    )


def _person_of_row(row: Mapping) -> _Person:
    identifiers = json.loads(row["identifiers"] or "[]")
    guardian = json.loads(row["guardian"]) if row["guardian"] else None
    return _Person(
        id=row["id"],
        name=_name_key(row["given_names"], row["paternal_surname"], row["maternal_surname"]),
        sex=row["sex"], birth=dt.date.fromisoformat(row["birth_date"]) if row["birth_date"] else None,
        estimated=bool(row["birth_date_estimated"]),
        identifiers=frozenset((i["kind"], i["value"]) for i in identifiers if i["kind"] != IdKind.NONE),
        community=_words(row["community"] or ""), guardian=_words(guardian["name"] if guardian else ""),
    )


# -- the rules ----------------------------------------------------------------------------------


def _years_allowed(a: _Person, b: _Person) -> int:
    return ESTIMATED_YEARS if a.estimated or b.estimated else EXACT_YEARS


def _birth_reason(a: _Person, b: _Person) -> Text | None:
    """Why the birth dates fit, or ``None`` when they are too far apart (or one is unknown)."""
    if a.birth is None or b.birth is None:
        return None
    if not a.estimated and not b.estimated and a.birth == b.birth:
        return Text(f"misma fecha de nacimiento ({a.birth.isoformat()})", f"same birth date ({a.birth.isoformat()})")
    allowed = _years_allowed(a, b)
    if abs((a.birth - b.birth).days) > allowed * _DAYS_PER_YEAR:
        return None
    years = f"{a.birth.year} / {b.birth.year}"
    if allowed == ESTIMATED_YEARS:
        return Text(f"año de nacimiento cercano ({years}; edad estimada, ±{allowed} años)",
                    f"close birth year ({years}; estimated age, ±{allowed} years)")
    return Text(f"año de nacimiento cercano ({years})", f"close birth year ({years})")


def _shared_identifiers(a: _Person, b: _Person) -> list[Text]:
    reasons = []
    for kind, value in sorted(a.identifiers & b.identifiers):
        label = ID_KIND_LABELS[IdKind(kind)]
        reasons.append(phrase(Text("mismo documento: {kind} {value}", "same document: {kind} {value}"),
                              kind=label, value=value))
    return reasons


def _compare(a: _Person, b: _Person, name_score: float | None = None) -> tuple[int, tuple[Text, ...]] | None:
    """The score and reasons when ``a`` and ``b`` are likely one person, else ``None``: the one place
    the rules of candidacy are written."""
    documents = _shared_identifiers(a, b)
    similarity = fuzz.ratio(a.name, b.name) if name_score is None else name_score
    birth = _birth_reason(a, b) if a.sex is None or a.sex == b.sex else None
    community = bool(a.community) and a.community == b.community
    guardian = bool(a.guardian and b.guardian) and fuzz.ratio(a.guardian, b.guardian) >= SAME_GUARDIAN
    needed = NAME_SUPPORTED if community or guardian else NAME_ALONE
    if not documents and (birth is None or similarity < needed):
        return None
    reasons = list(documents)
    if similarity >= NAME_SUPPORTED:
        reasons.append(Text(f"nombre parecido ({round(similarity)} %)", f"similar name ({round(similarity)} %)"))
    if birth is not None:
        reasons.append(birth)
    if community:
        reasons.append(Text("misma comunidad", "same community"))
    if guardian:
        reasons.append(Text("mismo apoderado", "same guardian"))
    score = 100 if documents else min(100, round(similarity) + 5 * (community + guardian + (a.birth == b.birth)))
    return score, tuple(reasons)


# -- one registration ---------------------------------------------------------------------------


def _shift(day: dt.date, days: int) -> str:
    try:
        return (day + dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return (dt.date.max if days > 0 else dt.date.min).isoformat()


def _window_rows(store: Store, person: _Person) -> list[tuple[str, str, str, str | None]]:
    """The id and names of the registered, unmerged patients of the same sex born close enough to
    ``person`` to count."""
    if person.birth is None:
        return []
    reach = ESTIMATED_YEARS * _DAYS_PER_YEAR
    sexes = [person.sex] if person.sex is not None else list(Sex)  # by sex either way: the index starts with it
    sql = ("SELECT id, given_names, paternal_surname, maternal_surname FROM patients "
           "WHERE sex IN (SELECT value FROM json_each(?)) AND birth_date BETWEEN ? AND ? "
           "AND merged_into IS NULL AND id IS NOT ?")
    params: list = [json.dumps(sexes), _shift(person.birth, -reach), _shift(person.birth, reach), person.id]
    if not person.estimated:  # an exact date is close only to exact dates a year away, or estimated ones
        near = EXACT_YEARS * _DAYS_PER_YEAR
        sql += " AND (birth_date_estimated OR birth_date BETWEEN ? AND ?)"
        params += [_shift(person.birth, -near), _shift(person.birth, near)]
    return store.db.execute(sql, params).fetchall()


def _identifier_ids(store: Store, person: _Person) -> set[str]:
    """The patients (their kept records) whose identifier numbers include one of ``person``'s."""
    found = set()
    for _, value in sorted(person.identifiers):
        if not re.search(r"\w", value):
            continue
        phrase = '"' + value.replace('"', '""') + '"'
        found |= {row[0] for row in store.db.execute(
            "SELECT DISTINCT coalesce(p.merged_into, p.id) FROM patients p JOIN patients_fts "
            "ON p.rowid = patients_fts.rowid WHERE patients_fts MATCH ?", [f"identifier_numbers : {phrase}"])}
    return found - {person.id}


def _people(store: Store, ids: Iterable[str]) -> dict[str, _Person]:
    """The patients ``ids`` as the rules compare them."""
    cursor = store.db.execute(f"SELECT {_COLUMNS} FROM patients WHERE id IN (SELECT value FROM json_each(?))",
                              [json.dumps(list(ids))])
    names = [d[0] for d in cursor.description]
    return {row[0]: _person_of_row(dict(zip(names, row))) for row in cursor.fetchall()}


def _patients(store: Store, ids: Iterable[str]) -> dict[str, Patient]:
    ids = list(ids)
    cursor = store.db.execute("SELECT * FROM patients WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(ids)])
    names = [d[0] for d in cursor.description]
    return {row[0]: from_row(Patient, dict(zip(names, row))) for row in cursor.fetchall()}


def candidates(store: Store, subject: Mapping | Patient, limit: int = SHOWN,
               today: dt.date | None = None) -> list[Candidate]:
    """The registered patients most likely to be the person of ``subject`` (a registration form's
    values, as typed, or a :class:`Patient`), best first, at most ``limit``.

    Values that cannot be read (a malformed date, an unknown sex) are left out of the comparison,
    never refused: this is asked before the form is validated. For a registered patient, records
    already recorded as different people from it are left out.
    """
    person = (_person_of_patient(subject) if isinstance(subject, Patient)
              else _person_of_form(subject, today or today_in_lima()))
    window = _window_rows(store, person)
    alike = process.extract(person.name, _name_keys([names for _, *names in window]), scorer=fuzz.ratio,
                            score_cutoff=NAME_SUPPORTED, limit=None) if person.name else []
    scored = {window[index][0]: similarity for _, similarity, index in alike}
    found = {}
    people = _people(store, {*scored, *_identifier_ids(store, person)})
    for other_id, other in people.items():
        result = _compare(person, other, scored.get(other_id))
        if result is not None:
            found[other_id] = result
    if person.id is not None:
        different = distinct_from(store, person.id)
        found = {k: v for k, v in found.items() if k not in different}
    best = sorted(found.items(), key=lambda item: -item[1][0])[:limit]
    records = _patients(store, [k for k, _ in best])
    return [Candidate(patient=records[k], score=score, reasons=reasons,
                      same_document=bool(_shared_identifiers(person, people[k]))) for k, (score, reasons) in best]


# -- different people ---------------------------------------------------------------------------


@attrs.frozen
class DistinctPeople:
    """Someone's decision that two similar records are different people (``patient_id`` < ``other_id``)."""

    id: str
    patient_id: str
    other_id: str
    decided_at: dt.datetime = attrs.field(factory=utcnow)
    decided_by: str = ""


def one_person_by_document(store: Store, patient_id: str, other_id: str) -> bool:
    """Whether two records that share an identity document also agree on sex and birth date (by the
    rules of candidacy: the same date, or close enough for an estimated age), so that they are one
    person with nothing for anyone to decide. A pair recorded as different people never is."""
    people = _people(store, (patient_id, other_id))
    if len(people) != 2 or other_id in distinct_from(store, patient_id):
        return False
    a, b = people[patient_id], people[other_id]
    return bool(a.identifiers & b.identifiers) and a.sex == b.sex and _birth_reason(a, b) is not None


SHARED_DOCUMENT = Text("N.º {number} {name} tiene el mismo {document}: si es la misma persona, fusione los dos "
                       "registros (ayni patients merge {kept} {number}); si no, corrija el documento del que lo tenga "
                       "mal.",
                       "No. {number} {name} has the same {document}: if it is the same person, merge the two records "
                       "(ayni patients merge {kept} {number}); if not, correct the document of the one that has it "
                       "wrong.")


def shared_document_notes(store: Store, patient: Patient) -> list[Text]:
    """For a record a laptop merge listed beside another with the same document, and not merged with
    it: one line naming the other record and saying to merge them (shown after a correction, which
    that pair does not block)."""
    notes = []
    for other_id, identifier in store.db.execute(
            "SELECT other_patient_id, identifier FROM merge_candidates WHERE patient_id = ? UNION "
            "SELECT patient_id, identifier FROM merge_candidates WHERE other_patient_id = ?", [patient.id, patient.id]):
        other = find(store, other_id)
        if kept_id(store, other_id) == kept_id(store, patient.id) or other_id in distinct_from(store, patient.id):
            continue
        params = {"number": other.card_number, "name": other.full_name, "document": identifier.upper(),
                  "kept": patient.card_number}
        notes.append(phrase(SHARED_DOCUMENT, **params))
    return notes


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def distinct_from(store: Store, patient_id: str) -> set[str]:
    """The ids someone recorded as a different person from ``patient_id``."""
    return {row[0] for row in store.db.execute(
        "SELECT other_id FROM patient_distinct WHERE patient_id = ? UNION "
        "SELECT patient_id FROM patient_distinct WHERE other_id = ?", [patient_id, patient_id])}


def record_distinct(store: Store, patient_id: str, other_ids: Iterable[str]) -> None:
    """Record that ``patient_id`` is a different person from each of ``other_ids`` (attributed and
    audited), so the pairs are not offered again; a pair recorded before is left as it is. An unknown
    record, or a record said to be another person than itself, is refused (:class:`MergeError`)."""
    require(store, "patients.register")
    with store.write():
        patient = find(store, patient_id)
        others = {find(store, other).id for other in other_ids}
        if patient.id in others:
            raise MergeError("same_record", number=patient.card_number)
        for other in sorted(others - distinct_from(store, patient_id)):
            first, second = _ordered(patient_id, other)
            store.insert("patient_distinct", DistinctPeople(new_id(), first, second, decided_by=store.user.id))


def register_other_person(store: Store, raw: dict, candidate_ids: Iterable[str]) -> Patient:
    """Register ``raw`` as a new patient who is none of ``candidate_ids`` (the volunteer said «Es otra
    persona»): the patient and those decisions are written together, or nothing is."""
    with store.write():
        patient = register(store, raw)
        record_distinct(store, patient.id, candidate_ids)
    return patient


# -- the whole database -------------------------------------------------------------------------


@attrs.frozen
class _Born:
    """What blocks and compares names across the database: who, their sex and birth, their name key."""

    id: str
    sex: str
    year: int
    estimated: bool
    name: str


def _name_pairs(people: list[_Born]) -> Iterable[tuple[str, str, float]]:
    """Ids of pairs of the same sex, born in years close enough to count, whose names are alike at
    least :data:`NAME_SUPPORTED`. Each block of one sex, birth year and kind of date is compared
    (rapidfuzz ``cdist``) only with those born in the same or later years within reach (a year for
    exact dates, :data:`ESTIMATED_YEARS` when either is estimated), never everyone with everyone."""
    import numpy  # cdist's scores come as an array; only this whole-database review needs it

    groups: dict[tuple[str, int, bool], list[_Born]] = {}
    for person in people:
        groups.setdefault((person.sex, person.year, person.estimated), []).append(person)
    for (sex, year, estimated), block in sorted(groups.items()):
        def later(of_estimated: bool, years: int) -> list[_Born]:
            return [p for y in range(year, year + years + 1) for p in groups.get((sex, y, of_estimated), [])]

        reach = (later(False, ESTIMATED_YEARS + 1 if estimated else EXACT_YEARS)
                 + later(True, ESTIMATED_YEARS + 1))
        scores = process.cdist([p.name for p in block], [p.name for p in reach], scorer=fuzz.ratio,
                               score_cutoff=NAME_SUPPORTED, dtype=numpy.uint8)
        for i, j in zip(*scores.nonzero()):
            if block[i].id != reach[j].id:
                yield block[i].id, reach[j].id, float(scores[i, j])


def _identifier_groups(store: Store) -> Iterable[list[str]]:
    """The ids of unmerged patients sharing one identity document, one list per document."""
    for (ids,) in store.db.execute(
            "SELECT json_group_array(p.id) FROM patients p, json_each(p.identifiers) d "
            "WHERE p.merged_into IS NULL AND json_extract(d.value, '$.kind') != 'none' "
            "GROUP BY json_extract(d.value, '$.kind'), json_extract(d.value, '$.value') HAVING count(*) > 1"):
        yield json.loads(ids)


def likely_duplicates(store: Store, since: dt.date | None = None) -> list[Pair]:
    """Every pair of unmerged patients of the database likely to be one person, best first; with
    ``since`` (a Lima day), only pairs of which one was registered that day or later. Pairs recorded as different
    people are left out, and so are merged records (their kept record stands for them). For whoever
    may merge (``patients.merge``)."""
    require(store, "patients.merge")
    start = utc_day_bounds(since)[0] if since else ""
    rows = store.db.execute("SELECT id, sex, birth_date, birth_date_estimated, created_at, given_names, "
                            "paternal_surname, maternal_surname FROM patients WHERE merged_into IS NULL").fetchall()
    recent = {row[0] for row in rows if row[4] >= start}
    rows = [row for row in rows if row[2]]
    born = [_Born(row_id, sex, int(birth[:4]), bool(estimated), key) for (row_id, sex, birth, estimated, *_), key
            in zip(rows, _name_keys([row[5:] for row in rows]))]
    different = {(r[0], r[1]) for r in store.db.execute("SELECT patient_id, other_id FROM patient_distinct")}
    similar: dict[tuple[str, str], float | None] = {}
    for ids in _identifier_groups(store):
        similar.update({_ordered(a, b): None for i, a in enumerate(ids) for b in ids[i + 1:]})
    for a, b, similarity in _name_pairs(born):
        similar.setdefault(_ordered(a, b), similarity)
    similar = {k: v for k, v in similar.items() if k not in different and set(k) & recent}
    people = _people(store, {i for pair in similar for i in pair})
    found = {}
    for (a, b), similarity in similar.items():
        result = _compare(people[a], people[b], similarity)
        if result is not None:
            found[a, b] = result
    records = _patients(store, {i for pair in found for i in pair})
    pairs = []
    for (a, b), (score, reasons) in found.items():
        first, second = sorted((records[a], records[b]), key=lambda p: p.number or 0)
        pairs.append(Pair(first=first, second=second, score=score, reasons=reasons))
    return sorted(pairs, key=lambda p: (-p.score, p.first.number or 0, p.second.number or 0))


_CSV_HEADINGS = (Text("numero_1", "number_1"), Text("paciente_1", "patient_1"), Text("numero_2", "number_2"),
                 Text("paciente_2", "patient_2"), Text("puntaje", "score"), Text("motivos", "reasons"))


def pairs_csv(pairs: Iterable[Pair], lang: str) -> bytes:
    """The coordinator's list as a CSV file (the one Ayni format), headings in ``lang``."""
    return csv_bytes([h.get(lang) for h in _CSV_HEADINGS],
                     ([p.first.card_number, p.first.full_name, p.second.card_number, p.second.full_name, p.score, p.why(lang)]
                      for p in pairs))
