"""Surgical cases: the record, its state machine, and every operation on it.

A case is one planned operation for one patient. It enters the screening list (from an accepted
referral, a screening encounter, or directly), is placed on a theatre's list for a day, and moves::

    screened → scheduled → preop_done → in_theatre → completed
                  ↘ cancelled / postponed (with a reason; a postponed case is scheduled again)

Every change is checked before anything is written and refused with a message naming the current
status and the allowed ones; every status change appends a :class:`CaseEvent` (who, when, why) to
an append-only table, and the case row itself is updated through ``Store.update`` (audited with its
previous version). Clinical forms and WHO checklist answers are append-only too: a correction is a
new revision or a new answer, and the latest counts.

**The schedule is an order within a day**, not clock slots: each theatre has a running list for
each day (1st, 2nd, 3rd case …), because at a mission operation lengths are unpredictable and the
list simply runs until it is done. Two active cases never share a place in one theatre's list, and
a theatre holds one case *in theatre* at a time.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping

import attrs

from ayni.core import (
    COORDINATOR, FieldError, Patient, Permission, StatusFlow, Store, Text, ValidationError, fold, join_texts,
    next_revision, phrase, renamed_fields, require, validate_form,
)
from ayni.core.campaign.campaigns import current_campaign
from ayni.core.clinical.encounters import get_encounter_record
from ayni.core.clinical.forms import FormSpec, clean_text, to_json
from ayni.core.clinical.referrals import Referral, ReferralStatus, reason_text, set_status
from ayni.core.dates import format_datetime, lima, today_in_lima
from ayni.core.model import Campaign, Encounter, User, new_id, utcnow

from . import checklist, forms, views
from .codes import SERVICE_OF, SUGGESTED_OPERATION
from .forms import OPERATION_INDEX
from .migrations import ACTIVE_STATUSES

#: A checklist item or phase named inside a message.
QUOTED = Text("«{label}»", "«{label}»")

SPECIALTY = forms.SPECIALTY


def _surgical(es: str, en: str, coordinator: bool = True) -> Permission:
    return Permission(Text(es, en), frozenset({COORDINATOR} if coordinator else ()), clinician=True,
                      specialty=SPECIALTY)


#: Who may write what here (``ayni_permissions``): surgery's clinicians, and the coordinator for the list.
PERMISSIONS = {
    "surgery.cases": _surgical("poner pacientes en la lista quirúrgica", "put patients on the surgical list"),
    "surgery.schedule": _surgical("programar operaciones", "schedule operations"),
    "surgery.status": _surgical("avanzar, cancelar o postergar operaciones",
                                "advance, cancel or postpone operations"),
    "surgery.forms": _surgical("llenar el preoperatorio, la nota operatoria y el alta",
                               "fill in the pre-op, the operative note and the discharge", coordinator=False),
    "surgery.checklist": _surgical("marcar la lista de verificación de la OMS", "tick the WHO checklist",
                                   coordinator=False),
}


class CaseStatus(enum.StrEnum):
    """Where a case stands."""

    SCREENED = "screened"
    SCHEDULED = "scheduled"
    PREOP_DONE = "preop_done"
    IN_THEATRE = "in_theatre"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


STATUS_LABELS: dict[CaseStatus, Text] = {
    CaseStatus.SCREENED: Text("Evaluado", "Screened"),
    CaseStatus.SCHEDULED: Text("Programado", "Scheduled"),
    CaseStatus.PREOP_DONE: Text("Preoperatorio completo", "Pre-op done"),
    CaseStatus.IN_THEATRE: Text("En sala", "In theatre"),
    CaseStatus.COMPLETED: Text("Operado", "Completed"),
    CaseStatus.CANCELLED: Text("Cancelado", "Cancelled"),
    CaseStatus.POSTPONED: Text("Postergado", "Postponed"),
}

S = CaseStatus
#: The statuses each status may move to. ``scheduled`` is reached through :func:`schedule` (which
#: also moves a case already on the list to another day, theatre or place).
TRANSITIONS: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    S.SCREENED: (S.SCHEDULED, S.CANCELLED, S.POSTPONED),
    S.SCHEDULED: (S.SCHEDULED, S.PREOP_DONE, S.CANCELLED, S.POSTPONED),
    S.PREOP_DONE: (S.SCHEDULED, S.IN_THEATRE, S.CANCELLED, S.POSTPONED),
    S.IN_THEATRE: (S.COMPLETED, S.CANCELLED),
    S.POSTPONED: (S.SCHEDULED, S.CANCELLED),
    S.COMPLETED: (),
    S.CANCELLED: (),
}
#: The next step of the usual path, for :func:`advance`.
NEXT: dict[CaseStatus, CaseStatus] = {S.SCHEDULED: S.PREOP_DONE, S.PREOP_DONE: S.IN_THEATRE, S.IN_THEATRE: S.COMPLETED}
NEEDS_REASON = (S.CANCELLED, S.POSTPONED)

#: The statuses in which each case form may be saved (or corrected).
FORM_STATUSES: dict[str, tuple[CaseStatus, ...]] = {
    forms.PREOP.key: (S.SCREENED, S.SCHEDULED, S.PREOP_DONE, S.POSTPONED),
    forms.OPERATIVE_NOTE.key: (S.IN_THEATRE, S.COMPLETED),
    forms.POSTOP_DAY1.key: (S.COMPLETED,),
    forms.DISCHARGE.key: (S.COMPLETED,),
}
CASE_FORMS: dict[str, FormSpec] = {spec.key: spec for spec in forms.CASE_FORMS}
#: The statuses in which each WHO checklist phase may be answered: the «Entrada» (sign in) before the
#: patient goes in theatre too, since moving the case «En sala» needs it done.
CHECKLIST_STATUSES: dict[str, tuple[CaseStatus, ...]] = {
    checklist.SIGN_IN.key: (S.PREOP_DONE, S.IN_THEATRE),
    checklist.TIME_OUT.key: (S.IN_THEATRE,),
    checklist.SIGN_OUT.key: (S.IN_THEATRE,),
}

STATUS = Text("Estado", "Status")
FLOW = StatusFlow(STATUS, STATUS_LABELS, TRANSITIONS)
CHECKLIST = Text("Lista de verificación de la seguridad de la cirugía (OMS)", "WHO Surgical Safety Checklist")
CHECKLIST_NOTE = Text("Nota de la lista de verificación", "Checklist note")
REFERRAL = Text("Referencia", "Referral")

MESSAGES: dict[str, Text] = {
    "schedule_instead": Text("{field}: para programar el caso indique día y quirófano (Programar).",
                             "{field}: to schedule the case give its day and theatre (Schedule)."),
    "slot_taken": Text("{field}: el lugar {slot} de {theatre} el {day} ya es de {patient}; elija otro o déjelo vacío "
                       "para ir al final de la lista.",
                       "{field}: place {slot} in {theatre} on {day} is already {patient}'s; choose another or leave "
                       "it empty to go at the end of the list."),
    "theatre_busy": Text("{field}: {theatre} ya tiene en sala a {patient}; complete o cancele ese caso primero.",
                         "{field}: {theatre} already has {patient} in theatre; complete or cancel that case first."),
    "needed_for_preop": Text("{field}: es obligatorio para dar el preoperatorio por completo.",
                             "{field}: is required before the pre-op can be marked done."),
    "consent_not_given": Text("{field}: debe ser «sí» para dar el preoperatorio por completo.",
                              "{field}: must be «yes» before the pre-op can be marked done."),
    "anaesthetist_needed": Text("{field}: es obligatorio con anestesia {plan}.",
                                "{field}: is required for {plan} anaesthesia."),
    "checklist_missing": Text("{field}: falta completar {phases} antes de dar el caso por operado.",
                              "{field}: {phases} still to be completed before the case can be completed."),
    "note_missing": Text("{field}: registre la nota operatoria antes de dar el caso por operado.",
                         "{field}: record the operative note before the case can be completed."),
    "form_not_now": Text("{field}: no se puede registrar con el caso «{current}»; se permite con: {allowed}.",
                         "{field}: cannot be recorded while the case is «{current}»; allowed when: {allowed}."),
    "phase_order": Text("{field}: complete antes «{previous}».", "{field}: complete «{previous}» first."),
    "sign_in_missing": Text("{field}: complete la «Entrada» antes de pasar el caso a «En sala»; falta: {items}.",
                            "{field}: complete the «Sign in» before the case goes «In theatre»; missing: {items}."),
    "time_in_future": Text("{field}: {time} del {day} es posterior a ahora; debe ser a más tardar {now} (hora de Lima).",
                           "{field}: {time} on {day} is later than now; it must be no later than {now} (Lima time)."),
    "referral_not_open": Text("{field}: ya no está abierta (estado: {status}).",
                              "{field}: is no longer open (status: {status})."),
    "referral_elsewhere": Text("{field}: es para «{to}», no para cirugía.", "{field}: is for «{to}», not surgery."),
}


def _refuse(field: str, key: str, label: Text, **params) -> ValidationError:
    return ValidationError([FieldError(field, key, label, params, text=MESSAGES[key])])


# -- records ----------------------------------------------------------------------------------


@attrs.frozen
class Case:
    """A planned operation for a patient, and where it stands.

    ``procedure`` is an operation code of the catalogue, ``service`` the surgical service; ``day``,
    ``theatre`` and ``slot`` place it in a theatre's list (kept after a cancellation, so the figures
    know which day's list lost it); ``status_reason`` is the reason of the last cancellation or
    postponement. Surgeon and anaesthetist are user ids.
    """

    id: str
    patient_id: str
    campaign_id: str
    procedure: str
    service: str
    side: str = ""
    indication: str = ""
    surgeon_id: str = ""
    anaesthetist_id: str = ""
    status: CaseStatus = CaseStatus.SCREENED
    day: dt.date | None = None
    theatre: str = ""
    slot: int | None = None
    status_reason: str = ""
    referral_id: str | None = None
    encounter_id: str | None = None
    created_at: dt.datetime = attrs.field(factory=utcnow)
    created_by: str = ""


@renamed_fields(by="changed_by")
@attrs.frozen
class CaseEvent:
    """A status change of a case (``from_status`` is empty when the case was created), with the
    place in the schedule it left the case in, who made it and when."""

    id: str
    case_id: str
    from_status: str
    to_status: str
    reason: str = ""
    day: dt.date | None = None
    theatre: str = ""
    slot: int | None = None
    at: dt.datetime = attrs.field(factory=utcnow)
    changed_by: str = ""


@attrs.frozen
class CaseForm:
    """One saved revision of a case's form (pre-op, operative note, follow-up)."""

    id: str
    case_id: str
    form_key: str
    version: int
    data: dict
    revision: int = 1
    saved_at: dt.datetime = attrs.field(factory=utcnow)
    saved_by: str = ""


