"""A process saving encounters is killed with SIGKILL in the middle of its work: the file is sound,
every save it confirmed is there, and no save is there in part."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from ayni.core.storage.auditchain import verify

import workers

CONFIRMATIONS = 37  # kill after this many confirmed saves, while the next ones are being written


def test_kill_9_mid_save_loses_nothing_confirmed(shared_db):
    script = Path(workers.__file__)
    child = subprocess.Popen([sys.executable, str(script), "save", str(shared_db)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    confirmed = []
    try:
        for line in child.stdout:
            confirmed.append(line.strip())
            if len(confirmed) == CONFIRMATIONS:
                os.kill(child.pid, signal.SIGKILL)
                break
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
    assert len(confirmed) == CONFIRMATIONS, child.stderr.read()
    assert child.returncode == -signal.SIGKILL

    conn = sqlite3.connect(shared_db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {r[0] for r in conn.execute("SELECT id FROM encounters")}
        assert set(confirmed) <= stored
        # each encounter was opened and saved in one transaction: all of it, or none of it
        partial = conn.execute(
            "SELECT encounters.id FROM encounters "
            "WHERE (SELECT count(*) FROM form_data WHERE encounter_id = encounters.id) != ? "
            "OR (SELECT count(*) FROM procedures WHERE encounter_id = encounters.id) != 1",
            [workers.FORMS_PER_SAVE]).fetchall()
        assert partial == []
        audited = {r[0] for r in conn.execute("SELECT record_id FROM audit_log WHERE table_name = 'encounters'")}
        assert stored <= audited
        assert verify(conn).whole
    finally:
        conn.close()
