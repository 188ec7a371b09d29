"""New database files for tests without running every migration from zero each time.

Migrating a new file costs about 0.4 s of CPU and more than a second of fsyncs (each migration is
its own durable transaction), and most tests only need a new, empty, migrated file. A
:class:`StoreFiles` migrates one template per set of migrations and views, once per test process,
and gives each test a copy. The copy gets its own device id (migration ``0009`` made the template's,
and two laptops must never share one); everything else a new file gets only at opening (its user,
that user's audit entry) is made then, by :func:`ayni.core.open_store` itself, as for any file.
``tests/core/test_store_files.py`` checks a copy against a file migrated from zero.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from ayni.core import default_plugins, open_store
from ayni.core.model import new_id
from ayni.core.storage.store import Store, _connect, migrate, migration_sets
from ayni.core.storage.views import analyst_views


def _key(sets, plugins) -> tuple:
    """What makes two new files alike: the migrations that built them and the views they hold."""
    migrations = tuple((s.name, tuple((m.name, m.fn.__module__, m.fn.__qualname__, m.fn.__code__.co_firstlineno)
                                      for m in s._migrations)) for s in sets)
    views = tuple((v.name, v.select) for v in analyst_views(plugins, described=False))
    return migrations, views


def give_new_device_id(path: Path) -> None:
    """Give the closed file at ``path`` a device id of its own. Its rows are guarded against changes,
    so the guards are set aside and put back exactly as they were, in one transaction."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")  # a test's new file need not survive a power cut
        guards = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                              "AND tbl_name IN ('devices', 'this_device')").fetchall()
        device_id = new_id()
        conn.execute("BEGIN IMMEDIATE")
        for name, _ in guards:
            conn.execute(f"DROP TRIGGER [{name}]")
        conn.execute("UPDATE devices SET id = ?", [device_id])
        conn.execute("UPDATE this_device SET device_id = ?", [device_id])
        for _, sql in guards:
            conn.execute(sql)
        conn.execute("COMMIT")
    finally:
        conn.close()


class StoreFiles:
    """New migrated database files, copied from templates kept in ``folder``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.templates: dict[tuple, Path] = {}

    def template(self, plugins) -> Path:
        """The closed template file for ``plugins``, migrated the first time it is asked for."""
        sets = migration_sets(plugins)
        key = _key(sets, plugins)
        if key not in self.templates:
            path = self.folder / f"template-{len(self.templates)}.db"
            db = _connect(path)
            try:
                migrate(db, plugins, sets)
            finally:
                db.close()
            self.templates[key] = path
        return self.templates[key]

    def copy(self, path: Path, plugins=None) -> Path:
        """A new migrated file at ``path`` (which must not exist yet), with its own device id."""
        path = Path(path)
        if path.exists():
            raise FileExistsError(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.template(plugins or default_plugins()), path)
        give_new_device_id(path)
        return path

    def open(self, path: Path, user: str = "admin", plugins=None) -> Store:
        """``open_store(path, user, plugins)`` on a new file at ``path``, as if it were migrated there."""
        plugins = plugins or default_plugins()
        return open_store(self.copy(path, plugins), user=user, plugins=plugins)
