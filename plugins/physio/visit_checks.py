"""Checks on a whole physiotherapy encounter, beyond one form: what depends on the patient.

The Wong-Baker faces scale is for children from 3 years old (and adults who prefer it); a younger
child's pain is observed, not asked, so a faces score for a child under 3 is refused.
"""

from __future__ import annotations

from ayni.core import FieldError, Text
from ayni.core.dates import to_lima

from . import forms

FACES_FROM_AGE = 3
_FACES_TOO_YOUNG = Text(
    "{field}: la escala de caras se usa desde los {min} años; este paciente tiene {age}. En menores, observe el dolor "
    "(escala FLACC) y anótelo en las observaciones.",
    "{field}: the faces scale is used from {min} years old; this patient is {age}. For younger children, observe the "
    "pain (FLACC scale) and write it in the notes.",
)


def check_visit(visit) -> list[FieldError]:
    """The errors of a physiotherapy visit as it would be saved (``[]`` for other specialties)."""
    if visit.encounter.specialty != forms.SPECIALTY:
        return []
    age = visit.patient.age(to_lima(visit.encounter.opened_at).date())
    errors = []
    for spec in (forms.ASSESSMENT, forms.SESSION):
        values = visit.form(spec.key)
        if values.get("pain_scale") == "faces" and age is not None and age < FACES_FROM_AGE:
            field = spec.field("pain_scale")
            errors.append(FieldError(field.key, "faces_too_young", field.label,
                                     {"min": FACES_FROM_AGE, "age": Text(f"{age} años" if age != 1 else "1 año",
                                                                         f"{age} years" if age != 1 else "1 year")},
                                     text=_FACES_TOO_YOUNG))
    return errors
