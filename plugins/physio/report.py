"""The physiotherapy figures of a campaign report: patients by diagnosis category and age group,
treatment sessions, and aids handed out by kind and size (donated or lent), beside the usual
encounters, procedures and diagnoses.

A patient assessed more than once in the period counts once, under the category of the latest
assessment; ages are taken on the day of that assessment.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

from ayni.core import ReportRow, Text, person_of, phrase
from ayni.core.dates import to_lima
from ayni.core.documents.reporting import encounter_scope, specialty_rows

from . import forms
from .aids import AIDS
from .codes import PROVISIONS, TECHNIQUES
from .fitting import TABLE

SPECIALTY = forms.SPECIALTY

#: The titles of this specialty's own report tables.
GROUP_TITLES = {
    "sessions": Text("Sesiones", "Sessions"),
    "sessions_by_technique": Text("Sesiones por técnica", "Sessions by technique"),
    "equipment_provision": Text("Modalidad de entrega de equipos", "How equipment was provided"),
    "patients_by_category": Text("Pacientes por categoría", "Patients by category"),
    "patients_by_category_age": Text("Pacientes por categoría y edad", "Patients by category and age"),
}

#: Age groups, by their lowest age in years.
AGE_GROUPS = (
    (0, Text("0–4 años", "0–4 years")),
    (5, Text("5–17 años", "5–17 years")),
    (18, Text("18–59 años", "18–59 years")),
    (60, Text("60 años o más", "60 years or more")),
)
UNKNOWN_AGE = Text("edad desconocida", "age unknown")


def age_group(birth_date: dt.date | None, on: dt.date) -> Text:
    """The age group of someone born on ``birth_date``, on ``on``."""
    if birth_date is None:
        return UNKNOWN_AGE
    years = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    return next(label for low, label in reversed(AGE_GROUPS) if years >= low)


def _latest_forms(store, campaign, day, form_key: str) -> list[tuple]:
    """``(encounter id, kept patient id, opened_at, birth_date, data)`` of the latest revision of
    ``form_key`` in each physiotherapy encounter of the period, oldest first."""
    where, params = encounter_scope(campaign, day, SPECIALTY)
    sql = (f"SELECT e.id, p.id, e.opened_at, p.birth_date, f.data, max(f.revision) FROM encounters e "
           f"JOIN form_data f ON f.encounter_id = e.id JOIN patients p ON p.id = {person_of('e.patient_id')} "
           f"WHERE {where} AND f.form_key = ? GROUP BY e.id ORDER BY e.opened_at, e.rowid")
    return [row[:5] for row in store.db.execute(sql, [*params, form_key]).fetchall()]


def _category_label(value: str) -> Text:
    return next((c.label for c in forms.CATEGORY.choices if c.value == value), Text(value, value))


def patient_rows(store, campaign, day) -> list[ReportRow]:
    """Patients by diagnosis category (group ``patients_by_category``) and by category and age
    group (group ``patients_by_category_age``)."""
    latest: dict[str, tuple[str, Text]] = {}
    for _, patient_id, opened_at, birth_date, data in _latest_forms(store, campaign, day, forms.ASSESSMENT.key):
        on = to_lima(dt.datetime.fromisoformat(opened_at)).date()
        born = dt.date.fromisoformat(birth_date) if birth_date else None
        latest[patient_id] = (json.loads(data).get("category", "other"), age_group(born, on))
    by_category = Counter(category for category, _ in latest.values())
    by_age = Counter(latest.values())
    order = [c.value for c in forms.CATEGORY.choices]
    rows = []
    for category in sorted(by_category, key=lambda c: (order.index(c) if c in order else len(order), c)):
        label = _category_label(category)
        rows.append(ReportRow(SPECIALTY, label, by_category[category], group="patients_by_category"))
        for _, age in (*AGE_GROUPS, (None, UNKNOWN_AGE)):
            n = by_age.get((category, age), 0)
            if n:
                rows.append(ReportRow(SPECIALTY, phrase(Text("{category} · {age}", "{category} · {age}"), category=label, age=age), n,
                                      group="patients_by_category_age"))
    return rows


def session_rows(store, campaign, day) -> list[ReportRow]:
    """Treatment sessions, patients treated, and sessions using each technique (group ``sessions``)."""
    sessions = _latest_forms(store, campaign, day, forms.SESSION.key)
    rows = [
        ReportRow(SPECIALTY, Text("Sesiones de tratamiento", "Treatment sessions"), len(sessions), group="sessions"),
        ReportRow(SPECIALTY, Text("Pacientes en tratamiento", "Patients treated"),
                  len({patient_id for _, patient_id, *_ in sessions}), group="sessions"),
    ]
    techniques = Counter(t for *_, data in sessions for t in json.loads(data).get("techniques", []))
    for choice in TECHNIQUES:
        if techniques.get(choice.value):
            rows.append(ReportRow(SPECIALTY, choice.label, techniques[choice.value], group="sessions_by_technique"))
    return rows


def equipment_rows(store, campaign, day) -> list[ReportRow]:
    """Aids handed out by item, kind and size (group ``equipment``), and donated or lent
    (group ``equipment_provision``), in units."""
    where, params = encounter_scope(campaign, day, SPECIALTY)
    rows = store.db.execute(
        f"SELECT x.item_key, x.attributes, x.provision, sum(x.quantity) FROM {TABLE} x "
        f"JOIN encounters e ON e.id = x.encounter_id WHERE {where} "
        f"GROUP BY x.item_key, x.attributes, x.provision ORDER BY x.item_key", params).fetchall()
    by_size: Counter = Counter()
    by_provision: Counter = Counter()
    for item_key, attributes, provision, quantity in rows:
        by_size[(item_key, attributes)] += quantity
        by_provision[provision] += quantity
    found = []
    for (item_key, attributes), n in sorted(by_size.items()):
        item = store.plugins.equipment.get(item_key)
        name = item.label if item else Text(item_key, item_key)
        aid = AIDS.get(item_key)
        values = json.loads(attributes or "{}")
        label = Text(*(f"{name.get(lang)} · {aid.describe(values, lang)}" if aid else name.get(lang)
                       for lang in ("es", "en")))
        found.append(ReportRow(SPECIALTY, label, n, group="equipment"))
    for choice in PROVISIONS:
        if by_provision.get(choice.value):
            found.append(ReportRow(SPECIALTY, choice.label, by_provision[choice.value], group="equipment_provision"))
    return found


def report_rows(store, campaign, day, specialty) -> list[ReportRow]:
    """Every physiotherapy figure of the period."""
    return [
        *specialty_rows(store, campaign, day, specialty),
        *patient_rows(store, campaign, day),
        *session_rows(store, campaign, day),
        *equipment_rows(store, campaign, day),
    ]
