"""The further documents optometry prints: the glasses prescription and the referral letter.

Both are templates extending the core's ``base.html`` (campaign header, patient block, page numbers),
rendered by :func:`ayni.core.documents.pdf.render`; :func:`offered` says which a visit can print.
"""

from __future__ import annotations

from pathlib import Path

from ayni.core import Document, Text
from ayni.core.clinical.encounters import get_visit
from ayni.core.documents.pdf import renderer
from ayni.core.dates import format_date, to_lima

from .closing import latest_exam
from .codes import REFERRAL_REASONS
from .forms import EXAM, PLAN, SPECIALTY
from .refraction import lenses
from .summary import acuity_table, findings_table, refraction_rows

TEMPLATES = Path(__file__).parent / "templates"

LABELS = {
    "prescription": Text("Receta de lentes", "Glasses prescription"),
    "referral_letter": Text("Hoja de referencia", "Referral letter"),
    "distance_near": Text("Lejos y cerca (adición)", "Distance and near (addition)"),
    "sphere": Text("Esfera", "Sphere"),
    "cylinder": Text("Cilindro", "Cylinder"),
    "axis": Text("Eje", "Axis"),
    "add": Text("Adición", "Addition"),
    "va": Text("AV", "VA"),
    "pd": Text("Distancia interpupilar (DIP)", "Pupillary distance (PD)"),
    "lens_type": Text("Tipo de luna", "Lens type"),
    "date": Text("Fecha", "Date"),
    "examiner": Text("Examinador", "Examiner"),
    "cylinder_minus": Text("Cilindro en notación negativa.", "Cylinder in minus notation."),
    "cylinder_plus": Text("Cilindro en notación positiva.", "Cylinder in plus notation."),
    "validity": Text("Válida por un año. Traiga esta receta a la óptica.",
                     "Valid for one year. Take this prescription to the optician."),
    "to": Text("Se refiere a", "Referred to"),
    "reason": Text("Motivo", "Reason"),
    "eye": Text("Ojo", "Eye"),
    "urgency": Text("Prioridad", "Urgency"),
    "note": Text("Nota", "Note"),
    "findings": Text("Hallazgos del examen", "Examination findings"),
    "surgery_team": Text("Equipo de cirugía de la campaña", "The campaign's surgery team"),
    "request": Text("Se solicita evaluación y tratamiento. Gracias por su atención.",
                    "We request assessment and treatment. Thank you."),
}


def _common(store, visit, lang: str, title: Text) -> dict:
    """The base document context, the title, and who examined the patient on which day (Lima): the
    user who saved the exam, else the one who opened the encounter."""
    from ayni.core.documents.pdf import document_context, user_name

    data = visit.forms.get(EXAM.key)
    who, when = (data.saved_by, data.saved_at) if data else (visit.encounter.opened_by, visit.encounter.opened_at)
    return {**document_context(store, visit, lang), "title": title.get(lang), "examiner": user_name(store, who),
            "date": format_date(to_lima(when).date(), lang)}


_render = renderer([TEMPLATES], LABELS)


def prescription_context(store, encounter_id: str, lang: str, cylinder: str | None = None) -> dict:
    """What the prescription prints; ``cylinder`` (``"minus"``/``"plus"``) overrides the exam's own
    print setting (``None``: the exam's setting, else as entered)."""
    visit = get_visit(store, encounter_id)
    exam = visit.form(EXAM.key)
    plan = visit.form(PLAN.key)
    convention = cylinder or exam.get("cylinder_print")
    return {
        **_common(store, visit, lang, LABELS["prescription"]),
        "rows": refraction_rows(exam, lang, convention),
        "pd": exam.get("pd"),
        "lens_type": PLAN.field("lens_type").choice_label(plan["lens_type"], lang) if plan.get("lens_type") else "",
        "convention": convention or "",
    }


def render_prescription(store, encounter_id: str, lang: str = "es", cylinder: str | None = None) -> bytes:
    """The glasses prescription of an encounter as PDF bytes: OD/OI rows × sphere, cylinder, axis,
    addition, the pupillary distance, the date, the examiner and the patient."""
    return _render("optometry_prescription.html", prescription_context(store, encounter_id, lang, cylinder), lang)


def referral_context(store, encounter_id: str, lang: str) -> dict:
    """What the referral letter prints: destination, reason, eye, urgency, the exam and diagnoses."""
    visit = get_visit(store, encounter_id)
    plan = visit.form(PLAN.key)
    exam = latest_exam(store, visit)
    label, destination = REFERRAL_REASONS[plan["referral"]]
    to = LABELS["surgery_team"].get(lang) if destination == "surgery" else destination.partition(":")[2]
    catalog = store.plugins.diagnoses
    return {
        **_common(store, visit, lang, LABELS["referral_letter"]),
        "to": to,
        "reason": label.get(lang),
        "eye": PLAN.field("referral_eye").choice_label(plan["referral_eye"], lang) if plan.get("referral_eye") else "",
        "urgency": PLAN.field("referral_urgency").choice_label(plan.get("referral_urgency") or "routine", lang),
        "note": plan.get("referral_notes", ""),
        "acuity_html": acuity_table(exam, lang),
        "findings_html": findings_table(exam, lang),
        "diagnoses": [catalog[d.code].display(lang) if d.code in catalog else d.code for d in visit.diagnoses],
    }


def render_referral(store, encounter_id: str, lang: str = "es") -> bytes:
    """The referral letter of an encounter whose plan refers the patient, as PDF bytes."""
    return _render("optometry_referral.html", referral_context(store, encounter_id, lang), lang)


PRESCRIPTION = Document(f"{SPECIALTY}.prescription", LABELS["prescription"], render_prescription)
REFERRAL_LETTER = Document(f"{SPECIALTY}.referral_letter", LABELS["referral_letter"], render_referral)


def offered(visit) -> list[Document]:
    """The prescription when the visit's exam has a refraction; the letter when its plan refers."""
    if visit.encounter.specialty != SPECIALTY:
        return []
    found = []
    if lenses(visit.form(EXAM.key)):
        found.append(PRESCRIPTION)
    if visit.form(PLAN.key).get("referral"):
        found.append(REFERRAL_LETTER)
    return found


__all__ = ["PRESCRIPTION", "REFERRAL_LETTER", "offered", "render_prescription", "render_referral"]
