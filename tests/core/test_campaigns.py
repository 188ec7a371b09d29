"""Campaigns and their sites: created once, refused when their dates make no sense, and the one
running today is the one care is recorded in."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core import Campaign, Site, ValidationError
from ayni.core.campaign import campaigns

DAY = dt.timedelta(days=1)


def test_create_stores_the_campaign_and_its_site_once(store):
    site = campaigns.new_site("Posta Ccollpa", community="Ccollpa", district="Ocongate", region="Cusco")
    first = campaigns.create(store, "Campaña dental", "dental", dt.date(2026, 3, 2), dt.date(2026, 3, 6), site=site)
    second = campaigns.create(store, "Campaña visual", "optometry", dt.date(2026, 4, 6), dt.date(2026, 4, 8), site=site)
    assert store.get(Campaign, "campaigns", first.id) == first
    assert first.region == "Cusco" and second.site_id == site.id
    assert store.get(Site, "sites", site.id) == site
    assert store.db["sites"].count == 1
    assert {a["table_name"] for a in store.audit()} >= {"sites", "campaigns"}


@pytest.mark.parametrize(("name", "start", "end", "fields"), [
    ("Campaña", dt.date(2026, 3, 6), dt.date(2026, 3, 2), {"end_date"}),
    ("  ", dt.date(2026, 3, 2), dt.date(2026, 3, 6), {"name"}),
    ("", dt.date(2026, 3, 6), dt.date(2026, 3, 5), {"name", "end_date"}),
])
def test_a_campaign_without_name_or_ending_before_it_starts_is_refused(store, row_counts, name, start, end, fields):
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        campaigns.create(store, name, "medical", start, end, site=campaigns.new_site("Colegio"))
    assert caught.value.fields() == fields
    assert row_counts() == before


def test_end_before_start_names_the_start(store):
    with pytest.raises(ValidationError) as caught:
        campaigns.create(store, "Campaña", "medical", dt.date(2026, 3, 6), dt.date(2026, 3, 2))
    assert caught.value.message("es") == "Fecha de fin: no puede ser anterior a 2026-03-06."
    assert caught.value.message("en") == "End date: cannot be before 2026-03-06."


def test_a_one_day_campaign_is_fine(store):
    day = dt.date(2026, 5, 1)
    assert campaigns.create(store, "Feria de salud", "mobile", day, day).end_date == day


def test_current_campaign_is_the_one_running_else_the_latest(store):
    today = dt.date(2026, 6, 15)
    old = campaigns.create(store, "Enero", "medical", dt.date(2026, 1, 5), dt.date(2026, 1, 9))
    later = campaigns.create(store, "Marzo", "medical", dt.date(2026, 3, 5), dt.date(2026, 3, 9))
    assert campaigns.current_campaign(store, today=today) == later
    running = campaigns.create(store, "Junio", "medical", today - DAY, today + DAY)
    assert campaigns.current_campaign(store, today=today) == running
    assert campaigns.current_campaign(store, today=dt.date(2026, 1, 6)) == old


def test_with_no_campaign_one_is_created_for_today(store):
    today = dt.date(2026, 7, 28)
    created = campaigns.current_campaign(store, today=today)
    assert (created.name, created.start_date, created.end_date) == ("Campaña 2026-07-28", today, today)
    assert campaigns.current_campaign(store, today=today) == created
    assert store.db["campaigns"].count == 1
