"""What the patient's other encounters hold: the latest triage of this campaign, for a consultation
(its alerts, the referral letter's vital signs); each encounter's latest revision of a form."""

from __future__ import annotations

from ayni.core import EncounterRecord, FormData, of_same_person


def latest_form(store, visit: EncounterRecord, form_key: str) -> dict:
    """The values of ``form_key`` in this visit, else the latest saved in another encounter of the
    same patient and campaign (``{}`` when there is none or no ``store``)."""
    own = visit.form(form_key)
    if own or store is None:
        return own
    rows = store.rows(FormData, "form_data",
                      f"form_key = ? AND encounter_id IN (SELECT id FROM encounters WHERE {of_same_person()} "
                      "AND campaign_id = ? AND id != ?)",
                      [form_key, visit.patient.id, visit.campaign.id, visit.encounter.id],
                      order_by="saved_at DESC, revision DESC")
    return rows[0].data if rows else {}


def latest_revisions(rows: list[FormData]) -> dict[tuple[str, str], FormData]:
    """The latest revision of each form of each encounter among ``rows``, by ``(encounter id, form key)``
    (a correction replaces what it corrects)."""
    latest: dict[tuple[str, str], FormData] = {}
    for data in rows:
        key = (data.encounter_id, data.form_key)
        if key not in latest or data.revision > latest[key].revision:
            latest[key] = data
    return latest
