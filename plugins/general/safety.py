"""The prescription's checks beyond the dose (``ayni_validate_encounter``), with the formulary's
safety data (:mod:`.cautions`, :mod:`.interactions`) and the core's checks
(:mod:`ayni.core.clinical.prescribing`):

- pregnancy, read from the record by :func:`ayni.core.pregnancy_status` with this visit's SRH form;
- breastfeeding, as the SRH form of this visit (else the latest in the campaign) records it;
- duplicate therapy and interactions, in this prescription and against what was prescribed to the
  person in this campaign and is still running (its days not over on the day of the encounter).
"""

from __future__ import annotations

import datetime as dt

from ayni.core import EncounterRecord, EncounterStatus, FieldError, FormData, of_same_person, pregnancy_status
from ayni.core.clinical.prescribing import (
    Prescribed, breastfeeding_stops, duplicate_stops, interaction_stops, pregnancy_stops,
)
from ayni.core.dates import to_lima

from .cautions import GROUP_OF, GROUPS, PREGNANCY
from .forms import BREASTFEEDING, PRESCRIPTION, SRH
from .formulary import BY_KEY
from .interactions import INTERACTIONS
from .record import latest_form

_FIELD = PRESCRIPTION.field("items")


def _prescribed(key: str, since: dt.date | None = None) -> Prescribed:
    return Prescribed(key, BY_KEY[key].medicine.label, GROUP_OF.get(key, ""), since)


def _lines(values: dict) -> list[dict]:
    return [line for line in values.get("items") or [] if line.get("medicine") in BY_KEY]


def running(visit: EncounterRecord, store, day: dt.date) -> list[Prescribed]:
    """The medicines prescribed to the person in the campaign's other encounters (cancelled ones
    left out; the latest prescription of each) whose course is not over on ``day``."""
    if store is None:
        return []
    rows = store.rows(FormData, "form_data",
                      f"form_key = ? AND encounter_id IN (SELECT id FROM encounters WHERE {of_same_person()} "
                      "AND campaign_id = ? AND status != ? AND id != ?)",
                      [PRESCRIPTION.key, visit.patient.id, visit.campaign.id, EncounterStatus.CANCELLED.value,
                       visit.encounter.id], order_by="revision")
    latest = {row.encounter_id: row for row in rows}
    found = []
    for data in latest.values():
        since = to_lima(data.saved_at).date()
        for line in _lines(data.data):
            if since + dt.timedelta(days=int(line.get("days") or 1)) > day:
                found.append(_prescribed(line["medicine"], since))
    return found


def safety_stops(visit: EncounterRecord, store, day: dt.date) -> list[FieldError]:
    """The refusals and warnings of the visit's prescription for pregnancy, breastfeeding,
    duplicate therapy and interactions on ``day``; ``[]`` when there is nothing to say."""
    new = [_prescribed(line["medicine"]) for line in _lines(visit.form(PRESCRIPTION.key))]
    if not new:
        return []
    before = running(visit, store, day)
    status = pregnancy_status(store, visit.patient.id, day, visit) if store is not None else None
    found: list[FieldError] = []
    if status is not None:
        found += pregnancy_stops(_FIELD.key, _FIELD.label, new, PREGNANCY, status, visit.patient, day,
                                 PRESCRIPTION.key)
    if latest_form(store, visit, SRH.key).get(BREASTFEEDING.key) is True:
        found += breastfeeding_stops(_FIELD.key, _FIELD.label, new, PREGNANCY)
    return [*found, *duplicate_stops(_FIELD.key, _FIELD.label, new, before, GROUPS),
            *interaction_stops(_FIELD.key, _FIELD.label, new, before, INTERACTIONS)]
