"""The site's altitude, typed once a campaign: a new triage starts with the altitude the campaign's
latest triage recorded, so the SpO2 threshold of a site in the Andes (below 87 % from 2,500 m) is not
left to the sea-level one because a busy nurse skipped the field."""

from __future__ import annotations

from .forms import TRIAGE

ALTITUDE = "altitude"


def altitude_prefill(store, visit) -> dict[str, str]:
    """``{"altitude": "3500"}`` from the latest triage of ``visit``'s campaign that recorded one (none
    cancelled), or nothing."""
    row = store.db.execute(
        "SELECT json_extract(f.data, '$.altitude') FROM form_data f JOIN encounters e ON e.id = f.encounter_id "
        "WHERE e.campaign_id = ? AND e.status != 'cancelled' AND f.form_key = ? "
        "AND json_extract(f.data, '$.altitude') IS NOT NULL ORDER BY f.saved_at DESC, f.rowid DESC LIMIT 1",
        [visit.encounter.campaign_id, TRIAGE.key]).fetchone()
    return {ALTITUDE: str(row[0])} if row else {}
