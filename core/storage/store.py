"""The one SQLite file: connection settings, migrations, audited writes and record look-ups.

Every write goes through :meth:`Store.write`, one transaction that also appends to the audit log
with the user and the time; if anything inside fails, nothing is written.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StoreError, WriteError
from ..model import User, new_id, utcnow
from ..people.names import install_sql_functions
from .auditchain import append as append_audit
from .convert import from_row, to_row
from .formnumbers import forms_known
from .views import analyst_views, refresh_views

if TYPE_CHECKING:  # sqlite-utils (and the migrations built on it) are imported when a store is opened,
    import sqlite_utils  # not at start-up: the UI paints its first screen without them

    from ..hooks.plugins import Plugins  # loaded when a store opens, like the plugins it lists

BUSY_TIMEOUT_MS = 10_000


def default_db_path() -> Path:
    """``AYNI_DB`` if set, else ``ayni.db`` in the user's data directory."""
    if os.environ.get("AYNI_DB"):
        return Path(os.environ["AYNI_DB"])
    import platformdirs

    return Path(platformdirs.user_data_dir("ayni", appauthor=False)) / "ayni.db"


class Store:
    """An open Ayni database, the user writing to it, and the plugins that give it meaning."""

    def __init__(self, db: sqlite_utils.Database, path: Path, user: User, plugins: Plugins):
        self.db = db
        self.path = path
        self.user = user
        self.plugins = plugins
        self.session = None  # a users.Session once someone logs in with a PIN (see ayni.core.people.users)

    # -- writing -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def write(self, checked: bool = True):
        """A transaction: everything inside is written together, or not at all.

        The outermost one takes the write lock at once (``BEGIN IMMEDIATE``), so what is read inside
        it (the next form revision, an identifier already taken) cannot change before it commits,
        and another process writing waits for the busy timeout instead of failing (then retries
        :data:`BUSY_RETRIES` times more). Nested calls are savepoints. With access control on, someone
        must be logged in (``checked=False`` only for recording a login attempt itself). A database
        error rolls back and is raised as a :class:`WriteError` naming the file (``disk_full`` for a
        full disk; ``db_write_failed`` for a read-only file, a lock held too long, a rule such as «never
        deleted»), so the screen that asked can say so and keep what was typed.
        """
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self
            return
        if checked:
            from ..people.users import check_session

            check_session(self)
        try:
            _begin_immediate(conn)
            try:
                yield self
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except WriteError:
            raise
        except sqlite3.Error as error:
            if _is_full(error):
                raise WriteError("disk_full", path=self.path) from error
            raise WriteError("db_write_failed", path=self.path, error=error) from error

    def insert(self, table: str, record, derived: dict | None = None) -> None:
        """Insert a new record and audit it. Must be called inside :meth:`write`. ``derived`` columns
        (computed from the record, such as search words) are written in the same row, not audited."""
        row = to_row(record)
        from sqlite_utils.db import jsonify_if_needed

        written = {**row, **(derived or {})}
        # one prepared INSERT: sqlite-utils' insert lists the tables and reads the schema on every call
        with _naming_unknown_references(self.db, table, row):
            self.db.execute(f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in written)}) "
                            f"VALUES ({', '.join('?' for _ in written)})",
                            [jsonify_if_needed(v) for v in written.values()])
        self._audit("insert", table, row["id"], row, None)

    def update(self, table: str, record, derived: dict | None = None) -> None:
        """Replace a record with a new version, keeping the old one in the audit log; ``derived`` as
        for :meth:`insert`."""
        row = to_row(record)
        cursor = self.db.execute(f"SELECT * FROM [{table}] WHERE id = ?", [row["id"]])
        previous = cursor.fetchone()
        if previous is None:
            raise StoreError("not_found", what=table, id=row["id"])
        names = [d[0] for d in cursor.description]
        from sqlite_utils.db import jsonify_if_needed

        written = {**row, **(derived or {})}
        # one prepared UPDATE, as for insert: sqlite-utils' update lists the tables and reads the schema each call
        with _naming_unknown_references(self.db, table, row):
            self.db.execute(f"UPDATE [{table}] SET {', '.join(f'[{c}] = ?' for c in written)} WHERE id = ?",
                            [*(jsonify_if_needed(v) for v in written.values()), row["id"]])
        self._audit("update", table, row["id"], row, dict(zip(names, previous)))

    def note(self, action: str, table: str, record_id: str, data: dict) -> None:
        """Audit what is not a row change of its own (why a payment replaces another). Inside :meth:`write`."""
        self._audit(action, table, record_id, data, None)

    def _audit(self, action: str, table: str, record_id: str, data: dict, previous: dict | None):
        append_audit(self.db, [{
            "at": utcnow().isoformat(),
            "user_id": self.user.id,
            "action": action,
            "table_name": table,
            "record_id": record_id,
            "data": json.dumps(data, ensure_ascii=False, default=str),
            "previous": json.dumps(previous, ensure_ascii=False, default=str) if previous else None,
        }])

    # -- reading -----------------------------------------------------------------------------

    def get(self, cls, table: str, record_id: str):
        """The record ``record_id`` of ``table`` as ``cls``; :class:`StoreError` if there is none."""
        row = self.row(table, record_id)
        if row is None:
            raise StoreError("not_found", what=table, id=record_id)
        return from_row(cls, row)

    def row(self, table: str, record_id: str) -> dict | None:
        """The raw row, or ``None``."""
        rows = self._select(table, "id = ?", [record_id], limit=1)
        return rows[0] if rows else None

    def rows(self, cls, table: str, where: str, params=(), order_by: str | None = None) -> list:
        """Every record of ``table`` matching ``where``, as ``cls``."""
        return [from_row(cls, r) for r in self._select(table, where, list(params), order_by)]

    def _select(self, table: str, where: str, params: list, order_by: str | None = None,
                limit: int | None = None) -> list[dict]:
        # plain SQL: sqlite-utils' rows_where first lists every table and view to check the table exists,
        # which cost more than the query itself on each of the thousands of reads of a save or a demo
        sql = f"SELECT * FROM [{table}] WHERE {where}"
        sql += f" ORDER BY {order_by}" if order_by else ""
        sql += f" LIMIT {int(limit)}" if limit is not None else ""
        cursor = self.db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def audit(self, record_id: str | None = None, user_id: str | None = None) -> list[dict]:
        """Audit entries, oldest first, optionally for one record or one user."""
        clauses, params = [], []
        if record_id:
            clauses.append("record_id = ?")
            params.append(record_id)
        if user_id:
            clauses.append("user_id = ?")
            params.append(user_id)
        return list(self.db["audit_log"].rows_where(" AND ".join(clauses) or None, params, order_by="id"))

    @contextlib.contextmanager
    def reading(self):
        """One consistent snapshot for several reads: everything read inside sees the database as it
        was at the start, whatever other stations commit meanwhile (a report's totals always equal
        the sum of their parts).

        A deferred ``BEGIN`` and a first read fix the snapshot; it takes no write lock, so writers
        elsewhere are not held up. Nested calls, and calls inside :meth:`write` (whose transaction
        is consistent already), just read in the transaction under way. It ends with ``COMMIT``,
        which releases the snapshot. Start writes outside it: a write inside would have to bring an
        old snapshot up to date, which SQLite refuses once another station has written since.
        """
        conn = self.db.conn
        if conn.in_transaction:
            yield self
            return
        conn.execute("BEGIN")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts at the first read
            yield self
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    def close(self) -> None:
        self.db.close()


