"""The audit log as a hash chain: whoever edits, deletes, inserts or reorders its rows is found out.

Each row carries ``prev_hash``, the ``hash`` of the row before it (:data:`GENESIS` for the first),
and its own ``hash``: SHA-256 over a canonical encoding (a compact JSON array, UTF-8) of
``prev_hash`` and the :data:`CHAINED` fields. Nothing is secret: anyone can recompute the chain,
and a change anywhere but at the very end breaks it from that row on. Rewriting the whole tail,
or dropping its last rows, can only be seen against a head written down earlier (the row count and
last hash :func:`verify` reports).

Every audit row is written by :func:`append`, inside a write transaction; a trigger refuses a row
whose ``prev_hash`` is not the last row's hash, so two writers can never fork the chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Iterable

import attrs

from ..i18n import DEFAULT_LANG, Text

GENESIS = "0" * 64

#: The fields of an audit row its hash covers, in the order they are encoded.
CHAINED = ("at", "user_id", "action", "table_name", "record_id", "data", "previous")

_INSERT = (f"INSERT INTO audit_log ({', '.join(CHAINED)}, prev_hash, hash) "
           f"VALUES ({', '.join('?' for _ in CHAINED)}, ?, ?)")


def _text(value) -> str | None:
    """A field as SQLite stores it in a TEXT column, so the hash written equals the hash re-read."""
    return None if value is None else str(value)


def row_hash(prev_hash: str, values: Iterable[str | None]) -> str:
    """The hash of a row whose :data:`CHAINED` fields are ``values`` and that follows ``prev_hash``."""
    encoded = json.dumps([prev_hash, *values], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def last_hash(db) -> str:
    """The hash of the newest audit row, or :data:`GENESIS` for an empty log."""
    row = db.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row and row[0] else GENESIS


def append(db, entries: Iterable[dict]) -> None:
    """Append ``entries`` (dicts with the :data:`CHAINED` fields) to the audit log, in order, each
    chained to the row before it. The one way audit rows are written.

    Must run inside a write transaction (``Store.write``): the last hash read here then cannot change
    before the rows are committed. Raises ``RuntimeError`` outside one (a programming error).
    """
    if not db.conn.in_transaction:
        raise RuntimeError("audit rows are written inside Store.write(), never on their own")
    prev = last_hash(db)
    rows = []
    for entry in entries:
        values = [_text(entry.get(name)) for name in CHAINED]
        digest = row_hash(prev, values)
        rows.append([*values, prev, digest])
        prev = digest
    db.conn.executemany(_INSERT, rows)


def chain_existing(db) -> None:
    """Give every row already in the audit log its ``prev_hash`` and ``hash``, in id order (for the
    migration that adds the columns; the caller lifts the append-only trigger around it)."""
    prev = GENESIS
    links = []
    for row_id, *values in db.execute(f"SELECT id, {', '.join(CHAINED)} FROM audit_log ORDER BY id"):
        digest = row_hash(prev, [_text(v) for v in values])
        links.append((prev, digest, row_id))
        prev = digest
    db.conn.executemany("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", links)


def chain_is_whole(rows) -> bool:
    """True when ``rows`` — (id, *CHAINED, prev_hash, hash) in id order, as another laptop's chain is
    kept after a merge — link one to the next from :data:`GENESIS`, each sealed by its own hash."""
    prev = GENESIS
    for _row_id, *values, prev_hash, digest in rows:
        if prev_hash != prev or digest != row_hash(prev_hash, [_text(v) for v in values]):
            return False
        prev = digest
    return True


# -- verifying ----------------------------------------------------------------------------------

EDITED, DELETED, INSERTED, REORDERED = "edited", "deleted", "inserted", "reordered"

_SAY = {
    "whole": Text("Registro de auditoría íntegro: {rows} filas verificadas; la última es la #{last} "
                  "(huella {head}).",
                  "Audit log whole: {rows} rows checked; the last is #{last} (fingerprint {head})."),
    "empty": Text("Registro de auditoría vacío: 0 filas verificadas.", "Audit log empty: 0 rows checked."),
    "broken": Text("Registro de auditoría ROTO en la fila #{row} ({at}): {what}. Las {rows} filas anteriores "
                   "están íntegras.",
                   "Audit log BROKEN at row #{row} ({at}): {what}. The {rows} rows before it are whole."),
    EDITED: Text("su contenido se cambió después de escrita", "its content was changed after it was written"),
    DELETED: Text("faltan {missing} fila(s) justo antes de ella (borradas)",
                  "{missing} row(s) just before it are missing (deleted)"),
    INSERTED: Text("se insertó fuera de la cadena (no la escribió Ayni en su lugar)",
                   "it was inserted outside the chain (Ayni did not write it there)"),
    REORDERED: Text("está fuera de orden: se escribió después de la fila #{after}",
                    "it is out of order: it was written after row #{after}"),
}


@attrs.frozen
class Break:
    """The first broken link: at which row, when it says it was written, and what is wrong
    (:data:`EDITED`, :data:`DELETED`, :data:`INSERTED` or :data:`REORDERED`, with ``missing`` rows
    or the row it was written ``after``)."""

    row_id: int
    at: str
    kind: str
    missing: int = 0
    after: int = 0


@attrs.frozen
class ChainReport:
    """What :func:`verify` found: how many rows are whole (all of them, or those before the
    first :class:`Break`) and, for a whole chain, the newest row's id and hash (its head)."""

    checked: int
    last_id: int | None
    head: str
    broken: Break | None = None

    @property
    def whole(self) -> bool:
        return self.broken is None

    def message(self, lang: str = DEFAULT_LANG) -> str:
        """One line for a person, in ``lang``."""
        if self.broken is None:
            if self.last_id is None:
                return _SAY["empty"].get(lang)
            return _SAY["whole"].get(lang).format(rows=self.checked, last=self.last_id, head=self.head[:16])
        b = self.broken
        what = _SAY[b.kind].get(lang).format(missing=b.missing, after=b.after)
        return _SAY["broken"].get(lang).format(row=b.row_id, at=_lima(b.at, lang), what=what, rows=self.checked)


