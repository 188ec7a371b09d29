"""Bringing another laptop's export into this database: ``ayni merge FILE``.

The rules, each chosen so that merging is idempotent (the same file twice changes nothing) and
order-independent (A then B gives the records B then A gives):

* **Records** are every table with a text ``id`` (:func:`~ayni.core.storage.exchange.record_tables`),
  a plugin's too. A row only the file has is added as it is. A row both have, alike, is left. A row
  both have, different, is a record corrected on one side or both: if one side's history (its audit
  log, with the chains it merged) already holds the other's version, that side's version is the
  later one and stands. Otherwise it was corrected on both sides: the newest version (by the time
  its laptop audited it) stands, and the record goes on the conflict list for a person to check.
  A row replaced is audited here (action ``merge``, with the version it replaces); a row whose
  version here stands against the file's is audited too (``merge_kept``, with the file's version):
  both versions are in this database's own audit log, where the audit screen shows them.
* **Audit chains** of other laptops are kept in ``merged_audit`` row for row as their laptop wrote
  them, by origin (the device id), so each chain is verified on its own from its first row
  (``ayni audit verify``). A file whose chain parts from what this database holds for the same
  device is a copy of a database, not another laptop, and is refused.
* **Numbers**: each laptop numbers with its own letter. A file from a laptop whose letter this
  database already knows for another laptop (its own, or one merged before) is refused: their
  numbers would repeat. Two patients (or receipts) with one number (numbers from before letters, or
  given before a laptop changed its letter) are listed as conflicts.
* **Users**: every user row is kept (records keep naming who wrote them). Same name and same role is
  taken as the same person, set up on each laptop by the coordinator: nothing to check (their work
  from both laptops is found under their name). Same name with another role may be two people: it is
  listed. On each laptop a user logs in with the PIN set there (PINs never travel).
* **Numbers in saved forms**: a file from an Ayni before form numbers were JSON numbers (migration
  0022) holds its forms' decimals as text; they are converted on the way in by the migration's own
  rule (:func:`~ayni.core.storage.formnumbers.numbers_in_form_text`), counted per form in the
  merge's audit entry, so a record both laptops hold is not taken as corrected for it.
* **Checked**: a person marks a conflict as looked at with a note (:func:`check_conflict`, ``ayni
  conflicts check``); the check is a row of its own beside the conflict, which is never changed.
* **People registered twice**: patients of different ids sharing an identifier (DNI, passport …) are
  listed in ``merge_candidates``. A pair that also agrees on sex and birth date
  (:func:`~ayni.core.people.duplicates.one_person_by_document`) is joined at once: an ordinary record
  merge (audited, attributed to whoever runs ``ayni merge``, with the reason «mismo documento», undone
  by ``ayni patients unmerge``, and then never joined again by a merge). The record kept is the one
  others are already merged into, else the one registered first; laptops that merge each other's
  exports agree on it. Any other pair stays listed for a person to merge or tell apart; meanwhile
  neither record is refused a correction for holding the other's document. A record merged (or unmerged) on one laptop
  only is taken as it is from that laptop; on both, differently, the latest stands and it is listed.

Everything happens in one transaction: a merge killed halfway, or refused, leaves the database as it
was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import uuid
from pathlib import Path

import attrs

from ..errors import FieldError, ValidationError
from ..i18n import DEFAULT_LANG, Text
from ..model import new_id, number_label, receipt_label, utcnow
from .auditchain import CHAINED
from .auditchain import append as append_audit
from .devices import this_device
from .exchange import (
    ExchangeError, Manifest, columns, merged_chain, merged_origins, opened, own_chain, record_tables,
)
from .formnumbers import numbers_in_form_text
from .migrations import RENAMED_COLUMNS, adopt_unknown_users
from .store import Store, migration_sets

_IDS = uuid.UUID("6f0b7c1e-3a52-4d0e-9a57-61d5a1f0c2b4")  # the namespace of conflict and candidate ids

RECORD, PATIENT_NUMBER, RECEIPT_NUMBER, USER_ROLE = "record", "patient_number", "receipt_number", "user_role"
#: The audit actions of a merge here: a row (or the merge itself) written from the file, with the version
#: it replaces; a row corrected on both laptops whose version here stands, with the file's set aside.
MERGED, KEPT = "merge", "merge_kept"

_SAY = {
    RECORD: Text("{what}: corregido en los dos equipos; queda la versión más reciente y la otra está en su "
                 "historial.",
                 "{what}: corrected on both laptops; the newest version stands and the other is in its history."),
    PATIENT_NUMBER: Text("N.º {detail}: dos pacientes con el mismo número ({what} y {other}); al llamarlos, "
                         "use también el nombre.",
                         "No. {detail}: two patients share the number ({what} and {other}); call them by name too."),
    RECEIPT_NUMBER: Text("Recibo {detail}: dos recibos con el mismo número.",
                         "Receipt {detail}: two receipts share the number."),
    USER_ROLE: Text("Usuario «{detail}»: tiene otro rol en cada equipo; ¿es la misma persona?",
                    "User «{detail}»: has a different role on each laptop; is it the same person?"),
    "joined": Text("{what} = {other} ({detail}); queda {kept}.", "{what} = {other} ({detail}); {kept} is kept."),
    "candidate": Text("¿La misma persona? {what} y {other} tienen el mismo {detail}.",
                      "The same person? {what} and {other} share the {detail}."),
}


@attrs.frozen
class Conflict:
    """Something a merge found for a person to check: a record corrected on both laptops
    (:data:`RECORD`), one number given to two patients or receipts, a user name with two roles.
    Its id is made from what it is about, so the same conflict found on two laptops is one row."""

    id: str
    kind: str
    table_name: str
    record_id: str
    other_id: str = ""
    detail: str = ""


@attrs.frozen
class Candidate:
    """Two patients, registered on different laptops, who share an identifier: perhaps one person."""

    id: str
    patient_id: str
    other_patient_id: str
    identifier: str


@attrs.frozen
class ConflictCheck:
    """A person's word that a conflict was looked at: which, what they found, when and who."""

    id: str
    conflict_id: str
    note: str
    checked_at: dt.datetime = attrs.field(factory=utcnow)
    checked_by: str = ""