@renamed_fields(by="answered_by")
@attrs.frozen
class ChecklistAnswer:
    """One answer to a WHO checklist item, who gave it and when."""

    id: str
    case_id: str
    phase: str
    item: str
    answer: str
    note: str = ""
    at: dt.datetime = attrs.field(factory=utcnow)
    answered_by: str = ""


# -- reading ----------------------------------------------------------------------------------


def get_case(store: Store, case_id: str) -> Case:
    """The case ``case_id`` (:class:`~ayni.core.StoreError` if there is none)."""
    return store.get(Case, "surgery_cases", case_id)


def events(store: Store, case_id: str) -> list[CaseEvent]:
    """A case's status changes, oldest first."""
    return store.rows(CaseEvent, "surgery_case_events", "case_id = ?", [case_id], order_by="at, rowid")


def day_list(store: Store, day: dt.date, theatre: str | None = None, active_only: bool = False) -> list[Case]:
    """The cases placed on ``day`` (in one ``theatre``, or all), by theatre then place in the list;
    cancelled and postponed ones too unless ``active_only``."""
    where, params = "day = ?", [day.isoformat()]
    if theatre:
        where += " AND theatre = ?"
        params.append(theatre)
    if active_only:
        where += f" AND status IN ({', '.join('?' for _ in ACTIVE_STATUSES)})"
        params.extend(ACTIVE_STATUSES)
    return store.rows(Case, "surgery_cases", where, params, order_by="theatre, slot, created_at")


