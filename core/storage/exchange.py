"""The export file: what one laptop holds (or one campaign of it), in one file for a USB stick.

An export is an SQLite file: a consistent copy of the database (SQLite's online backup API) with
an ``ayni_export`` table that says what it is (:data:`FORMAT`, :data:`FORMAT_VERSION`), which
laptop made it, when, for which campaign, and a SHA-256 :func:`digest` of every row of every table.
:func:`opened` refuses a file that is not an export, comes from a newer Ayni, is damaged or
truncated (``PRAGMA integrity_check``, the digest) or whose audit chains do not verify.

The tables that travel are found, not listed (:func:`record_tables`): every table whose primary
key is one text column ``id``, so a plugin's tables come along without the plugin doing anything.
The audit log always travels whole, with the chains of the laptops merged into this one: a part of a
hash chain could not be verified.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import sqlite3
import tempfile
from pathlib import Path

import attrs

from ..documents.files import PARTIAL, OutputError, fsync_folder
from ..documents.reporting import LIMA_MODIFIER
from ..errors import AyniError
from ..i18n import Text
from ..model import new_id, utcnow
from .auditchain import CHAINED, chain_is_whole
from .auditchain import verify as verify_chain
from .devices import this_device

FORMAT = "ayni-export"
#: Raised when the file's layout changes; a file with a higher one comes from a newer Ayni.
FORMAT_VERSION = 1
MANIFEST = "ayni_export"
#: Tables that are never records: the migrations' own, and the export's manifest.
_NOT_RECORDS = ("_sqlite_migrations", MANIFEST)

_MESSAGES = {
    "not_export": Text("{path} no es un archivo exportado por Ayni ({problem}); no se unió nada.",
                       "{path} is not a file exported by Ayni ({problem}); nothing was merged."),
    "damaged": Text("{path} está dañado o incompleto ({problem}); no se unió nada. Exporte otra vez desde "
                    "el otro equipo.",
                    "{path} is damaged or incomplete ({problem}); nothing was merged. Export it again on the "
                    "other laptop."),
    "newer": Text("{path} viene de una versión más nueva de Ayni ({names}); actualice Ayni en este equipo "
                  "antes de unirlo. No se unió nada.",
                  "{path} comes from a newer Ayni ({names}); update Ayni on this laptop before merging it. "
                  "Nothing was merged."),
    "missing_tables": Text("{path} trae registros de tablas que este equipo no tiene ({tables}): instale aquí "
                           "los mismos plugins que en el otro equipo. No se unió nada.",
                           "{path} has records of tables this laptop does not have ({tables}): install the "
                           "same plugins here as on the other laptop. Nothing was merged."),
    "forked": Text("{path} viene de una copia de este mismo equipo, o de otro equipo con la misma identidad "
                   "(su registro de auditoría se separó del de aquí en la fila #{row}): cada equipo se prepara "
                   "con su propio «ayni init», no copiando el archivo. No se unió nada.",
                   "{path} comes from a copy of this very laptop, or from another with the same identity (its "
                   "audit log parted from this one at row #{row}): set up each laptop with its own «ayni "
                   "init», not by copying the file. Nothing was merged."),
    "letter_taken": Text("{path} viene del equipo {letter} ({theirs}), pero la letra {letter} ya es {whose} "
                         "({ours}): dos equipos con una letra dan los mismos números. No se unió nada. En un equipo "
                         "nuevo, prepárelo con otra letra: ayni init --device X. En uno que ya trabajó, cámbiele la "
                         "letra allí (ayni --db ARCHIVO init --device X; los números ya dados se quedan y los "
                         "repetidos se listan en ayni conflicts), exporte otra vez y una ese archivo.",
                         "{path} comes from laptop {letter} ({theirs}), but the letter {letter} is already {whose} "
                         "({ours}): two laptops with one letter give the same numbers. Nothing was merged. On a new "
                         "laptop, set it up with another letter: ayni init --device X. On one that has already "
                         "worked, change its letter there (ayni --db FILE init --device X; numbers given keep "
                         "theirs, and repeated ones are listed by ayni conflicts), export again and merge that file."),
    "unknown_conflict": Text("Conflicto: no hay ninguno con el código «{value}»; ayni conflicts --all los lista "
                             "con su código.",
                             "Conflict: there is none with the code «{value}»; ayni conflicts --all lists them "
                             "with their codes."),
    "no_campaign": Text("--campaign: no existe la campaña {id} en esta base de datos.",
                        "--campaign: there is no campaign {id} in this database."),
    "export_onto_db": Text("{path} es la base de datos en uso: elija otro nombre para la exportación.",
                           "{path} is the database in use: choose another name for the export."),
}


class ExchangeError(AyniError):
    """An export or merge refused: nothing was written to the database, and no export file left."""

    MESSAGES = _MESSAGES


@attrs.frozen
class Manifest:
    """What an export file says about itself."""

    id: str
    format: str
    format_version: int
    device_id: str
    device_letter: str
    created_at: str
    campaign_id: str
    digest: str


def record_tables(conn) -> list[str]:
    """Every table whose primary key is one text column ``id``: the records that export and merge carry.

    Virtual tables (the search index) and their shadow tables, the migrations table and the export's
    manifest are never records; nor are tables keyed otherwise (``accounts``, by user: a PIN stays
    on the laptop where it was set in person; ``audit_log``, whose chains travel on their own).
    """
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    found = []
    for name, _sql in rows:
        if name.startswith("sqlite_") or name in _NOT_RECORDS or name in virtual:
            continue
        if any(name.startswith(f"{v}_") for v in virtual):  # a virtual table's shadow tables
            continue
        keys = [(c[1], (c[2] or "").upper()) for c in conn.execute(f"PRAGMA table_info([{name}])") if c[5]]
        if keys == [("id", "TEXT")]:
            found.append(name)
    return found


def columns(conn, table: str) -> list[str]:
    """The column names of ``table``, in order."""
    return [c[1] for c in conn.execute(f"PRAGMA table_info([{table}])")]


def digest(conn) -> str:
    """SHA-256 over every row of every table but the manifest, in a fixed order."""
    hasher = hashlib.sha256()
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%' AND name != ? ORDER BY name", [MANIFEST])]
    for table in tables:
        hasher.update(json.dumps(table).encode())
        order = ", ".join(str(i) for i in range(1, len(columns(conn, table)) + 1))  # WITHOUT ROWID tables too
        for row in conn.execute(f"SELECT * FROM [{table}] ORDER BY {order}"):
            hasher.update(json.dumps(row, ensure_ascii=False, default=repr).encode("utf-8"))
    return hasher.hexdigest()


@attrs.frozen
class Exported:
    """An export written: where, and how many records of each table it holds."""

    path: Path
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def export(store, path: str | Path, campaign_id: str | None = None) -> Exported:
    """Write what this database holds (or only campaign ``campaign_id``: its encounters, their patients
    and everything recorded under them) to the export file ``path``. Needs ``campaign.export``.

    The file is written beside ``path`` as a partial file, checked, flushed to the disk and only then
    given its name: an export that fails leaves nothing under that name.
    """
    from ..people.users import require

    require(store, "campaign.export")
    path = Path(path)
    if path.exists() and store.path.exists() and os.path.samefile(path, store.path):
        raise ExchangeError("export_onto_db", path=path)
    if campaign_id is not None and store.row("campaigns", campaign_id) is None:
        raise ExchangeError("no_campaign", id=campaign_id)
    partial = None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PARTIAL, dir=path.parent)
        os.close(handle)
        partial = Path(name)
        counts = _write_export(store, partial, campaign_id)
        partial.replace(path)
    except BaseException as error:
        if partial is not None:
            partial.unlink(missing_ok=True)
        if isinstance(error, (OSError, sqlite3.Error)):  # a full or read-only USB stick, a missing folder
            raise OutputError("file_disk_full" if _is_full(error) else "file_unwritable", path=path,
                              error=getattr(error, "strerror", None) or error) from None
        raise
    fsync_folder(path.parent)
    return Exported(path, counts)


def _is_full(error: BaseException) -> bool:
    return getattr(error, "errno", None) in (errno.ENOSPC, errno.EDQUOT) or (
        getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL)


def _write_export(store, partial: Path, campaign_id: str | None) -> dict[str, int]:
    """The export written whole into ``partial`` and flushed to the disk; its record counts."""
    copy = sqlite3.connect(partial)
    try:
        with store.reading():  # one snapshot, while the stations keep saving
            store.db.conn.backup(copy)
            device = this_device(store.db)
        counts = _make_export(copy, device, campaign_id)
    finally:
        copy.close()
    with open(partial, "rb+") as written:
        os.fsync(written.fileno())
    os.chmod(partial, 0o644)
    return counts


def _make_export(copy: sqlite3.Connection, device, campaign_id: str | None) -> dict[str, int]:
    """Turn a fresh copy of the database into an export: a plain file, no triggers or search index,
    only the campaign's records if one is named, and its manifest with the digest."""
    copy.execute("PRAGMA journal_mode = DELETE")
    for (trigger,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        copy.execute(f"DROP TRIGGER [{trigger}]")
    for (table,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                 "AND upper(sql) LIKE 'CREATE VIRTUAL%'").fetchall():
        copy.execute(f"DROP TABLE [{table}]")
    if campaign_id is not None:
        _keep_only_campaign(copy, campaign_id)
    copy.commit()
    copy.execute("VACUUM")
    copy.execute(f"CREATE TABLE {MANIFEST} (id TEXT PRIMARY KEY, format TEXT, format_version INTEGER, "
                 "device_id TEXT, device_letter TEXT, created_at TEXT, campaign_id TEXT, digest TEXT)")
    copy.execute(f"INSERT INTO {MANIFEST} VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 [new_id(), FORMAT, FORMAT_VERSION, device.id, device.letter, utcnow().isoformat(),
                  campaign_id or "", digest(copy)])
    copy.commit()
    if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":  # a disk that wrote wrong
        raise sqlite3.DatabaseError("the export failed its integrity check")
    return {t: copy.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in record_tables(copy)}


