"""What a person must notice about a general-medicine visit (``ayni_alerts``): triage findings with
the suggested priority, a PHQ-9 safety answer, a follow-up flag, pregnancy danger signs, reactive
rapid tests and medicines to avoid in the pregnancy ``pregnancy_status`` reads. The patient's drug allergies are the person's alerts
(``ayni.core.people.alerts``), on the header line of every encounter."""

from __future__ import annotations

from ayni.core import Alert, Text, EncounterRecord, phrase, pregnancy_status
from ayni.core.clinical.prescribing import LEVELS, SAFE

from . import mental, triage
from .cautions import PREGNANCY
from .formulary import BY_KEY
from .forms import DANGER_SIGNS, MENTAL_HEALTH, PRESCRIPTION, SPECIALTY, SRH, TRIAGE
from .record import latest_form
from .rules import encounter_day, triage_findings

_LEVEL = {key: level for key, (_, level) in triage.PRIORITIES.items()}


def _triage(visit: EncounterRecord, store) -> list[Alert]:
    values = latest_form(store, visit, TRIAGE.key)
    if not values:
        return []
    found = triage_findings(visit, values)
    alerts = [Alert(f"general.triage.{f.key}", _LEVEL[f.priority], f.text, f"{TRIAGE.key}.{f.field}") for f in found]
    suggested = triage.suggested(found)
    given = triage.assigned(values, found)
    label = triage.PRIORITIES[given][0]
    if given == suggested:
        text = phrase(Text("Prioridad {priority}.", "Priority {priority}."), priority=label)
    else:
        hint = triage.PRIORITIES[suggested][0]
        text = phrase(Text("Prioridad {priority} (sugerida: {suggested}).", "Priority {priority} (suggested: {suggested})."),
                      priority=label, suggested=hint)
    alerts.insert(0, Alert("general.triage.priority", _LEVEL[given], text, f"{TRIAGE.key}.priority"))
    return alerts


def _mental(visit: EncounterRecord) -> list[Alert]:
    values = visit.form(MENTAL_HEALTH.key)
    alerts = []
    if mental.safety_risk(values):
        alerts.append(Alert("general.mental.safety", "danger",
                            Text(f"PHQ-9 pregunta 9 = {values[mental.SAFETY_ITEM]}: pensamientos de muerte o de "
                                 "hacerse daño. Evalúe el riesgo hoy y no deje solo al paciente.",
                                 f"PHQ-9 question 9 = {values[mental.SAFETY_ITEM]}: thoughts of death or self-harm. "
                                 "Assess the risk today and do not leave the patient alone."),
                            f"{MENTAL_HEALTH.key}.{mental.SAFETY_ITEM}"))
    for scale in mental.SCALES:
        band = values.get(f"{scale.prefix}_band")
        if band in ("moderate", "moderately_severe", "severe"):
            label = scale.band_label(band)
            score = values.get(f"{scale.prefix}_score")
            alerts.append(Alert(f"general.mental.{scale.prefix}", "warning",
                                phrase(Text("{scale}: {score}, {band}.", "{scale}: {score}, {band}."), scale=scale.name,
                                       score=score, band=label),
                                f"{MENTAL_HEALTH.key}.{scale.prefix}_score"))
    if values.get("follow_up"):
        alerts.append(Alert("general.mental.follow_up", "info", Text("Salud mental: necesita seguimiento.",
                                                                     "Mental health: needs follow-up."),
                            f"{MENTAL_HEALTH.key}.follow_up"))
    return alerts


def _srh(visit: EncounterRecord) -> list[Alert]:
    values = visit.form(SRH.key)
    alerts = []
    signs = values.get(DANGER_SIGNS.key) or []
    if signs:
        es = ", ".join(DANGER_SIGNS.choice_label(s, "es") for s in signs)
        en = ", ".join(DANGER_SIGNS.choice_label(s, "en") for s in signs)
        alerts.append(Alert("general.srh.danger_signs", "danger",
                            Text(f"Gestante con signos de alarma: {es}. Referir.",
                                 f"Pregnant with danger signs: {en}. Refer."), f"{SRH.key}.{DANGER_SIGNS.key}"))
    fhr = values.get("fetal_heart_rate")
    if fhr is not None and not 110 <= int(fhr) <= 160:
        alerts.append(Alert("general.srh.fetal_heart_rate", "danger",
                            Text(f"Latidos fetales {fhr}/min: fuera de 110–160.", f"Fetal heart rate {fhr}/min: outside 110–160."),
                            f"{SRH.key}.fetal_heart_rate"))
    for key, name in (("hiv_test", Text("VIH", "HIV")), ("syphilis_test", Text("sífilis", "syphilis"))):
        if values.get(key) == "reactive":
            alerts.append(Alert(f"general.srh.{key}", "warning",
                                phrase(Text("Prueba rápida de {test} reactiva: confirmar y vincular a tratamiento.",
                                            "{test} rapid test reactive: confirm and link to treatment."), test=name),
                                f"{SRH.key}.{key}"))
    return alerts


def _pregnancy(visit: EncounterRecord, store) -> list[Alert]:
    """The prescribed medicines not safe in the pregnancy :func:`ayni.core.pregnancy_status` reads
    (an unknown trimester read as the strictest)."""
    status = pregnancy_status(store, visit.patient.id, encounter_day(visit), visit) if store is not None else None
    if status is None or not status.pregnant:
        return []
    alerts = []
    for line in visit.form(PRESCRIPTION.key).get("items") or []:
        drug, rule = BY_KEY.get(line.get("medicine")), PREGNANCY.get(line.get("medicine"))
        if drug is not None and rule is not None and rule.level(status.trimester) != SAFE:
            label, level = drug.medicine.label, LEVELS[rule.level(status.trimester)]
            alerts.append(Alert(f"general.rx.pregnancy.{drug.short}", "warning",
                                phrase(Text("{medicine}: {level} en el embarazo.", "{medicine}: {level} in pregnancy."),
                                       medicine=label, level=level),
                                f"{PRESCRIPTION.key}.items"))
    return alerts


def visit_alerts(visit: EncounterRecord, store=None) -> list[Alert]:
    """Every alert of a general-medicine visit, most serious first; ``[]`` for other specialties."""
    if visit.encounter.specialty != SPECIALTY:
        return []
    found = [*_triage(visit, store), *_mental(visit), *_srh(visit), *_pregnancy(visit, store)]
    order = ("danger", "warning", "info")
    return sorted(found, key=lambda a: order.index(a.level))
