"""Optometry: visual acuity, refraction per eye, reading and prescription glasses."""

from __future__ import annotations

from ayni.core import Specialty, Text, hookimpl
from ayni.core.reporting import specialty_rows
from ayni.core.sections import visit_sections

from . import codes, forms

SPECIALTY = Specialty(
    key=forms.SPECIALTY,
    name=Text("Optometría", "Optometry"),
    stations=("acuity", "refraction", "dispensing"),
    forms=tuple(f.key for f in forms.FORMS),
    station_labels={
        "acuity": Text("Agudeza visual", "Visual acuity"),
        "refraction": Text("Refracción", "Refraction"),
        "dispensing": Text("Entrega de lentes", "Glasses dispensing"),
    },
)


@hookimpl
def ayni_specialties():
    """Optometry, with its acuity, refraction and dispensing stations."""
    return [SPECIALTY]


@hookimpl
def ayni_forms():
    """The eye examination (acuity and refraction per eye)."""
    return list(forms.FORMS)


@hookimpl
def ayni_procedure_codes():
    """Screening, refraction, tonometry and glasses fitting."""
    return list(codes.PROCEDURES)


@hookimpl
def ayni_diagnosis_codes():
    """Eye codes beyond the general list: anisometropia, amblyopia, strabismus, low vision."""
    return list(codes.DIAGNOSES)


@hookimpl
def ayni_equipment():
    """Reading glasses (by power), prescription glasses and UV sunglasses."""
    return list(codes.EQUIPMENT)


@hookimpl
def ayni_pdf_sections(visit, lang):
    """The eye examination (acuity and refraction per eye) of an optometry encounter."""
    return visit_sections(visit, lang, SPECIALTY.key, forms.FORMS)


@hookimpl
def ayni_report_rows(store, campaign, day):
    """Optometry encounters per station, procedures by code and diagnoses by code."""
    return specialty_rows(store, campaign, day, SPECIALTY)