def _keep_only_campaign(copy: sqlite3.Connection, campaign_id: str) -> None:
    """Delete from the copy what campaign ``campaign_id`` does not hold.

    Kept: rows with that ``campaign_id``; rows under its encounters (``encounter_id``); its patients
    (those of its encounters and queue, and those registered on this laptop during the campaign's
    days, seen or not) and rows about them (``patient_id``); rows whose foreign key
    points at a kept row (a payment's receipt). Tables with none of these links (users, devices, stock
    lots, a plugin's catalogue) travel whole; the lists of conflicts and candidates do not travel.
    """
    tables = record_tables(copy)
    # the lists a person checks may name records of other campaigns; a merge finds again what applies
    kept: dict[str, set[str]] = {"campaigns": {campaign_id}, "merge_conflicts": set(), "merge_candidates": set()}

    def ids(sql: str, params) -> set[str]:
        return {r[0] for r in copy.execute(sql, params)}

    def where_in(table: str, column: str, values: set[str]) -> set[str]:
        return ids(f"SELECT id FROM [{table}] WHERE [{column}] IN (SELECT value FROM json_each(?))",
                   [json.dumps(sorted(values))])

    for link in ("campaign_id", "encounter_id"):
        source = {campaign_id} if link == "campaign_id" else kept.get("encounters", set())
        for table in tables:
            if table not in kept and link in columns(copy, table):
                kept[table] = where_in(table, link, source)
    patients = set()
    for table, found in kept.items():
        if "patient_id" in columns(copy, table):
            patients |= ids(f"SELECT patient_id FROM [{table}] WHERE id IN (SELECT value FROM json_each(?))",
                            [json.dumps(sorted(found))])
    kept["patients"] = patients | _registered_during(copy, campaign_id)
    for table in tables:
        if table not in kept and "patient_id" in columns(copy, table):
            kept[table] = where_in(table, "patient_id", patients)
    for table in tables:
        if table in kept:
            continue
        parents = [(fk[3], fk[2]) for fk in copy.execute(f"PRAGMA foreign_key_list([{table}])") if fk[2] in kept]
        if parents:
            kept[table] = set().union(*(where_in(table, column, kept[parent]) for column, parent in parents))
    for table, found in kept.items():
        copy.execute(f"DELETE FROM [{table}] WHERE id NOT IN (SELECT value FROM json_each(?))",
                     [json.dumps(sorted(found))])