NOTE = Text("Nota", "Note")
#: The code of a conflict people type: the first characters of its id.
CODE_LENGTH = 8


def _stable_id(*parts: str) -> str:
    return str(uuid.uuid5(_IDS, "/".join(parts)))


@attrs.frozen
class MergeReport:
    """What a merge did: records added and replaced per table, audit rows of other laptops kept, and
    the conflicts and candidates it found (new to this database, or a record listed before and
    corrected on both laptops again), and the pairs it ``joined`` as one person (same document, sex
    and birth date); ``candidates`` are those left for a person. ``shared_letter`` when neither
    laptop has a letter (a file from a laptop with this one's letter is refused)."""

    source: Manifest
    added: dict[str, int]
    replaced: dict[str, int]
    audit_rows: int
    conflicts: tuple[Conflict, ...]
    candidates: tuple[Candidate, ...]
    shared_letter: bool
    joined: tuple[Candidate, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(sum(self.added.values()) or sum(self.replaced.values()) or self.audit_rows)


def merge(store: Store, path: str | Path) -> MergeReport:
    """Merge the export at ``path`` into ``store`` (see the module's rules). Needs ``campaign.merge``.
    Refused (:class:`~ayni.core.storage.exchange.ExchangeError`, an access refusal or a write error)
    with nothing written."""
    from ..people.users import require

    require(store, "campaign.merge")
    known = {(m.name, x.name) for m in migration_sets(store.plugins) for x in m._migrations}
    with opened(path, known) as (source, manifest):
        with store.write():
            store.db.execute("PRAGMA defer_foreign_keys = ON")  # rows arrive table by table, checked at commit
            return _Merge(store, source, manifest, Path(path)).run()


def renamed_columns(plugins) -> dict[str, dict[str, str]]:
    """Every column renamed since an export may have been written, ``{table: {old: new}}``: the
    core's (migration 0020) and those each plugin declares (``ayni_renamed_columns``)."""
    found = {table: dict(names) for table, names in RENAMED_COLUMNS.items()}
    for declared in plugins.hook.ayni_renamed_columns():
        for table, names in (declared or {}).items():
            found.setdefault(table, {}).update(names)
    return found


class _Merge:
    def __init__(self, store: Store, source, manifest: Manifest, path: Path):
        self.store, self.source, self.manifest, self.path = store, source, manifest, path
        self.db = store.db
        self.renamed = renamed_columns(store.plugins)
        self.numbers: dict[str, dict[str, int]] = {}  # saved forms whose numbers were text, by table and form
        self.entries: list[dict] = []  # audit entries of replaced rows, appended together
        self.record_conflicts: list[Conflict] = []

    def run(self) -> MergeReport:
        from ..people.search import indexing_after

        self._refuse_a_taken_letter()
        tables = self._tables()
        before = listed(self.store)
        added, replaced = {}, {}
        for table in tables:
            with indexing_after(self.store) if table == "patients" else contextlib.nullcontext():
                added[table], replaced[table] = self._merge_table(table)
        adopt_unknown_users(self.db, _user_columns(self.db), by=self.store.user.id)  # a file from before 0020
        audit_rows = self._merge_chains()
        for conflict in [*self.record_conflicts, *self._number_clashes(), *self._user_roles()]:
            self._insert_new("merge_conflicts", conflict)
        for candidate in self._candidates():
            self._insert_new("merge_candidates", candidate)
        joined = self._join_same_documents()
        conflicts, candidates = listed(self.store)
        here = this_device(self.db)
        earlier = {c.id for c in before[0]}
        again = [c for c in dict.fromkeys(self.record_conflicts) if c.id in earlier]  # listed before, met again now
        report = MergeReport(
            self.manifest, {t: n for t, n in added.items() if n}, {t: n for t, n in replaced.items() if n},
            audit_rows, tuple(c for c in conflicts if c.id not in earlier) + tuple(again),
            tuple(c for c in pending(self.store, candidates) if c.id not in {b.id for b in before[1]}),
            shared_letter=self.manifest.device_id != here.id and self.manifest.device_letter == here.letter,
            joined=tuple(joined))
        if report.changed:
            self.entries.append(self._entry(MERGED, "ayni_export", self.manifest.id, {
                "file": str(self.path), "device": self.manifest.device_id, "letter": self.manifest.device_letter,
                "added": report.added, "replaced": report.replaced, "audit_rows": audit_rows,
                "conflicts": len(report.conflicts), "candidates": len(report.candidates),
                "joined": len(report.joined), **({"numbers_as_numbers": self.numbers} if self.numbers else {})}))
        append_audit(self.db, self.entries)
        return report

    def _tables(self) -> list[str]:
        """The file's record tables; refused if it has records or columns this database has no place for."""
        here = set(record_tables(self.db))
        missing = []
        for table in record_tables(self.source):
            if table not in here:
                if self.source.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]:
                    missing.append(table)
                continue
            missing += [f"{table}.{c}" for c in columns(self.source, table)
                        if self._named_here(table, c) not in columns(self.db, table)]
        if missing:
            raise ExchangeError("missing_tables", path=self.path, tables=", ".join(missing))
        return [t for t in record_tables(self.source) if t in here]

    def _refuse_a_taken_letter(self) -> None:
        """A file whose laptop has a letter another laptop known here already uses is refused: this
        one's own letter, or that of a laptop merged before (as the file itself knows it, if it does)."""
        letter = self.manifest.device_letter
        if not letter:
            return  # laptops without letters number alike by design; their repeats are listed
        known = dict(self.db.execute("SELECT id, letter FROM devices"))
        if "devices" in record_tables(self.source):  # a file from before letters has none
            known.update(self.source.execute("SELECT id, letter FROM devices"))
        me = this_device(self.db)
        known[me.id] = me.letter
        for device_id, other in known.items():
            if other == letter and device_id != self.manifest.device_id:
                whose = (Text("la de este equipo", "this laptop's") if device_id == me.id else
                         Text("la de otro equipo unido antes", "that of a laptop merged before"))
                raise ExchangeError("letter_taken", path=self.path, letter=letter, theirs=self.manifest.device_id[:8],
                                    ours=device_id[:8], whose=whose)

    def _insert_new(self, table: str, record) -> None:
        if self.store.row(table, record.id) is None:
            self.store.insert(table, record)

    def _entry(self, action: str, table: str, record_id: str, data: dict, previous: dict | None = None) -> dict:
        return {"at": utcnow().isoformat(), "user_id": self.store.user.id, "action": action, "table_name": table,
                "record_id": record_id, "data": json.dumps(data, ensure_ascii=False, default=str),
                "previous": json.dumps(previous, ensure_ascii=False, default=str) if previous else None}

    # -- records ----------------------------------------------------------------------------------

    def _merge_table(self, table: str) -> tuple[int, int]:
        theirs = columns(self.source, table)
        names = [self._named_here(table, c) for c in theirs]
        listed = ", ".join(f"[{c}]" for c in names)
        new_rows, newer = [], []
        for values in self.source.execute(f"SELECT {', '.join(f'[{c}]' for c in theirs)} FROM [{table}] ORDER BY rowid"):
            incoming = self._numbers_as_numbers(table, dict(zip(names, values)))
            found = self.db.execute(f"SELECT {listed} FROM [{table}] WHERE id = ?", [incoming["id"]]).fetchone()
            if found is None:
                new_rows.append([incoming[c] for c in names])
            elif (current := dict(zip(names, found))) != incoming and self._take(table, current, incoming):
                newer.append((current, incoming))
        self.db.conn.executemany(f"INSERT INTO [{table}] ({listed}) VALUES ({', '.join('?' for _ in names)})",
                                 new_rows)
        sets = ", ".join(f"[{c}] = ?" for c in names if c != "id")
        for current, incoming in newer:  # after the new rows: a record merged into one of them needs it here
            self.db.execute(f"UPDATE [{table}] SET {sets} WHERE id = ?",
                            [incoming[c] for c in names if c != "id"] + [incoming["id"]])
            self.entries.append(self._entry(MERGED, table, incoming["id"], incoming, current))
        return len(new_rows), len(newer)

    def _numbers_as_numbers(self, table: str, row: dict) -> dict:
        """A saved form's row (``form_key`` and ``data``, a plugin's table too) with the numbers an
        Ayni before migration 0022 wrote as text turned into JSON numbers, counted; any other row as it is."""
        spec = self.store.plugins.forms.get(row.get("form_key")) if "data" in row else None
        converted = numbers_in_form_text(row["data"], spec) if spec is not None else None
        if converted is None:
            return row
        counted = self.numbers.setdefault(table, {})
        counted[spec.key] = counted.get(spec.key, 0) + 1
        return {**row, "data": converted}

    def _take(self, table: str, current: dict, incoming: dict) -> bool:
        """Whether the file's version of a record replaces this database's (and list a conflict when
        both sides corrected it)."""
        if table == "patients" and {c for c in current if current[c] != incoming[c]} == {"merged_into"}:
            return self._take_record_merge(current["id"])
        mine, theirs = (_history(conn, table, current["id"], self.renamed) for conn in (self.db, self.source))
        i_had_theirs = any(_holds(data, incoming) for _at, _action, data in mine)
        they_had_mine = any(_holds(data, current) for _at, _action, data in theirs)
        if i_had_theirs != they_had_mine:  # one side saw the other's version and moved on from it
            return they_had_mine
        self.record_conflicts.append(Conflict(_stable_id(RECORD, table, current["id"]), RECORD, table, current["id"]))
        take = _version_key(theirs, incoming) > _version_key(mine, current)
        if not take:  # the file's version set aside is written here too, beside the one that stands
            self.entries.append(self._entry(KEPT, table, current["id"], current, incoming))
        return take

    def _named_here(self, table: str, column: str) -> str:
        """A column's name in this database: an export (or an audited row) from before a rename
        names the column by its old name."""
        return self.renamed.get(table, {}).get(column, column)

    def _take_record_merge(self, patient_id: str) -> bool:
        """A patient merged or unmerged on one laptop only (the audit notes of record merges, which
        each laptop's chains carry): that laptop's version stands. Done on both, differently: the latest
        stands, and the record is listed."""
        mine, theirs = _record_merges(self.db, patient_id), _record_merges(self.source, patient_id)
        if mine <= theirs or theirs <= mine:
            return not theirs <= mine
        self.record_conflicts.append(Conflict(_stable_id(RECORD, "patients", patient_id), RECORD, "patients",
                                              patient_id))
        return max(theirs) > max(mine)

    def _join_same_documents(self) -> list[Candidate]:
        """Join, as one person, each listed pair that agrees on document, sex and birth date (see the
        module's rules), when whoever merges may merge records. The kept record is the one others are
        already merged into, else the one registered first. A pair already of one person, a record whose
        merge someone undid, or two records that each have others merged into them stay listed."""
        from ..people import duplicates, merges
        from ..people.users import may

        if not may(self.store, "patients.merge"):
            return []
        joined = []
        for candidate in pending(self.store, listed(self.store)[1]):
            a, b = candidate.patient_id, candidate.other_patient_id
            people = sorted({merges.kept_id(self.store, a), merges.kept_id(self.store, b)},
                            key=lambda pid: (not merges.merged_records(self.store, pid),
                                             self.store.row("patients", pid)["created_at"], pid))
            undone = any(action == "unmerge" for pid in (a, b) for _, action in _record_merges(self.db, pid))
            if len(people) == 2 and not undone and not merges.merged_records(self.store, people[1]) and \
                    duplicates.one_person_by_document(self.store, a, b):
                merges.merge(self.store, people[0], people[1], reason=f"mismo documento ({candidate.identifier})")
                joined.append(candidate)
        return joined

    # -- audit chains -------------------------------------------------------------------------------

    def _merge_chains(self) -> int:
        """Keep the file's audit chains (its laptop's own and those it merged) in ``merged_audit``,
        each under its device: the rows this database does not hold yet."""
        me = this_device(self.db).id
        chains = {self.manifest.device_id: own_chain(self.source)}
        chains.update({origin: merged_chain(self.source, origin) for origin in merged_origins(self.source)})
        added = 0
        for origin, cursor in chains.items():
            rows = cursor.fetchall()
            held = dict(self.db.execute("SELECT id, hash FROM audit_log") if origin == me else
                        self.db.execute("SELECT id, hash FROM merged_audit WHERE origin = ?", [origin]))
            self._refuse_a_fork(rows, held, mine=origin == me)
            if origin != me:
                later = [(origin, *row) for row in rows if row[0] > max(held, default=0)]
                self.db.conn.executemany(
                    f"INSERT INTO merged_audit (origin, id, {', '.join(CHAINED)}, prev_hash, hash) "
                    f"VALUES ({', '.join('?' for _ in range(len(CHAINED) + 4))})", later)
                added += len(later)
        return added

    def _refuse_a_fork(self, rows: list[tuple], held: dict[int, str], mine: bool) -> None:
        """The file's copy of a chain and the one held here must be one chain: the same hash at the last
        row both hold (each hash covers every row before it), and of this laptop's own chain nothing
        it did not write itself. Otherwise the file comes from a copy of a database."""
        common = [row for row in rows if row[0] in held]
        if (common and held[common[-1][0]] != common[-1][-1]) or (mine and len(common) < len(rows)):
            parted = next(row[0] for row in rows if held.get(row[0]) != row[-1])
            raise ExchangeError("forked", path=self.path, row=parted)

    # -- what a person checks ---------------------------------------------------------------------

    def _number_clashes(self) -> list[Conflict]:
        found = []
        for table, kind in (("patients", PATIENT_NUMBER), ("receipts", RECEIPT_NUMBER)):
            for device, number, ids in self.db.execute(
                    f"SELECT device, number, group_concat(id, ' ') FROM [{table}] WHERE number IS NOT NULL "
                    "GROUP BY device, number HAVING count(*) > 1"):
                first, *others = sorted(ids.split())
                label = (number_label if table == "patients" else receipt_label)(device, number)
                found += [Conflict(_stable_id(kind, first, other), kind, table, first, other, label)
                          for other in others]
        return found

    def _user_roles(self) -> list[Conflict]:
        by_name: dict[str, list[tuple[str, str]]] = {}
        for user_id, name, role in self.db.execute("SELECT id, name, role FROM users ORDER BY id"):
            by_name.setdefault(name, []).append((user_id, role))
        return [Conflict(_stable_id(USER_ROLE, a, b), USER_ROLE, "users", a, b, name)
                for name, users in by_name.items() for i, (a, role_a) in enumerate(users)
                for b, role_b in users[i + 1:] if role_a != role_b]

    def _candidates(self) -> list[Candidate]:
        holders: dict[str, list[str]] = {}
        for patient_id, identifiers in self.db.execute("SELECT id, identifiers FROM patients ORDER BY id"):
            for identifier in json.loads(identifiers or "[]"):
                if identifier.get("value"):
                    holders.setdefault(f"{identifier['kind']} {identifier['value']}", []).append(patient_id)
        return [Candidate(_stable_id("candidate", a, b), a, b, key)
                for key, ids in holders.items() for i, a in enumerate(ids) for b in ids[i + 1:]]


