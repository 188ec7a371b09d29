"""The further documents general medicine prints: the receta (the patient's prescription with plain
instructions and a pictured daily schedule) and the referral letter to a hospital or health centre.

Both are templates extending the core's ``base.html``, rendered by :func:`ayni.core.documents.pdf.render`;
:func:`offered` says which a visit can print.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ayni.core import Document, Text
from ayni.core.clinical.encounters import get_encounter_record
from ayni.core.clinical.referrals import URGENCIES
from ayni.core.documents.letters import LETTER_LABELS, ReferralLetter, diagnosis_lines, render_referral_letter, signed
from ayni.core.documents.pdf import document_context, renderer
from ayni.core.documents.sections import form_table

from . import allergies, dosing, prescriptions
from .alerts import visit_alerts
from .forms import CONSULTATION, DESTINATION_KINDS, PRESCRIPTION, REFERRAL, SPECIALTY, TRIAGE
from .formulary import ALLERGY_CLASSES
from .formulary import BY_KEY as DRUGS
from .record import latest_form
from .summary import alerts_html, prescription_html

TEMPLATES = Path(__file__).parent / "templates"

LABELS = {
    "receta": Text("Receta médica", "Prescription"),
    "medicine": Text("Medicamento", "Medicine"),
    "how": Text("Cómo tomarlo", "How to take it"),
    "given": Text("Se entrega", "Dispense"),
    "when": Text("Cuándo tomarlo", "When to take it"),
    "advice": Text("Recomendaciones", "Advice"),
    "allergies": Text("Alergias", "Allergies"),
    "no_allergies": Text("No registra alergias a medicamentos.", "No drug allergies recorded."),
    "date": Text("Fecha", "Date"),
    "prescriber": Text("Profesional", "Prescriber"),
    "return": Text("Si empeora, tiene fiebre alta, dificultad para respirar o no puede tomar líquidos, "
                   "acuda de inmediato al establecimiento de salud más cercano.",
                   "If you get worse, have a high fever, trouble breathing or cannot drink, go at once to "
                   "the nearest health facility."),
    "transport": Text("Traslado", "Transport"),
    "companion": Text("Acompañante", "Accompanied by"),
    "vitals": Text("Triaje y signos vitales", "Triage and vital signs"),
    "clinical": Text("Resumen clínico", "Clinical summary"),
    "alerts": Text("Alertas", "Alerts"),
    "treatment": Text("Tratamiento recibido", "Treatment given"),
}


def _common(store, visit, lang: str, title: Text, form_key: str) -> dict:
    """The base document context, the title, who saved the form and on which day (Lima)."""
    clinician, date = signed(store, visit, form_key, lang)
    return {**document_context(store, visit, lang), "title": title.get(lang), "clinician": clinician, "date": date}


_render = renderer([TEMPLATES], LABELS)


def _allergy_text(visit, store, lang: str) -> str:
    found = allergies.recorded(visit, store)
    return ", ".join(ALLERGY_CLASSES[k].get(lang) for k in found)


def receta_context(store, encounter_id: str, lang: str) -> dict:
    """What the receta prints: each medicine with its plain instruction, schedule and quantity (and,
    for a child dosed by weight, the weight used and the dose per kg); the
    advice for the medicines given (each once); allergies; the diagnoses."""
    visit = get_encounter_record(store, encounter_id)
    values = visit.form(PRESCRIPTION.key)
    lines = prescriptions.lines_of(values)
    items, advice = [], []
    for line in lines:
        drug = DRUGS[line["medicine"]]
        items.append({
            "name": drug.medicine.label.get(lang),
            "how": prescriptions.instruction(line, lang),
            "quantity": line["quantity"],
            "schedule": prescriptions.schedule(line),
            "per_kg": dosing.per_kg_text(visit, store, line, lang),
        })
        for text in drug.advice:
            if text.get(lang) not in advice:
                advice.append(text.get(lang))
    return {
        **_common(store, visit, lang, LABELS["receta"], PRESCRIPTION.key),
        "items": items,
        "times": [t.get(lang) for t in prescriptions.TIMES],
        "advice": advice,
        "own_advice": values.get("advice", ""),
        "allergies": _allergy_text(visit, store, lang),
        "diagnoses": diagnosis_lines(store, visit, lang),
    }


def render_receta(store, encounter_id: str, lang: str = "es") -> bytes:
    """The receta of an encounter as PDF bytes."""
    return _render("general_receta.html", receta_context(store, encounter_id, lang), lang)


def referral_letter(store, visit, lang: str) -> ReferralLetter:
    """What the referral letter says: destination, reason, urgency, transport, then the alerts, triage,
    the clinical summary and the treatment given."""
    referral = visit.form(REFERRAL.key)
    kind = DESTINATION_KINDS.get(referral.get("destination_kind", ""))
    urgency = URGENCIES.get(referral.get("urgency", ""))
    consultation = visit.form(CONSULTATION.key)
    clinical = {k: consultation[k] for k in ("chief_complaint", "history", "past_history", "examination")
                if consultation.get(k)}
    transport = (REFERRAL.field("transport").choice_label(referral["transport"], lang)
                 if referral.get("transport") else "")
    facts = ((LABELS["transport"].get(lang), transport), (LABELS["companion"].get(lang), referral.get("companion", "")))
    treatment = referral.get("treatment_given", "")
    treatment_html = f"<p>{escape(treatment)}</p>" if treatment else ""
    return ReferralLetter(
        to=f"{kind.get(lang)}: {referral.get('destination', '')}" if kind else referral.get("destination", ""),
        reason=referral.get("reason", ""),
        urgency=urgency.get(lang) if urgency else "",
        facts=facts if any(value for _, value in facts) else (),
        sections=(
            (LABELS["alerts"].get(lang), alerts_html(visit_alerts(visit, store), lang)),
            (LABELS["vitals"].get(lang), form_table(TRIAGE, latest_form(store, visit, TRIAGE.key), lang)),
            (LABELS["clinical"].get(lang), form_table(CONSULTATION, clinical, lang)),
            (LABELS["treatment"].get(lang),
             treatment_html + prescription_html(prescriptions.lines_of(visit.form(PRESCRIPTION.key)), lang)),
        ),
        signed_by=REFERRAL.key,
    )


def render_referral(store, encounter_id: str, lang: str = "es") -> bytes:
    """The referral letter of an encounter with a referral form, as PDF bytes."""
    visit = get_encounter_record(store, encounter_id)
    return render_referral_letter(store, visit, referral_letter(store, visit, lang), lang)


RECETA = Document(f"{SPECIALTY}.receta", LABELS["receta"], render_receta, for_patient=True)
REFERRAL_LETTER = Document(f"{SPECIALTY}.referral_letter", LETTER_LABELS["referral_letter"], render_referral)


def offered(visit) -> list[Document]:
    """The receta when medicines were prescribed; the letter when the patient is referred."""
    if visit.encounter.specialty != SPECIALTY:
        return []
    found = []
    if prescriptions.lines_of(visit.form(PRESCRIPTION.key)):
        found.append(RECETA)
    if visit.form(REFERRAL.key).get("destination"):
        found.append(REFERRAL_LETTER)
    return found
