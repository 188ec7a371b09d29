"""The general-medicine figures of a campaign report, beyond encounters, procedures and diagnoses by
code: diagnoses by ICD-10 chapter, triage by priority, prescriptions and units by medicine, vaccine
doses by vaccine, mental-health screenings by band, referrals by urgency, education topics and
pastoral counselling given with consent.

Each encounter counts with the latest revision of each form; days are Lima days.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ayni.core import Campaign, ReportRow, Text, person_of, phrase
from ayni.core.clinical.codesearch import CHAPTERS, chapter_of
from ayni.core.clinical.forms import load_json
from ayni.core.clinical.referrals import URGENCIES
from ayni.core.dates import to_lima
from ayni.core.documents.reporting import diagnosis_counts, encounter_scope, specialty_rows

from . import mental, triage
from .forms import EDUCATION, MENTAL_HEALTH, PASTORAL, PRESCRIPTION, SPECIALTY, TRIAGE, VACCINATION
from .formulary import BY_KEY as DRUGS
from .vaccines import BY_KEY as VACCINES

#: The titles of this specialty's own report tables.
GROUP_TITLES = {
    "triage": Text("Triaje por prioridad", "Triage by priority"),
    "diagnosis_chapters": Text("Diagnósticos por capítulo de la CIE-10", "Diagnoses by ICD-10 chapter"),
    "prescriptions": Text("Recetas y unidades por medicamento", "Prescriptions and units by medicine"),
    "mental_health": Text("Salud mental (PHQ-9, GAD-7)", "Mental health (PHQ-9, GAD-7)"),
    "education": Text("Educación para la salud y consejería pastoral", "Health education and pastoral counselling"),
}

PRESCRIPTIONS = Text("Recetas emitidas", "Prescriptions written")
PASTORAL_LABEL = Text("Consejería pastoral con consentimiento", "Pastoral counselling with consent")
SAFETY = Text("PHQ-9 con pregunta 9 mayor que 0", "PHQ-9 with question 9 above 0")
REFERRALS = Text("Referencias", "Referrals")
NO_CHAPTER = Text("Sin capítulo", "No chapter")


def latest_forms(store, campaign: Campaign, day: dt.date | None, form_key: str) -> list[tuple[dict, str | None, str]]:
    """``(values, patient birth date, opened_at)`` of the latest revision of ``form_key`` in each
    general-medicine encounter in scope."""
    where, params = encounter_scope(campaign, day, SPECIALTY)
    sql = (f"SELECT f.data, p.birth_date, e.opened_at FROM form_data f JOIN encounters e ON e.id = f.encounter_id "
           f"JOIN patients p ON p.id = {person_of('e.patient_id')} WHERE {where} AND f.form_key = ? AND f.revision = "
           f"(SELECT max(g.revision) FROM form_data g WHERE g.encounter_id = f.encounter_id AND g.form_key = f.form_key)")
    rows = store.db.execute(sql, [*params, form_key]).fetchall()
    return [(load_json(data) if isinstance(data, str) else data, birth, opened) for data, birth, opened in rows]


def chapter_rows(store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """Diagnoses by ICD-10 chapter, in chapter order."""
    counts: Counter = Counter()
    titles: dict[str, Text] = {}
    for code, n in diagnosis_counts(store, campaign, day, SPECIALTY):
        found = chapter_of(code)
        number, title = found if found else ("", NO_CHAPTER)
        counts[number] += n
        titles[number] = title
    order = [c[0] for c in CHAPTERS] + [""]
    return [ReportRow(SPECIALTY, phrase(Text("{number} — {title}", "{number} — {title}"), number=number,
                                        title=titles[number]) if number else titles[number], counts[number],
                      group="diagnosis_chapters")
            for number in sorted(counts, key=order.index)]


def _months(birth: str | None, opened: str) -> int | None:
    if not birth:
        return None
    b, on = dt.date.fromisoformat(birth[:10]), to_lima(dt.datetime.fromisoformat(opened)).date()
    return (on.year - b.year) * 12 + on.month - b.month - (on.day < b.day)


def triage_rows(store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """Triages by the priority given (the nurse's, else the suggested one), every priority listed."""
    counts: Counter = Counter()
    for values, birth, opened in latest_forms(store, campaign, day, TRIAGE.key):
        counts[triage.assigned(values, triage.findings(values, _months(birth, opened)))] += 1
    return [ReportRow(SPECIALTY, label, counts[key], group="triage") for key, (label, _) in triage.PRIORITIES.items()]


def prescription_rows(store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """Prescriptions written, then units to dispense by medicine (most first)."""
    units: Counter = Counter()
    written = 0
    for values, _, _ in latest_forms(store, campaign, day, PRESCRIPTION.key):
        lines = values.get("items") or []
        written += bool(lines)
        for line in lines:
            units[line["medicine"]] += int(line.get("quantity") or 0)
    rows = [ReportRow(SPECIALTY, PRESCRIPTIONS, written, group="prescriptions")]
    for key, n in sorted(units.items(), key=lambda kv: (-kv[1], kv[0])):
        label = DRUGS[key].medicine.label if key in DRUGS else Text(key, key)
        rows.append(ReportRow(SPECIALTY, label, n, group="prescriptions"))
    return rows


def vaccine_rows(store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """Doses given by vaccine, in the order of the schedule (vaccines with no dose left out)."""
    counts: Counter = Counter()
    for values, _, _ in latest_forms(store, campaign, day, VACCINATION.key):
        counts.update(d["vaccine"] for d in values.get("doses") or [])
    return [ReportRow(SPECIALTY, v.name, counts[v.key], group="vaccines") for v in VACCINES.values() if counts[v.key]]


def mental_rows(store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """Screenings by scale and band (every band listed), and PHQ-9 safety answers."""
    counts: Counter = Counter()
    safety = 0
    for values, _, _ in latest_forms(store, campaign, day, MENTAL_HEALTH.key):
        for scale in mental.SCALES:
            band = values.get(f"{scale.prefix}_band")
            if band:
                counts[(scale.prefix, band)] += 1
        safety += mental.safety_risk(values)
    rows = [ReportRow(SPECIALTY, phrase(Text("{scale}: {band}", "{scale}: {band}"), scale=scale.name, band=label),
                      counts[(scale.prefix, key)], group="mental_health")
            for scale in mental.SCALES for _, key, label in scale.bands]
    rows.append(ReportRow(SPECIALTY, SAFETY, safety, group="mental_health"))
    return rows


def referral_rows(store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """Referrals out of general medicine, in all and by urgency."""
    where, params = encounter_scope(campaign, day, SPECIALTY)
    sql = (f"SELECT r.urgency, count(*) FROM referrals r JOIN encounters e ON e.id = r.encounter_id "
           f"WHERE {where} GROUP BY r.urgency")
    counts = dict(store.db.execute(sql, params).fetchall())
    rows = [ReportRow(SPECIALTY, REFERRALS, sum(counts.values()), group="referrals")]
    rows.extend(ReportRow(SPECIALTY, phrase(Text("Referencias: {urgency}", "Referrals: {urgency}"), urgency=label),
                          counts.get(key, 0), group="referrals") for key, label in URGENCIES.items())
    return rows


def education_rows(store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """People who attended health education, by topic, and pastoral counselling given with consent."""
    counts: Counter = Counter()
    for values, _, _ in latest_forms(store, campaign, day, EDUCATION.key):
        counts.update(values.get("topics") or [])
    field = EDUCATION.field("topics")
    rows = [ReportRow(SPECIALTY, c.label, counts[c.value], group="education") for c in field.choices if counts[c.value]]
    pastoral = sum(1 for values, _, _ in latest_forms(store, campaign, day, PASTORAL.key) if values.get("consent") is True)
    rows.append(ReportRow(SPECIALTY, PASTORAL_LABEL, pastoral, group="education"))
    return rows


def report_rows(store, campaign: Campaign, day: dt.date | None, specialty) -> list[ReportRow]:
    """Every general-medicine figure: the usual ones and those above."""
    return [
        *specialty_rows(store, campaign, day, specialty),
        *chapter_rows(store, campaign, day),
        *triage_rows(store, campaign, day),
        *prescription_rows(store, campaign, day),
        *vaccine_rows(store, campaign, day),
        *mental_rows(store, campaign, day),
        *referral_rows(store, campaign, day),
        *education_rows(store, campaign, day),
    ]
