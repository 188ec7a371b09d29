"""A two-week mission moves from one site to the next, one campaign each: a patient screened at the
first site is operated at the second. Scheduling a case whose campaign has ended puts it on a list of
the campaign running now, which then counts the operation."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core import ValidationError
from ayni.core.campaign import campaigns
from ayni.core.dates import today_in_lima
from ayni.plugins.surgery import cases


@pytest.fixture
def first_week(store):
    """The mission's first site, its campaign over since the day before yesterday."""
    today = today_in_lima()
    site = campaigns.new_site("Puesto de Salud de Vilcas Huamán", community="Vilcas Huamán")
    return campaigns.create(store, "Campaña · Vilcas Huamán", "medical", today - dt.timedelta(days=7),
                            today - dt.timedelta(days=2), site=site)


def test_a_case_screened_at_the_first_site_is_operated_in_the_campaign_running_now(store, campaign, patient,
                                                                                  first_week):
    case = cases.create_case(store, patient.id, {"procedure": "surgery.inguinal_hernia_repair"},
                             campaign_id=first_week.id)
    listed = cases.schedule(store, case.id, {"day": today_in_lima().isoformat(), "theatre": "q1",
                                             "surgeon": "Dr. Smith"})
    assert (listed.status, listed.day, listed.campaign_id) == ("scheduled", today_in_lima(), campaign.id)
    assert [c.id for c in cases.day_list(store, today_in_lima())] == [case.id]
    rows = {r.label.en: r.value for result in store.plugins.hook.ayni_report_rows(store=store, campaign=campaign,
                                                                                  day=None)
            for r in result if r.specialty == "surgery"}
    assert rows["Cases listed"] == 1


def test_a_case_of_a_running_campaign_stays_within_its_dates(store, campaign, patient, first_week):
    case = cases.create_case(store, patient.id, {"procedure": "surgery.inguinal_hernia_repair"},
                             campaign_id=campaign.id)
    with pytest.raises(ValidationError) as refused:
        cases.schedule(store, case.id, {"day": (campaign.end_date + dt.timedelta(days=1)).isoformat(),
                                        "theatre": "q1", "surgeon": "Dr. Smith"})
    assert [e.field for e in refused.value.errors] == ["day"]
    assert cases.get_case(store, case.id).campaign_id == campaign.id


def test_an_operation_of_the_first_site_entered_late_stays_in_its_campaign(store, campaign, patient, first_week):
    case = cases.create_case(store, patient.id, {"procedure": "surgery.inguinal_hernia_repair"},
                             campaign_id=first_week.id)
    listed = cases.schedule(store, case.id, {"day": first_week.end_date.isoformat(), "theatre": "q1",
                                             "surgeon": "Dr. Smith"})
    assert (listed.day, listed.campaign_id) == (first_week.end_date, first_week.id)
    with pytest.raises(ValidationError) as refused:  # a theatre is still needed, whichever campaign
        cases.schedule(store, case.id, {"day": today_in_lima().isoformat(), "surgeon": "Dr. Smith"})
    assert [e.field for e in refused.value.errors] == ["theatre"]
