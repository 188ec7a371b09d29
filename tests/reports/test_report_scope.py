"""Reading dates and finding campaigns, with messages that say what is wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core.documents.reports.scope import ReportError, campaign_on, find_campaign, parse_day, report_scope
from reportkit import DAY1


@pytest.mark.parametrize("typed, day", [("2026-11-21", DAY1), ("21/11/2026", DAY1), ("1/2/2026", dt.date(2026, 2, 1)),
                                        (" 21-11-2026 ", DAY1), (DAY1, DAY1)])
def test_dates_as_people_type_them(typed, day):
    assert parse_day(typed) == day


@pytest.mark.parametrize("typed", ["2026-02-30", "31/04/2026", "mañana", "11/21/2026", "2026/11"])
def test_bad_dates_are_refused_in_both_languages(typed):
    with pytest.raises(ReportError) as refused:
        parse_day(typed)
    assert refused.value.message("es").startswith(f"Fecha: «{typed}» no es una fecha válida; use AAAA-MM-DD")
    assert refused.value.message("en").startswith(f"Date: «{typed}» is not a valid date; use YYYY-MM-DD")


def test_campaign_of_a_day_and_by_id(world):
    store = world.store
    assert campaign_on(store, DAY1).id == world.campaign.id
    assert campaign_on(store, dt.date(2025, 6, 11)).id == world.earlier.id
    assert find_campaign(store, world.earlier.id[:8]).id == world.earlier.id
    with pytest.raises(ReportError) as refused:
        campaign_on(store, dt.date(2024, 1, 1))
    message = refused.value.message("es")
    assert "ninguna campaña trabajó el 1 de enero de 2024" in message and "Campaña Ocongate 2026" in message
    with pytest.raises(ReportError) as refused:
        find_campaign(store, "no-existe")
    assert refused.value.message("en").startswith("Campaign: there is no campaign «no-existe»")


def test_a_day_outside_the_campaign_given(world):
    with pytest.raises(ReportError) as refused:
        report_scope(world.store, "2026-12-01", world.campaign.id)
    assert refused.value.message("es") == ("Fecha: el 1 de diciembre de 2026 está fuera de la campaña "
                                           "«Campaña Ocongate 2026» (21–23 de noviembre de 2026).")
    assert report_scope(world.store, None, world.earlier.id, final=True) == (world.earlier, None)


def test_no_campaign_at_all(store):
    with pytest.raises(ReportError) as refused:
        report_scope(store, None, None, final=True)
    assert "ayni demo" in refused.value.message("es")
