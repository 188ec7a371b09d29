"""The surgery documents, as PDF bytes through ``ayni.core.documents.pdf.render``: the operative note (with
the WHO checklist and the case's history), the discharge summary and the printed list of one
theatre for one day; and the section a screening encounter adds to the visit summary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ayni.core import FieldType, PdfSection, Site, Text, escape, kept_record
from ayni.core.campaign.campaigns import current_campaign
from ayni.core.dates import format_date, format_datetime, format_time, to_lima, today_in_lima
from ayni.core.documents.pdf import age_text, campaign_context, patient_context, renderer, user_name
from ayni.core.documents.sections import form_table, visit_sections
from ayni.core.model import Campaign

from . import checklist, forms
from .cases import (
    STATUS_LABELS, CaseStatus, cases_of_encounter, checklist_answers, day_list, events, get_case, latest_form,
    phase_done,
)
from .checklist import ANSWER_LABELS
from .views import case_facts, theatre_label

TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = TEMPLATES / "surgery.css"

LABELS: dict[str, Text] = {
    "operative_note": Text("Nota operatoria", "Operative note"),
    "discharge_summary": Text("Resumen de alta", "Discharge summary"),
    "day_list": Text("Lista quirúrgica", "Operating list"),
    "case": Text("Caso quirúrgico", "Surgical case"),
    "planned": Text("Operación planificada", "Planned operation"),
    "service": Text("Servicio", "Service"),
    "surgeon": Text("Cirujano", "Surgeon"),
    "anaesthetist": Text("Anestesiólogo", "Anaesthetist"),
    "day": Text("Día de operación", "Operating day"),
    "theatre": Text("Quirófano", "Theatre"),
    "place": Text("lugar", "place"),
    "status": Text("Estado", "Status"),
    "indication": Text("Indicación", "Indication"),
    "checklist": Text("Lista de verificación de la seguridad de la cirugía (OMS)", "WHO Surgical Safety Checklist"),
    "incomplete": Text("INCOMPLETA", "INCOMPLETE"),
    "not_answered": Text("—", "—"),
    "history": Text("Historial del caso", "Case history"),
    "when": Text("Fecha y hora", "Date and time"),
    "who": Text("Registró", "Recorded by"),
    "no_note": Text("Nota operatoria aún no registrada.", "Operative note not yet recorded."),
    "not_discharged": Text("Alta aún no registrada.", "Discharge not yet recorded."),
    "surgeon_signature": Text("Firma y sello del cirujano", "Surgeon's signature and stamp"),
    "team": Text("Equipo", "Team"),
    "preop": Text("Preoperatorio", "Pre-op"),
    "no_cases": Text("No hay casos en esta lista.", "No cases on this list."),
    "created": Text("Ingreso a la lista", "Put on the list"),
}


def _site(store, campaign: Campaign) -> Site | None:
    return store.get(Site, "sites", campaign.site_id) if campaign.site_id else None


def _campaign(store, campaign_id: str, lang: str) -> dict:
    campaign = store.get(Campaign, "campaigns", campaign_id)
    return campaign_context(campaign, _site(store, campaign), lang)


_render = renderer([TEMPLATES], LABELS, stylesheets=[STYLESHEET])


def _case_context(store, case, title: Text, lang: str) -> dict:
    patient = kept_record(store, case.patient_id)
    return {
        "title": title.get(lang),
        "campaign": _campaign(store, case.campaign_id, lang),
        "patient": patient_context(patient, lang, case.day or today_in_lima()),
        "case": case_facts(store, case, lang),
    }


def _readable(spec, values: dict, lang: str) -> dict:
    """Dates written out («23 de noviembre de 2026») rather than as stored."""
    dates = {f.key for f in spec.fields if f.type == FieldType.DATE}
    return {k: format_date(dt.date.fromisoformat(v), lang) if k in dates and v else v for k, v in values.items()}


def _forms(store, case_id: str, specs, lang: str) -> list[dict]:
    found = []
    for spec in specs:
        html = form_table(spec, _readable(spec, latest_form(store, case_id, spec.key), lang), lang)
        if html:
            found.append({"title": spec.title.get(lang), "html": html})
    return found


def _when(moment: dt.datetime, day: dt.date | None, lang: str) -> str:
    """Only the time when it happened on the operating day, else the date and time."""
    return format_time(moment) if to_lima(moment).date() == day else format_datetime(moment, lang)


def _checklist(store, case_id: str, day: dt.date | None, lang: str) -> list[dict]:
    state = checklist_answers(store, case_id)
    phases = []
    for phase in checklist.PHASES:
        items = []
        for item in phase.items:
            answer = state[phase.key].get(item.key)
            items.append({
                "label": item.label.get(lang),
                "answer": ANSWER_LABELS[answer.answer].get(lang) if answer else LABELS["not_answered"].get(lang),
                "who": f"{user_name(store, answer.answered_by)} · {_when(answer.at, day, lang)}" if answer else "",
            })
        phases.append({"label": phase.label.get(lang), "when": phase.when.get(lang), "items": items,
                       "done": phase_done(state[phase.key], phase)})
    return phases


def _history(store, case_id: str, lang: str) -> list[dict]:
    return [{"at": format_datetime(e.at, lang), "by": user_name(store, e.changed_by), "reason": e.reason,
             "status": STATUS_LABELS[CaseStatus(e.to_status)].get(lang) if e.from_status else
             LABELS["created"].get(lang)} for e in events(store, case_id)]


def render_operative_note(store, case_id: str, lang: str = "es") -> bytes:
    """The operative note of a case: the case, its pre-op and operative note, the WHO checklist
    (each answer with who and when) and the history of its status changes."""
    case = get_case(store, case_id)
    context = _case_context(store, case, LABELS["operative_note"], lang)
    context.update(forms=_forms(store, case_id, (forms.PREOP, forms.OPERATIVE_NOTE), lang),
                   note_recorded=bool(latest_form(store, case_id, forms.OPERATIVE_NOTE.key)),
                   checklist=_checklist(store, case_id, case.day, lang), history=_history(store, case_id, lang))
    return _render("operative_note.html", context, lang)


def render_discharge(store, case_id: str, lang: str = "es") -> bytes:
    """The discharge summary: the case, the operation done, post-op day 1 and the discharge."""
    case = get_case(store, case_id)
    context = _case_context(store, case, LABELS["discharge_summary"], lang)
    context.update(forms=_forms(store, case_id, (forms.OPERATIVE_NOTE, forms.POSTOP_DAY1, forms.DISCHARGE), lang),
                   discharged=bool(latest_form(store, case_id, forms.DISCHARGE.key)))
    return _render("discharge.html", context, lang)


def _preop_text(store, case_id: str, lang: str) -> str:
    preop = latest_form(store, case_id, forms.PREOP.key)
    parts = []
    if preop.get("asa"):
        parts.append(f"ASA {preop['asa']}")
    if preop.get("anaesthesia_plan"):
        parts.append(forms.PREOP.field("anaesthesia_plan").choice_label(preop["anaesthesia_plan"], lang))
    if preop.get("allergies"):
        parts.append(f"{forms.PREOP.field('allergies').label.get(lang)}: {preop['allergies']}")
    return " · ".join(parts)


def day_list_rows(store, cases, day: dt.date, lang: str) -> list[dict]:
    """The rows of one theatre's list for a day, as printed."""
    rows = []
    for case in cases:
        patient = kept_record(store, case.patient_id)
        facts = (age_text(patient, day, lang), patient.identifier_text())
        rows.append({**case_facts(store, case, lang), "patient_facts": ", ".join(p for p in facts if p),
                     "preop": _preop_text(store, case.id, lang),
                     "inactive": case.status in (CaseStatus.CANCELLED, CaseStatus.POSTPONED)})
    return rows


