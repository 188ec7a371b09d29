"""Surgery: the screening list, the schedule, the state machine and its gates (pre-op, WHO checklist,
operative note), each refusal in Spanish and English with nothing written, and the referral path."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core import ValidationError
from ayni.core.clinical import encounters, referrals
from ayni.plugins.surgery import cases
from ayni.plugins.surgery.cases import CaseStatus
from ayni.plugins.surgery.checklist import PHASES

PREOP = {"asa": "II", "allergies": "Ninguna conocida", "weight": "61.5", "fasting_hours": "8", "consent": "sí",
         "consent_witness": "Lic. Mamani", "hemoglobin": "12.8", "glucose": "96", "anaesthesia_plan": "spinal"}
NOTE = {"procedure_performed": "surgery.inguinal_hernia_repair", "side": "right", "start_time": "09:10",
        "end_time": "10:25", "findings": "Hernia indirecta", "blood_loss": "50", "specimens": "Ninguna",
        "local_surgeons_trained": "Dr. Huamán, Dra. Ccori"}


@pytest.fixture
def day(campaign):
    """The campaign's first day, yesterday: every operation time of the notes below is in the past."""
    return campaign.start_date


@pytest.fixture
def case(store, campaign, patient):
    return cases.create_case(store, patient.id, {"procedure": "surgery.inguinal_hernia_repair", "side": "right",
                                                 "surgeon": "Dr. Smith", "anaesthetist": "Dra. Núñez"},
                             campaign_id=campaign.id)


def _schedule(store, case, day, theatre="q1", slot=None, surgeon="Dr. Smith"):
    return cases.schedule(store, case.id, {"day": day.isoformat(), "theatre": theatre, "slot": slot,
                                           "surgeon": surgeon})


def _all_answers(phase) -> dict:
    return {item.key: "yes" if item.confirm else "no" for item in phase.items}


def _to_theatre(store, case, day):
    _schedule(store, case, day)
    cases.save_form(store, case.id, "surgery.preop", PREOP)
    cases.advance(store, case.id)
    cases.record_checklist(store, case.id, "sign_in", _all_answers(PHASES[0]))
    return cases.advance(store, case.id)


def complete_case(store, case, day, theatre="q1", note=None):
    """Take a screened case through the whole path to completed (used by the report and PDF tests)."""
    cases.schedule(store, case.id, {"day": day.isoformat(), "theatre": theatre, "surgeon": "Dr. Smith",
                                    "anaesthetist": "Dra. Núñez"})
    cases.save_form(store, case.id, "surgery.preop", PREOP)
    cases.advance(store, case.id)
    cases.record_checklist(store, case.id, "sign_in", _all_answers(PHASES[0]))
    cases.advance(store, case.id)
    cases.save_form(store, case.id, "surgery.operative_note", note or NOTE)
    for phase in PHASES[1:]:
        cases.record_checklist(store, case.id, phase.key, _all_answers(phase))
    return cases.advance(store, case.id)


