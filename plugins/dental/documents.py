"""The dental home-care sheet: a separate PDF handed to the patient, in plain words, with what was
done today and the care each thing needs at home (after an extraction, a filling, sealants, fluoride),
the teeth still to treat and daily brushing, for a child or an adult.

It is a template extending the core's ``base.html``, rendered by :func:`ayni.core.documents.pdf.render`,
and printed in the patient's language (``for_patient``); :func:`offered` says when a visit can print it.
"""

from __future__ import annotations

from pathlib import Path

from ayni.core import Document, FieldError, Text, ValidationError
from ayni.core.clinical.encounters import get_encounter_record
from ayni.core.dates import to_lima
from ayni.core.documents.letters import signed
from ayni.core.documents.pdf import document_context, renderer

from .codes import SPECIALTY
from .forms import EXAM
from .homecare import advice
from .odontogram import after_treatment, procedure_site
from .summary import done_text

TEMPLATES = Path(__file__).parent / "templates"

LABELS = {
    "homecare_sheet": Text("Cuidados en casa", "Home care"),
    "intro": Text("Estas indicaciones son para lo que le hicimos hoy. Si no puede leerlas, pida que se las lean.",
                  "These instructions are for what we did today. If you cannot read them, ask someone to read "
                  "them to you."),
    "done_today": Text("Lo que se hizo hoy", "What was done today"),
    "tooth": Text("Pieza", "Tooth"),
    "treatment": Text("Tratamiento", "Treatment"),
    "date": Text("Fecha", "Date"),
    "dentist": Text("Odontólogo", "Dentist"),
}


def _done_today(visit, lang: str) -> list[dict]:
    """Each procedure of the visit with its tooth (empty for the whole mouth: fluoride, a cleaning)."""
    rows = []
    for procedure in visit.procedures:
        tooth, _, _ = procedure_site(procedure.detail)
        rows.append({"tooth": tooth or "", "what": done_text(procedure, lang)})
    return rows


def homecare_context(store, encounter_id: str, lang: str) -> dict:
    """What the sheet prints: the campaign and patient, what was done today, the blocks of advice
    (:func:`~ayni.plugins.dental.homecare.advice`), who attended and on which day.

    Refused with :class:`ayni.core.ValidationError` for an encounter that is not a dental one."""
    visit = get_encounter_record(store, encounter_id)
    if visit.encounter.specialty != SPECIALTY:
        raise ValidationError([FieldError(EXAM.key, "required", EXAM.title)])
    after, _ = after_treatment(visit.form(EXAM.key).get("odontogram") or {}, visit.procedures)
    age = visit.patient.age(to_lima(visit.encounter.opened_at).date())
    dentist, date = signed(store, visit, EXAM.key, lang)
    return {
        **document_context(store, visit, lang),
        "title": LABELS["homecare_sheet"].get(lang),
        "done": _done_today(visit, lang),
        "blocks": [{"heading": b.heading.get(lang), "lines": b.texts(lang)}
                   for b in advice(visit.procedures, after, age)],
        "dentist": dentist,
        "date": date,
    }


_render = renderer([TEMPLATES], LABELS)


def render_homecare(store, encounter_id: str, lang: str = "es") -> bytes:
    """The home-care sheet of a dental encounter as PDF bytes (Spanish by default)."""
    return _render("dental_homecare.html", homecare_context(store, encounter_id, lang), lang)


HOMECARE = Document(f"{SPECIALTY}.homecare", LABELS["homecare_sheet"], render_homecare, for_patient=True)


def offered(visit) -> list[Document]:
    """The home-care sheet for a dental visit with an exam or a procedure recorded."""
    if visit.encounter.specialty != SPECIALTY or not (visit.form(EXAM.key) or visit.procedures):
        return []
    return [HOMECARE]


__all__ = ["HOMECARE", "offered", "render_homecare"]
