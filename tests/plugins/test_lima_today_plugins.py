"""The specialties count «today» in Lima's days, whatever the zone of the laptop's clock: weeks of
pregnancy, and which lots are still in date to hand out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from clocks import LIMA_DAY, on_a_utc_laptop

from ayni.core import stock
from ayni.core.clinical import encounters
from ayni.plugins.general.forms import check_srh, derive_srh
from ayni.plugins.optometry.closing import readers_on_hand
from ayni.plugins.physio import fit_and_dispense

from test_physio import register_child
from test_physio_equipment import CRUTCHES

#: A last period 69 days (9 weeks and 6 days) before Lima's day: 70 days before the UTC date.
LMP_9_WEEKS = LIMA_DAY - dt.timedelta(days=69)


def test_weeks_of_pregnancy_are_counted_to_limas_day():
    with on_a_utc_laptop():
        assert derive_srh({"lmp": LMP_9_WEEKS}) == {"gestational_weeks": 9}


def test_the_longest_pregnancy_is_measured_to_limas_day():
    with on_a_utc_laptop():
        assert check_srh({"pregnant": True, "lmp": LIMA_DAY - dt.timedelta(days=44 * 7 + 6)}) == []


def test_readers_expiring_today_in_lima_can_still_be_handed_out(store):
    with on_a_utc_laptop():
        stock.receive(store, "optometry.readers", 2, lot="R-1", expiry=LIMA_DAY, attributes={"power": "+2.00"})
        assert list(readers_on_hand(store)) == [Decimal("2.00")]


def test_an_aid_of_a_lot_expiring_today_in_lima_can_still_be_fitted(store):
    with on_a_utc_laptop():
        stock.receive(store, "physio.crutches", 1, expiry=LIMA_DAY, attributes={"kind": "axillary", "size": "M"})
        encounter = encounters.open_encounter(store, register_child(store, 30).id, "physio", "assessment")
        fit_and_dispense(store, encounter.id, "physio.crutches", CRUTCHES)
    assert stock.on_hand(store, "physio.crutches", {"kind": "axillary", "size": "M"}) == 0
