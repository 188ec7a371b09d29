"""Reports built while another station saves: every build sees one moment of the database.

Another process registers patients, sees them, closes the encounters and takes payments for as long
as the reports are being built. No build may fail, and the figures of each build must agree with
one another, whatever the writer managed to do in between (so nothing here depends on timing).
"""

from __future__ import annotations

import multiprocessing

import pytest

import workers
from ayni.core import open_store
from ayni.core.campaign import stations
from ayni.core.campaign.campaigns import current_campaign
from ayni.core.dates import today_in_lima
from ayni.core.documents.reports import build_report
from ayni.core.money import cashier

BUILDS = 200


def _row(table, code):
    return next((r for r in table.rows if r.code == code), None)


def disagreements(report) -> list[str]:
    """Where the figures of one report contradict each other (nothing, for a consistent report)."""
    tables = {t.key: t for t in report.tables}
    headline = {f.key: f.value for f in report.headline}
    patients = headline["patients"]
    found = []
    for key in ("patients_by_specialty", "patients_by_age_sex", "patients_by_community"):
        total = tables[key].total.values[0 if key != "patients_by_age_sex" else -1]
        if total != patients:
            found.append(f"{key} total {total} != {patients} patients")
    by_specialty = tables["patients_by_specialty"]
    general = _row(by_specialty, "general")
    station_rows = [t for s in report.plugin_sections if s.specialty == "general" for t in s.tables
                    if t.key == "general.encounters"]
    seen_at_stations = sum(r.values[0] for t in station_rows for r in t.rows)
    if general and seen_at_stations != general.values[3]:
        found.append(f"general: {seen_at_stations} encounters by station != {general.values[3]}")
    if report.day is not None and general:
        charted = report.per_day.get(report.day, {}).get("general", 0)
        if charted != general.values[0]:
            found.append(f"chart: {charted} general patients != {general.values[0]}")
    fees = tables["fees"]
    paid = _row(fees, "full.cash")
    if paid and headline["collected"] != paid.values[2]:
        found.append(f"collected {headline['collected']} != {paid.values[2]} paid in cash")
    return found


def _build_all(path) -> list[tuple[int, str]]:
    """Build :data:`BUILDS` reports (day and final in turn), with the cashier's and the dashboard's
    figures; each failure or disagreement as ``(build, what)``."""
    store = open_store(path, user="coordinator")
    problems = []
    try:
        campaign = current_campaign(store)
        for n in range(BUILDS):
            try:
                report = build_report(store, campaign, today_in_lima() if n % 2 else None)
                problems.extend((n, d) for d in disagreements(report))
                summary = cashier.day_summary(store)
                if summary.expected != sum(s.collected for s in summary.by_specialty):
                    problems.append((n, f"day summary {summary.expected} != its specialties"))
                stations.board(store, campaign.id)
            except Exception as error:  # noqa: BLE001 - every failure is what this test counts
                problems.append((n, f"raised {type(error).__name__}: {error}"))
    finally:
        store.close()
    return problems


@pytest.mark.slow
def test_reports_built_while_a_station_saves_are_whole(shared_db):
    context = multiprocessing.get_context("spawn")
    started, stop = context.Event(), context.Event()
    writer = context.Process(target=workers.keep_seeing_patients, args=(str(shared_db), started, stop))
    writer.start()
    try:
        assert started.wait(60), "the writer never saved"
        problems = _build_all(shared_db)
    finally:
        stop.set()
        writer.join(60)
    assert writer.exitcode == 0
    failed = {n for n, _ in problems}
    raised = {n for n, what in problems if what.startswith("raised")}
    assert not problems, f"{len(failed)} of {BUILDS} builds failed ({len(raised)} raised): {problems[:5]}"
