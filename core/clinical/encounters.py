"""Encounters: open one at a station, save its forms, procedures and diagnoses, close it, or cancel
one opened by mistake (:func:`cancel`: kept, with its reason, and left out of every figure).

A save is checked whole (every form, every code, and each plugin's ``ayni_validate_encounter``)
before anything is written, and written in one transaction.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from ..errors import AyniError, FieldError, ValidationError
from ..i18n import Text, join_texts, phrase
from ..model import (
    Campaign, Diagnosis, Encounter, EncounterStatus, FormData, Patient, Payment, Procedure, Site, new_id, utcnow,
)
from ..money.fees import parse_soles, total
from ..people import alerts as person_alerts
from ..people.merges import kept_record, of_same_person
from ..people.users import ADMIN, COORDINATOR, acting_role, may, require
from ..storage.lifecycle import StatusFlow, next_revision
from ..storage.store import Store
from . import acknowledgements
from .forms import FormSpec, clean_text, control_character_in, shown, to_json, validate_form

_PROCEDURE_LABEL = Text("Procedimiento", "Procedure")
_DIAGNOSIS_LABEL = Text("Diagnóstico", "Diagnosis")
_FEE_LABEL = Text("Tarifa", "Fee")
_QUANTITY_LABEL = Text("Cantidad", "Quantity")
MAX_QUANTITY = 99

STATUS_LABELS = {
    EncounterStatus.OPEN: Text("abierta", "open"),
    EncounterStatus.CLOSED: Text("cerrada", "closed"),
    EncounterStatus.CANCELLED: Text("anulada", "cancelled"),
}
#: An open encounter is closed, or cancelled when opened by mistake; both are final.
FLOW = StatusFlow(Text("Estado de la atención", "Encounter status"), STATUS_LABELS, {
    EncounterStatus.OPEN: (EncounterStatus.CLOSED, EncounterStatus.CANCELLED),
    EncounterStatus.CLOSED: (),
    EncounterStatus.CANCELLED: (),
})
CANCEL_REASON = Text("Motivo de la anulación", "Reason for cancelling")
ENCOUNTER = Text("Atención", "Encounter")
MIN_CANCEL_REASON, MAX_CANCEL_REASON = 4, 200
CANCEL_MESSAGES = {
    "cancel_reason": Text("{field}: escriba por qué se anula ({min} a {max} caracteres), p. ej. «abierta en la "
                          "estación equivocada».",
                          "{field}: say why it is cancelled ({min} to {max} characters), e.g. «opened at the "
                          "wrong station»."),
    "not_the_opener": Text("{field}: la abrió {opener}; solo quien la abrió, coordinación o administración puede "
                           "anularla.",
                           "{field}: {opener} opened it; only whoever opened it, a coordinator or an admin may "
                           "cancel it."),
    "cancel_blocked": Text("{field}: no se puede anular, ya tiene {what}. Deshaga eso primero; si no se puede "
                           "(lo cobrado y lo entregado quedan en caja y en stock), ciérrela en vez de anularla.",
                           "{field}: it cannot be cancelled, it already has {what}. Undo that first; where that "
                           "cannot be done (what was paid and handed out stays in the cash and the stock), close "
                           "it instead."),
}


@attrs.frozen
class EncounterRecord:
    """One encounter with everything in it (its patient, campaign, forms, procedures, diagnoses and
    payment): what plugins validate, print and report on. Hooks receive it as ``visit``. Its
    ``patient`` is the person's kept record: an encounter of a merged duplicate shows whom it is for
    by the kept name and card number (``encounter.patient_id`` still names the record it was opened on).

    It was called ``Visit`` (still importable, with a :class:`DeprecationWarning`, for a release): in
    FHIR and OpenMRS a visit groups several encounters, which this is not."""

    encounter: Encounter
    patient: Patient
    campaign: Campaign
    site: Site | None
    forms: dict[str, FormData]
    procedures: tuple[Procedure, ...]
    diagnoses: tuple[Diagnosis, ...]
    payment: Payment | None

    def form(self, key: str) -> dict:
        """The latest saved values of form ``key`` (empty if it was not filled)."""
        data = self.forms.get(key)
        return data.data if data else {}

    @property
    def suggested_total(self) -> Decimal:
        """The sum of the suggested fees of the procedures done."""
        return total(p.fee * p.quantity for p in self.procedures)


@attrs.frozen
class ProcedureEntry:
    """A procedure to add: its code, what it was done on, and optionally a fee other than the suggested."""

    code: str
    detail: dict = attrs.field(factory=dict)
    fee: object = None
    quantity: int = 1


def refuse_if_cancelled(encounter: Encounter) -> None:
    """Refuse a payment, a hand-out or a save for an encounter cancelled as opened by mistake
    («Estado de la atención: ya está «anulada»; no cambia más.»)."""
    if encounter.status == EncounterStatus.CANCELLED:
        raise FLOW.refusal(encounter.status, EncounterStatus.CLOSED)


def _refuse_unless_open(encounter: Encounter) -> None:
    """Refuse changing an encounter that is no longer open: cancelled, or closed."""
    refuse_if_cancelled(encounter)
    if encounter.status != EncounterStatus.OPEN:
        raise AyniError("encounter_closed")


def open_encounter(store: Store, patient_id: str, specialty: str, station: str, campaign_id: str | None = None) -> Encounter:
    """Open an encounter for a patient at a station of a specialty, in the current campaign."""
    from ..campaign.campaigns import current_campaign

    store.get(Patient, "patients", patient_id)
    if specialty not in store.plugins.specialties:
        raise ValidationError([FieldError("specialty", "bad_choice", Text("Especialidad", "Specialty"),
                                          {"allowed": ", ".join(store.plugins.specialties)})])
    stations = store.plugins.specialties[specialty].stations
    if station not in stations:
        raise ValidationError([FieldError("station", "bad_choice", Text("Estación", "Station"),
                                          {"allowed": ", ".join(stations)})])
    require(store, "encounters.open", specialty, station)
    if campaign_id is not None:
        store.get(Campaign, "campaigns", campaign_id)  # a clear "not found", not a foreign-key failure
    encounter = Encounter(
        id=new_id(),
        patient_id=patient_id,
        campaign_id=campaign_id or current_campaign(store).id,
        specialty=specialty,
        station=station,
        opened_by=store.user.id,
    )
    with store.write():
        store.insert("encounters", encounter)
    return encounter


def get_encounter_record(store: Store, encounter_id: str) -> EncounterRecord:
    """The whole :class:`EncounterRecord` of an encounter, with the latest revision of each form
    (``get_visit`` until this release)."""
    encounter = store.get(Encounter, "encounters", encounter_id)
    campaign = store.get(Campaign, "campaigns", encounter.campaign_id)
    forms: dict[str, FormData] = {}
    for data in store.rows(FormData, "form_data", "encounter_id = ?", [encounter_id], order_by="revision"):
        forms[data.form_key] = data
    payments = store.rows(Payment, "payments", "encounter_id = ?", [encounter_id], order_by="received_at, rowid")
    clinical = may(store, "clinical.read")  # a cashier sees what is paid for, not the notes
    return EncounterRecord(
        encounter=encounter,
        patient=kept_record(store, encounter.patient_id),
        campaign=campaign,
        site=store.get(Site, "sites", campaign.site_id) if campaign.site_id else None,
        forms=forms if clinical else {},
        procedures=tuple(store.rows(Procedure, "procedures", "encounter_id = ?", [encounter_id], order_by="rowid")),
        diagnoses=tuple(store.rows(Diagnosis, "diagnoses", "encounter_id = ?", [encounter_id], order_by="rowid"))
        if clinical else (),
        payment=payments[-1] if payments else None,
    )



def encounter_records(store: Store, where: str, params: Iterable = (), counting: bool = False) -> list[EncounterRecord]:
    """The :class:`EncounterRecord` of every encounter that ``where`` selects (a condition on the
    ``encounters`` table aliased ``e``, with its ``params``), read in a few queries rather than a
    few per encounter, in the order of their ids. ``counting`` keeps the forms and diagnoses even
    for a user who may not read clinical notes, for figures that count them and show no note."""
    params = list(params)
    chosen = f"SELECT e.id FROM encounters e WHERE {where}"
    parts = f"encounter_id IN ({chosen})"

    def grouped(cls, table: str, order_by: str) -> dict[str, list]:
        found: dict[str, list] = {}
        for row in store.rows(cls, table, parts, params, order_by=order_by):
            found.setdefault(row.encounter_id, []).append(row)
        return found

    clinical = counting or may(store, "clinical.read")
    forms = grouped(FormData, "form_data", "revision") if clinical else {}
    procedures = grouped(Procedure, "procedures", "rowid")
    diagnoses = grouped(Diagnosis, "diagnoses", "rowid") if clinical else {}
    payments = grouped(Payment, "payments", "received_at, rowid")
    campaigns = {c.id: c for c in store.rows(Campaign, "campaigns", f"id IN (SELECT e.campaign_id FROM encounters e "
                                                                    f"WHERE {where})", params)}
    sites = {c.site_id: store.get(Site, "sites", c.site_id) for c in campaigns.values() if c.site_id}
    people: dict[str, Patient] = {}
    records = []
    for encounter in store.rows(Encounter, "encounters", f"id IN ({chosen})", params, order_by="id"):
        if encounter.patient_id not in people:
            people[encounter.patient_id] = kept_record(store, encounter.patient_id)
        campaign = campaigns[encounter.campaign_id]
        records.append(EncounterRecord(
            encounter=encounter, patient=people[encounter.patient_id], campaign=campaign,
            site=sites.get(campaign.site_id), forms={f.form_key: f for f in forms.get(encounter.id, [])},
            procedures=tuple(procedures.get(encounter.id, [])), diagnoses=tuple(diagnoses.get(encounter.id, [])),
            payment=payments[encounter.id][-1] if encounter.id in payments else None))
    return records

def _form_spec(store: Store, key: str) -> FormSpec:
    try:
        return store.plugins.forms[key]
    except KeyError:
        raise ValidationError([FieldError("form", "bad_code", Text("Formulario", "Form"), {"value": key})]) from None


def new_procedure(store: Store, encounter: Encounter, entry: ProcedureEntry) -> Procedure:
    """The procedure line ``entry`` makes in ``encounter``, done by the person signed in, at the
    catalogue's fee unless the entry gives one; refused with :class:`ValidationError` naming what is
    wrong (an unknown code, a bad quantity or fee). Nothing is written."""
    code = store.plugins.procedures.get(entry.code)
    if code is None:
        raise ValidationError([FieldError("procedure", "unknown_procedure", _PROCEDURE_LABEL,
                                          {"value": shown(entry.code)})])
    if error := control_character_in("procedure", _PROCEDURE_LABEL, entry.detail):
        raise ValidationError([error])
    quantity = entry.quantity
    if type(quantity) is not int or not 1 <= quantity <= MAX_QUANTITY:
        raise ValidationError([FieldError("quantity", "bad_quantity", _QUANTITY_LABEL, {"min": 1, "max": MAX_QUANTITY})])
    fee = code.fee if entry.fee is None else parse_soles(entry.fee, "fee", _FEE_LABEL)
    # JSON-safe detail: a Decimal left in it would be stored as céntimos by the record converter
    return Procedure(id=new_id(), encounter_id=encounter.id, code=code.code, fee=fee, detail=to_json(entry.detail),
                     quantity=quantity, performed_by=store.user.id)


def _diagnosis(store: Store, encounter: Encounter, code: str, primary: bool) -> Diagnosis:
    if code not in store.plugins.diagnoses:
        raise ValidationError([FieldError("diagnosis", "bad_code", _DIAGNOSIS_LABEL, {"value": code})])
    return Diagnosis(id=new_id(), encounter_id=encounter.id, code=code, is_primary=primary)


def save(
    store: Store,
    encounter_id: str,
    forms: Mapping[str, Mapping] | None = None,
    procedures: Iterable[ProcedureEntry] = (),
    diagnoses: Iterable[str] = (),
    acknowledged: Mapping[str, str] | None = None,
) -> EncounterRecord:
    """Save filled forms (each as a new revision), procedures and diagnoses to an open encounter.

    Everything is validated first, including each plugin's ``ayni_validate_encounter`` on the visit
    as it would be; any refusal raises :class:`ValidationError` and nothing is written. Warnings
    (:class:`~ayni.core.clinical.acknowledgements.SoftStop`) need a reason each in ``acknowledged``
    (``{warning.code: reason}``), else :class:`~ayni.core.clinical.acknowledgements.NeedsAcknowledgement`
    lists them and nothing is written; the reasons are kept with the encounter and audited.
    """
    encounter = store.get(Encounter, "encounters", encounter_id)
    require(store, "encounters.save", encounter.specialty, encounter.station)
    visit = get_encounter_record(store, encounter_id)
    _refuse_unless_open(encounter)
    errors: list[FieldError] = []
    new_forms: dict[str, FormData] = {}
    for key, raw in (forms or {}).items():
        try:
            spec = _form_spec(store, key)
            values = validate_form(spec, raw)
        except ValidationError as refused:
            errors.extend(refused.errors)
            continue
        previous = visit.forms.get(key)
        new_forms[key] = FormData(id=new_id(), encounter_id=encounter.id, form_key=key, version=spec.version,
                                  data=to_json(values), revision=previous.revision + 1 if previous else 1,
                                  saved_by=store.user.id)
    new_procedures, new_diagnoses = [], []
    for entry in procedures:
        try:
            new_procedures.append(new_procedure(store, encounter, entry))
        except ValidationError as refused:
            errors.extend(refused.errors)
    has_primary = any(d.is_primary for d in visit.diagnoses)
    for code in diagnoses:
        try:
            new_diagnoses.append(_diagnosis(store, encounter, code, primary=not has_primary and not new_diagnoses))
        except ValidationError as refused:
            errors.extend(refused.errors)
    if errors:
        raise ValidationError(errors)
    after = attrs.evolve(
        visit,
        forms={**visit.forms, **new_forms},
        procedures=visit.procedures + tuple(new_procedures),
        diagnoses=visit.diagnoses + tuple(new_diagnoses),
    )
    results = store.plugins.hook.ayni_validate_encounter(visit=after, store=store)
    found = [e for result in results if result for e in result]
    warnings_ = [e for e in found if isinstance(e, acknowledgements.SoftStop)]
    if len(warnings_) < len(found):
        raise ValidationError(found)
    new_acknowledgements = acknowledgements.settle(store, encounter_id, warnings_, acknowledged)
    with store.write():
        # checked again inside the transaction: another station may have closed it or saved meanwhile
        _refuse_unless_open(store.get(Encounter, "encounters", encounter_id))
        for key, data in new_forms.items():
            revision = next_revision(store, "form_data", encounter_id=encounter_id, form_key=key)
            new_forms[key] = data = attrs.evolve(data, revision=revision)
            store.insert("form_data", data)
        for procedure in new_procedures:
            store.insert("procedures", procedure)
        for diagnosis in new_diagnoses:
            store.insert("diagnoses", diagnosis)
        for acknowledgement in new_acknowledgements:
            store.insert("acknowledgements", acknowledgement)
        answered = acknowledgements.findings(warnings_, new_acknowledgements)
        if answered:  # a question's answer («no embarazada (preguntado)») goes to the person's alerts
            person_alerts.apply_findings(store, visit.patient.id, answered, encounter_id)
        saved = attrs.evolve(after, forms={**visit.forms, **new_forms})
        if new_forms:  # what the forms say about the person goes to their alerts, in the same transaction
            person_alerts.record_from_visit(store, saved)
    return saved


def prefill(store: Store, visit: EncounterRecord, form_key: str) -> dict:
    """The values form ``form_key`` starts with in ``visit``: as saved there, else what the plugins
    offer (``ayni_form_prefill``: the consultation's allergies from the person's alerts), else empty."""
    if form_key in visit.forms:
        return visit.form(form_key)
    offered: dict = {}
    for values in reversed(store.plugins.hook.ayni_form_prefill(visit=visit, form_key=form_key, store=store)):
        offered.update(values or {})
    return offered


def close(store: Store, encounter_id: str) -> EncounterRecord:
    """Close an open encounter; it can no longer change. Plugins write what closing implies in the same
    transaction (``ayni_encounter_closing``, which may refuse it) and hear of it afterwards."""
    with store.write():
        encounter = store.get(Encounter, "encounters", encounter_id)
        require(store, "encounters.close", encounter.specialty, encounter.station)
        _refuse_unless_open(encounter)
        closed = attrs.evolve(encounter, status=EncounterStatus.CLOSED, closed_at=utcnow(), closed_by=store.user.id)
        store.update("encounters", closed)
        # what closing implies (stock handed out, referrals) is written in the same transaction, so a
        # plugin's refusal leaves the encounter open and nothing written
        store.plugins.hook.ayni_encounter_closing(store=store, visit=get_encounter_record(store, encounter_id))
    visit = get_encounter_record(store, encounter_id)
    store.plugins.hook.ayni_encounter_closed(store=store, visit=visit)
    return visit


def _cancel_reason(reason) -> str:
    errors: list[FieldError] = []
    text = clean_text(" ".join(reason.split()) if isinstance(reason, str) else reason, "reason", CANCEL_REASON,
                      errors, MAX_CANCEL_REASON)
    if not errors and len(text) < MIN_CANCEL_REASON:
        errors.append(FieldError("reason", "cancel_reason", CANCEL_REASON,
                                 {"min": MIN_CANCEL_REASON, "max": MAX_CANCEL_REASON}, text=CANCEL_MESSAGES["cancel_reason"]))
    if errors:
        raise ValidationError(errors)
    return text


def _check_opener(store: Store, encounter: Encounter) -> None:
    """With access control on, a clinician or triage nurse cancels only an encounter they opened."""
    role = acting_role(store)
    if role in (None, COORDINATOR, ADMIN) or encounter.opened_by == store.user.id:
        return
    opener = store.row("users", encounter.opened_by)
    raise ValidationError([FieldError("encounter", "not_the_opener", ENCOUNTER,
                                      {"opener": opener["name"] if opener else encounter.opened_by},
                                      text=CANCEL_MESSAGES["not_the_opener"])])


def _what_it_has(store: Store, encounter_id: str) -> Text | None:
    """The payments and hand-outs that keep an encounter from being cancelled, in words, or ``None``."""
    from ..money.payments import receipt_of
    from ..stock import dispensed, items

    parts: list[Text] = []
    paid = store.rows(Payment, "payments", "encounter_id = ?", [encounter_id], order_by="rowid")
    if paid:
        numbers = ", ".join(receipt_of(store, p.id).card_number for p in paid)
        parts.append(Text(f"pagos (recibo N.º {numbers})", f"payments (receipt No. {numbers})"))
    given = dispensed(store, encounter_id)
    if given:
        known = items(store)
        names = [(known[lot.item_key].label if lot.item_key in known else Text(lot.item_key, lot.item_key), n)
                 for lot, n in given]
        handed = join_texts(phrase(Text("{item} × {n}", "{item} × {n}"), item=label, n=n) for label, n in names)
        parts.append(phrase(Text("entregas de stock ({items})", "stock handed out ({items})"), items=handed))
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return phrase(Text("{first} y {second}", "{first} and {second}"), first=parts[0], second=parts[1])


def cancel(store: Store, encounter_id: str, reason: str) -> Encounter:
    """Cancel an open encounter opened by mistake, with its ``reason`` (4–200 characters). It is kept
    (status ``cancelled``, who, when and why; audited) and left out of every figure. Only whoever
    opened it, a coordinator or an admin may; one that is closed, or has a payment or something
    handed out, is refused saying what it has. Nothing is written when refused."""
    reason = _cancel_reason(reason)
    with store.write():
        encounter = store.get(Encounter, "encounters", encounter_id)
        require(store, "encounters.cancel", encounter.specialty, encounter.station)
        _check_opener(store, encounter)
        FLOW.check(encounter.status, EncounterStatus.CANCELLED)
        if (what := _what_it_has(store, encounter_id)) is not None:
            raise ValidationError([FieldError("encounter", "cancel_blocked", ENCOUNTER, {"what": what},
                                              text=CANCEL_MESSAGES["cancel_blocked"])])
        cancelled = attrs.evolve(encounter, status=EncounterStatus.CANCELLED, cancelled_at=utcnow(),
                                 cancelled_by=store.user.id, cancel_reason=reason)
        store.update("encounters", cancelled)
    return cancelled


def place_text(store: Store, encounter: Encounter, lang: str) -> str:
    """Where an encounter was opened, as people say it: «Medicina general, Consultorio»."""
    specialty = store.plugins.specialties.get(encounter.specialty)
    if specialty is None:
        return f"{encounter.specialty}, {encounter.station}"
    return f"{specialty.name.get(lang)}, {specialty.station_label(encounter.station, lang)}"


def status_label(encounter: Encounter, lang: str) -> str:
    """The status in one word, for a title: «abierta», «cerrada», «anulada» (the reason goes elsewhere)."""
    return STATUS_LABELS[EncounterStatus(encounter.status)].get(lang)


def status_text(encounter: Encounter, lang: str) -> str:
    """The status as the history shows it: «abierta», «cerrada», «anulada: abierta por error»."""
    label = status_label(encounter, lang)
    return f"{label}: {encounter.cancel_reason}" if encounter.status == EncounterStatus.CANCELLED else label


#: How many hex digits of an encounter's id the screens show as its reference («3f2a9c1b»).
REFERENCE_LENGTH = 8
#: The fewest hex digits :func:`by_reference` looks up: fewer would name half the campaign.
MIN_REFERENCE = 4


def reference(encounter_id: str) -> str:
    """The short reference of an encounter as the screens show it: the first hex digits of its id."""
    return encounter_id[:REFERENCE_LENGTH]


def by_reference(store: Store, typed: str) -> list[str]:
    """The ids of the encounters whose id starts with ``typed`` (a reference as shown, any prefix of
    at least :data:`MIN_REFERENCE` hex digits, or a whole id), at most a few; none for anything else."""
    text = typed.strip().lower().lstrip("#")
    if len(text.replace("-", "")) < MIN_REFERENCE or not all(c in "0123456789abcdef-" for c in text):
        return []
    rows = store.db.execute("SELECT id FROM encounters WHERE id >= ? AND id < ? ORDER BY opened_at LIMIT 6",
                            [text, text + "\uffff"]).fetchall()
    return [r[0] for r in rows]


def of_patient(store: Store, patient_id: str) -> list[Encounter]:
    """A patient's encounters, newest first: those of records merged into theirs too."""
    return store.rows(Encounter, "encounters", of_same_person(), [patient_id], order_by="opened_at desc")


def get_visit(store: Store, encounter_id: str) -> EncounterRecord:
    """Deprecated name of :func:`get_encounter_record`, kept for a release."""
    warnings.warn("ayni.core.clinical.encounters.get_visit is now get_encounter_record (the old name goes away in "
                  "the next release)", DeprecationWarning, stacklevel=2)
    return get_encounter_record(store, encounter_id)


def __getattr__(name: str):
    if name == "Visit":  # kept for a release
        warnings.warn("ayni.core Visit is now EncounterRecord (the old name goes away in the next release)",
                      DeprecationWarning, stacklevel=2)
        return EncounterRecord
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
