"""The dental figures of a campaign report: patients by age group, procedures by code, teeth
extracted, restored and sealed, fluoride applications and hygiene kits handed out."""

from __future__ import annotations

import datetime as dt
import json

from ayni.core import Campaign, ReportRow, Text, person_of
from ayni.core.documents.reporting import encounter_scope, specialty_rows

from .codes import FLUORIDE, HYGIENE_KIT, SPECIALTY, TOOTH_ACTIONS
from .odontogram import procedure_site

#: The titles of this specialty's own report tables.
GROUP_TITLES = {
    "teeth": Text("Piezas dentales", "Teeth"),
}

#: (label, lowest age, highest age) of each age group; ages on the day of the encounter.
AGE_GROUPS = (
    (Text("Pacientes de 0 a 5 años", "Patients aged 0–5"), 0, 5),
    (Text("Pacientes de 6 a 11 años", "Patients aged 6–11"), 6, 11),
    (Text("Pacientes de 12 a 17 años", "Patients aged 12–17"), 12, 17),
    (Text("Pacientes de 18 a 59 años", "Patients aged 18–59"), 18, 59),
    (Text("Pacientes de 60 años o más", "Patients aged 60 and over"), 60, 200),
)
UNKNOWN_AGE = Text("Pacientes sin edad registrada", "Patients with no recorded age")

TEETH = {
    "extraction": Text("Piezas extraídas", "Teeth extracted"),
    "restoration": Text("Piezas restauradas", "Teeth restored"),
    "sealant": Text("Piezas selladas", "Teeth sealed"),
}
FLUORIDE_LABEL = Text("Aplicaciones de flúor", "Fluoride applications")
KITS_LABEL = Text("Kits de higiene oral entregados", "Oral hygiene kits handed out")


def _age(birth: str | None, opened_at: str) -> int | None:
    if not birth:
        return None
    b, on = dt.date.fromisoformat(birth[:10]), dt.date.fromisoformat(opened_at[:10])
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


def age_rows(store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """Patients seen in dentistry, each counted once, by age group (age at their first encounter)."""
    where, params = encounter_scope(campaign, day, SPECIALTY)
    sql = (f"SELECT p.birth_date, min(datetime(e.opened_at, '-5 hours')) FROM encounters e "
           f"JOIN patients p ON p.id = {person_of('e.patient_id')} WHERE {where} GROUP BY p.id")
    counts = [0] * len(AGE_GROUPS)
    unknown = 0
    for birth, opened in store.db.execute(sql, params).fetchall():
        age = _age(birth, opened)
        group = next((i for i, (_, low, high) in enumerate(AGE_GROUPS) if age is not None and low <= age <= high), None)
        if group is None:
            unknown += 1
        else:
            counts[group] += 1
    rows = [ReportRow(SPECIALTY, label, n, group="patients") for (label, _, _), n in zip(AGE_GROUPS, counts)]
    if unknown:
        rows.append(ReportRow(SPECIALTY, UNKNOWN_AGE, unknown, group="patients"))
    return rows


def teeth_rows(store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """Distinct teeth extracted, restored and sealed (a tooth with two restorations counts once),
    and fluoride applications."""
    where, params = encounter_scope(campaign, day, SPECIALTY)
    sql = (f"SELECT p.encounter_id, p.code, p.detail, p.quantity FROM procedures p "
           f"JOIN encounters e ON e.id = p.encounter_id WHERE {where}")
    teeth: dict[str, set] = {kind: set() for kind in TEETH}
    fluoride = 0
    for encounter_id, code, detail, quantity in store.db.execute(sql, params).fetchall():
        if code == FLUORIDE:
            fluoride += quantity
        action = TOOTH_ACTIONS.get(code)
        if action is None:
            continue
        tooth, _, _ = procedure_site(json.loads(detail) if isinstance(detail, str) else (detail or {}))
        if tooth is not None:
            teeth[action.kind].add((encounter_id, tooth))
    rows = [ReportRow(SPECIALTY, label, len(teeth[kind]), group="teeth") for kind, label in TEETH.items()]
    rows.append(ReportRow(SPECIALTY, FLUORIDE_LABEL, fluoride, group="teeth"))
    return rows


def kit_rows(store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """Hygiene kits handed out in dental encounters (from the stock ledger)."""
    if "stock_movements" not in store.db.table_names():
        return []
    where, params = encounter_scope(campaign, day, SPECIALTY)
    sql = (f"SELECT coalesce(-sum(m.quantity), 0) FROM stock_movements m JOIN stock_lots l ON l.id = m.lot_id "
           f"JOIN encounters e ON e.id = m.encounter_id WHERE m.kind = 'dispense' AND l.item_key = ? AND {where}")
    given = store.db.execute(sql, [HYGIENE_KIT, *params]).fetchone()[0]
    return [ReportRow(SPECIALTY, KITS_LABEL, int(given), group="dispensed")]


def report_rows(store, campaign: Campaign, day: dt.date | None, specialty) -> list[ReportRow]:
    """Every dental figure: the usual ones (encounters, procedures, diagnoses) and the dental ones."""
    return [
        *specialty_rows(store, campaign, day, specialty),
        *age_rows(store, campaign, day),
        *teeth_rows(store, campaign, day),
        *kit_rows(store, campaign, day),
    ]
