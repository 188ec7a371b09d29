"""A merge killed with SIGKILL in the middle of its transaction leaves the database as it was: the
file is sound, no row of the export is there, the audit chain verifies, and the same merge then
runs whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from ayni.core import open_store
from ayni.core.people import patients
from ayni.core.storage.auditchain import verify
from ayni.core.storage.backup import row_counts
from ayni.core.storage.devices import set_letter
from ayni.core.storage.exchange import export
from ayni.core.storage.merge import merge

import merge_worker

PEOPLE = 40


def test_kill_9_mid_merge_leaves_the_database_as_it_was(shared_db, tmp_path):
    other = open_store(tmp_path / "other.db", user="otra")
    set_letter(other, "B")
    for n in range(PEOPLE):
        patients.register(other, {"given_names": f"Otra {n}", "paternal_surname": "Ccori", "maternal_surname": "",
                                  "sex": "F", "age_years": "30", "id_kind": "none"})
    file = export(other, tmp_path / "other.ayni").path
    other.close()
    target = open_store(shared_db, user="coordinadora")
    before = row_counts(target.db.conn)
    target.close()

    child = subprocess.Popen([sys.executable, str(Path(merge_worker.__file__)), str(shared_db), str(file)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "halfway", child.stderr.read()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    store = open_store(shared_db, user="coordinadora")
    try:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert row_counts(store.db.conn) == before
        assert verify(store.db).whole
        report = merge(store, file)  # nothing half-done stands in the way of the whole merge
        assert report.added["patients"] == PEOPLE
        assert len(patients.search(store, "otra")) == 20  # the search index took them in too (limit 20)
    finally:
        store.close()