def _record_merges(conn, patient_id: str) -> set[tuple[str, str]]:
    """The record merges and unmerges of a patient its database's audit chains hold, as (when, action):
    the audit notes without a row (a laptop merge's own entries carry the row, with its id)."""
    return {tuple(row) for row in conn.execute(
        "SELECT at, action FROM audit_log WHERE record_id = ? AND table_name = 'patients' AND action IN "
        "('merge', 'unmerge') AND json_extract(data, '$.id') IS NULL UNION "
        "SELECT at, action FROM merged_audit WHERE record_id = ? AND table_name = 'patients' AND action IN "
        "('merge', 'unmerge') AND json_extract(data, '$.id') IS NULL", [patient_id, patient_id])}


def _history(conn, table: str, record_id: str, renamed: dict[str, dict[str, str]]) -> list[tuple[str, str, dict]]:
    """Every version of a record its database's audit chains hold: (when, action, the row as written,
    its columns under their names now: ``renamed`` is ``{table: {old: new}}``)."""
    found = []
    for at, action, data in conn.execute(
            "SELECT at, action, data FROM audit_log WHERE record_id = ? AND table_name = ? UNION ALL "
            "SELECT at, action, data FROM merged_audit WHERE record_id = ? AND table_name = ?",
            [record_id, table, record_id, table]):
        try:
            row = json.loads(data or "")
        except ValueError:
            continue
        if isinstance(row, dict) and row.get("id") == record_id:
            names = renamed.get(table, {})
            found.append((at, action, {names.get(column, column): value for column, value in row.items()}))
    return found


