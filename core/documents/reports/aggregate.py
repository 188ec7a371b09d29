"""The aggregate export for a district health office: how many consultations by age group and sex,
diagnoses by ICD-10 chapter, vaccine doses by vaccine and dose, and referrals by destination, over a
period of a campaign; as CSV in a fixed layout or as a DHIS2 ``dataValueSet`` (JSON).

Every figure is a ``(data element, category option combo, value)`` triple named with Ayni's own
codes (``consultations`` / ``F.18-29`` / ``12``); a mapping file the coordinator fills with the
district's DHIS2 UIDs translates them (see :func:`read_mapping` and ``docs/aggregate-export.md``).

* **Consultations** are encounters (atenciones) not cancelled, every specialty, by the patient's
  sex and MINSA life-course group on the day of the encounter: 0–11 niño, 12–17 adolescente,
  18–29 joven, 30–59 adulto, 60+ adulto mayor; ``consultations_under_5`` counts the youngest
  (0–4 years) again, by sex. Women and men are always listed, zeros included; other sexes and an
  unknown age only when they occur.
* **Diagnoses** by ICD-10 chapter (:data:`ayni.core.clinical.codesearch.CHAPTERS`, the WHO ranges).
* **Vaccine doses** are what every plugin reports as :class:`~ayni.core.Vaccination` in
  ``ayni_exchange_records``, by vaccine key and ``dose_code``.
* **Referrals** by destination: a specialty of the campaign (``internal.surgery``) or outside it
  (``external``).

An export may cover every campaign that worked in the period (``--campaign all``): each campaign is
counted on its own, and its lines carry the campaign (and its site as the org unit) in the CSV, or
the campaign's DHIS2 ``attributeOptionCombo`` in the dataValueSet, so the district's totals are the
sums of the campaigns' figures.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections import Counter
from pathlib import Path

import attrs

from ...clinical.codesearch import CHAPTERS, chapter_of
from ...dates import Period
from ...exchange.records import Vaccination
from ...model import Campaign, Site
from ...people.merges import person_of
from ..csvformat import csv_bytes
from ..reporting import encounter_scope, lima_day
from .figures import LIFE_STAGES, age_on
from .scope import ReportError

#: The MINSA life-course groups of the reports (:data:`.figures.LIFE_STAGES`) by code: ``0-11`` … ``60+``.
AGE_GROUPS = tuple((f"{low}+" if i == len(LIFE_STAGES) - 1 else f"{low}-{high}", low, high)
                   for i, (_, low, high) in enumerate(LIFE_STAGES))
#: The oldest age, in whole years, counted in ``consultations_under_5``.
UNDER_FIVE_OLDEST = 4
#: The sexes listed in every age group even when their count is 0.
ALWAYS_LISTED_SEXES = ("F", "M")
#: The columns of the CSV, in this order.
CSV_HEADINGS = ("period", "org_unit", "data_element", "category_option_combo", "value")
#: The columns of the CSV of several campaigns: the campaign follows the org unit.
CSV_HEADINGS_BY_CAMPAIGN = ("period", "org_unit", "campaign", "data_element", "category_option_combo", "value")
#: What marks a code of the mapping template that has not been filled in yet.
PLACEHOLDER = "REEMPLAZAR"
#: The mapping template, with a placeholder for every code (``ayni report aggregate-template``).
TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "dhis2-mapping.toml"


@attrs.frozen
class Value:
    """One figure: a data element, its category option combo and the count."""

    data_element: str
    combo: str
    value: int


@attrs.frozen
class Aggregate:
    """The figures of ``campaign`` over ``period``, in a stable order."""

    campaign: Campaign
    site: Site | None
    period: Period
    values: tuple[Value, ...]

    def value(self, data_element: str, combo: str) -> int:
        """The count of one figure (0 when it is not listed)."""
        return next((v.value for v in self.values if (v.data_element, v.combo) == (data_element, combo)), 0)


def age_group(age: int | None) -> str:
    """The life-course group code of an age in years (``"unknown"`` when it is not recorded)."""
    return next((code for code, low, high in AGE_GROUPS if age is not None and low <= age <= high), "unknown")


def _consultations(store, where: str, params: list) -> list[Value]:
    counts: Counter = Counter()
    for sex, birth, day in store.db.execute(
            f"SELECT p.sex, p.birth_date, {lima_day('e.opened_at')} FROM encounters e "
            f"JOIN patients p ON p.id = {person_of('e.patient_id')} WHERE {where}", params).fetchall():
        age = age_on(birth, dt.date.fromisoformat(day))
        counts[("consultations", f"{sex}.{age_group(age)}")] += 1
        if age is not None and age <= UNDER_FIVE_OLDEST:
            counts[("consultations_under_5", sex)] += 1
    for sex in ALWAYS_LISTED_SEXES:
        for code, _, _ in AGE_GROUPS:
            counts.setdefault(("consultations", f"{sex}.{code}"), 0)
        counts.setdefault(("consultations_under_5", sex), 0)
    return _values(counts)


def _diagnoses(store, where: str, params: list) -> list[Value]:
    counts: Counter = Counter()
    for code, n in store.db.execute(f"SELECT d.code, count(*) FROM diagnoses d JOIN encounters e ON e.id = d.encounter_id "
                                    f"WHERE {where} GROUP BY d.code", params).fetchall():
        found = chapter_of(code)
        counts[("diagnoses", f"chapter.{found[0] if found else 'none'}")] += n
    order = [f"chapter.{number}" for number, *_ in CHAPTERS] + ["chapter.none"]
    return sorted(_values(counts), key=lambda v: order.index(v.combo))


def _vaccines(store, where: str, params: list) -> list[Value]:
    from ...clinical.encounters import encounter_records

    counts: Counter = Counter()
    # counting=True: a coordinator, who may not read clinical notes, counts the doses all the same
    for visit in encounter_records(store, f"{where} AND EXISTS (SELECT 1 FROM form_data f WHERE f.encounter_id = e.id)",
                                   params, counting=True):
        for result in store.plugins.hook.ayni_exchange_records(visit=visit, store=store):
            for record in result or ():
                if isinstance(record, Vaccination):
                    counts[(f"vaccine.{record.vaccine}", f"dose.{record.dose_code or 'unknown'}")] += 1
    return _values(counts)


def _referrals(store, where: str, params: list) -> list[Value]:
    counts: Counter = Counter()
    for to, n in store.db.execute(f"SELECT r.[to], count(*) FROM referrals r JOIN encounters e ON e.id = r.encounter_id "
                                  f"WHERE {where} GROUP BY r.[to]", params).fetchall():
        counts[("referrals", f"internal.{to}" if to in store.plugins.specialties else "external")] += n
    return _values(counts)


def _values(counts: Counter) -> list[Value]:
    return [Value(element, combo, n) for (element, combo), n in sorted(counts.items())]


def build_aggregate(store, campaign: Campaign, period: Period) -> Aggregate:
    """The aggregate figures of the encounters of ``campaign`` opened in ``period`` (Lima days),
    counted in one snapshot of the database."""
    where, params = encounter_scope(campaign, period)
    with store.reading():
        values = (*_consultations(store, where, params), *_diagnoses(store, where, params),
                  *_vaccines(store, where, params), *_referrals(store, where, params))
    site = store.get(Site, "sites", campaign.site_id) if campaign.site_id else None
    return Aggregate(campaign, site, period, values)


def build_aggregates(store, campaigns: list[Campaign], period: Period) -> list[Aggregate]:
    """The aggregate of each of ``campaigns`` over ``period``, in that order, all counted in one
    snapshot of the database (so they add up to the district's totals)."""
    with store.reading():
        return [build_aggregate(store, campaign, period) for campaign in campaigns]


# -- periods and mapping ------------------------------------------------------------------------


def dhis2_period(period: Period) -> str:
    """The period as DHIS2 names it: a day ``20261123``, an ISO week ``2026W48``, a calendar month
    ``202611``. DHIS2 has no period of any other length, so any other range is refused."""
    if period.days == 1:
        return period.first.strftime("%Y%m%d")
    if period.week:
        return "{}W{}".format(*period.week)
    month_end = (period.first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if period.first.day == 1 and period.last == month_end:
        return period.first.strftime("%Y%m")
    raise ReportError("dhis2_period", first=period.first.isoformat(), last=period.last.isoformat())


def csv_period(period: Period) -> str:
    """The period of the CSV: as DHIS2 names it when it can, else the ISO interval ``2026-11-23/2026-11-27``."""
    try:
        return dhis2_period(period)
    except ReportError:
        return f"{period.first.isoformat()}/{period.last.isoformat()}"


@attrs.frozen
class Mapping:
    """The district's DHIS2 identifiers for Ayni's codes (see the template :data:`TEMPLATE`). A code
    mapped to ``""`` is deliberately not sent."""

    data_set: str
    org_unit: str
    data_elements: dict[str, str]
    combos: dict[str, str]
    #: By campaign id (or its first 8 characters): the attribute option combo of its lines, when an
    #: export covers several campaigns.
    campaigns: dict[str, str] = attrs.field(factory=dict)

    def campaign_combo(self, campaign: Campaign) -> str | None:
        """The attribute option combo of ``campaign`` (``None`` when the file has none for it)."""
        return self.campaigns.get(campaign.id, self.campaigns.get(campaign.id[:8]))


def read_mapping(path: Path) -> Mapping:
    """The mapping file at ``path`` (TOML, as the template). Raises :class:`ReportError` naming
    ``--mapping`` when it cannot be read or lacks a part."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ReportError("mapping_unreadable", path=str(path), why=error.strerror or str(error)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ReportError("mapping_unreadable", path=str(path), why=str(error)) from None
    parts = {"dataSet": str, "orgUnit": str, "dataElements": dict, "categoryOptionCombos": dict}
    for key, kind in parts.items():
        if not isinstance(data.get(key), kind):
            raise ReportError("mapping_incomplete", path=str(path), key=key)
    if not isinstance(data.get("attributeOptionCombos", {}), dict):
        raise ReportError("mapping_incomplete", path=str(path), key="attributeOptionCombos")
    return Mapping(data["dataSet"], data["orgUnit"], {k: str(v) for k, v in data["dataElements"].items()},
                   {k: str(v) for k, v in data["categoryOptionCombos"].items()},
                   {k: str(v) for k, v in data.get("attributeOptionCombos", {}).items()})


def _unfilled(code: str | None) -> bool:
    return code is None or code.startswith(PLACEHOLDER)


def _unmapped(aggregates: list[Aggregate], mapping: Mapping, by_campaign: bool) -> list[str]:
    """The codes the figures need that ``mapping`` lacks or still holds as a placeholder."""
    missing = [key for key, code in (("dataSet", mapping.data_set), ("orgUnit", mapping.org_unit))
               if not code or _unfilled(code)]
    values = [v for aggregate in aggregates for v in aggregate.values]
    missing += sorted({f"dataElements.{v.data_element}" for v in values if _unfilled(mapping.data_elements.get(v.data_element))}
                      | {f"categoryOptionCombos.{v.combo}" for v in values if _unfilled(mapping.combos.get(v.combo))})
    if by_campaign:
        missing += [f"attributeOptionCombos.{a.campaign.id[:8]}" for a in aggregates
                    if not mapping.campaign_combo(a.campaign) or _unfilled(mapping.campaign_combo(a.campaign))]
    return missing


def mapped(aggregate: Aggregate, mapping: Mapping) -> tuple[list[tuple[str, str, int]], int]:
    """The figures in the district's identifiers, and how many were left out on purpose (mapped to
    ``""``). Refuses (:class:`ReportError`) a mapping that lacks a code a figure needs, or still
    holds a placeholder of the template, listing the codes to fill."""
    lines, left_out = mapped_by_campaign([aggregate], mapping, by_campaign=False)
    return [line[1:] for line in lines], left_out


def mapped_by_campaign(aggregates: list[Aggregate], mapping: Mapping, by_campaign: bool = True
                       ) -> tuple[list[tuple[str, str, str, int]], int]:
    """As :func:`mapped`, for several campaigns: ``(attribute option combo, data element, category
    option combo, value)`` lines (the attribute option combo ``""`` when not ``by_campaign``); every code the
    campaigns need is checked before any line is made."""
    missing = _unmapped(aggregates, mapping, by_campaign)
    if missing:
        shown = ", ".join(missing[:8]) + (" …" if len(missing) > 8 else "")
        raise ReportError("mapping_unfilled", n=len(missing), codes=shown)
    lines, left_out = [], 0
    for aggregate in aggregates:
        attribute = mapping.campaign_combo(aggregate.campaign) if by_campaign else ""
        for v in aggregate.values:
            element, combo = mapping.data_elements[v.data_element], mapping.combos[v.combo]
            if element and combo:
                lines.append((attribute, element, combo, v.value))
            else:
                left_out += 1
    return lines, left_out


# -- the two files ------------------------------------------------------------------------------


def org_unit_name(aggregate: Aggregate) -> str:
    """The org unit of a CSV without a mapping: the campaign's site, else the campaign."""
    return aggregate.site.name if aggregate.site else aggregate.campaign.name


def aggregate_csv(aggregate: Aggregate, mapping: Mapping | None = None) -> tuple[bytes, int]:
    """The CSV (columns :data:`CSV_HEADINGS`, one figure a line) and how many figures were left out.
    Without a mapping it names figures by Ayni's codes and the org unit by the site's name."""
    if mapping is None:
        lines = [(v.data_element, v.combo, v.value) for v in aggregate.values]
        org_unit, left_out = org_unit_name(aggregate), 0
    else:
        (lines, left_out), org_unit = mapped(aggregate, mapping), mapping.org_unit
    period = csv_period(aggregate.period)
    return csv_bytes(list(CSV_HEADINGS), [(period, org_unit, *line) for line in lines]), left_out


def aggregate_dhis2(aggregate: Aggregate, mapping: Mapping) -> tuple[bytes, int]:
    """The DHIS2 ``dataValueSet`` JSON (values as strings, as DHIS2 writes them) and how many
    figures were left out."""
    period = dhis2_period(aggregate.period)
    lines, left_out = mapped(aggregate, mapping)
    body = {"dataSet": mapping.data_set, "period": period, "orgUnit": mapping.org_unit,
            "dataValues": [{"dataElement": e, "categoryOptionCombo": c, "value": str(n)} for e, c, n in lines]}
    return _json(body), left_out


def aggregates_csv(aggregates: list[Aggregate], mapping: Mapping | None = None) -> tuple[bytes, int]:
    """The CSV of several campaigns (columns :data:`CSV_HEADINGS_BY_CAMPAIGN`): each campaign's
    figures on their own lines, with its site as the org unit and its name as the campaign, or,
    with a mapping, the district's org unit and the campaign's attribute option combo."""
    period = csv_period(aggregates[0].period)
    if mapping is None:
        rows = [(period, org_unit_name(a), a.campaign.name, v.data_element, v.combo, v.value)
                for a in aggregates for v in a.values]
        return csv_bytes(list(CSV_HEADINGS_BY_CAMPAIGN), rows), 0
    lines, left_out = mapped_by_campaign(aggregates, mapping)
    return csv_bytes(list(CSV_HEADINGS_BY_CAMPAIGN), [(period, mapping.org_unit, *line) for line in lines]), left_out


def aggregates_dhis2(aggregates: list[Aggregate], mapping: Mapping) -> tuple[bytes, int]:
    """One DHIS2 ``dataValueSet`` for several campaigns: every line names its campaign's
    ``attributeOptionCombo``; lines of campaigns mapped to the same combo are added together, as
    DHIS2 would otherwise keep only the last."""
    period = dhis2_period(aggregates[0].period)
    lines, left_out = mapped_by_campaign(aggregates, mapping)
    summed: Counter = Counter()
    for attribute, element, combo, n in lines:
        summed[(element, combo, attribute)] += n
    body = {"dataSet": mapping.data_set, "period": period, "orgUnit": mapping.org_unit,
            "dataValues": [{"dataElement": e, "categoryOptionCombo": c, "attributeOptionCombo": a, "value": str(n)}
                           for (e, c, a), n in summed.items()]}
    return _json(body), left_out


def _json(body: dict) -> bytes:
    return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