def cases_of_encounter(store: Store, encounter_id: str) -> list[Case]:
    """The cases a screening encounter put on the list."""
    return store.rows(Case, "surgery_cases", "encounter_id = ?", [encounter_id], order_by="created_at, rowid")


def screening_list(store: Store, campaign_id: str | None = None) -> list[Case]:
    """Cases waiting for a place on the schedule (screened or postponed), oldest first."""
    where, params = "status IN (?, ?)", [S.SCREENED.value, S.POSTPONED.value]
    if campaign_id:
        where += " AND campaign_id = ?"
        params.append(campaign_id)
    return store.rows(Case, "surgery_cases", where, params, order_by="created_at, rowid")


def open_referrals(store: Store) -> list[Referral]:
    """Referrals to surgery still waiting to be accepted, oldest first."""
    from ayni.core.clinical.referrals import open_referrals as waiting

    return waiting(store, SPECIALTY)


def latest_form(store: Store, case_id: str, form_key: str) -> dict:
    """The latest saved values of a case form (JSON-safe), or ``{}``."""
    rows = store.rows(CaseForm, "surgery_case_forms", "case_id = ? AND form_key = ?", [case_id, form_key],
                      order_by="revision desc")
    return rows[0].data if rows else {}


def form_start(store: Store, case: Case, form_key: str) -> dict:
    """What a case form opens with: its latest saved values, else, for the operative note, the
    operation planned and its side (the surgeon corrects them if the operation changed), and for
    the discharge, today's date in Lima."""
    saved = latest_form(store, case.id, form_key)
    if saved:
        return saved
    if form_key == forms.OPERATIVE_NOTE.key:
        return {"procedure_performed": case.procedure, "side": case.side or None}
    if form_key == forms.DISCHARGE.key:
        return {"discharge_date": today_in_lima().isoformat()}
    return {}


