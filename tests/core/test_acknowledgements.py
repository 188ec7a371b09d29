"""Warnings that need an acknowledgement, from any plugin's ``ayni_validate_encounter``: a save with
one is refused listing it and writes nothing; with a reason it is written and the reason kept with
the encounter (who, when, which warning, why) and audited; a refusal beside a warning still refuses;
the latest weight of the campaign is found in any plugin's form with a ``weight`` in kg."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ayni.core import (
    FieldError, NeedsAcknowledgement, SoftStop, Text, ValidationError, hookimpl, latest_weight, load_plugins,
)
from ayni.core.campaign import campaigns
from ayni.core.clinical import acknowledgements
from ayni.core.clinical import encounters as enc
from ayni.core.dates import today_in_lima

HEIGHT = Text("Talla", "Height")


class TallWarner:
    """Warns about a height above 200 cm, refuses one above 220 cm (clinic's vitals)."""

    @hookimpl
    def ayni_validate_encounter(self, visit):
        """A soft stop above 200 cm, a hard one above 220 cm."""
        height = visit.form("clinic.vitals").get("height") or 0
        if height > 220:
            return [FieldError("height", "out_of_range", HEIGHT, {"min": 30, "max": 220, "unit": "cm"})]
        if height > 200:
            return [SoftStop("height", "clinic.tall", HEIGHT, {"cm": height},
                             text=Text("{field}: {cm} cm es muy alto; confirme.", "{field}: {cm} cm is very tall; confirm."),
                             subject="vitals")]
        return []


@pytest.fixture
def plugins(clinic):
    return load_plugins(extra=[clinic, TallWarner()])


@pytest.fixture
def encounter(store, patient):
    return enc.open_encounter(store, patient.id, "clinic", "triage")


TALL = {"clinic.vitals": {"weight": "80", "height": "205"}}


def test_a_warning_refuses_the_save_listing_it_and_writes_nothing(store, encounter, row_counts):
    before = row_counts()
    with pytest.raises(NeedsAcknowledgement) as warned:
        enc.save(store, encounter.id, forms=TALL)
    [warning] = warned.value.warnings
    assert warning.code == "clinic.tall:vitals"
    assert warned.value.message("es") == "Aviso que requiere un motivo para guardar: Talla: 205 cm es muy alto; confirme."
    assert "205 cm is very tall" in warned.value.message("en")
    assert row_counts() == before


def test_with_a_reason_it_is_saved_and_the_reason_kept_and_audited(store, encounter):
    visit = enc.save(store, encounter.id, forms=TALL, acknowledged={"clinic.tall:vitals": "medido dos veces"})
    assert visit.form("clinic.vitals")["height"] == 205
    [kept] = acknowledgements.of_encounter(store, encounter.id)
    assert (kept.warning, kept.message, kept.message_en, kept.reason, kept.acknowledged_by) == (
        "clinic.tall:vitals", "Talla: 205 cm es muy alto; confirme.", "Height: 205 cm is very tall; confirm.",
        "medido dos veces", store.user.id)
    assert kept.acknowledged_at is not None
    assert [a["action"] for a in store.audit(kept.id)] == ["insert"]
    with pytest.raises(Exception, match="append-only"):  # a reason given is never changed
        store.db.execute("UPDATE acknowledgements SET reason = 'otro' WHERE id = ?", [kept.id])


def test_a_refusal_beside_a_warning_refuses_whatever_reasons_are_given(store, encounter, row_counts):
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        enc.save(store, encounter.id, forms={"clinic.vitals": {"weight": "80", "height": "225"}},
                 acknowledged={"clinic.tall:vitals": "medido dos veces"})
    assert not isinstance(refused.value, NeedsAcknowledgement)
    assert row_counts() == before


def test_a_reason_for_a_warning_not_raised_is_not_kept(store, encounter):
    enc.save(store, encounter.id, forms={"clinic.vitals": {"weight": "80", "height": "170"}},
             acknowledged={"clinic.tall:vitals": "por si acaso"})
    assert acknowledgements.of_encounter(store, encounter.id) == []


def test_the_latest_weight_of_the_campaign_comes_from_any_plugins_form(store, patient, encounter):
    enc.save(store, encounter.id, forms={"clinic.vitals": {"weight": "61.5"}})
    later = enc.open_encounter(store, patient.id, "clinic", "consult")
    assert latest_weight(enc.get_encounter_record(store, later.id), store) == Decimal("61.5")
    enc.save(store, encounter.id, forms={"clinic.vitals": {"weight": "62"}})
    assert latest_weight(enc.get_encounter_record(store, later.id), store) == Decimal("62")
    other = enc.open_encounter(store, patient.id, "clinic", "consult",
                               campaign_id=_other_campaign(store))
    assert latest_weight(enc.get_encounter_record(store, other.id), store) is None


def _other_campaign(store) -> str:
    today = today_in_lima()
    return campaigns.create(store, "Campaña Pisac", "medical", today, today + dt.timedelta(days=2)).id
