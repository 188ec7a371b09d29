"""Documents as PDF: Jinja2 templates (HTML + CSS) rendered by WeasyPrint.

:func:`render` turns any template that extends ``base.html`` into PDF bytes; the base template
draws the campaign header, the patient block, the printed date and the page numbers, so every
document (visit summary, referral letter, glasses prescription, report) looks the same.
:func:`render_visit` is the patient's visit summary.

Jinja2 and WeasyPrint are imported on first use only: importing this module stays cheap, so the UI
starts fast and pays for PDFs only when it prints one.
"""

from __future__ import annotations

import datetime as dt
import functools
import warnings
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ..clinical.encounters import status_text
from ..dates import format_date, format_date_range, format_datetime, format_time, to_lima
from ..hooks.declarations import CORE_TARGETS, detail_parts
from ..hooks.declarations import DETAIL_LABELS as _DETAIL_LABELS
from ..i18n import DEFAULT_LANG, Text
from ..model import ID_KIND_LABELS, Campaign, EncounterStatus, IdKind, Patient, Site, utcnow
from ..money.fees import PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS, PaymentKind, PaymentMethod, format_soles

TEMPLATES = Path(__file__).parent / "templates"
BASE_STYLESHEET = TEMPLATES / "style.css"

#: Every label the core documents print, in both languages. Templates read them as ``L.key``.
LABELS: dict[str, Text] = {
    "visit_summary": Text("Resumen de atención", "Visit summary"),
    "page": Text("Página", "Page"),
    "of": Text("de", "of"),
    "printed": Text("Impreso", "Printed"),
    "lima_time": Text("hora de Lima", "Lima time"),
    "campaign": Text("Campaña", "Campaign"),
    "site": Text("Sede", "Site"),
    "dates": Text("Fechas", "Dates"),
    "partner": Text("Institución aliada", "Partner"),
    "patient": Text("Paciente", "Patient"),
    "name": Text("Nombre", "Name"),
    "sex": Text("Sexo", "Sex"),
    "age": Text("Edad", "Age"),
    "birth_date": Text("Fecha de nacimiento", "Birth date"),
    "identifiers": Text("Documento", "Identity document"),
    "no_document": Text("Sin documento", "No document"),
    "origin": Text("Procedencia", "Comes from"),
    "language": Text("Idioma", "Language"),
    "phone": Text("Teléfono", "Phone"),
    "guardian": Text("Apoderado", "Guardian"),
    "encounter": Text("Atención", "Encounter"),
    "specialty": Text("Especialidad", "Specialty"),
    "station": Text("Estación", "Station"),
    "opened": Text("Inicio", "Opened"),
    "closed": Text("Cierre", "Closed"),
    "by": Text("por", "by"),
    "in_progress": Text("En curso (no cerrada)", "In progress (not closed)"),
    "diagnoses": Text("Diagnósticos", "Diagnoses"),
    "primary": Text("principal", "primary"),
    "no_diagnoses": Text("Sin diagnósticos registrados.", "No diagnoses recorded."),
    "person_alerts": Text("Alertas del paciente", "Patient alerts"),
    "acknowledged": Text("Avisos aceptados con motivo (copia del establecimiento)",
                         "Warnings gone ahead with, and why (the clinic's copy)"),
    "procedures": Text("Procedimientos", "Procedures"),
    "procedure": Text("Procedimiento", "Procedure"),
    "detail": Text("Detalle", "Detail"),
    "quantity": Text("Cant.", "Qty"),
    "unit_fee": Text("Tarifa sugerida", "Suggested fee"),
    "subtotal": Text("Subtotal", "Subtotal"),
    "total": Text("Total sugerido", "Suggested total"),
    "no_procedures": Text("Sin procedimientos registrados.", "No procedures recorded."),
    "payment": Text("Pago", "Payment"),
    "suggested": Text("Total sugerido", "Suggested total"),
    "paid": Text("Monto pagado", "Amount paid"),
    "payment_kind": Text("Modalidad", "Type"),
    "method": Text("Forma de pago", "Method"),
    "reason": Text("Motivo", "Reason"),
    "approved_by": Text("Autorizado por", "Approved by"),
    "received": Text("Recibido", "Received"),
    "no_payment": Text("Pago no registrado.", "No payment recorded."),
    "signature": Text("Firma y sello del profesional", "Clinician's signature and stamp"),
    "years": Text("años", "years"),
    "year": Text("año", "year"),
    "months": Text("meses", "months"),
    "month": Text("mes", "month"),
    "approx": Text("aprox.", "approx."),
}

def labels(lang: str, extra: Mapping[str, Text] | None = None) -> dict[str, str]:
    """The document labels (and a document's ``extra`` ones) in ``lang``."""
    return {key: text.get(lang) for key, text in {**LABELS, **(extra or {})}.items()}