def checklist_answers(store: Store, case_id: str) -> dict[str, dict[str, ChecklistAnswer]]:
    """The latest answer to each item, by phase key then item key."""
    state: dict[str, dict[str, ChecklistAnswer]] = {p.key: {} for p in checklist.PHASES}
    for answer in store.rows(ChecklistAnswer, "surgery_checklist", "case_id = ?", [case_id], order_by="at, rowid"):
        state.setdefault(answer.phase, {})[answer.item] = answer
    return state


def missing_items(answers: Mapping[str, ChecklistAnswer], phase: checklist.Phase) -> list[checklist.Item]:
    """The items of ``phase`` its latest answers do not yet satisfy, in order."""
    return [item for item in phase.items
            if not item.satisfied_by(answers[item.key].answer if item.key in answers else None)]


def phase_done(answers: Mapping[str, ChecklistAnswer], phase: checklist.Phase) -> bool:
    """Whether every item of ``phase`` is satisfied by its latest answer."""
    return not missing_items(answers, phase)


def missing_phases(store: Store, case_id: str) -> list[checklist.Phase]:
    """The checklist phases not yet done, in order."""
    state = checklist_answers(store, case_id)
    return [p for p in checklist.PHASES if not phase_done(state[p.key], p)]


def suggested_operation(reason: str) -> str | None:
    """The operation a referral reason usually asks for: by the longest ICD-10 prefix of a code
    (``K40.9``), else the one operation whose name the reason's words start (``catarata``,
    ``pterygium``); ``None`` when neither says."""
    code = reason.strip().upper()
    for prefix in sorted(SUGGESTED_OPERATION, key=len, reverse=True):
        if code.startswith(prefix):
            return SUGGESTED_OPERATION[prefix]
    named = OPERATION_INDEX.search(reason, limit=2)
    return named[0] if len(named) == 1 else None


def referral_defaults(store: Store, referral: Referral, lang: str = "es") -> dict:
    """What accepting ``referral`` fills in the case form: the operation its reason suggests, with
    that operation's service, the eye or side it names, and the reason in words as the indication
    (Spanish unless ``lang`` says otherwise: the clinical record's language)."""
    procedure = suggested_operation(referral.reason)
    defaults = {"procedure": procedure, "service": SERVICE_OF.get(procedure or ""),  # a referral's sides are a case's too
                "side": referral.side, "indication": reason_text(store.plugins, referral, lang)}
    return {key: value for key, value in defaults.items() if value}


# -- helpers for writing ----------------------------------------------------------------------


def _user_id(store: Store, name: str | None) -> str:
    """The id of the user called ``name`` (accents and case ignored), created on first mention, so a
    visiting surgeon can be named before they ever log in. Call inside ``store.write()``."""
    if not name:
        return ""
    wanted = fold(" ".join(name.split()))
    for row in store.db["users"].rows:
        if fold(row["name"]) == wanted:
            return row["id"]
    user = User(id=new_id(), name=" ".join(name.split()))
    store.insert("users", user)
    return user.id


def _event(store: Store, case: Case, previous: str, reason: str = "") -> None:
    store.insert("surgery_case_events", CaseEvent(
        id=new_id(), case_id=case.id, from_status=previous, to_status=case.status.value, reason=reason,
        day=case.day, theatre=case.theatre, slot=case.slot, changed_by=store.user.id))


