"""Counting helpers for plugins' ``ayni_report_rows``: encounters, procedures and diagnoses of a
campaign, for one day or the whole campaign. Helpers that run several queries read them in one
snapshot (:meth:`~ayni.core.storage.store.Store.reading`), so their figures agree while stations save.

Times are stored in UTC; a campaign's day is a day in Peru (America/Lima, UTC−5 all year, no
daylight saving), so an encounter opened at 20:00 in Lima counts on that day, not the next.

A report covers one day (a :class:`datetime.date`), a :class:`~ayni.core.dates.Period` (a week or
any range of days) or, when ``day`` is ``None``, the whole campaign: every helper here takes any of
the three as ``day``, and :func:`days_clause` selects them in a plugin's own query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import attrs

from ..dates import Period
from ..hooks.declarations import ReportRow
from ..i18n import Text
from ..model import Campaign

#: SQLite modifier turning a stored UTC time into Lima local time.
LIMA_MODIFIER = "-5 hours"


def lima_day(column: str) -> str:
    """The SQL for the Lima date of a stored UTC time column: ``date(e.opened_at, '-5 hours')``."""
    return f"date({column}, '{LIMA_MODIFIER}')"


def days_clause(day: dt.date | Period | None, date_sql: str) -> tuple[str, list]:
    """A SQL condition (and its parameters) keeping the rows whose date ``date_sql`` (an ISO date
    column, or :func:`lima_day` of a time column) is ``day`` or in the period ``day``; ``("1 = 1", [])``
    for ``None`` (the whole campaign)."""
    if day is None:
        return "1 = 1", []
    if isinstance(day, Period):
        return f"{date_sql} BETWEEN ? AND ?", [day.first.isoformat(), day.last.isoformat()]
    return f"{date_sql} = ?", [day.isoformat()]


def encounter_scope(campaign: Campaign, day: dt.date | Period | None, specialty: str | None = None,
                    station: str | None = None, alias: str = "e") -> tuple[str, list]:
    """A SQL ``WHERE`` clause (and its parameters) selecting the encounters of ``campaign`` (those
    cancelled as opened by mistake left out: they count in no figure), optionally only those opened
    on ``day`` or in the period ``day`` (Lima time), of one ``specialty`` and one ``station``.

    ``alias`` is the name the query gives the ``encounters`` table.
    """
    clauses, params = [f"{alias}.campaign_id = ?", f"{alias}.status != 'cancelled'"], [campaign.id]
    if day is not None:
        clause, day_params = days_clause(day, lima_day(f"{alias}.opened_at"))
        clauses.append(clause)
        params.extend(day_params)
    if specialty is not None:
        clauses.append(f"{alias}.specialty = ?")
        params.append(specialty)
    if station is not None:
        clauses.append(f"{alias}.station = ?")
        params.append(station)
    return " AND ".join(clauses), params


def count_encounters(store, campaign: Campaign, day: dt.date | Period | None, specialty: str | None = None,
                     station: str | None = None) -> int:
    """How many encounters match :func:`encounter_scope`."""
    where, params = encounter_scope(campaign, day, specialty, station)
    return store.db.execute(f"SELECT count(*) FROM encounters e WHERE {where}", params).fetchone()[0]


def diagnosis_counts(store, campaign: Campaign, day: dt.date | Period | None, specialty: str | None = None) -> list[tuple[str, int]]:
    """``(code, count)`` of the diagnoses made in the matching encounters, most frequent first."""
    where, params = encounter_scope(campaign, day, specialty)
    sql = (f"SELECT d.code, count(*) AS n FROM diagnoses d JOIN encounters e ON e.id = d.encounter_id "
           f"WHERE {where} GROUP BY d.code ORDER BY n DESC, d.code")
    return [(code, n) for code, n in store.db.execute(sql, params).fetchall()]


def procedure_counts(store, campaign: Campaign, day: dt.date | Period | None, specialty: str | None = None) -> list[tuple[str, int]]:
    """``(code, total quantity)`` of the procedures done in the matching encounters, most first."""
    where, params = encounter_scope(campaign, day, specialty)
    sql = (f"SELECT p.code, sum(p.quantity) AS n FROM procedures p JOIN encounters e ON e.id = p.encounter_id "
           f"WHERE {where} GROUP BY p.code ORDER BY n DESC, p.code")
    return [(code, n) for code, n in store.db.execute(sql, params).fetchall()]


def diagnosis_rows(store, campaign: Campaign, day: dt.date | Period | None, specialty: str) -> list[ReportRow]:
    """One :class:`ReportRow` per ICD-10 code diagnosed in ``specialty``'s encounters, in group
    ``"diagnoses"``, labelled «J06.9 — Infección aguda …»."""
    catalog = store.plugins.diagnoses
    rows = []
    for code, n in diagnosis_counts(store, campaign, day, specialty):
        known = catalog.get(code)
        label = Text(known.display("es"), known.display("en")) if known else Text(code, code)
        rows.append(ReportRow(specialty, label, n, group="diagnoses"))
    return rows


def procedure_rows(store, campaign: Campaign, day: dt.date | Period | None, specialty: str) -> list[ReportRow]:
    """One :class:`ReportRow` per procedure code done in ``specialty``'s encounters (summing
    quantities), in group ``"procedures"``, labelled with the catalogue label."""
    catalog = store.plugins.procedures
    rows = []
    for code, n in procedure_counts(store, campaign, day, specialty):
        known = catalog.get(code)
        rows.append(ReportRow(specialty, known.label if known else Text(code, code), n, group="procedures"))
    return rows


def station_rows(store, campaign: Campaign, day: dt.date | Period | None, specialty) -> list[ReportRow]:
    """Encounters per station of a :class:`~ayni.core.Specialty`, labelled with the station's
    name, in group ``"encounters"``, counted in one snapshot."""
    rows = []
    with store.reading():
        for station in specialty.stations:
            label = specialty.station_labels.get(station) or Text(station, station)
            n = count_encounters(store, campaign, day, specialty.key, station)
            rows.append(ReportRow(specialty.key, label, n, group="encounters"))
    return rows


def specialty_rows(store, campaign: Campaign, day: dt.date | Period | None, specialty) -> list[ReportRow]:
    """The usual figures of a specialty: encounters per station, procedures by code, diagnoses by
    code, counted in one snapshot of the database. A plugin's ``ayni_report_rows`` returns this,
    plus any figures of its own."""
    with store.reading():
        return [
            *station_rows(store, campaign, day, specialty),
            *procedure_rows(store, campaign, day, specialty.key),
            *diagnosis_rows(store, campaign, day, specialty.key),
        ]


def titled(rows: Iterable[ReportRow], titles: Mapping[str, Text]) -> list[ReportRow]:
    """``rows`` with the title of each group that ``titles`` names (a plugin's own groups):
    ``titled(rows, {"teeth": Text("Piezas dentales", "Teeth")})``."""
    return [attrs.evolve(r, group_title=titles[r.group]) if r.group in titles and r.group_title is None else r
            for r in rows]