def _user_columns(conn) -> dict[str, tuple[str, ...]]:
    """Every column a foreign key ties to ``users``, by table."""
    found = {table: tuple(key[3] for key in conn.execute(f"PRAGMA foreign_key_list([{table}])") if key[2] == "users")
             for table in record_tables(conn)}
    return {table: named for table, named in found.items() if named}


def _holds(written: dict, row: dict) -> bool:
    """Whether an audited version is ``row``: every field it wrote has the row's value (columns it
    does not name, such as the search words, are filled in beside it)."""
    return all(row[name] == value for name, value in written.items() if name in row)


def _version_key(history, row: dict) -> tuple[str, str]:
    """What orders two versions corrected on two laptops: when the row was audited, then its content
    (so the same pair always gives the same winner)."""
    at = max((at for at, action, data in history if action not in (MERGED, KEPT) and _holds(data, row)), default="")
    return at, hashlib.sha256(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()


# -- saying it ----------------------------------------------------------------------------------


def describe(store: Store, item: Conflict | Candidate, lang: str = DEFAULT_LANG) -> str:
    """One line for a person about a conflict or a candidate pair."""
    if isinstance(item, Candidate):
        return _SAY["candidate"].get(lang).format(what=_name(store, "patients", item.patient_id),
                                                   other=_name(store, "patients", item.other_patient_id),
                                                   detail=item.identifier.upper())
    return _SAY[item.kind].get(lang).format(what=_name(store, item.table_name, item.record_id),
                                            other=_name(store, item.table_name, item.other_id), detail=item.detail)


def describe_joined(store: Store, pair: Candidate, lang: str = DEFAULT_LANG) -> str:
    """One line for a person about a pair a merge joined as one person: both records and the kept one."""
    from ..people.merges import kept_id

    return _SAY["joined"].get(lang).format(what=_name(store, "patients", pair.patient_id),
                                           other=_name(store, "patients", pair.other_patient_id),
                                           detail=pair.identifier.upper(),
                                           kept=_name(store, "patients", kept_id(store, pair.patient_id)))


def _name(store: Store, table: str, record_id: str) -> str:
    row = store.row(table, record_id) if record_id else None
    if row is None:
        return f"{table} {record_id[:8]}"
    if table == "patients":
        names = " ".join(filter(None, (row["given_names"], row["paternal_surname"], row["maternal_surname"])))
        return f"{number_label(row['device'], row['number'])} {names}".strip()
    return f"{table} {record_id[:8]}"


def code_of(conflict: Conflict) -> str:
    """The short code a person types to name a conflict (``ayni conflicts check CODE``)."""
    return conflict.id[:CODE_LENGTH]


def checks(store: Store) -> dict[str, list[ConflictCheck]]:
    """Every check made, by the id of the conflict it is about, oldest first."""
    found: dict[str, list[ConflictCheck]] = {}
    for check in store.rows(ConflictCheck, "merge_checks", "1 = 1", order_by="checked_at, rowid"):
        found.setdefault(check.conflict_id, []).append(check)
    return found


def unchecked(store: Store) -> list[Conflict]:
    """The conflicts nobody has marked as checked yet, oldest first."""
    done = checks(store)
    return [c for c in listed(store)[0] if c.id not in done]


def check_conflict(store: Store, code: str, note: str) -> ConflictCheck:
    """Mark the conflict whose id starts with ``code`` as checked, with what the person found
    (``note``, required). Needs ``merge.check``. Appended beside the conflict and audited; a second
    check of one conflict is another row. Refused (:class:`ValidationError` for the note,
    :class:`~ayni.core.storage.exchange.ExchangeError` ``unknown_conflict``) with nothing written."""
    from ..clinical.forms import clean_text
    from ..people.users import require

    require(store, "merge.check")
    errors: list[FieldError] = []
    note = clean_text(note, "note", NOTE, errors, required=True)
    value = (code or "").strip().lower()
    found = [c for c in listed(store)[0] if len(value) >= 4 and c.id.startswith(value)]
    if len(found) != 1:
        raise ExchangeError("unknown_conflict", value=code)
    if errors:
        raise ValidationError(errors)
    check = ConflictCheck(new_id(), found[0].id, note, checked_by=store.user.id)
    with store.write():
        store.insert("merge_checks", check)
    return check


def pending(store: Store, candidates: list[Candidate]) -> list[Candidate]:
    """The candidate pairs still for a person to decide: not already one person (merged, by hand or at
    a merge), and not recorded as different people."""
    from ..people.duplicates import distinct_from
    from ..people.merges import kept_id

    return [c for c in candidates if kept_id(store, c.patient_id) != kept_id(store, c.other_patient_id)
            and c.other_patient_id not in distinct_from(store, c.patient_id)]


def listed(store: Store) -> tuple[list[Conflict], list[Candidate]]:
    """Every conflict and candidate pair merges have found in this database, oldest first."""
    return (store.rows(Conflict, "merge_conflicts", "1 = 1", order_by="rowid"),
            store.rows(Candidate, "merge_candidates", "1 = 1", order_by="rowid"))
