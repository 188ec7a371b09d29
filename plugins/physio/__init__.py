"""Physiotherapy: assessment with pain scale and diagnosis category, treatments, mobility aids."""

from __future__ import annotations

from ayni.core import Specialty, Text, hookimpl
from ayni.core.reporting import specialty_rows
from ayni.core.sections import visit_sections

from . import codes, forms

SPECIALTY = Specialty(
    key=forms.SPECIALTY,
    name=Text("Fisioterapia", "Physiotherapy"),
    stations=("assessment", "treatment"),
    forms=tuple(f.key for f in forms.FORMS),
    station_labels={"assessment": Text("Evaluación", "Assessment"), "treatment": Text("Tratamiento", "Treatment")},
)


@hookimpl
def ayni_specialties():
    """Physiotherapy, with its assessment and treatment stations."""
    return [SPECIALTY]


@hookimpl
def ayni_forms():
    """The physiotherapy assessment."""
    return list(forms.FORMS)


@hookimpl
def ayni_procedure_codes():
    """Assessment, manual therapy, exercise, TENS, home programme and aid fitting."""
    return list(codes.PROCEDURES)


@hookimpl
def ayni_diagnosis_codes():
    """Neurological and rehabilitation ICD-10 codes beyond the general list."""
    return list(codes.DIAGNOSES)


@hookimpl
def ayni_equipment():
    """Wheelchairs, walkers, crutches and canes, with the measurements that fit them."""
    return list(codes.EQUIPMENT)


@hookimpl
def ayni_pdf_sections(visit, lang):
    """The assessment of a physiotherapy encounter."""
    return visit_sections(visit, lang, SPECIALTY.key, forms.FORMS)


@hookimpl
def ayni_report_rows(store, campaign, day):
    """Physiotherapy encounters per station, procedures by code and diagnoses by code."""
    return specialty_rows(store, campaign, day, SPECIALTY)