def _save_case(store: Store, before: Case | None, after: Case, reason: str = "") -> Case:
    if before is None:
        store.insert("surgery_cases", after)
    else:
        store.update("surgery_cases", after)
    _event(store, after, before.status.value if before else "", reason)
    return after


def _bad_transition(current: CaseStatus, target: CaseStatus) -> ValidationError:
    return FLOW.refusal(current, target)


# -- creating cases ---------------------------------------------------------------------------


def create_case(store: Store, patient_id: str, raw: Mapping, *, referral_id: str | None = None,
                encounter_id: str | None = None, campaign_id: str | None = None) -> Case:
    """Put a patient on the screening list for an operation (form :data:`forms.CASE`: procedure,
    optional service, side, indication, surgeon, anaesthetist). The service defaults to the
    operation's; the campaign to the encounter's, else the current one."""
    require(store, "surgery.cases")
    values = validate_form(forms.CASE, raw)
    store.get(Patient, "patients", patient_id)
    if encounter_id:
        campaign_id = store.get(Encounter, "encounters", encounter_id).campaign_id
    campaign_id = campaign_id or current_campaign(store).id
    with store.write():
        case = Case(
            id=new_id(), patient_id=patient_id, campaign_id=campaign_id, procedure=values["procedure"],
            service=values.get("service") or SERVICE_OF[values["procedure"]], side=values.get("side", ""),
            indication=values.get("indication", ""), surgeon_id=_user_id(store, values.get("surgeon")),
            anaesthetist_id=_user_id(store, values.get("anaesthetist")), referral_id=referral_id,
            encounter_id=encounter_id, created_by=store.user.id)
        _save_case(store, None, case)
        if referral_id:
            set_status(store, referral_id, ReferralStatus.ACCEPTED.value)
    return case


def accept_referral(store: Store, referral_id: str, raw: Mapping | None = None) -> Case:
    """Accept a referral to surgery: a case is created on the screening list and the referral is
    marked accepted, together. What ``raw`` leaves out comes from :func:`referral_defaults`: the
    operation the referral's reason suggests, its service, the referral's side, the reason."""
    referral = store.get(Referral, "referrals", referral_id)
    if referral.to != SPECIALTY:
        raise _refuse("referral", "referral_elsewhere", REFERRAL, to=referral.to)
    if referral.status != ReferralStatus.OPEN:
        raise _refuse("referral", "referral_not_open", REFERRAL, status=referral.status.value)
    raw = {**referral_defaults(store, referral), **(raw or {})}
    campaign_id = store.get(Encounter, "encounters", referral.encounter_id).campaign_id
    return create_case(store, referral.patient_id, raw, referral_id=referral.id, campaign_id=campaign_id)


#: What the pre-op takes over from the screening encounter that put the case on the list.
SCREENING_TO_PREOP = ("asa", "hemoglobin")


def screening_findings(store: Store, case: Case) -> dict:
    """The ASA class and haemoglobin of the screening encounter that put ``case`` on the list (none
    for a case accepted from a referral)."""
    if not case.encounter_id:
        return {}
    found = get_encounter_record(store, case.encounter_id).form(forms.SCREENING.key)
    return {key: found[key] for key in SCREENING_TO_PREOP if found.get(key) not in (None, "")}


def case_from_screening(store: Store, visit) -> Case | None:
    """The case for a closed screening encounter whose patient was found fit for surgery (created
    once; ``None`` when unfit, not screened, or already on the list)."""
    values = visit.form(forms.SCREENING.key)
    if visit.encounter.specialty != SPECIALTY or not values or not values.get("fit_for_surgery"):
        return None
    if cases_of_encounter(store, visit.encounter.id):
        return None
    raw = {"procedure": values["planned_procedure"], "side": values.get("side"),
           "indication": ", ".join(d.code for d in visit.diagnoses)}
    return create_case(store, visit.patient.id, raw, encounter_id=visit.encounter.id)


# -- the schedule -----------------------------------------------------------------------------


def _scheduled_values(store: Store, case: Case, raw: Mapping) -> tuple[Campaign, dict]:
    """The schedule form's values, and the campaign of the day chosen: the case's own, or, once that
    has ended, the campaign running now when the day is one of its days (the mission has moved on
    from the site that screened the patient)."""
    own = store.get(Campaign, "campaigns", case.campaign_id)
    try:
        return own, validate_form(schedule_form(own), raw)
    except ValidationError as refused:
        today = today_in_lima()
        running = current_campaign(store, today)
        if own.end_date >= today or running.id == own.id or all(e.field != "day" for e in refused.errors):
            raise
    return running, validate_form(schedule_form(running), raw)