def render_day_list(store, day: dt.date, theatre: str, lang: str = "es") -> bytes:
    """The printed list of one theatre for one day, in order (cancelled and postponed cases struck
    through, so the list on the wall matches the record)."""
    cases = day_list(store, day, theatre)
    campaign_id = cases[0].campaign_id if cases else current_campaign(store, day).id
    title = f"{LABELS['day_list'].get(lang)} — {theatre_label(theatre).get(lang)} — {format_date(day, lang)}"
    context = {"title": title, "campaign": _campaign(store, campaign_id, lang),
               "rows": day_list_rows(store, cases, day, lang)}
    return _render("day_list.html", context, lang)


def visit_summary_sections(visit, lang: str, store=None) -> list[PdfSection]:
    """A surgical screening encounter's form and, given the store, the case it put on the list
    (operation, status, day and theatre); nothing for another specialty's encounter."""
    sections = visit_sections(visit, lang, forms.SPECIALTY, (forms.SCREENING,))
    if store is None or visit.encounter.specialty != forms.SPECIALTY:
        return sections
    for case in cases_of_encounter(store, visit.encounter.id):
        facts = case_facts(store, case, lang)
        rows = [(LABELS[k].get(lang), facts[v]) for k, v in (("planned", "procedure"), ("service", "service"),
                                                              ("status", "status"), ("day", "day"),
                                                              ("theatre", "theatre"), ("surgeon", "surgeon"))
                if facts[v]]
        html = "<table>" + "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows) + "</table>"
        sections.append(PdfSection(title=LABELS["case"].get(lang), html=html, order=20))
    return sections
