"""Reports of a week or of any range of days: reading the period, its Lima days, its title."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ayni.core.dates import Period
from ayni.core.documents.reports import build_report
from ayni.core.documents.reports.csvfile import report_csv
from ayni.core.documents.reports.document import render_report
from ayni.core.documents.reports.scope import (MAX_PERIOD_DAYS, ReportError, parse_period, parse_week, period_scope,
                                               period_words)
from reportkit import DAY1, DAY2, lima, scalar, visit

WEEK47 = Period(dt.date(2026, 11, 16), dt.date(2026, 11, 22))  # DAY1 and DAY2 are its Saturday and Sunday


@pytest.mark.parametrize("typed, first, last", [
    ("2026-W48", dt.date(2026, 11, 23), dt.date(2026, 11, 29)),
    ("2026w48", dt.date(2026, 11, 23), dt.date(2026, 11, 29)),
    ("2026-W49", dt.date(2026, 11, 30), dt.date(2026, 12, 6)),  # across a month
    ("2026-W53", dt.date(2026, 12, 28), dt.date(2027, 1, 3)),  # 2026 has 53 ISO weeks; across a year
    ("2027-W01", dt.date(2027, 1, 4), dt.date(2027, 1, 10)),
    ("2025-W01", dt.date(2024, 12, 30), dt.date(2025, 1, 5)),  # ISO week 1 starts in the year before
    ("2026-11-23", dt.date(2026, 11, 23), dt.date(2026, 11, 29)),  # a Monday
    ("29/11/2026", dt.date(2026, 11, 23), dt.date(2026, 11, 29)),  # a Sunday
    ("2027-01-01", dt.date(2026, 12, 28), dt.date(2027, 1, 3)),
])
def test_weeks_run_monday_to_sunday(typed, first, last):
    period = parse_week(typed)
    assert (period.first, period.last) == (first, first + dt.timedelta(days=6)) == (first, last)
    assert period.first.weekday() == 0 and period.week == period.first.isocalendar()[:2]


@pytest.mark.parametrize("typed", ["2026-W54", "2027-W53", "2026-W00", "2026-W", "W48", "semana 48", "2026-02-30", ""])
def test_bad_weeks_name_the_option_and_the_form(typed):
    with pytest.raises(ReportError) as refused:
        parse_week(typed)
    assert refused.value.message("es").startswith(f"Semana (--week): «{typed}» no es una semana válida; use AAAA-Wss")
    assert "(2026-W48)" in refused.value.message("en") and refused.value.message("en").startswith("Week (--week)")


def test_bad_ranges_are_refused_naming_the_option():
    with pytest.raises(ReportError) as refused:
        parse_period(None, "2026-11-27", "2026-11-23")
    assert refused.value.message("es") == ("Periodo: --from (27 de noviembre de 2026) es posterior a --to "
                                           "(23 de noviembre de 2026); --from debe ser el mismo día o anterior.")
    with pytest.raises(ReportError) as refused:
        parse_period(None, "2026-11-23", "31/11/2026")
    assert refused.value.message("en").startswith("To (--to): «31/11/2026» is not a valid date; use YYYY-MM-DD")
    with pytest.raises(ReportError) as refused:
        parse_period(None, "2026-11-23", None)
    assert "--from" in refused.value.message("es") and "--to" in refused.value.message("es")
    with pytest.raises(ReportError) as refused:
        parse_period("2026-W48", "2026-11-23", "2026-11-24")
    assert refused.value.message("en") == "Period: use --week or --from/--to, not both."
    with pytest.raises(ReportError) as refused:
        parse_period(None, "2025-01-01", "2026-01-02")
    assert refused.value.message("en") == "Period: from --from to --to is 367 days; the most is 366."
    assert parse_period(None, "23/11/2026", "2026-11-23") == Period(dt.date(2026, 11, 23), dt.date(2026, 11, 23))


DAYS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2028, 12, 31))


@settings(derandomize=True, max_examples=150, deadline=None)
@given(DAYS, DAYS)
def test_any_pair_of_days_is_a_period_or_a_clear_refusal(first, last):
    try:
        period = parse_period(None, first.isoformat(), last.strftime("%d/%m/%Y"))
    except ReportError as refused:
        assert refused.key == ("reversed_range" if first > last else "long_range")
        assert first > last or (last - first).days + 1 > MAX_PERIOD_DAYS
    else:
        assert (period.first, period.last) == (first, last) and period.days == (last - first).days + 1
        assert first in period and last in period and first - dt.timedelta(days=1) not in period


@settings(derandomize=True, max_examples=100, deadline=None)
@given(DAYS)
def test_every_day_is_in_its_week_and_its_week_reads_back(day):
    week = parse_week(day.isoformat())
    assert day in week and week.days == 7 and week.first.weekday() == 0
    year, number = week.week
    assert parse_week(f"{year}-W{number:02d}") == week


def test_the_period_in_words():
    assert period_words(parse_week("2026-W48"), "es") == "semana 48 de 2026 (23–29 de noviembre de 2026)"
    assert period_words(parse_week("2026-W53"), "en") == "week 53 of 2026 (28 December 2026 – 3 January 2027)"
    assert period_words(parse_period(None, "2026-11-23", "2026-11-27"), "es") == "23–27 de noviembre de 2026"


def _encounters(report) -> int:
    return report.figure("encounters").value


def test_a_week_counts_its_lima_days_only(world):
    store, campaign = world.store, world.campaign
    # Sunday 23:30 in Lima is Monday 04:30 in UTC: it belongs to week 47, not 48
    visit(store, world.people["pedro"], campaign, "general", "triage", lima(DAY2, 23, 30), ["general.triage"])
    visit(store, world.people["rosa"], campaign, "general", "triage", lima(dt.date(2026, 11, 23), 0, 30),
          ["general.triage"])
    week47, week48 = build_report(store, campaign, WEEK47), build_report(store, campaign, parse_week("2026-W48"))
    in_campaign = scalar(store, "SELECT count(*) FROM encounters WHERE campaign_id = ? AND status != 'cancelled'",
                         [campaign.id])
    assert _encounters(week48) == 1 and _encounters(week47) == in_campaign - 1
    assert week47.period == WEEK47 and week47.day is None
    daily = sum(_encounters(build_report(store, campaign, d)) for d in (DAY1, DAY2))
    assert daily == _encounters(week47)
    assert build_report(store, campaign, Period(DAY2, DAY2)).figure("patients").value == \
        build_report(store, campaign, DAY2).figure("patients").value
    assert not week47.warnings  # every plugin counted the period (optometry, surgery filter days themselves)
    assert week48.days == tuple(dt.date(2026, 11, 23) + dt.timedelta(days=i) for i in range(7))


def test_the_campaign_of_a_period(world):
    store = world.store
    assert period_scope(store, WEEK47).id == world.campaign.id
    assert period_scope(store, parse_week("2025-06-11")).id == world.earlier.id
    with pytest.raises(ReportError) as refused:
        period_scope(store, Period(dt.date(2026, 1, 5), dt.date(2026, 1, 9)))
    assert refused.value.message("es").startswith("Periodo: ninguna campaña trabajó en 5–9 de enero de 2026.")
    with pytest.raises(ReportError) as refused:
        period_scope(store, WEEK47, world.earlier.id[:8])
    assert refused.value.message("en") == ("Period: week 47 of 2026 (16–22 November 2026) is outside the campaign "
                                           "«Campaña Ocongate 2025» (10–12 June 2025).")


def test_a_period_of_several_campaigns_names_them_instead_of_choosing_one(world):
    store, both = world.store, Period(dt.date(2025, 6, 1), dt.date(2026, 11, 30))
    with pytest.raises(ReportError) as refused:
        period_scope(store, both)
    said = refused.value.message("es")
    assert said.startswith("Periodo: en ") and "trabajaron varias campañas" in said
    assert world.campaign.id[:8] in said and world.earlier.id[:8] in said and "--campaign" in said
    assert "--campaign" in refused.value.message("en")
    assert period_scope(store, both, world.earlier.id[:8]).id == world.earlier.id


def test_a_week_report_says_its_week_in_the_pdf_and_the_csv(world, pdf_text):
    report = build_report(world.store, world.campaign, WEEK47)
    text = re.sub(r"\s+", " ", pdf_text(render_report(report, "es")))
    assert "Informe semanal de la campaña Semana 47 de 2026 (16–22 de noviembre de 2026)" in text
    english = re.sub(r"\s+", " ", pdf_text(render_report(build_report(world.store, world.campaign,
                                                                      Period(DAY1, DAY2)), "en")))
    assert "Campaign report for a period 21–22 November 2026" in english
    rows = list(csv.reader(io.StringIO(report_csv(report, "en").decode("utf-8-sig")), delimiter=";"))
    meta = {r[2]: r[5] for r in rows if r[0] == "report"}
    assert (meta["from"], meta["to"], meta["week"]) == ("2026-11-16", "2026-11-22", "2026-W47")
    assert "day" not in meta and rows[1][1] == "Weekly campaign report"