def _registered_during(copy: sqlite3.Connection, campaign_id: str) -> set[str]:
    """The patients this laptop registered (its own audit log says so) on the campaign's days, in Lima."""
    return {r[0] for r in copy.execute(
        "SELECT a.record_id FROM audit_log a JOIN campaigns c ON c.id = ? WHERE a.table_name = 'patients' "
        f"AND a.action = 'insert' AND date(a.at, '{LIMA_MODIFIER}') BETWEEN c.start_date AND c.end_date",
        [campaign_id])}


# -- reading an export --------------------------------------------------------------------------


def _open(path: Path, known_migrations: set[tuple[str, str]]) -> tuple[sqlite3.Connection, Manifest]:
    """Open the export at ``path`` read-only and check it whole: an SQLite file, sound, with a manifest
    of :data:`FORMAT`, no migration this Ayni does not know (``known_migrations``: (set, name) pairs),
    the digest it was written with, and audit chains that verify. Raises :class:`ExchangeError`."""
    problem = _not_sqlite(path)
    if problem:
        raise ExchangeError("not_export", path=path, problem=problem)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        manifest = _check(conn, path, known_migrations)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise ExchangeError("damaged", path=path, problem=error) from None
    except BaseException:
        conn.close()
        raise
    return conn, manifest


