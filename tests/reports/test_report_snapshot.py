"""A report counts one moment of the database, even when another station saves while it counts.

A plugin's ``ayni_report_rows`` is asked halfway through a build; here it makes another station
(its own connection) see a new patient on day 1 before it answers, so what the build reads after
it would include that visit unless the whole build reads one snapshot.
"""

from __future__ import annotations

import pytest

from ayni.core import hookimpl, load_plugins, open_store
from ayni.core.documents.reports import build_report
from ayni.core.people import patients
from reportkit import DAY1, lima, visit

NEWCOMER = {"given_names": "Flora", "paternal_surname": "Quispe", "maternal_surname": "Turpo", "sex": "F",
            "age_years": "33", "id_kind": "none", "community": "Tinke", "district": "Ocongate"}


class SavesMidway:
    """A plugin whose report rows make another station save a general consultation first."""

    def __init__(self):
        self.other = self.newcomer = self.seen_inside = None

    @hookimpl
    def ayni_report_rows(self, store, campaign, day):
        if self.newcomer is not None:
            visit(self.other, self.newcomer, campaign, "general", "consultation", lima(DAY1, 12),
                  ["general.consultation"])
            self.newcomer = None
            self.seen_inside = store.db.execute("SELECT count(*) FROM encounters").fetchone()[0]
        return []


@pytest.fixture
def midway():
    return SavesMidway()


@pytest.fixture
def plugins(midway):
    return load_plugins(extra=[midway])


@pytest.mark.parametrize("day", [DAY1, None])
def test_a_save_halfway_through_a_build_is_not_half_counted(world, midway, plugins, day):
    store = world.store
    encounters_before = store.db.execute("SELECT count(*) FROM encounters").fetchone()[0]
    expected = build_report(store, world.campaign, day)
    midway.newcomer = patients.register(store, NEWCOMER)
    midway.other = open_store(store.path, user="other", plugins=plugins)
    try:
        report = build_report(store, world.campaign, day)
    finally:
        midway.other.close()
    assert midway.seen_inside == encounters_before  # the plugin itself saw the moment the build began
    assert report.headline == expected.headline
    assert report.per_day == expected.per_day
    assert report.tables == expected.tables
    again = build_report(store, world.campaign, day)  # the next build sees the new visit
    assert again.figure("patients").value == expected.figure("patients").value + 1
