"""Measurements a rule needs from the whole record, whichever plugin's form recorded them."""

from __future__ import annotations

from decimal import Decimal

from ..model import EncounterStatus, FormData
from ..people.merges import of_same_person
from ..storage.store import Store

#: The field key a form measures the body weight with, in kilograms (triage, growth, a consultation).
WEIGHT = "weight"


def _weighs(spec) -> bool:
    return any(f.key == WEIGHT and f.unit == "kg" for f in spec.fields)


def latest_weight(visit, store: Store | None) -> Decimal | None:
    """The patient's latest body weight in kg recorded in this campaign: in ``visit`` as it would be
    saved, else the newest in the person's other encounters of the campaign (cancelled ones left
    out), from any form with a ``weight`` field in kg; ``None`` when none was recorded."""
    if store is None:
        return _weight(visit.forms.values())
    here = _weight(d for d in visit.forms.values() if d.form_key in _weighing(store))
    if here is not None:
        return here
    return person_weight(store, visit.patient.id, visit.campaign.id, besides=visit.encounter.id)


def person_weight(store: Store, patient_id: str, campaign_id: str, besides: str = "") -> Decimal | None:
    """The person's newest body weight in kg saved in an encounter of the campaign (triage, a
    consultation; cancelled ones and the encounter ``besides`` left out), for a record outside any
    encounter (a surgical pre-op); ``None`` when none was recorded."""
    weighing = _weighing(store)
    if not weighing:
        return None
    marks = ", ".join("?" for _ in weighing)
    rows = store.rows(FormData, "form_data",
                      f"form_key IN ({marks}) AND encounter_id IN (SELECT id FROM encounters WHERE "
                      f"{of_same_person()} AND campaign_id = ? AND status != ? AND id != ?)",
                      [*sorted(weighing), patient_id, campaign_id, EncounterStatus.CANCELLED.value, besides],
                      order_by="saved_at desc, revision desc")
    return _weight(rows)


def _weighing(store: Store) -> set[str]:
    """The keys of the forms that measure the body weight."""
    return {key for key, spec in store.plugins.forms.items() if _weighs(spec)}


def _weight(forms) -> Decimal | None:
    """The weight of the newest of ``forms`` that records one (newest first, or one per form)."""
    for data in sorted(forms, key=lambda d: (d.saved_at, d.revision), reverse=True):
        value = data.data.get(WEIGHT)
        if value not in (None, ""):
            return Decimal(str(value))
    return None
