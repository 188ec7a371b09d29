"""Ten processes, each with its own connection, save 400 encounters each on one file at once:
every write arrives, none half, and nobody sees «database is locked»."""

from __future__ import annotations

import multiprocessing
import sqlite3

import pytest

from ayni.core.storage.auditchain import verify

import workers

WRITERS, EACH = 10, 400


@pytest.mark.slow
def test_ten_writers_lose_nothing(shared_db):
    context = multiprocessing.get_context("spawn")
    with context.Pool(WRITERS) as pool:
        results = pool.starmap(workers.write_many, [(str(shared_db), n, EACH) for n in range(WRITERS)])
    errors = [e for _, found in results for e in found]
    assert errors == []  # in particular no «database is locked»
    assert [saved for saved, _ in results] == [EACH] * WRITERS
    conn = sqlite3.connect(shared_db)
    try:
        assert conn.execute("SELECT count(*) FROM encounters").fetchone()[0] == WRITERS * EACH
        assert conn.execute("SELECT count(*) FROM form_data").fetchone()[0] == WRITERS * EACH * workers.FORMS_PER_SAVE
        assert conn.execute("SELECT count(*) FROM procedures").fetchone()[0] == WRITERS * EACH
        per_writer = dict(conn.execute(
            "SELECT users.name, count(*) FROM encounters JOIN users ON users.id = encounters.opened_by "
            "GROUP BY users.name").fetchall())
        assert per_writer == {f"writer{n}": EACH for n in range(WRITERS)}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert verify(conn).whole  # the audit chain never forked
    finally:
        conn.close()
