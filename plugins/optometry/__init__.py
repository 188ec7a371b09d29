"""Optometry and eye care: visual acuity in any notation, refraction, eye pressure and findings per
eye; readers and sunglasses from stock, custom glasses orders, surgical and laser referrals; the
glasses prescription and referral letter; WHO visual-impairment figures.

This module holds the hook implementations and nothing else; each job lives in its own module.
"""

from __future__ import annotations

from ayni.core import Catalogue, Specialty, Text, hookimpl
from ayni.core.documents.reporting import specialty_rows, titled

from . import closing, codes, documents, exchange, forms, labels, orders, reports, summary

SPECIALTY = Specialty(
    key=forms.SPECIALTY,
    name=Text("Optometría y oftalmología", "Optometry and eye care"),
    stations=("screening", "exam", "dispensing"),
    forms=tuple(f.key for f in forms.FORMS),
    station_labels={
        "screening": Text("Tamizaje visual", "Vision screening"),
        "exam": Text("Examen visual", "Eye examination"),
        "dispensing": Text("Entrega de lentes", "Glasses dispensing"),
    },
    station_forms={
        "screening": (forms.EXAM.key,),
        "exam": (forms.EXAM.key, forms.PLAN.key),
        "dispensing": (forms.PLAN.key,),
    },
)


@hookimpl
def ayni_specialties():
    """Optometry, with its screening, examination and dispensing stations."""
    return [SPECIALTY]


@hookimpl
def ayni_permissions():
    """Who may order glasses and follow the order."""
    return orders.PERMISSIONS


@hookimpl
def ayni_forms():
    """The eye examination (acuity, refraction, pressure, findings per eye) and the plan (glasses
    handed out or ordered, referral)."""
    return list(forms.FORMS)


@hookimpl
def ayni_procedure_codes():
    """Screening, refraction, tonometry, fundoscopy and glasses fitting."""
    return list(codes.PROCEDURES)


@hookimpl
def ayni_diagnosis_codes():
    """ICD-10 eye codes (H00–H54) beyond those the general plugin bundles."""
    return list(codes.DIAGNOSES)


@hookimpl
def ayni_equipment():
    """Reading glasses (by power), sunglasses, custom glasses (by lens type) and lubricant drops."""
    return list(codes.EQUIPMENT)


@hookimpl
def ayni_suggested_size(store, encounter_id, item_key):
    """Readers at the power the plan asks for, else the one in stock nearest the exam's reading need."""
    return closing.suggested_readers(store, encounter_id) if item_key == codes.READERS else None


@hookimpl
def ayni_migrations():
    """The custom glasses orders and their status events (append-only)."""
    return orders.migrations


@hookimpl
def ayni_renamed_columns():
    """``optometry_order_events.by`` became ``changed_by`` (migration 0003)."""
    return orders.RENAMED_COLUMNS


@hookimpl
def ayni_validate_encounter(visit):
    """A glasses order needs a refraction and readers a power or an addition, when the visit holds
    its own exam."""
    return closing.check_visit(visit)


@hookimpl
def ayni_encounter_closing(store, visit):
    """Carry out the plan as the encounter closes: readers, sunglasses and drops from stock, the
    glasses order, the referral; any refusal keeps the encounter open."""
    closing.carry_out_plan(store, visit)


@hookimpl
def ayni_pdf_sections(visit, lang):
    """Acuity, refraction, pressure and findings as per-eye grids, and the plan."""
    if visit.encounter.specialty != SPECIALTY.key:
        return []
    return summary.sections(visit, lang)


@hookimpl
def ayni_labels(store, patient_id, lang):
    """The envelope label of each glasses order still waiting for the lab."""
    return labels.pending_labels(store, patient_id, lang)


@hookimpl
def ayni_documents(visit):
    """The glasses prescription (when there is a refraction) and the referral letter (when the
    plan refers)."""
    return documents.offered(visit)


@hookimpl
def ayni_report_rows(store, campaign, day):
    """Encounters per station, procedures and diagnoses by code, plus patients examined, glasses by
    kind and readers by power, referrals by reason and patients by WHO visual-impairment category."""
    return titled([*specialty_rows(store, campaign, day, SPECIALTY), *reports.rows(store, campaign, day)],
                  reports.GROUP_TITLES)


@hookimpl
def ayni_exchange_records(visit):
    """The examination's visual acuity, refraction and eye pressure per eye, with their LOINC codes."""
    return exchange.records(visit)


@hookimpl
def ayni_catalogues():
    """Its translations beyond Spanish and English: domain ``ayni_optometry`` in ``locale/`` beside this file."""
    return [Catalogue.of_plugin(SPECIALTY.key, __file__)]


@hookimpl
def ayni_demo(demo):
    """Eye exams with readers from stock (one pair each, at the nearest power), sunglasses for a
    pterygium, cataracts referred to surgery, payments; the referrals from general medicine."""
    from . import demo as demo_day

    demo_day.seed_day(demo)

