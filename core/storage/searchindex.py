"""Keeping the patient search index (``patient_search_fts``) in few segments.

Every write transaction that touches the index (a registration, and every encounter, which moves
its patient to the front of the seen-most-recently order) adds a small segment to it, and each
search looks every term up in every segment. FTS5 merges segments as it goes (``automerge``), but
only four of one size at a time, so a busy index settles at fifteen to twenty-five segments. The
core's migration ``0021_search_index_merge_policy`` sets ``usermerge`` to 2, so that
:func:`tidy_search_index`, run at quiet moments (a cash day close, a backup), merges any two
segments of one size, a bounded step at a time, each step its own short transaction.
"""

from __future__ import annotations

import sqlite3

#: Index pages one merge step may write (about 20 ms of work), and steps in one tidying at most:
#: a merge that reaches the index's largest segment (rewriting it takes about a second at 100,000
#: patients) is carried on by the next tidying, never one long pause.
MERGE_PAGES = 200
MERGE_STEPS = 20


def tidy_search_index(conn: sqlite3.Connection, steps: int = MERGE_STEPS) -> int:
    """Merge segments of the search index, at most ``steps`` steps of :data:`MERGE_PAGES` pages,
    each committed on its own; stops early once nothing is left to merge. Search answers stay the
    same. Returns the steps that merged something. Inside a transaction it does nothing: that
    transaction is its caller's, not to be split into steps or held open longer."""
    if conn.in_transaction:
        return 0
    for done in range(steps):
        before = conn.total_changes
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("INSERT INTO patient_search_fts (patient_search_fts, rank) VALUES ('merge', ?)", [MERGE_PAGES])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if conn.total_changes - before < 2:  # FTS5's sign that there was nothing to merge
            return done
    return steps