BUSY_RETRIES = 5


@contextlib.contextmanager
def _naming_unknown_references(db: sqlite_utils.Database, table: str, row: dict):
    """A write of ``row`` that SQLite refuses for a foreign key (a user, an encounter … that does not
    exist) is raised as a :class:`WriteError` naming the column and the value, not SQLite's bare
    «FOREIGN KEY constraint failed»."""
    try:
        yield
    except sqlite3.IntegrityError as error:
        for key in db[table].foreign_keys:
            value = row.get(key.column)
            if value is not None and db.execute(f"SELECT 1 FROM [{key.other_table}] WHERE [{key.other_column}] = ?",
                                                [value]).fetchone() is None:
                raise WriteError("db_unknown_reference", table=table, column=key.column, value=value,
                                 parent=key.other_table) from error
        raise


def _begin_immediate(conn: sqlite3.Connection) -> None:
    """``BEGIN IMMEDIATE``, retried (with a short growing pause) if the write lock stays busy past the
    busy timeout, so a long queue of writers never shows «database is locked» to a person."""
    for attempt in range(BUSY_RETRIES + 1):
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error) or attempt == BUSY_RETRIES:
                raise
            time.sleep(0.05 * (attempt + 1))


def _is_full(error: BaseException) -> bool:
    """SQLite's SQLITE_FULL: «database or disk is full»."""
    return isinstance(error, sqlite3.OperationalError) and (
        getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "is full" in str(error))


def _refuse_missing(path: Path) -> None:
    """Only ``ayni init`` makes a database: a missing folder (a USB stick not mounted), a missing file or
    an empty one is refused, so nobody starts typing into a fresh, empty campaign by mistake."""
    if not path.parent.is_dir():
        raise StoreError("db_no_folder", path=path, folder=path.parent)
    if not path.exists():
        raise StoreError("db_missing", path=path)
    if path.is_file() and path.stat().st_size == 0:
        raise StoreError("db_empty", path=path)


def _connect(path: Path, create: bool = True) -> sqlite_utils.Database:
    from .sqlitelib import sqlite_utils

    return sqlite_utils.Database(_connect_sqlite(path, create), execute_plugins=False)


