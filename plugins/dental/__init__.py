"""Dentistry: the dental exam (carious teeth by FDI number), extractions, restorations, prevention."""

from __future__ import annotations

from ayni.core import Specialty, Text, hookimpl
from ayni.core.reporting import specialty_rows
from ayni.core.sections import visit_sections

from . import codes, forms

SPECIALTY = Specialty(
    key=forms.SPECIALTY,
    name=Text("Odontología", "Dentistry"),
    stations=("exam", "treatment"),
    forms=tuple(f.key for f in forms.FORMS),
    station_labels={"exam": Text("Evaluación", "Examination"), "treatment": Text("Tratamiento", "Treatment")},
)


@hookimpl
def ayni_specialties():
    """Dentistry, with its exam and treatment stations."""
    return [SPECIALTY]


@hookimpl
def ayni_forms():
    """The dental exam."""
    return list(forms.FORMS)


@hookimpl
def ayni_procedure_codes():
    """Extractions, restorations (resin, ART), sealants, prophylaxis and fluoride."""
    return list(codes.PROCEDURES)


@hookimpl
def ayni_diagnosis_codes():
    """Oral ICD-10 codes beyond the general list (dentine caries, pulpitis, abscess, gum disease)."""
    return list(codes.DIAGNOSES)


@hookimpl
def ayni_equipment():
    """Oral hygiene kits."""
    return list(codes.EQUIPMENT)


@hookimpl
def ayni_pdf_sections(visit, lang):
    """The dental exam of a dental encounter (diagnoses and procedures are printed by the summary)."""
    return visit_sections(visit, lang, SPECIALTY.key, forms.FORMS)


@hookimpl
def ayni_report_rows(store, campaign, day):
    """Dental encounters per station, procedures by code and diagnoses by code."""
    return specialty_rows(store, campaign, day, SPECIALTY)
