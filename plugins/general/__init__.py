"""General medicine: triage (vital signs) and the medical consultation, with ICD-10 diagnoses."""

from __future__ import annotations

from ayni.core import Specialty, Text, hookimpl
from ayni.core.reporting import specialty_rows
from ayni.core.sections import visit_sections

from . import codes, forms

SPECIALTY = Specialty(
    key=forms.SPECIALTY,
    name=Text("Medicina general", "General medicine"),
    stations=("triage", "consultation"),
    forms=tuple(f.key for f in forms.FORMS),
    station_labels={"triage": Text("Triaje", "Triage"), "consultation": Text("Consultorio", "Consultation")},
    station_forms={"triage": (forms.TRIAGE.key,), "consultation": tuple(f.key for f in forms.FORMS)},
)


@hookimpl
def ayni_specialties():
    """General medicine, with its triage and consultation stations."""
    return [SPECIALTY]


@hookimpl
def ayni_forms():
    """The triage and consultation forms."""
    return list(forms.FORMS)


@hookimpl
def ayni_procedure_codes():
    """Consultation, triage, glucose test, nebulization, wound care, injections, sutures, health education."""
    return list(codes.PROCEDURES)


@hookimpl
def ayni_diagnosis_codes():
    """The ICD-10 codes most often seen at campaigns in Peru."""
    return list(codes.DIAGNOSES)


@hookimpl
def ayni_equipment():
    """Oral rehydration salts and inhaler spacers."""
    return list(codes.EQUIPMENT)


@hookimpl
def ayni_pdf_sections(visit, lang):
    """Vital signs (with units) and the consultation note of a general-medicine encounter; the
    summary itself lists its ICD-10 diagnoses with code and label."""
    return visit_sections(visit, lang, SPECIALTY.key, forms.FORMS)


@hookimpl
def ayni_report_rows(store, campaign, day):
    """Triages and consultations done (encounters per station), procedures by code and diagnoses by
    ICD-10 code, in general-medicine encounters."""
    return specialty_rows(store, campaign, day, SPECIALTY)
