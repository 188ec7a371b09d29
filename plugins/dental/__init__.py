"""Dentistry: the odontogram exam (FDI teeth and surfaces), fillings, ART, sealants, extractions,
fluoride and cleanings, hygiene kits, the odontogram on the visit summary and the dental figures."""

from __future__ import annotations

from ayni.core import Catalogue, Specialty, Text, hookimpl
from ayni.core.documents.reporting import titled

from . import codes, documents, forms, odontogram, report, rules, summary

SPECIALTY = Specialty(
    key=codes.SPECIALTY,
    name=Text("Odontología", "Dentistry"),
    stations=("exam", "treatment"),
    forms=tuple(f.key for f in forms.FORMS),
    station_labels={"exam": Text("Evaluación", "Examination"), "treatment": Text("Tratamiento", "Treatment")},
)


@hookimpl
def ayni_specialties():
    """Dentistry, with its exam and treatment stations (both fill the odontogram exam)."""
    return [SPECIALTY]


@hookimpl
def ayni_forms():
    """The dental exam with its odontogram."""
    return list(forms.FORMS)


@hookimpl
def ayni_procedure_codes():
    """Exam, hygiene education, prophylaxis, fluoride, sealants, resin and ART restorations by number of
    surfaces, simple and surgical extractions."""
    return list(codes.PROCEDURES)


@hookimpl
def ayni_diagnosis_codes():
    """Oral ICD-10 codes beyond the general list (caries, pulpitis, abscess, gum disease, retained tooth)."""
    return list(codes.DIAGNOSES)


@hookimpl
def ayni_equipment():
    """Oral-hygiene kits, for children or adults."""
    return list(codes.EQUIPMENT)


@hookimpl
def ayni_validate_encounter(visit, store):
    """Teeth, surfaces, surface counts, missing teeth and age against dentition, and the local
    anaesthetic against its maximum by weight, for dental visits."""
    return rules.validate_visit(visit, store)


@hookimpl
def ayni_suggested_detail(visit, code):
    """An extraction is offered the teeth the exam's odontogram marks «x», not yet extracted in this visit."""
    if visit.encounter.specialty != SPECIALTY.key:
        return None
    found = visit.form(forms.EXAM.key).get(forms.ODONTOGRAM.key) or {}
    return odontogram.indicated_for(code, found, visit.procedures) or None


@hookimpl
def ayni_pdf_sections(visit, lang):
    """The odontogram found and after treatment, treatment per tooth, the exam and home care."""
    return summary.sections(visit, lang)


@hookimpl
def ayni_documents(visit):
    """The home-care sheet, for a dental visit with an exam or a procedure."""
    return documents.offered(visit)


@hookimpl
def ayni_report_rows(store, campaign, day):
    """Encounters, procedures and diagnoses, patients by age group, teeth extracted, restored and
    sealed, fluoride applications and hygiene kits handed out."""
    return titled(report.report_rows(store, campaign, day, SPECIALTY), report.GROUP_TITLES)


@hookimpl
def ayni_tui_widgets():
    """The keyboard odontogram, for the exam's odontogram field (Textual is imported only here)."""
    from .widgets import odontogram_factory

    return {forms.ODONTOGRAM_WIDGET: odontogram_factory}


@hookimpl
def ayni_catalogues():
    """Its translations beyond Spanish and English: domain ``ayni_dental`` in ``locale/`` beside this file."""
    return [Catalogue.of_plugin(SPECIALTY.key, __file__)]


@hookimpl
def ayni_demo(demo):
    """Exams with the odontogram and their treatments (fluoride, sealants, ART, resin, extractions
    under local anaesthetic), hygiene kits from stock, payments; the referrals from general medicine."""
    from . import demo as demo_day

    demo_day.seed_day(demo)