def _lima(at: str, lang: str) -> str:
    from ..dates import format_datetime

    try:
        return format_datetime(dt.datetime.fromisoformat(at), lang)
    except (TypeError, ValueError):
        return str(at)


@attrs.frozen
class _Row:
    id: int
    values: tuple
    prev_hash: str | None
    hash: str | None

    @property
    def at(self) -> str:
        return self.values[CHAINED.index("at")]

    @property
    def sealed(self) -> bool:
        """Its own hash matches its content and the ``prev_hash`` it carries."""
        return self.hash is not None and self.hash == row_hash(self.prev_hash, [_text(v) for v in self.values])


def _rows(db):
    cursor = db.execute(f"SELECT id, {', '.join(CHAINED)}, prev_hash, hash FROM audit_log ORDER BY id")
    for row_id, *values, prev_hash, digest in cursor:
        yield _Row(row_id, tuple(values), prev_hash, digest)


def verify(db) -> ChainReport:
    """Walk the audit log in id order and report the first broken link, or that the chain is whole
    with the number of rows checked. Reads only; never raises for a damaged chain."""
    seen: dict[str, int] = {GENESIS: 0}  # hash -> id of every row found whole so far
    before, checked = None, 0
    rows = _rows(db)
    current = next(rows, None)
    while current is not None:
        following = next(rows, None)
        if not (current.sealed and current.prev_hash == (before.hash if before else GENESIS)):
            found = _diagnose(db, current, before, following, seen)
            rows_before = db.execute("SELECT count(*) FROM audit_log WHERE id < ?", [found.row_id]).fetchone()[0]
            return ChainReport(rows_before, None, "", found)
        seen[current.hash] = current.id
        before, checked, current = current, checked + 1, following
    return ChainReport(checked, before.id if before else None, before.hash if before else GENESIS)


def _diagnose(db, row: _Row, before: _Row | None, following: _Row | None, seen: dict[str, int]) -> Break:
    """Why ``row`` does not follow ``before``: the link tells where it was written, the ids what is
    missing, the next row whether the chain goes around it."""
    expected = before.hash if before else GENESIS
    if row.sealed:
        later = db.execute("SELECT id FROM audit_log WHERE hash = ? AND id > ? ORDER BY id LIMIT 1",
                           [row.prev_hash, row.id]).fetchone()
        if later:
            return Break(row.id, row.at, REORDERED, after=later[0])
    if following is not None and following.prev_hash == expected:
        return Break(row.id, row.at, INSERTED)
    if not row.sealed:
        return Break(row.id, row.at, INSERTED if row.hash is None else EDITED)
    if row.prev_hash in seen:  # the chain goes around the rows after that one: they were slipped in
        first = db.execute("SELECT id, at FROM audit_log WHERE id > ? ORDER BY id LIMIT 1",
                           [seen[row.prev_hash]]).fetchone()
        return Break(first[0], first[1], INSERTED)
    gap = row.id - (before.id if before else 0) - 1
    if gap > 0:
        return Break(row.id, row.at, DELETED, missing=gap)
    if before is not None:  # nothing is missing, so the row before was changed and its hash recomputed
        return Break(before.id, before.at, EDITED)
    return Break(row.id, row.at, EDITED)