def _not_sqlite(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as error:
        return error.strerror or str(error)
    if not header.startswith(b"SQLite format 3\x00"):
        return "no es un archivo SQLite / not an SQLite file"
    return None


def _check(conn: sqlite3.Connection, path: Path, known_migrations: set[tuple[str, str]]) -> Manifest:
    result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        raise ExchangeError("damaged", path=path, problem="; ".join(result[:3]))
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if MANIFEST not in tables:
        raise ExchangeError("not_export", path=path, problem="sin manifiesto / no manifest")
    row = conn.execute(f"SELECT id, format, format_version, device_id, device_letter, created_at, campaign_id, "
                       f"digest FROM {MANIFEST}").fetchone()
    if row is None or row[1] != FORMAT:
        raise ExchangeError("not_export", path=path, problem="manifiesto ajeno / foreign manifest")
    manifest = Manifest(*row)
    if manifest.format_version > FORMAT_VERSION:
        raise ExchangeError("newer", path=path, names=f"{FORMAT} {manifest.format_version}")
    unknown = [f"{s}/{n}" for s, n in conn.execute("SELECT migration_set, name FROM _sqlite_migrations")
               if (s, n) not in known_migrations and s in {k[0] for k in known_migrations}]
    if unknown:
        raise ExchangeError("newer", path=path, names=", ".join(unknown))
    if digest(conn) != manifest.digest:
        raise ExchangeError("damaged", path=path, problem="la huella no coincide / the digest does not match")
    own = verify_chain(conn)
    if not own.whole:
        raise ExchangeError("damaged", path=path, problem=own.message("en"))
    for origin in merged_origins(conn):
        if not chain_is_whole(merged_chain(conn, origin)):
            raise ExchangeError("damaged", path=path, problem=f"audit chain of {origin} broken")
    return manifest


def merged_origins(conn) -> list[str]:
    """The devices whose audit chains ``merged_audit`` holds."""
    return [r[0] for r in conn.execute("SELECT DISTINCT origin FROM merged_audit ORDER BY origin")]


def merged_chain(conn, origin: str):
    """The audit rows of ``origin`` kept in ``merged_audit``, in id order: (id, *CHAINED, prev_hash, hash)."""
    return conn.execute(f"SELECT id, {', '.join(CHAINED)}, prev_hash, hash FROM merged_audit "
                        "WHERE origin = ? ORDER BY id", [origin])


@attrs.frozen
class MergedChain:
    """Another laptop's audit chain as kept here: its device, its letter, how many rows, and whether
    they still link from the first one, each sealed by its hash."""

    origin: str
    letter: str
    rows: int
    whole: bool


def verify_merged(conn) -> list[MergedChain]:
    """Check every other laptop's audit chain kept in ``merged_audit``, each on its own."""
    found = []
    for origin in merged_origins(conn):
        rows = merged_chain(conn, origin).fetchall()
        letter = conn.execute("SELECT letter FROM devices WHERE id = ?", [origin]).fetchone()
        found.append(MergedChain(origin, letter[0] if letter else "", len(rows), chain_is_whole(rows)))
    return found


def own_chain(conn):
    """This database's own audit rows, in id order, as :func:`merged_chain` gives another's."""
    return conn.execute(f"SELECT id, {', '.join(CHAINED)}, prev_hash, hash FROM audit_log ORDER BY id")


@contextlib.contextmanager
def opened(path: str | Path, known_migrations: set[tuple[str, str]]):
    """The export at ``path``, read-only and checked whole (see :func:`_open`), as (connection,
    :class:`Manifest`); closed at the end of the ``with``. Raises :class:`ExchangeError`."""
    conn, manifest = _open(Path(path), known_migrations)
    try:
        yield conn, manifest
    finally:
        conn.close()
