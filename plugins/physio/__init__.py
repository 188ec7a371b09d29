"""Physiotherapy and rehabilitation: assessment with the measure each condition is followed by,
treatment sessions with the change since last time, a home exercise programme printed as a handout,
and mobility aids and orthoses fitted and handed out from stock.

Beyond the hooks, the plugin offers :func:`fit_and_dispense` (fit an aid and hand it out, in one
transaction) and :func:`render_home_programme` (the handout as PDF bytes).
"""

from __future__ import annotations

from ayni.core import Document, Catalogue, Specialty, Text, hookimpl
from ayni.core.documents.reporting import titled

from . import analysis, codes, fitting, forms, report, summary, visit_checks
from .aids import AIDS, FITTING_FORMS
from .fitting import fit_and_dispense, fittings_of
from .handout import render_home_programme
from .migrations import MIGRATIONS

__all__ = ["SPECIALTY", "fit_and_dispense", "fittings_of", "render_home_programme"]

SPECIALTY = Specialty(
    key=forms.SPECIALTY,
    name=Text("Fisioterapia", "Physiotherapy"),
    stations=("assessment", "treatment"),
    forms=tuple(f.key for f in forms.FORMS),
    station_labels={"assessment": Text("Evaluación", "Assessment"), "treatment": Text("Tratamiento", "Treatment")},
    station_forms={"assessment": (forms.ASSESSMENT.key, forms.HOME_PROGRAMME.key),
                   "treatment": (forms.SESSION.key, forms.HOME_PROGRAMME.key)},
)
HANDOUT = Document("physio.home_programme", Text("Ejercicios para la casa", "Home exercises"), render_home_programme,
                   for_patient=True)


@hookimpl
def ayni_specialties():
    """Physiotherapy, with its assessment and treatment stations (a session is one treatment encounter)."""
    return [SPECIALTY]


@hookimpl
def ayni_views():
    """A typed view of each aid's fitting form (``form_physio_fit_wheelchair`` …), from ``physio_fittings``."""
    return list(analysis.views())


@hookimpl
def ayni_permissions():
    """Who may fit and hand out mobility aids."""
    return fitting.PERMISSIONS


@hookimpl
def ayni_forms():
    """The assessment, the treatment session and the home exercise programme; then the fitting form
    of each aid (filled when it is handed out, so listed in no station)."""
    return [*forms.FORMS, *FITTING_FORMS]


@hookimpl
def ayni_procedure_codes():
    """Assessment, sessions, manual therapy, exercise, TENS, gait training, Ponseti casts, home
    programme and aid fitting."""
    return list(codes.PROCEDURES)


@hookimpl
def ayni_diagnosis_codes():
    """Cerebral palsy, hemiplegia, paraplegia, hip dysplasia, clubfoot, Down syndrome and other
    rehabilitation ICD-10 codes beyond the general list."""
    return list(codes.DIAGNOSES)


@hookimpl
def ayni_equipment():
    """Wheelchairs, walkers, crutches, canes and orthoses, with the attributes that size them."""
    return list(codes.EQUIPMENT)


@hookimpl
def ayni_dispense(store, encounter_id, item_key, quantity, fitting):
    """Aids are handed out only fitted: :func:`fit_and_dispense` checks the fitting form and takes the
    lot its kind and size pick (the size chosen in the UI only prefills the form)."""
    if item_key not in AIDS:
        return None
    return fit_and_dispense(store, encounter_id, item_key, fitting or {}, quantity)


@hookimpl
def ayni_migrations():
    """The table of aids fitted and handed out."""
    return MIGRATIONS


@hookimpl
def ayni_validate_encounter(visit):
    """What depends on the patient: the faces pain scale only from 3 years old."""
    return visit_checks.check_visit(visit)


@hookimpl
def ayni_pdf_sections(visit, lang, store):
    """The assessment (measures in tables), the session with its change since last time, the home
    programme and the aids handed out."""
    return summary.sections(visit, lang, store)


@hookimpl
def ayni_documents(visit):
    """The home-exercise handout, when the encounter has a home programme."""
    if visit.encounter.specialty != SPECIALTY.key or not visit.form(forms.HOME_PROGRAMME.key).get("exercises"):
        return []
    return [HANDOUT]


@hookimpl
def ayni_report_rows(store, campaign, day):
    """Encounters, procedures and diagnoses; patients by category and age group; sessions; aids
    handed out by kind and size."""
    return titled(report.report_rows(store, campaign, day, SPECIALTY), report.GROUP_TITLES)


@hookimpl
def ayni_catalogues():
    """Its translations beyond Spanish and English: domain ``ayni_physio`` in ``locale/`` beside this file."""
    return [Catalogue.of_plugin(SPECIALTY.key, __file__)]


@hookimpl
def ayni_demo(demo):
    """Assessments of those referred by general medicine and of a few walk-ins, with a walker,
    crutches or a wheelchair fitted by the sizing rules and taken from stock; payments."""
    from . import demo as demo_day

    demo_day.seed_day(demo)

