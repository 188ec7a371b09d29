"""The home-exercise handout: a separate PDF in plain words for the patient and the family, one
block per exercise (what to do, how many times, a box to tick each day of the week)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ayni.core import FieldError, Text, ValidationError
from ayni.core.clinical import encounters
from ayni.core.dates import format_date
from ayni.core.documents import pdf

from . import forms
from .prescription import dose_text, programme

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "physio_home_programme.html"

LABELS = {
    "handout_title": Text("Mis ejercicios para la casa", "My home exercises"),
    "intro": Text("Haga estos ejercicios en casa todos los días. Vaya despacio y respire. Si algo le duele mucho, "
                  "pare y avísenos en la próxima cita.",
                  "Do these exercises at home every day. Go slowly and keep breathing. If something hurts a lot, stop "
                  "and tell us at the next visit."),
    "how_much": Text("Cuánto", "How much"),
    "tick": Text("Marque cada día que lo hizo", "Tick each day you did it"),
    "days": Text("Lun Mar Mié Jue Vie Sáb Dom", "Mon Tue Wed Thu Fri Sat Sun"),
    "advice": Text("Recomendaciones", "Advice"),
    "helper": Text("Quién ayuda en casa", "Who helps at home"),
    "review": Text("Próximo control", "Next review"),
    "therapist": Text("Fisioterapeuta", "Physiotherapist"),
}


def handout_context(store, encounter_id: str, lang: str) -> dict:
    """What the handout prints: the campaign and patient, and each exercise in plain words."""
    visit = encounters.get_encounter_record(store, encounter_id)
    values = visit.form(forms.HOME_PROGRAMME.key)
    if visit.encounter.specialty != forms.SPECIALTY or not values.get("exercises"):
        raise ValidationError([FieldError(forms.HOME_PROGRAMME.key, "required", forms.HOME_PROGRAMME.title)])
    exercises = [{
        "number": n,
        "name": item.exercise.name.get(lang),
        "steps": item.exercise.steps.get(lang),
        "dose": dose_text(item, lang),
        "caution": item.exercise.caution.get(lang) if item.exercise.caution else "",
    } for n, item in enumerate(programme(values), start=1)]
    return {
        **pdf.document_context(store, visit, lang),
        "title": LABELS["handout_title"].get(lang),
        "exercises": exercises,
        "days": LABELS["days"].get(lang).split(),
        "advice": values.get("advice", ""),
        "helper": values.get("helper", ""),
        "review": format_date(_date(values.get("review_date")), lang),
        "therapist": pdf.user_name(store, visit.encounter.opened_by),
    }


_render = pdf.renderer([TEMPLATES], LABELS)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def render_home_programme(store, encounter_id: str, lang: str = "es") -> bytes:
    """The home-exercise handout of a physiotherapy encounter as PDF bytes (Spanish by default).

    Refused with :class:`ayni.core.ValidationError` when the encounter has no home programme.
    """
    return _render(TEMPLATE, handout_context(store, encounter_id, lang), lang)
