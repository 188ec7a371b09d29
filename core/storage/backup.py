"""Backups: a consistent copy of the live database, checked, and bringing one back.

:func:`backup` copies with SQLite's online backup API while stations keep working: the copy is one
snapshot (taken inside a read transaction, so writes made meanwhile are simply not in it), then
checked (``PRAGMA integrity_check`` and the row count of every table against the snapshot) before it
is given its final name. A copy is a single self-contained file (rollback journal, not WAL). Just
before, the live search index is merged a little (a quiet moment for it, and the copy gains too).

:func:`restore` refuses a file that is not an Ayni database, is damaged, or comes from a newer Ayni;
it first keeps the database it replaces as a ``.before-restore`` copy (never overwriting an earlier
one), then copies the backup in through the same API, so other connections see the change safely.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import sqlite3
from pathlib import Path

import attrs

from ..dates import to_lima
from ..documents.files import PARTIAL, fsync_folder
from ..errors import AyniError, StoreError
from ..i18n import Text
from .searchindex import tidy_search_index

SUFFIX = ".db"
BEFORE_RESTORE = ".before-restore"
#: Tables every Ayni database has (a file without them is not one).
REQUIRED_TABLES = ("_sqlite_migrations", "patients", "encounters", "audit_log", "users")

_MESSAGES = {
    "backup_failed": Text("La copia {path} no pasó la verificación: {problem}. Se descartó.",
                          "The copy {path} failed its check: {problem}. It was discarded."),
    "not_ayni": Text("{path} no es una base de datos de Ayni válida ({problem}); no se restauró nada.",
                     "{path} is not a valid Ayni database ({problem}); nothing was restored."),
    "newer": Text("{path} es de una versión más nueva de Ayni ({names}); actualice Ayni antes de restaurarla.",
                  "{path} comes from a newer Ayni ({names}); update Ayni before restoring it."),
    "same_file": Text("{path} es la misma base de datos que se quiere reemplazar.",
                      "{path} is the very database it would replace."),
    "onto_live": Text("{path} es la base de datos en uso ({db}) o uno de sus archivos: copiar encima la destruiría. "
                      "No se copió nada; elija otro archivo o una carpeta.",
                      "{path} is the database in use ({db}) or one of its files: copying onto it would destroy it. "
                      "Nothing was copied; choose another file or a folder."),
    "not_a_backup": Text("{path} ya existe y no es una copia de Ayni ({problem}); no se tocó. "
                         "Elija otro nombre, o use --force para reemplazarlo.",
                         "{path} already exists and is not an Ayni backup ({problem}); it was left alone. "
                         "Choose another name, or use --force to replace it."),
}


class BackupError(AyniError):
    """A backup or restore refused or failed; the live database is unchanged."""

    MESSAGES = _MESSAGES


@attrs.frozen
class Copy:
    """A verified copy: where it is and the rows of each table it holds."""

    path: Path
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """The number of rows of every table."""
    return {name: conn.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0] for name in _tables(conn)}


def _problem(conn: sqlite3.Connection) -> str | None:
    """What is wrong with a database file, or ``None``."""
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        return str(error)
    if result != ["ok"]:
        return "; ".join(result[:3])
    missing = [t for t in REQUIRED_TABLES if t not in _tables(conn)]
    return f"faltan tablas / missing tables: {', '.join(missing)}" if missing else None


def backup_name(now: dt.datetime | None = None) -> str:
    """``ayni-2026-11-23_1530-12.db``: the Lima time of the copy."""
    moment = to_lima(now or dt.datetime.now(dt.timezone.utc))
    return f"ayni-{moment:%Y-%m-%d_%H%M-%S}{SUFFIX}"


def _target(raw: str | Path, now: dt.datetime | None) -> Path:
    dest = Path(raw)
    if dest.is_dir() or str(raw).endswith(("/", os.sep)):
        dest.mkdir(parents=True, exist_ok=True)
        target = dest / backup_name(now)
        n = 1
        while target.exists():
            target = dest / f"{target.stem.split('+')[0]}+{n}{SUFFIX}"
            n += 1
        return target
    dest.parent.mkdir(parents=True, exist_ok=True)
    return dest


def _files_of(db_path: Path) -> list[Path]:
    """The database and the files SQLite keeps beside it."""
    return [db_path] + [db_path.with_name(db_path.name + end) for end in ("-wal", "-shm", "-journal")]


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` are one file: the same path, or the same device and inode (a symlink,
    a hard link, another spelling of the path)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return False


def _refuse_live(db_path: Path, target: Path) -> None:
    if any(same_file(target, live) for live in _files_of(db_path)):
        raise BackupError("onto_live", path=target, db=db_path)


def _not_a_backup(path: Path) -> str | None:
    """Why an existing file is not an Ayni backup (a verified copy: rollback journal, Ayni's tables),
    or ``None`` when it is one and may be replaced by a newer copy."""
    with open(path, "rb") as handle:
        header = handle.read(100)
    if not header.startswith(b"SQLite format 3\x00") or len(header) < 100:
        return "no es una base de datos SQLite / not an SQLite database"
    if header[18] != 1:  # 2 is WAL: a live database, not a copy made here
        return "es una base de datos en uso (WAL) / a live (WAL) database"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        missing = [t for t in REQUIRED_TABLES if t not in _tables(conn)]
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        conn.close()
    return f"faltan tablas / missing tables: {', '.join(missing)}" if missing else None


def _remove_stale_partials(target: Path) -> None:
    """Remove the ``.partial`` copies interrupted backups left beside ``target`` (its own, and the
    timestamped ones of a backup folder), but not one another backup is writing now (it holds a lock
    on it) nor a file of that name that is not an SQLite copy."""
    own = target.with_name(target.name + PARTIAL)
    for stale in {own, *target.parent.glob(f"ayni-*{SUFFIX}{PARTIAL}")}:
        try:
            with open(stale, "rb") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                if handle.read(16) not in (b"", b"SQLite format 3\x00"):
                    continue
                stale.with_name(stale.name + "-journal").unlink(missing_ok=True)  # never replayed into a new copy
                stale.unlink()
        except OSError:  # locked by a running backup, or not there
            continue


def backup(db_path: str | Path, dest: str | Path, now: dt.datetime | None = None, force: bool = False) -> Copy:
    """Copy the database at ``db_path`` to ``dest`` (a file, or a folder: then a timestamped name) and
    verify the copy. Raises :class:`BackupError` if the copy is not sound, if ``dest`` is the database
    itself or one of its files (by any name: compared by device and inode), or if ``dest`` exists and
    is not an Ayni backup (unless ``force``). The copy is written beside ``dest`` as ``.partial``,
    flushed to the disk, and renamed over ``dest`` only once verified."""
    db_path = Path(db_path)
    if not db_path.is_file():  # connecting would create an empty database there
        raise StoreError("db_missing", path=db_path)
    target = _target(dest, now)
    _refuse_live(db_path, target)
    if target.exists() and not force and (problem := _not_a_backup(target)):
        raise BackupError("not_a_backup", path=target, problem=problem)
    _remove_stale_partials(target)
    partial = target.with_name(target.name + PARTIAL)
    with open(partial, "wb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # this .partial is in use: not stale
        copy = _verified_copy(db_path, target, partial)
    partial.replace(target)
    fsync_folder(target.parent)
    return copy


def _tidy_before_copy(source: sqlite3.Connection) -> None:
    """Merge the search index a little (:func:`~ayni.core.storage.searchindex.tidy_search_index`)
    while the database is being backed up anyway, so that the copy and the live file both search
    faster; a file that cannot be written now (read-only, locked, without a search index yet) is
    copied as it is, since the backup matters more."""
    try:
        tidy_search_index(source)
    except sqlite3.OperationalError:
        pass


def _verified_copy(db_path: Path, target: Path, partial: Path) -> Copy:
    """Copy ``db_path`` into ``partial``, check it and flush it to the disk; ``partial`` is removed if
    anything fails."""
    source = sqlite3.connect(db_path, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        _tidy_before_copy(source)
        source.execute("BEGIN")  # one snapshot: counted, then copied, without writes in between
        expected = row_counts(source)
        source.backup(copy)
        source.execute("COMMIT")
        copy.execute("PRAGMA journal_mode = DELETE")
        problem = _problem(copy)
        if problem is None:
            got = row_counts(copy)
            if got != expected:
                problem = ", ".join(f"{t}: {got.get(t)} ≠ {n}" for t, n in expected.items() if got.get(t) != n)
        if problem is not None:
            raise BackupError("backup_failed", path=target, problem=problem)
    except BaseException:
        copy.close()
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    copy.close()
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    return Copy(target, expected)


def check_restorable(src: str | Path, plugins) -> dict[str, int]:
    """The row counts of ``src`` if it is a sound Ayni database this version knows;
    :class:`BackupError` otherwise."""
    from .sqlitelib import sqlite_utils
    from .store import _check_not_newer, migration_sets

    src = Path(src)
    if not src.is_file():
        raise BackupError("not_ayni", path=src, problem="no existe / does not exist")
    try:
        conn = sqlite3.connect(src)
    except sqlite3.Error as error:
        raise BackupError("not_ayni", path=src, problem=error) from None
    try:
        problem = _problem(conn)
        if problem:
            raise BackupError("not_ayni", path=src, problem=problem)
        try:
            _check_not_newer(sqlite_utils.Database(conn), src, migration_sets(plugins))
        except StoreError as error:
            raise BackupError("newer", path=src, names=error.params.get("names", "")) from None
        return row_counts(conn)
    finally:
        conn.close()


def _kept_name(db_path: Path) -> Path:
    kept = db_path.with_name(db_path.name + BEFORE_RESTORE)
    n = 1
    while kept.exists():
        kept = db_path.with_name(f"{db_path.name}{BEFORE_RESTORE}.{n}")
        n += 1
    return kept


@attrs.frozen
class Restored:
    """What a restore did: the database now holds ``counts``; the one replaced is at ``kept``."""

    kept: Path | None
    counts: dict[str, int]


def restore(src: str | Path, db_path: str | Path, plugins) -> Restored:
    """Replace the database at ``db_path`` with the backup ``src`` (checked first, and never the database
    itself by another name), keeping the replaced one beside it as ``<name>.before-restore``
    (``.before-restore.1`` … if that exists). A missing or empty ``db_path`` is simply filled."""
    src, db_path = Path(src), Path(db_path)
    if any(same_file(src, live) for live in _files_of(db_path)):
        raise BackupError("same_file", path=src)
    counts = check_restorable(src, plugins)
    kept = None
    if db_path.exists() and db_path.stat().st_size:  # an empty file holds nothing to keep
        kept = backup(db_path, _kept_name(db_path)).path
    source = sqlite3.connect(src)
    live = sqlite3.connect(db_path, timeout=30)
    try:
        source.backup(live)
        live.execute("PRAGMA journal_mode = WAL")
        restored = row_counts(live)
    finally:
        source.close()
        live.close()
    if restored != counts:
        raise BackupError("backup_failed", path=db_path, problem="recuento distinto / counts differ")
    return Restored(kept, restored)