def schedule_form(campaign: Campaign) -> FormSpec:
    """The scheduling form with the operating day bounded by the campaign's dates."""
    fields = tuple(attrs.evolve(f, min=campaign.start_date, max=campaign.end_date) if f.key == "day" else f
                   for f in forms.SCHEDULE.fields)
    return attrs.evolve(forms.SCHEDULE, fields=fields)


def _occupant(store: Store, case: Case, day: dt.date, theatre: str, slot: int) -> Case | None:
    for other in day_list(store, day, theatre, active_only=True):
        if other.slot == slot and other.id != case.id:
            return other
    return None


def schedule(store: Store, case_id: str, raw: Mapping) -> Case:
    """Place a case in a theatre's list for a day (form :data:`forms.SCHEDULE`: day within the
    campaign, theatre, place in the list — at the end when empty —, surgeon, anaesthetist), or move
    it there. A screened or postponed case becomes scheduled; one already on the list keeps its
    status; a case whose campaign has ended moves to the one running now when listed on one of its days.
    Refused when the place is taken by another active case."""
    require(store, "surgery.schedule")
    case = get_case(store, case_id)
    if case.status not in (S.SCREENED, S.SCHEDULED, S.PREOP_DONE, S.POSTPONED):
        raise _bad_transition(case.status, S.SCHEDULED)
    campaign, values = _scheduled_values(store, case, raw)
    day, theatre = values["day"], values["theatre"]
    with store.write():
        case = get_case(store, case_id)  # as it is now, under the write lock
        slot = values.get("slot")
        if slot is None:
            same_place = case.day == day and case.theatre == theatre and case.status.value in ACTIVE_STATUSES
            taken = [c.slot for c in day_list(store, day, theatre, active_only=True) if c.id != case.id]
            slot = case.slot if same_place else max(taken, default=0) + 1
        occupant = _occupant(store, case, day, theatre, slot)
        if occupant is not None:
            raise _refuse("slot", "slot_taken", forms.SCHEDULE.field("slot").label, slot=slot,
                          theatre=views.theatre_label(theatre), day=views.day_text(day),
                          patient=views.patient_name(store, occupant.patient_id))
        status = S.SCHEDULED if case.status in (S.SCREENED, S.POSTPONED) else case.status
        after = attrs.evolve(case, campaign_id=campaign.id, status=status, day=day, theatre=theatre, slot=slot,
                             status_reason="",
                             surgeon_id=_user_id(store, values["surgeon"]),
                             anaesthetist_id=_user_id(store, values.get("anaesthetist")) or case.anaesthetist_id)
        return _save_case(store, case, after)


# -- status changes ---------------------------------------------------------------------------


def _preop_errors(store: Store, case: Case) -> list[FieldError]:
    preop = latest_form(store, case.id, forms.PREOP.key)
    errors = []
    asa = forms.PREOP.field("asa")
    if not preop.get("asa"):
        errors.append(FieldError(asa.key, "needed_for_preop", asa.label, text=MESSAGES["needed_for_preop"]))
    if preop.get("consent") is not True:
        key = "needed_for_preop" if "consent" not in preop else "consent_not_given"
        errors.append(FieldError(forms.CONSENT.key, key, forms.CONSENT.label, text=MESSAGES[key]))
    plan = preop.get("anaesthesia_plan")
    if plan and plan != "local" and not case.anaesthetist_id:
        label = forms.PREOP.field("anaesthesia_plan").choice_label
        errors.append(FieldError(forms.ANAESTHETIST.key, "anaesthetist_needed", forms.ANAESTHETIST.label,
                                 {"plan": Text(label(plan, "es").lower(), label(plan, "en").lower())},
                                 text=MESSAGES["anaesthetist_needed"]))
    return errors


def _sign_in_errors(store: Store, case: Case) -> list[FieldError]:
    missing = missing_items(checklist_answers(store, case.id)[checklist.SIGN_IN.key], checklist.SIGN_IN)
    if not missing:
        return []
    return [FieldError("checklist", "sign_in_missing", CHECKLIST,
                       {"items": join_texts(phrase(QUOTED, label=i.label) for i in missing)},
                       text=MESSAGES["sign_in_missing"])]


def _theatre_errors(store: Store, case: Case) -> list[FieldError]:
    return _sign_in_errors(store, case) + _theatre_busy_errors(store, case)