def _connect_sqlite(path: Path, create: bool = True) -> sqlite3.Connection:
    if str(path) != ":memory:":
        if not create:
            _refuse_missing(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError("db_unwritable", path=path, error=error.strerror or error) from None
        if path.exists() and not os.access(path, os.W_OK):
            raise StoreError("db_unwritable", path=path, error="permiso denegado / permission denied")
        if not path.exists() and not os.access(path.parent, os.W_OK):
            raise StoreError("db_unwritable", path=path.parent, error="permiso denegado / permission denied")
    conn = None
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        install_sql_functions(conn)  # the patient search index's triggers call them
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")  # NORMAL in WAL can lose saves already shown as saved on a power cut
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        if conn is not None:
            conn.close()
        raise _open_error(error, path) from None
    return conn


def _open_error(error: sqlite3.DatabaseError, path: Path) -> StoreError:
    """What a SQLite error while opening or migrating means for a person."""
    if _is_full(error):
        return StoreError("disk_full", path=path)
    if "readonly" in str(error) or "unable to open" in str(error):
        return StoreError("db_unwritable", path=path, error=error)
    return StoreError("db_corrupt", path=path, error=error)


def _check_not_newer(db: sqlite_utils.Database, path: Path, migration_sets) -> None:
    """Refuse a database with migrations this version does not know: it came from a newer Ayni."""
    if not db["_sqlite_migrations"].exists():
        return
    known = {(m.name, x.name) for m in migration_sets for x in m._migrations}
    sets = {m.name for m in migration_sets}
    unknown = [
        f"{r['migration_set']}/{r['name']}"
        for r in db["_sqlite_migrations"].rows
        if r["migration_set"] in sets and (r["migration_set"], r["name"]) not in known
    ]
    if unknown:
        raise StoreError("db_newer", path=path, names=", ".join(unknown))


def check_file(path: str | Path) -> None:
    """Refuse (:class:`StoreError`) a file that is missing, empty, not a database or cannot be written,
    quickly: no plugins loaded, nothing migrated (what a command checks before a slower start)."""
    _connect_sqlite(Path(path), create=False).close()


def migration_sets(plugins: Plugins) -> list:
    """The core migrations first, then each plugin's."""
    from .migrations import core as core_migrations

    return [core_migrations, *[m for m in plugins.hook.ayni_migrations() if m]]


def migrate(db: sqlite_utils.Database, plugins: Plugins, sets: list) -> None:
    """Apply what is pending of the migration ``sets`` (:func:`migration_sets` of ``plugins``) and
    recreate the analyst views whose definition changed: all that opening a file does to it before
    naming its user."""
    with forms_known(plugins.forms):  # a migration of form data reads the forms' specs
        for migrations in sets:
            migrations.apply(db)
    refresh_views(db, analyst_views(plugins, described=False))


def open_store(path: str | Path | None = None, user: str = "admin", plugins: Plugins | None = None,
               create: bool = True) -> Store:
    """Open (migrating if needed) the database at ``path`` as ``user``.

    With ``create`` (the default) a missing or empty file becomes a new database, as a script, a test
    or a plugin author opening a file in a fresh folder expects; that has always been the API's
    behaviour and keeping it as the default breaks none of them. What a person drives (the
    ``ayni`` commands other than ``init``, the terminal UI) passes ``create=False``: then a missing
    folder, a missing file or an empty one is refused with ``db_no_folder``, ``db_missing`` or
    ``db_empty``, and nothing is created.

    Raises :class:`StoreError` with a clear message for a damaged file, a database from a newer
    Ayni, a path that cannot be written, or a full disk.
    """
    path = Path(path) if path is not None else default_db_path()
    from ..hooks.plugins import default_plugins

    plugins = plugins or default_plugins()
    db = _connect(path, create)
    try:
        sets = migration_sets(plugins)
        _check_not_newer(db, path, sets)
        migrate(db, plugins, sets)
        store = Store(db, path, User(id="", name=user), plugins)
        store.user = ensure_user(store, user)
    except sqlite3.DatabaseError as error:
        db.close()
        raise _open_error(error, path) from None
    except BaseException:
        db.close()
        raise
    return store


def ensure_user(store: Store, name: str, role: str = "clinician") -> User:
    """The user called ``name``, created (and audited as themselves) on first use; a name that is not
    plain text is refused (:class:`~ayni.core.errors.ValidationError`) before anything is written."""
    from ..people.users import access_control_on, check_name

    name = check_name(name)
    rows = list(store.db["users"].rows_where("name = ?", [name], limit=1))
    if rows:
        return from_row(User, rows[0])

    if access_control_on(store.db):  # only an admin adds users now; this name may only log in
        return User(id="", name=name, role="")
    user = User(id=new_id(), name=name, role=role)
    store.user = user
    with store.write():
        store.insert("users", user)
    return user
