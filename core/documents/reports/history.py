"""A patient's history: every encounter across campaigns and years, newest first, grouped by
campaign; as data for the screen and as a PDF.

Each encounter is described by what its visit summary prints (:func:`ayni.core.documents.pdf.visit_context`:
the plugins' sections, diagnoses, procedures, payment), plus what was handed out and where the
patient was referred.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ...clinical.encounters import EncounterRecord, get_encounter_record
from ...dates import format_date_range, today_in_lima
from ...i18n import DEFAULT_LANG, Text
from ...model import Campaign, Patient
from ...people.merges import kept_id, of_same_person
from .figures import referral_destination
from .scope import ReportError

HISTORY_LABELS: dict[str, Text] = {
    "history": Text("Historia clínica de campañas", "Campaign medical history"),
    "no_encounters": Text("El paciente no tiene atenciones registradas.", "The patient has no encounters on record."),
    "dispensed": Text("Entregado", "Handed out"),
    "referred": Text("Referido a", "Referred to"),
    "encounters_count": Text("atenciones", "encounters"),
    "paid_of": Text("pagó {paid} de {suggested}", "paid {paid} of {suggested}"),
}
URGENCY = {"routine": Text("rutina", "routine"), "priority": Text("prioritaria", "priority"),
           "urgent": Text("urgente", "urgent")}


@attrs.frozen
class CampaignVisits:
    """The encounters of one patient in one campaign, newest first."""

    campaign: Campaign
    visits: tuple[EncounterRecord, ...]


def patient_history(store, patient_id: str) -> tuple[Patient, list[CampaignVisits]]:
    """The patient and their encounters by campaign (newest campaign first, newest encounter first),
    read in one snapshot. Raises :class:`ReportError` for an unknown patient."""
    with store.reading():
        return _read_history(store, patient_id)


def _read_history(store, patient_id: str) -> tuple[Patient, list[CampaignVisits]]:
    from ...people.patients import get

    if store.row("patients", patient_id) is None:
        raise ReportError("unknown_patient", value=patient_id)
    patient = get(store, kept_id(store, patient_id))  # a merged record's history is its person's
    ids = [r[0] for r in store.db.execute(
        f"SELECT id FROM encounters WHERE {of_same_person()} ORDER BY opened_at DESC, rowid DESC", [patient_id])]
    groups: dict[str, list[EncounterRecord]] = {}
    campaigns: dict[str, Campaign] = {}
    for encounter_id in ids:
        visit = get_encounter_record(store, encounter_id)
        campaigns[visit.campaign.id] = visit.campaign
        groups.setdefault(visit.campaign.id, []).append(visit)
    return patient, [CampaignVisits(campaigns[key], tuple(visits)) for key, visits in groups.items()]


def extras(store, visit: EncounterRecord, lang: str) -> dict[str, list[str]]:
    """What was handed out in the encounter, and where the patient was referred, as lines of text."""
    from ...clinical.referrals import of_encounter, reason_text
    from ...stock import dispensed, items

    equipment = items(store)
    given = []
    for lot, n in dispensed(store, visit.encounter.id):
        item = equipment[lot.item_key].label.get(lang) if lot.item_key in equipment else lot.item_key
        detail = store.plugins.describe_stock(lot.item_key, lot.attributes, lang)
        given.append(f"{item}{f' ({detail})' if detail else ''} ×{n}")
    referred = []
    for r in of_encounter(store, visit.encounter.id):
        to = referral_destination(store, r.to)
        urgency = URGENCY[r.urgency].get(lang) if r.urgency in URGENCY else r.urgency
        referred.append(f"{to.get(lang) if isinstance(to, Text) else to} ({urgency}): {reason_text(store.plugins, r, lang)}")
    return {"dispensed": given, "referred": referred}


def history_context(store, patient_id: str, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """Everything ``history.html`` prints, read in one snapshot."""
    with store.reading():
        return _history_context(store, patient_id, lang)


def _history_context(store, patient_id: str, lang: str) -> dict[str, Any]:
    from ..pdf import campaign_context, patient_context, visit_context

    patient, groups = patient_history(store, patient_id)
    latest = groups[0].campaign if groups else None
    if latest is None:
        rows = store.rows(Campaign, "campaigns", "1 = 1", order_by="start_date desc")
        latest = rows[0] if rows else None
    site = None
    if latest is not None and latest.site_id:
        from ...model import Site

        site = store.get(Site, "sites", latest.site_id)
    header = campaign_context(latest, site, lang) if latest else {"name": "Ayni", "site": "", "place": "",
                                                                      "dates": "", "partner": ""}
    return {
        "campaign": header,
        "patient": patient_context(patient, lang, today_in_lima()),
        "title": HISTORY_LABELS["history"].get(lang),
        "groups": [{
            "name": g.campaign.name,
            "dates": format_date_range(g.campaign.start_date, g.campaign.end_date, lang),
            "count": len(g.visits),
            "visits": [{**visit_context(store, v, lang), **extras(store, v, lang)} for v in g.visits],
        } for g in groups],
    }


def render_history(store, patient_id: str, lang: str = DEFAULT_LANG, printed_at: dt.datetime | None = None) -> bytes:
    """The patient's history as PDF bytes."""
    from ..pdf import render

    return render("history.html", history_context(store, patient_id, lang), lang, extra_labels=HISTORY_LABELS,
                  printed_at=printed_at)
