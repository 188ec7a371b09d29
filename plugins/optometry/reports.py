"""Optometry's own report figures: patients examined, glasses handed out by kind (and readers by
power), referrals by reason, and patients by WHO category of visual impairment."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation

from ayni.core import Campaign, ReportRow, Text, person_of, signed_number
from ayni.core.clinical.forms import load_json
from ayni.core.documents.reporting import days_clause, encounter_scope, lima_day

from . import acuity
from .codes import EQUIPMENT, GLASSES, READERS, REFERRAL_REASONS
from .forms import EXAM, SPECIALTY
from .orders import EVENTS, ORDERS

#: The titles of this specialty's own report tables.
GROUP_TITLES = {
    "readers_by_power": Text("Lentes de lectura por dioptría", "Reading glasses by power"),
    "who_category": Text("Agudeza visual (categorías de la OMS)", "Visual acuity (WHO categories)"),
}

EXAMINED = Text("Pacientes examinados", "Patients examined")
ORDERED = Text("Lentes a medida pedidos", "Custom glasses ordered")
DELIVERED = Text("Lentes a medida entregados", "Custom glasses delivered")


def _scope(campaign: Campaign, day: dt.date | None) -> tuple[str, list]:
    return encounter_scope(campaign, day, SPECIALTY)


def patients_examined(store, campaign: Campaign, day: dt.date | None) -> int:
    """Distinct patients with an optometry encounter."""
    where, params = _scope(campaign, day)
    return store.db.execute(f"SELECT count(DISTINCT {person_of('e.patient_id')}) FROM encounters e WHERE {where}",
                            params).fetchone()[0]


def dispensed(store, campaign: Campaign, day: dt.date | None) -> list[tuple[str, dict, int]]:
    """``(item key, lot attributes, units)`` handed out in optometry encounters, per lot."""
    where, params = _scope(campaign, day)
    rows = store.db.execute(
        "SELECT l.item_key, l.attributes, -sum(m.quantity) FROM stock_movements m "
        "JOIN stock_lots l ON l.id = m.lot_id JOIN encounters e ON e.id = m.encounter_id "
        f"WHERE m.kind = 'dispense' AND {where} GROUP BY l.id ORDER BY l.item_key", params).fetchall()
    return [(key, json.loads(attributes) if attributes else {}, n) for key, attributes, n in rows]


def _power(value) -> Decimal | None:
    try:
        return Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        return None


def glasses_rows(store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """Units handed out per item (group ``dispensed``), readers per power (group
    ``readers_by_power``), custom glasses ordered and delivered."""
    labels = {item.key: item.label for item in EQUIPMENT}
    by_item: dict[str, int] = {}
    by_power: dict[Decimal | None, int] = {}
    for key, attributes, n in dispensed(store, campaign, day):
        by_item[key] = by_item.get(key, 0) + n
        if key == READERS:
            power = _power(attributes.get("power"))
            by_power[power] = by_power.get(power, 0) + n
    rows = [ReportRow(SPECIALTY, labels[key], by_item.get(key, 0), group="dispensed")
            for key in labels if key != GLASSES]
    where, params = _scope(campaign, day)
    ordered = store.db.execute(
        f"SELECT count(*) FROM {ORDERS} o JOIN encounters e ON e.id = o.encounter_id WHERE {where}", params).fetchone()[0]
    campaign_where, campaign_params = _scope(campaign, None)
    delivered_sql = (f"SELECT count(*) FROM {EVENTS} v JOIN {ORDERS} o ON o.id = v.order_id "
                     f"JOIN encounters e ON e.id = o.encounter_id WHERE v.status = 'delivered' AND {campaign_where}")
    delivered_on, delivered_params = days_clause(day, lima_day("v.at"))  # whenever they were ordered
    delivered_sql += f" AND {delivered_on}"
    campaign_params = [*campaign_params, *delivered_params]
    delivered = store.db.execute(delivered_sql, campaign_params).fetchone()[0]
    rows += [ReportRow(SPECIALTY, ORDERED, ordered, group="dispensed"),
             ReportRow(SPECIALTY, DELIVERED, delivered, group="dispensed")]
    for power in sorted(by_power, key=lambda p: (p is None, p)):
        text = signed_number(power) if power is not None else "?"
        rows.append(ReportRow(SPECIALTY, Text(f"Lentes de lectura {text}", f"Reading glasses {text}"),
                              by_power[power], group="readers_by_power"))
    return rows


def referral_rows(store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """Referrals made in optometry encounters, one row per reason (group ``referrals``)."""
    where, params = _scope(campaign, day)
    counts = dict(store.db.execute(
        f"SELECT r.reason, count(*) FROM referrals r JOIN encounters e ON e.id = r.encounter_id "
        f"WHERE {where} GROUP BY r.reason", params).fetchall())
    rows = [ReportRow(SPECIALTY, label, counts.pop(reason, 0), group="referrals")
            for reason, (label, _) in REFERRAL_REASONS.items()]
    rows += [ReportRow(SPECIALTY, Text(reason, reason), n, group="referrals") for reason, n in sorted(counts.items())]
    return rows


def presenting(exam: dict) -> acuity.Acuity | None:
    """The better eye's presenting distance acuity: each eye with its own correction if measured,
    else without; both eyes together only when neither eye was measured alone."""
    with_own, without = exam.get("va_cc") or {}, exam.get("va_sc") or {}

    def read(eye: str) -> acuity.Acuity | None:
        notation = with_own.get(eye) or without.get(eye)
        return acuity.parse(notation) if notation else None

    return acuity.better(read("od"), read("os")) or read("ou")


def latest_exams(store, campaign: Campaign, day: dt.date | None) -> dict[str, dict]:
    """Each examined person's latest saved exam in scope, by the kept record's id (``{}`` for none)."""
    where, params = _scope(campaign, day)
    patients = {row[0]: {} for row in store.db.execute(
        f"SELECT DISTINCT {person_of('e.patient_id')} FROM encounters e WHERE {where}", params).fetchall()}
    for patient_id, data in store.db.execute(
            f"SELECT {person_of('e.patient_id')}, f.data FROM form_data f JOIN encounters e ON e.id = f.encounter_id "
            f"WHERE f.form_key = ? AND {where} ORDER BY f.saved_at, f.revision", [EXAM.key, *params]).fetchall():
        patients[patient_id] = load_json(data)  # later rows replace earlier ones
    return patients


def who_rows(store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """Examined patients by WHO category of the better eye's presenting acuity (group
    ``who_category``; 9 when no distance acuity was recorded)."""
    counts = dict.fromkeys(acuity.WHO_LABELS, 0)
    for exam in latest_exams(store, campaign, day).values():
        counts[acuity.who_category(presenting(exam))] += 1
    return [ReportRow(SPECIALTY, acuity.WHO_LABELS[c], n, group="who_category") for c, n in counts.items()]


def rows(store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """Every optometry figure of its own (the core adds encounters, procedures and diagnoses)."""
    return [
        ReportRow(SPECIALTY, EXAMINED, patients_examined(store, campaign, day), group="patients"),
        *glasses_rows(store, campaign, day),
        *referral_rows(store, campaign, day),
        *who_rows(store, campaign, day),
    ]