def _refused(call, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        call(*args, **kwargs)
    return refused.value


# -- creating cases ---------------------------------------------------------------------------


def test_a_case_is_screened_with_its_service_and_team(store, case):
    assert case.status == CaseStatus.SCREENED
    assert case.service == "general"  # from the catalogue
    names = {r["id"]: r["name"] for r in store.db["users"].rows}
    assert names[case.surgeon_id] == "Dr. Smith" and names[case.anaesthetist_id] == "Dra. Núñez"
    assert [c.id for c in cases.screening_list(store)] == [case.id]
    [event] = cases.events(store, case.id)
    assert (event.from_status, event.to_status, event.changed_by) == ("", "screened", store.user.id)


def test_users_are_found_by_name_ignoring_accents_and_case(store, campaign, patient, case):
    other = cases.create_case(store, patient.id, {"procedure": "surgery.lipoma_excision", "surgeon": "dr. SMITH",
                                                  "anaesthetist": "dra. nunez"}, campaign_id=campaign.id)
    assert (other.surgeon_id, other.anaesthetist_id) == (case.surgeon_id, case.anaesthetist_id)


def test_an_unknown_operation_is_refused_and_nothing_written(store, campaign, patient, row_counts):
    before = row_counts()
    refused = _refused(cases.create_case, store, patient.id, {"procedure": "surgery.appendectomy"},
                       campaign_id=campaign.id)
    assert refused.fields() == {"procedure"}
    assert refused.message("es").startswith("Operación planificada: elija una de:")
    assert refused.message("en").startswith("Planned operation: choose one of:")
    assert row_counts() == before


def test_accepting_a_referral_creates_a_case_and_marks_it_accepted(store, campaign, patient):
    eye_exam = encounters.open_encounter(store, patient.id, "optometry", encounters_station(store, "optometry"),
                                         campaign_id=campaign.id)
    referral = referrals.refer(store, eye_exam.id, "surgery", "H25.9", urgency="priority")
    assert [r.id for r in cases.open_referrals(store)] == [referral.id]
    case = cases.accept_referral(store, referral.id, {"side": "left", "surgeon": "Dr. Patel"})
    assert (case.procedure, case.service, case.indication) == ("surgery.cataract_extraction", "ophthalmology", "H25.9")
    assert case.referral_id == referral.id and case.campaign_id == campaign.id
    assert cases.open_referrals(store) == []
    assert store.get(referrals.Referral, "referrals", referral.id).status == "accepted"


def encounters_station(store, specialty):
    return store.plugins.specialties[specialty].stations[0]


def test_a_referral_is_accepted_only_once_and_only_for_surgery(store, campaign, patient, row_counts):
    consult = encounters.open_encounter(store, patient.id, "general", "consultation", campaign_id=campaign.id)
    referral = referrals.refer(store, consult.id, "surgery", "K40.9")
    elsewhere = referrals.refer(store, consult.id, "dental", "K02.9")
    cases.accept_referral(store, referral.id)
    before = row_counts()
    again = _refused(cases.accept_referral, store, referral.id)
    assert again.message("es") == "Referencia: ya no está abierta (estado: accepted)."
    assert again.message("en") == "Referral: is no longer open (status: accepted)."
    other = _refused(cases.accept_referral, store, elsewhere.id)
    assert other.message("es") == "Referencia: es para «dental», no para cirugía."
    assert row_counts() == before


def test_a_screening_encounter_closed_fit_for_surgery_puts_the_patient_on_the_list(store, campaign, patient):
    fit = encounters.open_encounter(store, patient.id, "surgery", "screening", campaign_id=campaign.id)
    encounters.save(store, fit.id, forms={"surgery.screening": {
        "planned_procedure": "surgery.umbilical_hernia_repair", "asa": "I", "fit_for_surgery": "sí"}},
        diagnoses=["K42.9"])
    unfit = encounters.open_encounter(store, patient.id, "surgery", "screening", campaign_id=campaign.id)
    encounters.save(store, unfit.id, forms={"surgery.screening": {
        "planned_procedure": "surgery.cholecystectomy", "asa": "IV", "fit_for_surgery": "no"}})
    encounters.close(store, fit.id)
    encounters.close(store, unfit.id)
    [case] = cases.screening_list(store)
    assert (case.procedure, case.encounter_id, case.indication) == ("surgery.umbilical_hernia_repair", fit.id, "K42.9")


# -- the schedule -----------------------------------------------------------------------------


def test_scheduling_appends_to_the_theatres_list(store, campaign, patient, case, day):
    scheduled = _schedule(store, case, day)
    assert (scheduled.status, scheduled.day, scheduled.theatre, scheduled.slot) == ("scheduled", day, "q1", 1)
    second = cases.create_case(store, patient.id, {"procedure": "surgery.lipoma_excision"}, campaign_id=campaign.id)
    assert _schedule(store, second, day).slot == 2
    assert [c.id for c in cases.day_list(store, day, "q1")] == [case.id, second.id]
    assert cases.screening_list(store) == []


def test_a_taken_place_in_a_theatres_list_is_refused(store, campaign, patient, case, day, row_counts):
    _schedule(store, case, day, slot=1)
    other = cases.create_case(store, patient.id, {"procedure": "surgery.lipoma_excision"}, campaign_id=campaign.id)
    before = row_counts()
    refused = _refused(_schedule, store, other, day, slot=1)
    assert refused.fields() == {"slot"}
    assert "el lugar 1 de Quirófano 1" in refused.message("es") and "Rosa Elena Núñez Quispe" in refused.message("es")
    assert "place 1 in Theatre 1" in refused.message("en")
    assert row_counts() == before
    assert _schedule(store, other, day, theatre="q2", slot=1).slot == 1  # another theatre is free


def test_a_cancelled_case_frees_its_place(store, campaign, patient, case, day):
    _schedule(store, case, day, slot=1)
    cases.cancel(store, case.id, "Hipertensión no controlada")
    other = cases.create_case(store, patient.id, {"procedure": "surgery.lipoma_excision"}, campaign_id=campaign.id)
    assert _schedule(store, other, day, slot=1).slot == 1


def test_the_operating_day_must_fall_within_the_campaign(store, campaign, case, row_counts):
    before = row_counts()
    late = campaign.end_date + dt.timedelta(days=1)
    refused = _refused(_schedule, store, case, late)
    assert refused.message("es") == f"Día de operación: no puede ser posterior a {campaign.end_date.isoformat()}."
    assert refused.message("en") == f"Operating day: cannot be after {campaign.end_date.isoformat()}."
    assert row_counts() == before


def test_scheduling_needs_a_theatre_and_a_surgeon(store, case, day, row_counts):
    before = row_counts()
    refused = _refused(cases.schedule, store, case.id, {"day": day.isoformat(), "theatre": "q9"})
    assert refused.fields() == {"theatre", "surgeon"}
    assert "Cirujano: es obligatorio." in refused.message("es")
    assert "Surgeon: is required." in refused.message("en")
    assert row_counts() == before


# -- the state machine ------------------------------------------------------------------------


def test_the_whole_path_from_screened_to_completed_is_recorded(store, case, day):
    _to_theatre(store, case, day)
    cases.save_form(store, case.id, "surgery.operative_note", NOTE)
    for phase in PHASES:
        cases.record_checklist(store, case.id, phase.key, _all_answers(phase))
    done = cases.advance(store, case.id)
    assert done.status == CaseStatus.COMPLETED
    path = [(e.from_status, e.to_status) for e in cases.events(store, case.id)]
    assert path == [("", "screened"), ("screened", "scheduled"), ("scheduled", "preop_done"),
                    ("preop_done", "in_theatre"), ("in_theatre", "completed")]
    assert all(e.changed_by == store.user.id and e.at is not None for e in cases.events(store, case.id))
    # the case row was updated, never overwritten silently: each version is in the audit log
    updates = [a for a in store.audit(record_id=case.id) if a["action"] == "update"]
    assert len(updates) == 4 and '"status": "in_theatre"' in updates[-1]["previous"]


@pytest.mark.parametrize(("status_path", "target", "es_allowed", "en_allowed"), [
    ((), "completed", "Programado, Cancelado, Postergado", "Scheduled, Cancelled, Postponed"),
    (("schedule",), "in_theatre", "Programado, Preoperatorio completo, Cancelado, Postergado",
     "Scheduled, Pre-op done, Cancelled, Postponed"),
])
def test_illegal_transitions_name_the_current_and_allowed_statuses(store, case, day, row_counts, status_path,
                                                                    target, es_allowed, en_allowed):
    if "schedule" in status_path:
        _schedule(store, case, day)
    if "cancel" in status_path:
        cases.cancel(store, case.id, "Paciente no acudió")
    current = cases.get_case(store, case.id).status
    before = row_counts()
    refused = _refused(cases.transition, store, case.id, target) if target != "scheduled" else \
        _refused(_schedule, store, case, day)
    labels = {s: cases.STATUS_LABELS[s] for s in CaseStatus}
    assert refused.message("es") == (f"Estado: no se puede pasar de «{labels[current].es}» a "
                                     f"«{labels[CaseStatus(target)].es}». Desde «{labels[current].es}» se permite: "
                                     f"{es_allowed}.")
    assert refused.message("en").endswith(f"From «{labels[current].en}» allowed: {en_allowed}.")
    assert row_counts() == before


def test_a_closed_case_says_it_changes_no_more(store, case, day, row_counts):
    _schedule(store, case, day)
    cases.cancel(store, case.id, "Paciente no acudió")
    before = row_counts()
    refused = _refused(_schedule, store, case, day)
    assert refused.message("es") == "Estado: ya está «Cancelado»; no cambia más."
    assert refused.message("en") == "Status: it is «Cancelled» already; it cannot change."
    assert row_counts() == before


@pytest.mark.parametrize("action", [cases.cancel, cases.postpone])
def test_cancelling_or_postponing_requires_a_reason(store, case, day, row_counts, action):
    _schedule(store, case, day)
    before = row_counts()
    refused = _refused(action, store, case.id, "   ")
    assert refused.message("es") == "Motivo: es obligatorio."
    assert refused.message("en") == "Reason: is required."
    assert row_counts() == before
    moved = action(store, case.id, "Falta de sangre compatible")
    assert moved.status_reason == "Falta de sangre compatible"
    assert cases.events(store, case.id)[-1].reason == "Falta de sangre compatible"


def test_a_postponed_case_returns_to_the_list_and_is_scheduled_again(store, case, day):
    _schedule(store, case, day)
    cases.postpone(store, case.id, "Cuadro gripal")
    assert [c.id for c in cases.screening_list(store)] == [case.id]
    again = _schedule(store, case, day + dt.timedelta(days=1), theatre="q2")
    assert (again.status, again.theatre, again.slot, again.status_reason) == ("scheduled", "q2", 1, "")


def test_preop_done_requires_consent_and_asa(store, case, day, row_counts):
    _schedule(store, case, day)
    before = row_counts()
    refused = _refused(cases.advance, store, case.id)
    assert refused.message("es").splitlines() == [
        "Clasificación ASA: es obligatorio para dar el preoperatorio por completo.",
        "Consentimiento informado firmado: es obligatorio para dar el preoperatorio por completo."]
    assert "ASA class: is required before the pre-op can be marked done." in refused.message("en")
    assert row_counts() == before
    cases.save_form(store, case.id, "surgery.preop", {**PREOP, "consent": "no", "consent_witness": ""})
    refused = _refused(cases.advance, store, case.id)
    assert refused.message("es") == "Consentimiento informado firmado: debe ser «sí» para dar el preoperatorio por completo."
    cases.save_form(store, case.id, "surgery.preop", PREOP)
    assert cases.advance(store, case.id).status == CaseStatus.PREOP_DONE


def test_a_consent_names_its_witness_and_labs_are_bounded(store, case, row_counts):
    before = row_counts()
    refused = _refused(cases.save_form, store, case.id, "surgery.preop",
                       {**PREOP, "consent_witness": "", "hemoglobin": "2.5", "glucose": "700", "asa": "VII"})
    assert refused.message("es").splitlines() == [
        "Clasificación ASA: elija una de: I, II, III, IV, V, VI.",
        "Hemoglobina: debe estar entre 3.0 y 25.0 g/dL.",
        "Glucosa: debe estar entre 20 y 600 mg/dL."]
    assert "Haemoglobin: must be between 3.0 and 25.0 g/dL." in refused.message("en")
    only_witness = _refused(cases.save_form, store, case.id, "surgery.preop", {**PREOP, "consent_witness": ""})
    assert only_witness.message("en") == "Consent witnessed by: is required."
    assert row_counts() == before


def test_anaesthesia_other_than_local_needs_an_anaesthetist(store, campaign, patient, day):
    case = cases.create_case(store, patient.id, {"procedure": "surgery.lipoma_excision"}, campaign_id=campaign.id)
    _schedule(store, case, day)
    cases.save_form(store, case.id, "surgery.preop", {**PREOP, "anaesthesia_plan": "general"})
    refused = _refused(cases.advance, store, case.id)
    assert refused.message("es") == "Anestesiólogo: es obligatorio con anestesia general."
    cases.save_form(store, case.id, "surgery.preop", {**PREOP, "anaesthesia_plan": "local"})
    assert cases.advance(store, case.id).status == CaseStatus.PREOP_DONE


def test_a_theatre_holds_one_patient_at_a_time(store, campaign, patient, case, day, row_counts):
    _to_theatre(store, case, day)
    second = cases.create_case(store, patient.id, {"procedure": "surgery.lipoma_excision", "anaesthetist": "Dr. X"},
                               campaign_id=campaign.id)
    _schedule(store, second, day)
    cases.save_form(store, second.id, "surgery.preop", PREOP)
    cases.advance(store, second.id)
    cases.record_checklist(store, second.id, "sign_in", _all_answers(PHASES[0]))
    before = row_counts()
    refused = _refused(cases.advance, store, second.id)
    assert refused.message("es") == ("Quirófano: Quirófano 1 ya tiene en sala a Rosa Elena Núñez Quispe; "
                                     "complete o cancele ese caso primero.")
    assert row_counts() == before


# -- WHO checklist and completion -------------------------------------------------------------


def test_a_checklist_note_with_a_terminal_escape_is_refused(store, case, day, row_counts):
    _to_theatre(store, case, day)
    before = row_counts()
    refused = _refused(cases.record_checklist, store, case.id, "sign_in", _all_answers(PHASES[0]), note="ok\x1b[2J")
    assert refused.message("en").startswith("Checklist note: contains a control character (U+001B, position 3)")
    assert row_counts() == before


def test_a_case_cannot_be_completed_before_the_checklist_and_note(store, case, day, row_counts):
    _to_theatre(store, case, day)
    cases.record_checklist(store, case.id, "sign_in", _all_answers(PHASES[0]))
    before = row_counts()
    refused = _refused(cases.advance, store, case.id)
    assert refused.message("es").splitlines() == [
        "Lista de verificación de la seguridad de la cirugía (OMS): falta completar «Pausa quirúrgica», «Salida» "
        "antes de dar el caso por operado.",
        "Nota operatoria: registre la nota operatoria antes de dar el caso por operado."]
    assert refused.message("en").splitlines()[0] == (
        "WHO Surgical Safety Checklist: «Time out», «Sign out» still to be completed before the case can be completed.")
    assert row_counts() == before


def test_checklist_phases_go_in_order_and_only_once_the_preop_is_done(store, case, day, row_counts):
    _schedule(store, case, day)
    before = row_counts()
    early = _refused(cases.record_checklist, store, case.id, "sign_in", _all_answers(PHASES[0]))
    assert early.message("es") == ("Lista de verificación de la seguridad de la cirugía (OMS): no se puede registrar "
                                   "con el caso «Programado»; se permite con: Preoperatorio completo, En sala.")
    assert row_counts() == before
    cases.save_form(store, case.id, "surgery.preop", PREOP)
    cases.advance(store, case.id)
    before = row_counts()
    not_yet = _refused(cases.record_checklist, store, case.id, "time_out", _all_answers(PHASES[1]))
    assert not_yet.message("es").endswith("no se puede registrar con el caso «Preoperatorio completo»; "
                                          "se permite con: En sala.")
    cases.record_checklist(store, case.id, "sign_in", _all_answers(PHASES[0]))
    cases.advance(store, case.id)
    before = row_counts()
    skipped = _refused(cases.record_checklist, store, case.id, "sign_out", _all_answers(PHASES[2]))
    assert skipped.message("es") == "Salida: complete antes «Pausa quirúrgica»."
    assert skipped.message("en") == "Sign out: complete «Time out» first."
    assert row_counts() == before


def test_each_checklist_answer_is_kept_with_who_and_when_and_the_latest_counts(store, case, day):
    _to_theatre(store, case, day)
    answers = {**_all_answers(PHASES[0]), "pulse_oximeter": "no"}
    cases.record_checklist(store, case.id, "sign_in", answers)
    assert [p.key for p in cases.missing_phases(store, case.id)] == ["sign_in", "time_out", "sign_out"]
    cases.record_checklist(store, case.id, "sign_in", {"pulse_oximeter": "sí"})
    assert [p.key for p in cases.missing_phases(store, case.id)] == ["time_out", "sign_out"]
    state = cases.checklist_answers(store, case.id)["sign_in"]
    assert state["pulse_oximeter"].answer == "yes" and state["pulse_oximeter"].answered_by == store.user.id
    rows = store.db.execute("SELECT count(*) FROM surgery_checklist WHERE item = 'pulse_oximeter'").fetchone()[0]
    assert rows == 3  # the earlier answers are kept (one before going in theatre)


def test_a_checklist_answer_must_be_yes_no_or_not_applicable_where_allowed(store, case, day, row_counts):
    _to_theatre(store, case, day)
    before = row_counts()
    refused = _refused(cases.record_checklist, store, case.id, "sign_in", {"pulse_oximeter": "na", "site_marked": "x"})
    assert refused.message("es").splitlines() == [
        "Pulsioxímetro colocado y funcionando: elija una de: yes, no.",
        "Sitio quirúrgico marcado: elija una de: yes, no, na."]
    assert row_counts() == before


def test_the_append_only_tables_refuse_changes(store, case):
    import sqlite3

    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute("UPDATE surgery_case_events SET reason = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        store.db.execute("DELETE FROM surgery_cases")


# -- operative note and follow-up -------------------------------------------------------------


def test_the_operative_note_ends_after_it_starts_and_bounds_blood_loss(store, case, day, row_counts):
    _to_theatre(store, case, day)
    before = row_counts()
    refused = _refused(cases.save_form, store, case.id, "surgery.operative_note",
                       {**NOTE, "start_time": "10:30", "end_time": "10:15", "blood_loss": "12000"})
    assert refused.message("es").splitlines() == ["Sangrado estimado: debe estar entre 0 y 10000 ml."]
    refused = _refused(cases.save_form, store, case.id, "surgery.operative_note",
                       {**NOTE, "start_time": "10:30", "end_time": "10:15"})
    assert refused.message("es") == "Hora de término: debe ser posterior a la hora de inicio (10:30)."
    assert refused.message("en") == "End time: must be after the start time (10:30)."
    bad_clock = _refused(cases.save_form, store, case.id, "surgery.operative_note", {**NOTE, "start_time": "25:00"})
    assert bad_clock.message("en") == "Start time: invalid time; use HH:MM from 00:00 to 23:59 (e.g. 09:30)."
    assert row_counts() == before
    assert cases.save_form(store, case.id, "surgery.operative_note", {**NOTE, "start_time": "9.10"})["start_time"] == "09:10"


def test_follow_up_is_for_completed_cases_and_grades_complications(store, case, day, row_counts):
    before = row_counts()
    early = _refused(cases.save_form, store, case.id, "surgery.postop_day1", {"pain": "3"})
    assert early.message("es") == ("Control postoperatorio día 1: no se puede registrar con el caso «Evaluado»; "
                                   "se permite con: Operado.")
    assert row_counts() == before
    complete_case(store, case, day)
    ungraded = _refused(cases.save_form, store, case.id, "surgery.postop_day1", {"complication": "sí"})
    assert ungraded.message("es") == "Grado Clavien–Dindo: es obligatorio."
    orphan = _refused(cases.save_form, store, case.id, "surgery.postop_day1", {"clavien_dindo": "II"})
    assert orphan.message("en") == "Clavien–Dindo grade: only a recorded complication is graded."
    bad_grade = _refused(cases.save_form, store, case.id, "surgery.postop_day1",
                         {"complication": "sí", "clavien_dindo": "III"})
    assert bad_grade.message("es") == "Grado Clavien–Dindo: elija una de: I, II, IIIa, IIIb, IVa, IVb, V."
    early_discharge = _refused(cases.save_form, store, case.id, "surgery.discharge",
                               {"discharge_date": (day - dt.timedelta(days=1)).isoformat(), "condition": "good"})
    assert early_discharge.message("es") == f"Fecha de alta: no puede ser anterior a {day.isoformat()}."
    saved = cases.save_form(store, case.id, "surgery.postop_day1", {"pain": "3", "complication": "sí",
                                                                    "clavien_dindo": "II", "wound": "clean"})
    assert saved["clavien_dindo"] == "II"