def _theatre_busy_errors(store: Store, case: Case) -> list[FieldError]:
    for other in day_list(store, case.day, case.theatre):
        if other.status == S.IN_THEATRE and other.id != case.id:
            return [FieldError("theatre", "theatre_busy", forms.SCHEDULE.field("theatre").label,
                               {"theatre": views.theatre_label(case.theatre),
                                "patient": views.patient_name(store, other.patient_id)},
                               text=MESSAGES["theatre_busy"])]
    return []


def _completion_errors(store: Store, case: Case) -> list[FieldError]:
    errors = []
    missing = missing_phases(store, case.id)
    if missing:
        errors.append(FieldError("checklist", "checklist_missing", CHECKLIST,
                                 {"phases": join_texts(phrase(QUOTED, label=p.label) for p in missing)},
                                 text=MESSAGES["checklist_missing"]))
    if not latest_form(store, case.id, forms.OPERATIVE_NOTE.key):
        errors.append(FieldError("operative_note", "note_missing", forms.OPERATIVE_NOTE.title,
                                 text=MESSAGES["note_missing"]))
    return errors


GATES = {S.PREOP_DONE: _preop_errors, S.IN_THEATRE: _theatre_errors, S.COMPLETED: _completion_errors}


def transition(store: Store, case_id: str, to: str, reason: str = "") -> Case:
    """Move a case to status ``to``. Refused (nothing written) when the move is not allowed from
    the current status, when a cancellation or postponement has no reason, when the pre-op lacks
    ASA or consent, when — to go in theatre — the WHO «Entrada» is not done or the theatre already
    has a patient in it, or — to complete — when a WHO checklist phase or the operative note is
    missing."""
    require(store, "surgery.status")
    try:
        target = CaseStatus(to)
    except ValueError:
        raise ValidationError([FieldError("status", "bad_choice", STATUS, {"allowed": ", ".join(S)})]) from None
    reason_text = ""
    if target in NEEDS_REASON:
        reason_text = validate_form(forms.REASON, {"reason": reason})["reason"]
    with store.write():
        case = get_case(store, case_id)
        FLOW.check(case.status, target)
        if target == S.SCHEDULED:
            raise _refuse("status", "schedule_instead", STATUS)
        errors = GATES[target](store, case) if target in GATES else []
        if errors:
            raise ValidationError(errors)
        after = attrs.evolve(case, status=target, status_reason=reason_text)
        return _save_case(store, case, after, reason_text)


def advance(store: Store, case_id: str) -> Case:
    """Move a case one step along the usual path (scheduled → pre-op done → in theatre → completed)."""
    case = get_case(store, case_id)
    if case.status not in NEXT:
        if case.status in (S.SCREENED, S.POSTPONED):
            raise _refuse("status", "schedule_instead", STATUS)
        raise _bad_transition(case.status, S.COMPLETED)
    return transition(store, case_id, NEXT[case.status].value)


def cancel(store: Store, case_id: str, reason: str) -> Case:
    """Cancel a case, with its reason (required)."""
    return transition(store, case_id, S.CANCELLED.value, reason)


def postpone(store: Store, case_id: str, reason: str) -> Case:
    """Postpone a case, with its reason (required); it returns to the screening list to be scheduled again."""
    return transition(store, case_id, S.POSTPONED.value, reason)


# -- forms and checklist ----------------------------------------------------------------------


def _form_spec_for(store: Store, case: Case, spec: FormSpec) -> FormSpec:
    """The discharge date cannot be before the operating day."""
    if spec.key != forms.DISCHARGE.key or case.day is None:
        return spec
    fields = tuple(attrs.evolve(f, min=case.day) if f.key == "discharge_date" else f for f in spec.fields)
    return attrs.evolve(spec, fields=fields)


def _future_time_errors(case: Case, values: Mapping, now: dt.datetime | None) -> list[FieldError]:
    """The operative note's times that fall after ``now`` (Lima) on the operating day."""
    now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(lima())
    day = case.day or now.date()
    errors = []
    for field in (forms.START, forms.END):
        time = values.get(field.key)
        if time and dt.datetime.combine(day, dt.time(*map(int, time.split(":"))), lima()) > now:
            errors.append(FieldError(field.key, "time_in_future", field.label,
                                     {"time": time, "day": views.day_text(day),
                                      "now": Text(format_datetime(now, "es"), format_datetime(now, "en"))},
                                     text=MESSAGES["time_in_future"]))
    return errors


