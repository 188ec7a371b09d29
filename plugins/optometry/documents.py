"""The further documents optometry prints: the glasses prescription and the referral letter.

Both are templates extending the core's ``base.html`` (campaign header, patient block, page numbers),
rendered by :func:`ayni.core.documents.pdf.render`; :func:`offered` says which a visit can print.
"""

from __future__ import annotations

from pathlib import Path

from ayni.core import Document, Text
from ayni.core.clinical.encounters import get_encounter_record
from ayni.core.documents.letters import LETTER_LABELS, ReferralLetter, render_referral_letter, signed
from ayni.core.documents.pdf import document_context, renderer

from .closing import latest_exam
from .codes import REFERRAL_REASONS
from .forms import EXAM, PLAN, SPECIALTY
from .refraction import lenses
from .summary import acuity_table, findings_table, refraction_rows

TEMPLATES = Path(__file__).parent / "templates"

LABELS = {
    "prescription": Text("Receta de lentes", "Glasses prescription"),
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
    "eye": Text("Ojo", "Eye"),
    "findings": Text("Hallazgos del examen", "Examination findings"),
    "surgery_team": Text("Equipo de cirugía de la campaña", "The campaign's surgery team"),
}


def _common(store, visit, lang: str, title: Text) -> dict:
    """The base document context, the title, and who examined the patient on which day (Lima): the
    user who saved the exam, else the one who opened the encounter."""
    examiner, date = signed(store, visit, EXAM.key, lang)
    return {**document_context(store, visit, lang), "title": title.get(lang), "examiner": examiner, "date": date}


_render = renderer([TEMPLATES], LABELS)


def prescription_context(store, encounter_id: str, lang: str, cylinder: str | None = None) -> dict:
    """What the prescription prints; ``cylinder`` (``"minus"``/``"plus"``) overrides the exam's own
    print setting (``None``: the exam's setting, else as entered)."""
    visit = get_encounter_record(store, encounter_id)
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


def referral_letter(store, visit, lang: str) -> ReferralLetter:
    """What the referral letter says: destination, reason, eye, urgency, the note, then the exam."""
    plan = visit.form(PLAN.key)
    exam = latest_exam(store, visit)
    label, destination = REFERRAL_REASONS[plan["referral"]]
    eye = PLAN.field("referral_eye").choice_label(plan["referral_eye"], lang) if plan.get("referral_eye") else ""
    return ReferralLetter(
        to=LABELS["surgery_team"].get(lang) if destination == "surgery" else destination.partition(":")[2],
        reason=label.get(lang),
        urgency=PLAN.field("referral_urgency").choice_label(plan.get("referral_urgency") or "routine", lang),
        facts=((LABELS["eye"].get(lang), eye),) if eye else (),
        note=plan.get("referral_notes", ""),
        sections=((LABELS["findings"].get(lang), acuity_table(exam, lang) + findings_table(exam, lang)),),
        signed_by=EXAM.key,
    )


def render_referral(store, encounter_id: str, lang: str = "es") -> bytes:
    """The referral letter of an encounter whose plan refers the patient, as PDF bytes."""
    visit = get_encounter_record(store, encounter_id)
    return render_referral_letter(store, visit, referral_letter(store, visit, lang), lang)


PRESCRIPTION = Document(f"{SPECIALTY}.prescription", LABELS["prescription"], render_prescription, for_patient=True)
REFERRAL_LETTER = Document(f"{SPECIALTY}.referral_letter", LETTER_LABELS["referral_letter"], render_referral)


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