# -- rendering -----------------------------------------------------------------------------------


def _css_string(value: Any) -> str:
    """Text made safe to sit inside a double-quoted CSS string."""
    return str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


@functools.cache
def _environment(template_dirs: tuple[str, ...]):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*template_dirs, str(TEMPLATES)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["soles"] = format_soles
    env.filters["css_string"] = _css_string
    return env


@functools.cache
def _stylesheet(path: str):
    import weasyprint

    return weasyprint.CSS(filename=path)


def render_html(template_name: str, context: Mapping[str, Any], lang: str = DEFAULT_LANG, *,
                template_dirs: Iterable[str | Path] = (), extra_labels: Mapping[str, Text] | None = None,
                printed_at: dt.datetime | None = None) -> str:
    """The HTML of a document: ``template_name`` (found in ``template_dirs``, then the core templates)
    rendered with ``context`` plus ``lang``, the labels ``L`` and the ``printed`` date.

    Every value is escaped (autoescape); only what a template marks ``|safe`` is inserted as HTML.
    """
    env = _environment(tuple(str(d) for d in template_dirs))
    return env.get_template(template_name).render(
        {"lang": lang, "L": labels(lang, extra_labels), "printed": format_datetime(printed_at or utcnow(), lang),
         **context}
    )


def html_to_document(html: str, stylesheets: Iterable[str | Path] = (), font_config=None):
    """The laid-out WeasyPrint ``Document`` of ``html`` (base stylesheet, then ``stylesheets``):
    its ``pages`` can be combined with other documents' (``document.copy(pages).write_pdf()``).
    Documents that will be combined should share one ``font_config`` (a WeasyPrint
    ``FontConfiguration``): it makes each about a third faster and far smaller in memory."""
    import weasyprint

    sheets = [_stylesheet(str(BASE_STYLESHEET)), *(_stylesheet(str(s)) for s in stylesheets)]
    return weasyprint.HTML(string=html, base_url=TEMPLATES.as_uri() + "/").render(stylesheets=sheets,
                                                                                  font_config=font_config)


def html_to_pdf(html: str, stylesheets: Iterable[str | Path] = ()) -> bytes:
    """PDF bytes of ``html`` with the base stylesheet and any ``stylesheets`` after it."""
    return html_to_document(html, stylesheets).write_pdf()


def render(template_name: str, context: Mapping[str, Any], lang: str = DEFAULT_LANG, *,
           template_dirs: Iterable[str | Path] = (), stylesheets: Iterable[str | Path] = (),
           extra_labels: Mapping[str, Text] | None = None, printed_at: dt.datetime | None = None) -> bytes:
    """A document as PDF bytes: :func:`render_html` then WeasyPrint.

    A later document (a referral letter, a prescription) is a template that extends ``base.html``
    and fills ``{% block body %}``; its context is :func:`document_context` (``campaign``,
    ``patient``) plus a ``title`` and its own values. A document about no single patient (a campaign
    report) overrides ``{% block title %}`` and ``{% block patient %}``.
    """
    html = render_html(template_name, context, lang, template_dirs=template_dirs, extra_labels=extra_labels,
                       printed_at=printed_at)
    return html_to_pdf(html, stylesheets)


def renderer(template_dirs: Iterable[str | Path], extra_labels: Mapping[str, Text] | None = None,
             stylesheets: Iterable[str | Path] = ()) -> Callable[..., bytes]:
    """A plugin's own :func:`render`: ``render = renderer([TEMPLATES], LABELS)`` once, then
    ``render("pediatrics_card.html", context, lang)`` for each document, with the plugin's templates,
    labels and stylesheets. Nothing heavy is imported until a document is rendered."""
    dirs, sheets = tuple(template_dirs), tuple(stylesheets)

    def render_document(template_name: str, context: Mapping[str, Any], lang: str = DEFAULT_LANG, *,
                        printed_at: dt.datetime | None = None) -> bytes:
        return render(template_name, context, lang, template_dirs=dirs, stylesheets=sheets,
                      extra_labels=extra_labels, printed_at=printed_at)

    return render_document


# -- the parts every document shares --------------------------------------------------------------


