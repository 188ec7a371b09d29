"""The general-medicine sections of the visit summary: alerts first, then each filled form; the
prescription and the vaccines as tables; pastoral counselling without its notes."""

from __future__ import annotations

from collections.abc import Mapping

from ayni.core import PdfSection, Text, EncounterRecord, escape
from ayni.core.documents.sections import form_section, form_table

from . import prescriptions, triage
from .alerts import visit_alerts
from .forms import FORMS, PASTORAL, PRESCRIPTION, SPECIALTY, TRIAGE, VACCINATION
from .formulary import BY_KEY as DRUGS
from .rules import triage_findings
from .vaccines import SITES, dose_text

LABELS = {
    "alerts": Text("Alertas", "Alerts"),
    "medicine": Text("Medicamento", "Medicine"),
    "how": Text("Cómo tomarlo", "How to take it"),
    "quantity": Text("Cantidad a entregar", "Quantity to dispense"),
    "vaccine": Text("Vacuna y dosis", "Vaccine and dose"),
    "lot": Text("Lote", "Lot"),
    "expiry": Text("Vence", "Expires"),
    "site": Text("Sitio", "Site"),
}
_PRIVATE = {PASTORAL.key: ("notes",)}  # kept in the record, never printed


def _l(key: str, lang: str) -> str:
    return escape(LABELS[key].get(lang))


def alerts_html(alerts, lang: str) -> str:
    """Alerts as ``<ul class="ayni-alerts">``, each item classed by its level."""
    if not alerts:
        return ""
    items = "".join(f'<li class="alert-{escape(a.level)}">'
                    + (f"<strong>{escape(a.text.get(lang))}</strong>" if a.level == "danger" else escape(a.text.get(lang)))
                    + "</li>" for a in alerts)
    return f'<ul class="ayni-alerts">{items}</ul>'


def prescription_html(lines: list[Mapping], lang: str) -> str:
    """The prescribed medicines: name and strength, the instruction, the quantity to dispense."""
    rows = []
    for line in lines:
        drug = DRUGS.get(line.get("medicine"))
        if drug is None:
            rows.append(f"<tr><td>{escape(line.get('medicine'))}</td><td></td><td>{escape(line.get('quantity'))}</td></tr>")
            continue
        how = prescriptions.instruction(line, lang)
        rows.append(f"<tr><td>{escape(drug.medicine.label.get(lang))}</td><td>{escape(how)}</td>"
                    f"<td>{escape(line['quantity'])}</td></tr>")
    head = f"<tr><th>{_l('medicine', lang)}</th><th>{_l('how', lang)}</th><th>{_l('quantity', lang)}</th></tr>"
    return f'<table class="ayni-prescription">{head}{"".join(rows)}</table>' if rows else ""


def vaccines_html(doses: list[Mapping], lang: str) -> str:
    """The doses given: vaccine and dose number, lot, expiry and site."""
    rows = "".join(
        f"<tr><td>{escape(dose_text(d, lang))}</td><td>{escape(d['lot'])}</td><td>{escape(d['expiry'])}</td>"
        f"<td>{escape(SITES[d['site']].get(lang) if d['site'] in SITES else d['site'])}</td></tr>"
        for d in doses)
    head = (f"<tr><th>{_l('vaccine', lang)}</th><th>{_l('lot', lang)}</th><th>{_l('expiry', lang)}</th>"
            f"<th>{_l('site', lang)}</th></tr>")
    return f'<table class="ayni-vaccines">{head}{rows}</table>' if rows else ""


def _form(spec, visit: EncounterRecord, lang: str, order: int) -> PdfSection | None:
    values = dict(visit.form(spec.key))
    if not values:
        return None
    for key in _PRIVATE.get(spec.key, ()):
        values.pop(key, None)
    if spec.key == TRIAGE.key:
        values["priority"] = triage.assigned(values, triage_findings(visit, values))
    special = {PRESCRIPTION.key: ("items", prescription_html), VACCINATION.key: ("doses", vaccines_html)}
    if spec.key not in special:
        return form_section(spec, values, lang, order)
    key, render = special[spec.key]
    table = render(values.pop(key, None) or [], lang)
    html = table + form_table(spec, values, lang)
    return PdfSection(title=spec.title.get(lang), html=html, order=order) if html else None


def sections(visit: EncounterRecord, lang: str, store=None) -> list[PdfSection]:
    """The alerts and one section per filled form; ``[]`` for other specialties."""
    if visit.encounter.specialty != SPECIALTY:
        return []
    found = []
    alerts = alerts_html(visit_alerts(visit, store), lang)
    if alerts:
        found.append(PdfSection(title=LABELS["alerts"].get(lang), html=alerts, order=5))
    for i, spec in enumerate(FORMS):
        section = _form(spec, visit, lang, 10 + i)
        if section is not None:
            found.append(section)
    return found