def save_form(store: Store, case_id: str, form_key: str, raw: Mapping, now: dt.datetime | None = None) -> dict:
    """Save a case form (pre-op, operative note, post-op day 1, discharge) as a new revision and
    return its clean values. Refused when the form does not belong to the case's current status,
    and an operative note whose start or end is later than ``now`` (default: the present moment)
    on the operating day."""
    require(store, "surgery.forms")
    if form_key not in CASE_FORMS:
        raise ValidationError([FieldError("form", "bad_choice", Text("Formulario", "Form"),
                                          {"allowed": ", ".join(CASE_FORMS)})])
    case = get_case(store, case_id)
    spec = CASE_FORMS[form_key]
    allowed = FORM_STATUSES[form_key]
    if case.status not in allowed:
        raise _refuse(form_key, "form_not_now", spec.title, current=STATUS_LABELS[case.status],
                      allowed=join_texts(STATUS_LABELS[s] for s in allowed))
    values = validate_form(_form_spec_for(store, case, spec), raw)
    if form_key == forms.OPERATIVE_NOTE.key and (errors := _future_time_errors(case, values, now)):
        raise ValidationError(errors)
    with store.write():
        revision = next_revision(store, "surgery_case_forms", case_id=case_id, form_key=form_key)
        store.insert("surgery_case_forms", CaseForm(id=new_id(), case_id=case_id, form_key=form_key,
                                                    version=spec.version, data=to_json(values),
                                                    revision=revision, saved_by=store.user.id))
    return values


_ANSWERS = {"yes": checklist.YES, "y": checklist.YES, "si": checklist.YES, "sí": checklist.YES, "s": checklist.YES,
            "no": checklist.NO, "n": checklist.NO, "na": checklist.NOT_APPLICABLE, "n/a": checklist.NOT_APPLICABLE,
            "no aplica": checklist.NOT_APPLICABLE, "not applicable": checklist.NOT_APPLICABLE}


def _normalise(answer) -> str:
    text = str(answer if answer is not None else "").strip().casefold()
    return _ANSWERS.get(text, text)


def record_checklist(store: Store, case_id: str, phase: str, answers: Mapping[str, str], note: str = "") -> list[ChecklistAnswer]:
    """Record answers to items of a WHO checklist phase (any subset; «sí», «no», «no aplica»), each
    with who and when. Refused unless the case is in a status of :data:`CHECKLIST_STATUSES` for the
    phase (the «Entrada» once the pre-op is done, the others in theatre) and the earlier phases are
    done."""
    require(store, "surgery.checklist")
    if phase not in checklist.PHASE_BY_KEY:
        raise ValidationError([FieldError("phase", "bad_choice", CHECKLIST,
                                          {"allowed": ", ".join(checklist.PHASE_BY_KEY)})])
    the_phase = checklist.PHASE_BY_KEY[phase]
    case = get_case(store, case_id)
    allowed = CHECKLIST_STATUSES[phase]
    if case.status not in allowed:
        raise _refuse("checklist", "form_not_now", CHECKLIST, current=STATUS_LABELS[case.status],
                      allowed=join_texts(STATUS_LABELS[s] for s in allowed))
    state = checklist_answers(store, case_id)
    for earlier in checklist.PHASES[:checklist.PHASES.index(the_phase)]:
        if not phase_done(state[earlier.key], earlier):
            raise _refuse(phase, "phase_order", the_phase.label, previous=earlier.label)
    unknown = [k for k in answers if k not in {i.key for i in the_phase.items}]
    if unknown:
        raise ValidationError([FieldError(phase, "bad_choice", the_phase.label,
                                          {"allowed": ", ".join(i.key for i in the_phase.items)})])
    refused: list[FieldError] = []
    note = clean_text(note, "note", CHECKLIST_NOTE, refused)
    if refused:
        raise ValidationError(refused)
    given = tuple(the_phase.item(k).field() for k in answers) or the_phase.form.fields
    values = validate_form(attrs.evolve(the_phase.form, fields=given), {k: _normalise(v) for k, v in answers.items()})
    recorded = [ChecklistAnswer(id=new_id(), case_id=case_id, phase=phase, item=k, answer=v, note=note,
                                answered_by=store.user.id) for k, v in values.items()]
    with store.write():
        for answer in recorded:
            store.insert("surgery_checklist", answer)
    return recorded
