"""How the UI writes patients and times: age, sex, documents, Lima time, file names."""

from __future__ import annotations

import datetime as dt
import re

from ayni.core import IdKind, Patient, fold

from .text import tr

#: Peru keeps UTC-5 all year (no daylight saving), so no time-zone database is needed.
LIMA = dt.timezone(dt.timedelta(hours=-5), "America/Lima")


def age_text(patient: Patient, lang: str) -> str:
    """«34» or «~34» when the age is an estimate."""
    age = patient.age()
    if age is None:
        return ""
    return tr("age_estimated", lang, n=age) if patient.birth_date_estimated else str(age)


def name_forms(patient: Patient) -> list[str]:
    """The patient's name in five forms from whole to shortest, for a line that must also fit other
    things: «Rosa Elena Núñez Quispe», «Rosa Núñez Quispe», «Rosa Núñez», «R. Núñez Quispe», «R. Núñez»
    (two forms are the same when the person has one given name or one surname)."""
    given = patient.given_names.split()
    first, initial = (given[0], f"{given[0][0]}.") if given else ("", "")
    surname = patient.paternal_surname or patient.maternal_surname
    forms = [patient.full_name, f"{first} {patient.surnames}", f"{first} {surname}",
             f"{initial} {patient.surnames}", f"{initial} {surname}"]
    return [form.strip() for form in forms]


def sex_text(patient: Patient, lang: str) -> str:
    """«Femenino» / «Female»."""
    from ayni.core.people.patients import SEX_LABELS

    return SEX_LABELS[patient.sex].get(lang)


def sex_short(patient: Patient, lang: str) -> str:
    """«F», «M» or «X»: the same letters in Spanish and English."""
    return patient.sex.value


def ids_short(patient: Patient, lang: str) -> str:
    """The first identifier, abbreviated for a narrow column: «DNI 45678912», «Pas. X1234567»."""
    for i in patient.identifiers:
        if i.kind != IdKind.NONE:
            return f"{tr('id_short_' + i.kind.value, lang)} {i.value}"
    return ""


def ids_text(patient: Patient, lang: str) -> str:
    """«DNI 45678912, Pasaporte X1234567»."""
    from ayni.core.model import ID_KIND_LABELS

    return ", ".join(f"{ID_KIND_LABELS[i.kind].get(lang).split(' (')[0]} {i.value}"
                     for i in patient.identifiers if i.kind != IdKind.NONE)


def lima_time(moment: dt.datetime | None) -> str:
    """A stored UTC time as Lima local time, «2025-05-14 09:30»."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(LIMA).strftime("%Y-%m-%d %H:%M")


def slug(text: str) -> str:
    """A file-name-safe version of ``text``: «Núñez Quispe, Rosa» → «nunez-quispe-rosa»."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "paciente"
