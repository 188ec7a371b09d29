"""General medicine and mobile clinics: triage with priorities and age-aware alerts, the consultation
with ICD-10 diagnoses, prescriptions from the campaign formulary (checked against allergies) with a
receta for the patient, the vaccination register, PHQ-9/GAD-7 screening, sexual and reproductive
health, health education, pastoral counselling only with consent, and referrals with their letter."""

from __future__ import annotations

from ayni.core import Catalogue, Specialty, Text, hookimpl
from ayni.core.documents.reporting import titled

from . import (
    alerts, altitude, closing, codes, documents, exchange, formulary, forms, migrations, person, report, rules, summary,
    vaccines,
)

SPECIALTY = Specialty(
    key=forms.SPECIALTY,
    name=Text("Medicina general", "General medicine"),
    stations=("triage", "consultation", "vaccination", "mental_health", "srh"),
    forms=tuple(f.key for f in forms.FORMS),
    station_labels={
        "triage": Text("Triaje", "Triage"),
        "consultation": Text("Consultorio", "Consultation"),
        "vaccination": Text("Vacunación", "Vaccination"),
        "mental_health": Text("Salud mental", "Mental health"),
        "srh": Text("Salud sexual y reproductiva", "Sexual and reproductive health"),
    },
    station_forms={
        "triage": (forms.TRIAGE.key,),
        "consultation": (forms.TRIAGE.key, forms.CONSULTATION.key, forms.PRESCRIPTION.key, forms.REFERRAL.key, forms.EDUCATION.key,
                         forms.PASTORAL.key),
        "vaccination": (forms.VACCINATION.key, forms.EDUCATION.key),
        "mental_health": (forms.MENTAL_HEALTH.key, forms.REFERRAL.key, forms.EDUCATION.key, forms.PASTORAL.key),
        "srh": (forms.SRH.key, forms.PRESCRIPTION.key, forms.REFERRAL.key, forms.EDUCATION.key),
    },
)


@hookimpl
def ayni_specialties():
    """General medicine, with its triage, consultation, vaccination, mental-health and SRH stations."""
    return [SPECIALTY]


@hookimpl
def ayni_forms():
    """Triage, consultation, prescription, vaccination, PHQ-9/GAD-7, SRH, education, pastoral, referral."""
    return list(forms.FORMS)


@hookimpl
def ayni_procedure_codes():
    """Consultation, triage, tests, nebulization, wound care, injections, sutures, education, vaccination,
    screening, family planning, antenatal check, rapid tests and referral."""
    return list(codes.PROCEDURES)


@hookimpl
def ayni_diagnosis_codes():
    """The ICD-10 codes most often seen at campaigns and mobile clinics in Peru."""
    return list(codes.DIAGNOSES)


@hookimpl
def ayni_equipment():
    """Inhaler spacers, condoms, pregnancy test strips, and the vaccines (their lots are offered at
    the vaccination station)."""
    return [*codes.EQUIPMENT, *vaccines.STOCK_ITEMS]


@hookimpl
def ayni_formulary():
    """The campaign's essential medicines (paracetamol, amoxicillin, ORS, albendazole, …)."""
    return list(formulary.MEDICINES)


@hookimpl
def ayni_person_alerts(visit):
    """Drug allergies from triage and the consultation; a pregnancy, or «not pregnant», from SRH."""
    if visit.encounter.specialty != forms.SPECIALTY:
        return []
    return [f for key in person.FORM_KEYS if key in visit.forms for f in person.findings(key, visit.form(key))]


@hookimpl
def ayni_form_prefill(visit, form_key, store):
    """A new triage or consultation starts with the person's recorded allergies, a triage with the
    site's altitude as the campaign's latest triage recorded it; a referral at «Urgente» when the
    safety action is «Referencia urgente»."""
    if form_key == forms.REFERRAL.key:
        return closing.referral_prefill(visit)
    if form_key not in person.ALLERGY_FORMS or store is None:
        return None
    values = person.allergy_prefill(store, visit.patient.id)
    if form_key == forms.TRIAGE.key:
        values |= altitude.altitude_prefill(store, visit)
    return values or None


@hookimpl
def ayni_migrations():
    """The person's alerts from the forms saved before they existed."""
    return migrations.migrations


@hookimpl
def ayni_validate_encounter(visit, store):
    """Allergy clashes, doses outside the limits by age and weight (some only warned about: a reason
    lets them be saved), expired vaccine lots, a changed triage priority without reason, pregnancy on
    a male record."""
    return rules.validate_visit(visit, store)


@hookimpl
def ayni_alerts(visit, store):
    """Triage findings and priority, PHQ-9 safety answer, pregnancy danger signs, reactive tests, allergies."""
    return alerts.visit_alerts(visit, store)


@hookimpl
def ayni_pdf_sections(visit, lang, store):
    """Alerts, then each filled form; prescriptions and vaccines as tables; pastoral notes never printed."""
    return summary.sections(visit, lang, store)


@hookimpl
def ayni_documents(visit):
    """The receta when medicines were prescribed, the referral letter when the patient is referred."""
    return documents.offered(visit)


@hookimpl
def ayni_exchange_records(visit):
    """The triage's vital signs (LOINC), the vaccine doses (CVX) and the prescribed medicines."""
    return exchange.records(visit)


@hookimpl
def ayni_encounter_closing(store, visit):
    """Open the referral the referral form asks for; take the vaccine doses given out of stock."""
    closing.refer_on_close(store, visit)
    closing.take_doses_from_stock(store, visit)


@hookimpl
def ayni_tui_widgets():
    """Prescription and vaccination editors: pick a medicine (usual course filled in, quantity shown) or a
    vaccine lot in stock, or type the lines (Textual imported only here)."""
    from .widgets import prescription_factory, vaccines_factory

    return {forms.PRESCRIPTION_WIDGET: prescription_factory, forms.VACCINES_WIDGET: vaccines_factory}


@hookimpl
def ayni_report_rows(store, campaign, day):
    """Stations, procedures, diagnoses by code and by ICD-10 chapter, triage by priority, prescriptions,
    vaccine doses, mental-health bands, referrals, education and pastoral counselling."""
    return titled(report.report_rows(store, campaign, day, SPECIALTY), report.GROUP_TITLES)


@hookimpl
def ayni_catalogues():
    """Its translations beyond Spanish and English: domain ``ayni_general`` in ``locale/`` beside this file."""
    return [Catalogue.of_plugin(SPECIALTY.key, __file__)]


@hookimpl(tryfirst=True)
def ayni_demo(demo):
    """Triage for everyone who came, consultations for about two thirds (diagnoses, procedures, a
    payment, some referrals to the campaign's other specialties); first, because triage opens the day."""
    from . import demo as demo_day

    demo_day.seed_day(demo)

