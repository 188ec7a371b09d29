"""Change since last time: a treatment session compared with the same patient's earlier
physiotherapy encounters (its assessment and previous sessions), read from the store.

For each joint movement and side measured in a session, the change is against the latest earlier
measurement of that movement and side; pain is compared within the session (after − before) and
with the previous session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from ayni.core import BODY_SIDES, of_same_person
from ayni.core.clinical.forms import load_json

from . import forms, measures

#: The forms whose measures are followed over time.
TRACKED = (forms.ASSESSMENT.key, forms.SESSION.key)


@attrs.frozen
class Earlier:
    """One earlier physiotherapy encounter of the patient, with its latest tracked forms."""

    encounter_id: str
    opened_at: dt.datetime
    forms: dict[str, dict]


@attrs.frozen
class RomChange:
    """A movement on one side: the value now, and the latest earlier value and when (``None`` for a
    first measurement)."""

    measure: measures.Measure
    side: str
    now: int
    before: int | None = None
    before_at: dt.datetime | None = None

    @property
    def change(self) -> int | None:
        """Now minus before (positive: more range), or ``None`` for a first measurement."""
        return None if self.before is None else self.now - self.before


@attrs.frozen
class SessionProgress:
    """Where a session stands: its number among the patient's sessions in this campaign, the pain
    of the previous session, and the range-of-motion changes."""

    number: int
    previous_pain_before: int | None
    previous_pain_after: int | None
    previous_at: dt.datetime | None
    rom: tuple[RomChange, ...]


def _parse_time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def _iso(moment: dt.datetime) -> str:
    """A time as the store writes it (UTC, ISO), so that stored times compare as text."""
    return moment.astimezone(dt.timezone.utc).isoformat()


def earlier_encounters(store, encounter) -> list[Earlier]:
    """The patient's physiotherapy encounters opened before ``encounter``, oldest first, each with
    the latest revision of its assessment and session forms (those without either are left out)."""
    rows = store.db.execute(
        "SELECT e.id, e.opened_at, f.form_key, f.data, max(f.revision) FROM encounters e "
        "JOIN form_data f ON f.encounter_id = e.id "
        f"WHERE {of_same_person('e.patient_id')} AND e.specialty = ? AND e.id != ? AND e.status != 'cancelled' "
        f"AND f.form_key IN ({', '.join('?' for _ in TRACKED)}) "
        "AND (e.opened_at < ? OR (e.opened_at = ? AND e.rowid < (SELECT rowid FROM encounters WHERE id = ?))) "
        "GROUP BY e.id, f.form_key ORDER BY e.opened_at, e.rowid",
        [encounter.patient_id, forms.SPECIALTY, encounter.id, *TRACKED,
         _iso(encounter.opened_at), _iso(encounter.opened_at), encounter.id],
    ).fetchall()
    found: dict[str, Earlier] = {}
    for encounter_id, opened_at, form_key, data, _ in rows:
        earlier = found.setdefault(encounter_id, Earlier(encounter_id, _parse_time(opened_at), {}))
        earlier.forms[form_key] = load_json(data)
    return list(found.values())


def session_number(store, encounter) -> int:
    """The number of this session among the patient's physiotherapy sessions in its campaign."""
    earlier = [e for e in earlier_encounters(store, encounter) if forms.SESSION.key in e.forms]
    campaign_ids = {row[0]: row[1] for row in store.db.execute(
        f"SELECT id, campaign_id FROM encounters WHERE {of_same_person()}", [encounter.patient_id])}
    return 1 + sum(1 for e in earlier if campaign_ids.get(e.encounter_id) == encounter.campaign_id)


def rom_changes(current: Mapping, earlier: list[Earlier]) -> tuple[RomChange, ...]:
    """For every movement and side in ``current`` (right before left), the change against its
    latest earlier value."""
    last: dict[tuple[str, str], tuple[int, dt.datetime]] = {}
    for visit in earlier:
        for data in visit.forms.values():
            for measure in measures.ROM:
                for side, value in (data.get(measure.key) or {}).items():
                    last[(measure.key, side)] = (int(value), visit.opened_at)
    changes = []
    for measure in measures.ROM:
        pair = current.get(measure.key) or {}
        for side in BODY_SIDES:
            if pair.get(side) is None:
                continue
            before, at = last.get((measure.key, side), (None, None))
            changes.append(RomChange(measure, side, int(pair[side]), before, at))
    return tuple(changes)


def session_progress(store, visit) -> SessionProgress:
    """The progress of the session recorded in ``visit`` against the patient's earlier encounters."""
    earlier = earlier_encounters(store, visit.encounter)
    sessions = [e for e in earlier if forms.SESSION.key in e.forms]
    previous = sessions[-1] if sessions else None
    previous_data = previous.forms[forms.SESSION.key] if previous else {}
    return SessionProgress(
        number=session_number(store, visit.encounter),
        previous_pain_before=previous_data.get("pain_before"),
        previous_pain_after=previous_data.get("pain_after"),
        previous_at=previous.opened_at if previous else None,
        rom=rom_changes(visit.form(forms.SESSION.key), earlier),
    )
