"""Surgery: pre-operative screening (planned operation, ASA class) and the operations a campaign offers."""

from __future__ import annotations

from ayni.core import Specialty, Text, hookimpl
from ayni.core.reporting import specialty_rows
from ayni.core.sections import visit_sections

from . import codes, forms

SPECIALTY = Specialty(
    key=forms.SPECIALTY,
    name=Text("Cirugía", "Surgery"),
    stations=("screening", "operating_room", "recovery"),
    forms=tuple(f.key for f in forms.FORMS),
    station_labels={
        "screening": Text("Evaluación prequirúrgica", "Pre-operative screening"),
        "operating_room": Text("Sala de operaciones", "Operating room"),
        "recovery": Text("Recuperación", "Recovery"),
    },
)


@hookimpl
def ayni_specialties():
    """Surgery, with its screening, operating-room and recovery stations."""
    return [SPECIALTY]


@hookimpl
def ayni_forms():
    """The pre-operative screening."""
    return list(forms.FORMS)


@hookimpl
def ayni_procedure_codes():
    """Screening and the operations offered (hernia, gallbladder, lipoma, hydrocele, cataract, cleft lip)."""
    return list(codes.PROCEDURES)


@hookimpl
def ayni_diagnosis_codes():
    """Surgical ICD-10 codes beyond the general list."""
    return list(codes.DIAGNOSES)


@hookimpl
def ayni_pdf_sections(visit, lang):
    """The pre-operative screening of a surgical encounter."""
    return visit_sections(visit, lang, SPECIALTY.key, forms.FORMS)


@hookimpl
def ayni_report_rows(store, campaign, day):
    """Surgical encounters per station, operations by code and diagnoses by code."""
    return specialty_rows(store, campaign, day, SPECIALTY)
