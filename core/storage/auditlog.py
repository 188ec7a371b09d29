"""Reading the audit log: who did what, to which patient, on which day (for the coordinator).

:func:`entries` filters by patient (their registration, encounters and everything written under
those encounters or about them: forms, procedures, diagnoses, payments, stock, referrals, queue
steps), by user (name) and by day (Lima time). Reading it needs the ``audit.read`` permission.
"""

from __future__ import annotations

import datetime as dt
import json

import attrs

from ..people.merges import of_same_person
from ..people.users import require
from .store import Store

#: Tables whose rows belong to an encounter through an ``encounter_id`` column.
_UNDER_ENCOUNTER = ("form_data", "procedures", "diagnoses", "payments", "stock_movements", "referrals", "queue")


@attrs.frozen
class Entry:
    """One audit entry, with the name of who wrote it."""

    id: int
    at: dt.datetime
    user_id: str
    user_name: str
    action: str
    table_name: str
    record_id: str
    data: dict

    def summary(self, width: int = 80) -> str:
        """The written values on one line, shortened to ``width`` characters."""
        text = ", ".join(f"{k}={v}" for k, v in self.data.items() if k != "id" and v not in (None, "", "[]", "{}"))
        return text if len(text) <= width else text[: width - 1] + "…"


def _patient_records(store: Store, patient_id: str) -> tuple[str, list]:
    """SQL matching ``record_id`` against every record of a patient (and of records merged into
    theirs), and its parameters."""
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    parts = [of_same_person("record_id"), f"record_id IN (SELECT id FROM encounters WHERE {of_same_person()})"]
    params = [patient_id, patient_id]
    for table in _UNDER_ENCOUNTER:
        if table not in tables:
            continue
        columns = {c.name for c in store.db[table].columns}
        if "patient_id" in columns:
            parts.append(f"record_id IN (SELECT id FROM [{table}] WHERE {of_same_person()})")
            params.append(patient_id)
        if "encounter_id" in columns:
            parts.append(f"record_id IN (SELECT id FROM [{table}] WHERE encounter_id IN "
                         f"(SELECT id FROM encounters WHERE {of_same_person()}))")
            params.append(patient_id)
    return "(" + " OR ".join(parts) + ")", params


def entries(store: Store, patient_id: str | None = None, user: str | None = None, day: dt.date | None = None,
            limit: int = 500) -> list[Entry]:
    """Audit entries, newest first, filtered by patient id, user name (accents and case as typed)
    and Lima day; at most ``limit``."""
    from ..campaign.stations import _day_bounds

    require(store, "audit.read")
    clauses, params = [], []
    if patient_id:
        clause, more = _patient_records(store, patient_id)
        clauses.append(clause)
        params += more
    if user:
        clauses.append("audit_log.user_id IN (SELECT id FROM users WHERE name = ? COLLATE NOCASE)")
        params.append(user.strip())
    if day:
        start, end = _day_bounds(day)
        clauses.append("audit_log.at >= ? AND audit_log.at < ?")
        params += [start, end]
    where = " AND ".join(clauses) or "1 = 1"
    rows = store.db.execute(
        "SELECT audit_log.id, audit_log.at, audit_log.user_id, coalesce(users.name, ''), audit_log.action, "
        "audit_log.table_name, audit_log.record_id, audit_log.data FROM audit_log "
        f"LEFT JOIN users ON users.id = audit_log.user_id WHERE {where} ORDER BY audit_log.id DESC LIMIT ?",
        [*params, limit]).fetchall()
    return [Entry(r[0], dt.datetime.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6] or "",
                  _json(r[7])) for r in rows]


def _json(text: str | None) -> dict:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
