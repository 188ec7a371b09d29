"""What the patient's other encounters hold: the latest triage of this campaign, for a consultation
(its alerts, the referral letter's vital signs)."""

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