def _join(parts: Iterable[str], sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def age_text(patient: Patient, on: dt.date, lang: str) -> str:
    """«45 años (aprox.)», «8 meses», «1 year»: months below two years when the birth date is known."""
    L = labels(lang)
    years = patient.age(on)
    if years is None:
        return ""
    if years < 2 and not patient.birth_date_estimated:
        b = patient.birth_date
        months = (on.year - b.year) * 12 + on.month - b.month - (on.day < b.day)
        return f"{months} {L['month'] if months == 1 else L['months']}"
    text = f"{years} {L['year'] if years == 1 else L['years']}"
    return f"{text} ({L['approx']})" if patient.birth_date_estimated else text


def patient_context(patient: Patient, lang: str, on: dt.date) -> dict[str, Any]:
    """The patient block: every value already written for people, age as on ``on``."""
    from ..people.patients import LANGUAGES, SEX_LABELS

    guardian = patient.guardian
    return {
        "full_name": patient.full_name,
        "sex": SEX_LABELS[patient.sex].get(lang),
        "age": age_text(patient, on, lang),
        "birth_date": "" if patient.birth_date_estimated else format_date(patient.birth_date, lang),
        "identifiers": [f"{ID_KIND_LABELS[i.kind].get(lang)} {i.value}" for i in patient.identifiers
                        if i.kind != IdKind.NONE],
        "origin": _join((patient.community, patient.district, patient.region)),
        "language": LANGUAGES[patient.language].get(lang) if patient.language in LANGUAGES else patient.language,
        "phone": patient.phone,
        "guardian": _join((guardian.name, f"({guardian.relationship})" if guardian.relationship else "",
                           guardian.phone and f"· {guardian.phone}"), " ") if guardian else "",
    }


def campaign_context(campaign: Campaign, site: Site | None, lang: str) -> dict[str, Any]:
    """The campaign header: name, site, where it is and when."""
    return {
        "name": campaign.name,
        "site": site.name if site else "",
        "place": _join((site.community, site.district, site.region or campaign.region) if site else (campaign.region,)),
        "dates": format_date_range(campaign.start_date, campaign.end_date, lang),
        "partner": campaign.partner,
    }


def user_name(store, user_id: str | None) -> str:
    """The name of user ``user_id`` (empty when there is none)."""
    if not user_id:
        return ""
    row = store.row("users", user_id)
    return row["name"] if row else user_id


def document_context(store, visit, lang: str) -> dict[str, Any]:
    """What ``base.html`` needs for a document about one visit: the campaign and the patient."""
    on = to_lima(visit.encounter.opened_at).date()
    return {
        "campaign": campaign_context(visit.campaign, visit.site, lang),
        "patient": patient_context(visit.patient, lang, on),
    }


# -- the visit summary ----------------------------------------------------------------------------


def detail_text(detail: Mapping[str, Any], lang: str, targets: Mapping | None = None) -> str:
    """A procedure's detail as one line: «Pieza: 16; Superficies: O, M» (``targets``: the
    installation's, ``store.plugins.targets``; the core's when not given)."""
    return "; ".join(f"{label}: {value}" for label, value in detail_parts(detail, lang, targets))


def _sections(store, visit, lang: str) -> list:
    found = [s for result in store.plugins.hook.ayni_pdf_sections(visit=visit, lang=lang, store=store) if result for s in result]
    return sorted(found, key=lambda s: s.order)


def _payment(store, payment, lang: str) -> dict[str, Any] | None:
    if payment is None:
        return None
    kind = PaymentKind(payment.kind)
    kind_text = PAYMENT_KIND_LABELS[kind].get(lang)
    if kind == PaymentKind.SLIDING and payment.level is not None:
        kind_text += f" ({(payment.level * 100).normalize():f}\u00a0%)"
    method = PaymentMethod(payment.method)
    method_text = PAYMENT_METHOD_LABELS[method].get(lang)
    if method == PaymentMethod.IN_KIND and payment.in_kind_description:
        method_text += f": {payment.in_kind_description}"
    return {
        "suggested": format_soles(payment.suggested),
        "paid": format_soles(payment.amount),
        "kind": kind_text,
        "reason": payment.reason,
        "method": method_text,
        "approved_by": user_name(store, payment.approved_by) if kind != PaymentKind.FULL else "",
        "received": format_datetime(payment.received_at, lang),
        "received_by": user_name(store, payment.received_by),
    }


def _closed_text(encounter, lang: str) -> str:
    """When the encounter closed: only the time when it closed the day it opened (Lima time)."""
    if encounter.closed_at is None:
        return ""
    if to_lima(encounter.closed_at).date() == to_lima(encounter.opened_at).date():
        return format_time(encounter.closed_at)
    return format_datetime(encounter.closed_at, lang)


def visit_context(store, visit, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """Everything ``visit.html`` prints, as text ready for people."""
    encounter = visit.encounter
    specialty = store.plugins.specialties.get(encounter.specialty)
    procedures = []
    for p in visit.procedures:
        code = store.plugins.procedures.get(p.code)
        procedures.append({
            "label": code.label.get(lang) if code else p.code,
            "detail": detail_text(p.detail, lang, store.plugins.targets),
            "quantity": p.quantity,
            "fee": format_soles(p.fee),
            "subtotal": format_soles(p.fee * p.quantity),
        })
    diagnoses = []
    for d in visit.diagnoses:
        code = store.plugins.diagnoses.get(d.code)
        diagnoses.append({"code": d.code, "label": code.label.get(lang) if code else "", "is_primary": d.is_primary})
    return {
        **document_context(store, visit, lang),
        "title": LABELS["visit_summary"].get(lang),
        "encounter": {
            "specialty": specialty.name.get(lang) if specialty else encounter.specialty,
            "station": specialty.station_label(encounter.station, lang) if specialty else encounter.station,
            "opened": format_datetime(encounter.opened_at, lang),
            "opened_by": user_name(store, encounter.opened_by),
            "closed": _closed_text(encounter, lang),
            "closed_by": user_name(store, encounter.closed_by),
            "cancelled": status_text(encounter, lang) if encounter.status == EncounterStatus.CANCELLED else "",
        },
        "person_alerts": _person_alerts(store, visit, lang),
        "acknowledged": _acknowledged(store, visit, lang),
        "sections": _sections(store, visit, lang),
        "diagnoses": diagnoses,
        "procedures": procedures,
        "has_detail": any(p["detail"] for p in procedures),
        "total": format_soles(visit.suggested_total),
        "payment": _payment(store, visit.payment, lang),
        "clinician": user_name(store, encounter.closed_by or encounter.opened_by),
    }


def _person_alerts(store, visit, lang: str) -> list[str]:
    """The person's current allergies, pregnancy and chronic conditions, each in full."""
    from ..people import alerts

    return [alerts.described(a, lang) for a in alerts.of_person(store, visit.patient.id)]


def _acknowledged(store, visit, lang: str) -> list[dict[str, str]]:
    """Each warning the clinician went ahead with in the encounter: its words, the reason, who and when.
    The clinic's copy only: nothing handed to the patient prints them."""
    from ..clinical.acknowledgements import of_encounter

    return [{"warning": a.message_en if lang == "en" else a.message, "reason": a.reason,
             "by": user_name(store, a.acknowledged_by), "at": format_datetime(a.acknowledged_at, lang)}
            for a in of_encounter(store, visit.encounter.id)]


def render_visit(store, encounter_id: str, lang: str = DEFAULT_LANG, printed_at: dt.datetime | None = None) -> bytes:
    """The patient's visit summary of encounter ``encounter_id`` as PDF bytes, in ``lang``."""
    from ..clinical.encounters import get_encounter_record

    visit = get_encounter_record(store, encounter_id)
    return render("visit.html", visit_context(store, visit, lang), lang, printed_at=printed_at)


def documents(store, visit) -> list:
    """The further documents the plugins offer for ``visit`` (``ayni_documents``), in plugin order:
    each a :class:`~ayni.core.Document` whose ``render(store, encounter_id, lang)`` gives PDF bytes."""
    return [d for result in reversed(store.plugins.hook.ayni_documents(visit=visit, store=store)) if result for d in result]


def write_visit(store, encounter_id: str, path: str | Path, lang: str = DEFAULT_LANG) -> Path:
    """Write the visit summary to ``path`` (folders created as needed), whole or not at all (see
    :func:`ayni.core.documents.files.write_file`), and return the path."""
    from .files import write_file

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_file(path, render_visit(store, encounter_id, lang))


__all__ = [
    "LABELS", "age_text", "campaign_context", "detail_text", "document_context", "documents",
    "html_to_document", "html_to_pdf",
    "labels", "patient_context", "render", "render_html", "renderer", "render_visit", "user_name", "visit_context",
    "write_visit",
]


def campaign_header(store, campaign_id: str | None, lang: str) -> dict[str, Any]:
    """The campaign header of a document about no single visit (a receipt, a day's closing, a stock
    report): campaign ``campaign_id``, else the one that started last; a plain «Ayni» if none."""
    where, params = ("id = ?", [campaign_id]) if campaign_id else ("1 = 1", [])
    rows = store.rows(Campaign, "campaigns", where, params, order_by="start_date desc")
    if not rows:
        return {"name": "Ayni", "site": "", "place": "", "dates": "", "partner": ""}
    site = store.get(Site, "sites", rows[0].site_id) if rows[0].site_id else None
    return campaign_context(rows[0], site, lang)


def __getattr__(name: str):
    if name == "DETAIL_LABELS":  # kept for a release: labels now come from each ProcedureTarget
        warnings.warn("ayni.core.documents.pdf.DETAIL_LABELS is deprecated: a plugin labels its detail keys with "
                      "ayni.core.ProcedureTarget, and ayni.core.hooks.declarations.detail_parts reads them",
                      DeprecationWarning, stacklevel=2)
        labels = dict(_DETAIL_LABELS)
        for target in CORE_TARGETS:
            labels.update({**target.detail_labels, target.answer_key: target.label})
        return labels
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
