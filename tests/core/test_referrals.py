"""Referrals go through the core, so one specialty can refer to another without importing it."""

from __future__ import annotations

import pytest

from ayni.core import ValidationError, default_plugins
from ayni.core.clinical import encounters, referrals


@pytest.fixture
def plugins():
    """The built-in plugins: their equipment and specialties are what stock and referrals move."""
    return default_plugins()


@pytest.fixture
def encounter(store, campaign, patient):
    return encounters.open_encounter(store, patient.id, "general", "consultation")


def test_a_referral_waits_in_the_destination_list_until_accepted(store, encounter):
    referral = referrals.refer(store, encounter.id, "surgery", "H25.9", urgency="priority")
    assert [r.id for r in referrals.open_referrals(store, "surgery")] == [referral.id]
    referrals.set_status(store, referral.id, "accepted")
    assert referrals.open_referrals(store, "surgery") == []
    previous = store.audit(record_id=referral.id)[-1]["previous"]
    assert '"status": "open"' in previous


@pytest.mark.parametrize("to, reason, urgency, field", [
    ("", "H25.9", "routine", "to"), ("surgery", " ", "routine", "reason"), ("surgery", "H25.9", "ayer", "urgency"),
])
def test_incomplete_referrals_are_refused_and_write_nothing(store, encounter, row_counts, to, reason, urgency, field):
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        referrals.refer(store, encounter.id, to, reason, urgency=urgency)
    assert field in refused.value.fields()
    assert row_counts() == before
