"""Surgery: the screening list (from referrals and screening encounters), the operating schedule per
theatre and day, pre-op, the WHO Surgical Safety Checklist, the operative note, follow-up graded by
Clavien–Dindo, their documents and the campaign's surgical figures.

Only hook implementations live here; the work is done in :mod:`.cases` and its neighbours.
"""

from __future__ import annotations

from ayni.core import Catalogue, Specialty, Text, hookimpl
from ayni.core.documents.reporting import specialty_rows, titled

from . import allergies, analysis, cases, checklist, codes, documents, exchange, forms, labels, launch, reports
from .migrations import RENAMED_COLUMNS, migrations

SPECIALTY = Specialty(
    key=forms.SPECIALTY,
    name=Text("Cirugía", "Surgery"),
    stations=("screening", "operating_room", "recovery"),
    forms=(forms.SCREENING.key,),
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
def ayni_permissions():
    """Who may put patients on the list, schedule, move cases on, fill case forms and the checklist."""
    return cases.PERMISSIONS


@hookimpl
def ayni_forms():
    """The screening encounter's form, the case forms (case, schedule, reason, pre-op, operative
    note, post-op day 1, discharge) and the three phases of the WHO checklist."""
    return [*forms.FORMS, *checklist.FORMS]


@hookimpl
def ayni_procedure_codes():
    """Screening and the operations of six surgical services."""
    return list(codes.PROCEDURES)


@hookimpl
def ayni_diagnosis_codes():
    """Surgical ICD-10 codes beyond the general list."""
    return list(codes.DIAGNOSES)


@hookimpl
def ayni_migrations():
    """The surgical cases, their status events, forms and checklist answers."""
    return migrations


@hookimpl
def ayni_renamed_columns():
    """``surgery_case_events.by`` became ``changed_by`` and ``surgery_checklist.by`` ``answered_by`` (migration 0004)."""
    return RENAMED_COLUMNS


@hookimpl
def ayni_views():
    """A typed view of each case form (``form_surgery_preop``, ``form_surgery_operative_note`` …) and the
    WHO checklist's answers (``surgery_checklist_answers``)."""
    return list(analysis.views())


@hookimpl
def ayni_pdf_sections(visit, lang, store):
    """The screening form of a surgical encounter (planned operation, ASA, fitness) and the case it
    put on the list (operation, status, day and theatre)."""
    return documents.visit_summary_sections(visit, lang, store)


@hookimpl
def ayni_labels(store, patient_id, lang):
    """The specimen label of the patient's latest operation that sent specimens."""
    return labels.specimen_labels(store, patient_id, lang)


@hookimpl
def ayni_patient_next(store, patient_id):
    """The day and theatre of the patient's next scheduled operation."""
    return labels.next_operation(store, patient_id)


@hookimpl
def ayni_report_rows(store, campaign, day):
    """Screening encounters, procedures and diagnoses; operations by service, completion and
    cancellation rates, complications by Clavien–Dindo grade, theatre hours, local surgeons trained."""
    return titled([*specialty_rows(store, campaign, day, SPECIALTY), *reports.case_rows(store, campaign, day)],
                  reports.GROUP_TITLES)


@hookimpl
def ayni_form_prefill(visit, form_key, store):
    """A new screening starts with the person's recorded allergies."""
    if form_key != forms.SCREENING.key or store is None:
        return None
    return allergies.allergy_field(store, visit.patient.id)


@hookimpl
def ayni_encounter_closing(store, visit):
    """A screening encounter closed with the patient fit for surgery puts them on the screening list,
    in the same transaction: if the case cannot be created, the encounter stays open."""
    cases.case_from_screening(store, visit)


@hookimpl
def ayni_tui_screens():
    """The operating schedule and the screening list."""
    return list(launch.SCREENS)


@hookimpl
def ayni_exchange_records(visit, store):
    """The operations of the surgical cases the visit put on the list, once operated."""
    return exchange.records(visit, store)


@hookimpl
def ayni_catalogues():
    """Its translations beyond Spanish and English: domain ``ayni_surgery`` in ``locale/`` beside this file."""
    return [Catalogue.of_plugin(SPECIALTY.key, __file__)]


@hookimpl
def ayni_demo(demo):
    """Screening encounters for hernias and lipomas, the eye team's cataracts accepted onto the list,
    and each day's operations through pre-op, the WHO checklist and the operative note."""
    from . import demo as demo_day

    demo_day.seed_day(demo)

