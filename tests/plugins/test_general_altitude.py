"""The site's altitude is typed once a campaign: a new triage starts with the altitude the campaign's
latest triage recorded, never one from another campaign or from a cancelled encounter."""

from __future__ import annotations

import datetime as dt

from ayni.core.campaign import campaigns
from ayni.core.clinical import encounters
from ayni.core.people import patients


def _triage(store, patient, campaign, **values) -> str:
    """A triage of ``patient`` in ``campaign``, saved with ``values`` if any: its id."""
    encounter = encounters.open_encounter(store, patient.id, "general", "triage", campaign.id)
    if values:
        encounters.save(store, encounter.id, forms={"general.triage": values})
    return encounter.id


def _offered(store, encounter_id: str) -> dict:
    return encounters.prefill(store, encounters.get_encounter_record(store, encounter_id), "general.triage")


def test_a_new_triage_starts_with_the_altitude_its_campaign_last_recorded(store, campaign, patient, patient_form):
    other = patients.register(store, patient_form(given_names="Luz", id_number="45123456"))
    assert "altitude" not in _offered(store, _triage(store, patient, campaign))  # nothing recorded yet
    _triage(store, patient, campaign, heart_rate="80", altitude="3500")
    assert _offered(store, _triage(store, other, campaign))["altitude"] == "3500"
    _triage(store, other, campaign, heart_rate="82", altitude="3460")  # corrected at a later triage
    assert _offered(store, _triage(store, patient, campaign))["altitude"] == "3460"


def test_another_campaigns_or_a_cancelled_triages_altitude_is_not_offered(store, campaign, patient):
    today = campaign.start_date
    coast = campaigns.create(store, "Campaña Ica", "medical", today, today + dt.timedelta(days=2),
                             site=campaigns.new_site("Posta de Ica", region="Ica"))
    mistaken = _triage(store, patient, campaign, heart_rate="80", altitude="3500")
    encounters.cancel(store, mistaken, "estación equivocada")
    assert "altitude" not in _offered(store, _triage(store, patient, campaign))
    _triage(store, patient, campaign, heart_rate="80", altitude="3500")
    assert "altitude" not in _offered(store, _triage(store, patient, coast))  # Ica is at sea level
