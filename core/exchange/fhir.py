"""A patient, a visit or a whole campaign as a FHIR R4B transaction Bundle, for a national system or any
FHIR server.

FHIR R4B (4.3) is what ``fhir.resources`` ships next to R5; its Patient, Encounter, Observation,
Condition, Procedure, Immunization, MedicationRequest, MedicationDispense and ServiceRequest are the
ones an R4 server reads. Every entry is ``PUT <Type>/<Ayni id>``: Ayni's ids are UUIDs, so sending
the same bundle twice updates the records instead of copying them. ``fhir.resources`` is imported
only when a bundle is checked, never at start-up.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from decimal import Decimal

from ..clinical import referrals
from ..clinical.encounters import EncounterRecord, get_encounter_record
from ..errors import AyniError
from ..hooks.declarations import detail_parts
from ..i18n import Text
from ..model import Campaign, Encounter, EncounterStatus, IdKind, Patient
from ..people import alerts as person_alerts
from ..people.merges import kept_record, merged_records, of_same_person
from ..people.users import require
from ..stock import dispensed
from ..storage.store import Store
from .fhiralerts import alert_resource
from .records import LOINC, Measurement, MedicationOrder, ProcedureDone, Vaccination

#: The FHIR version of every bundle Ayni writes.
FHIR_VERSION = "4.3.0"

#: Ayni's own names, for what no published system names yet (see ``docs/fhir.md``).
AYNI = "urn:ayni:fhir"
EXTENSION = f"{AYNI}:extension:"

#: Each identity document: its identifier system and its HL7 v2 identifier type (table 0203).
#: Peru's RENIEC and MIGRACIONES publish no FHIR system URI for the DNI and the carné de
#: extranjería, and Venezuela's SAIME none for its cédula: these are Ayni's names for them.
IDENTIFIER_SYSTEMS = {
    IdKind.DNI: (f"{AYNI}:sid:pe-reniec-dni", "NI", "National unique individual identifier"),
    IdKind.CE: (f"{AYNI}:sid:pe-migraciones-ce", "PRC", "Permanent Resident Card Number"),
    IdKind.CEDULA_VE: (f"{AYNI}:sid:ve-saime-cedula", "NI", "National unique individual identifier"),
    IdKind.PASSPORT: (f"{AYNI}:sid:passport", "PPN", "Passport number"),
}
V2_IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203"
#: The identifier system of a URI (FHIR's own choice for a ``urn:uuid:``): every exported Patient
#: carries its Ayni record as one, so an import knows a patient it has seen before, whatever id a
#: server gave the resource.
RECORD_SYSTEM = "urn:ietf:rfc:3986"
FATHERS_FAMILY = "http://hl7.org/fhir/StructureDefinition/humanname-fathers-family"
MOTHERS_FAMILY = "http://hl7.org/fhir/StructureDefinition/humanname-mothers-family"
UCUM = "http://unitsofmeasure.org"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
CVX = "http://hl7.org/fhir/sid/cvx"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
#: A procedure code's ``mappings`` keys, and the FHIR system each names.
PROCEDURE_SYSTEMS = {"SNOMED CT": "http://snomed.info/sct", "ICD-10-PCS": "http://www.cms.gov/Medicare/Coding/ICD10",
                     "ICD-10": ICD10}
GENDERS = {"F": "female", "M": "male", "X": "other"}
#: The registration's languages as BCP 47 tags (Asháninka is ``cni`` in ISO 639-3).
LANGUAGE_TAGS = {"es": "es", "qu": "qu", "ay": "ay", "ash": "cni", "en": "en"}
URGENCY_PRIORITY = {"routine": "routine", "priority": "urgent", "urgent": "asap"}
REFERRAL_STATUS = {"open": "active", "accepted": "active", "closed": "completed"}


MESSAGES = {
    "no_patient_number": Text("No hay paciente con el número {number}.", "There is no patient number {number}."),
    "fhir_invalid": Text("El paquete FHIR no es válido en {where}: {error}.",
                         "The FHIR bundle is not valid at {where}: {error}."),
    "fhir_not_json": Text("{path} no es JSON ({error}).", "{path} is not JSON ({error})."),
    "fhir_not_bundle": Text("{path} no es un Bundle de FHIR (resourceType «{found}»).",
                            "{path} is not a FHIR Bundle (resourceType «{found}»)."),
    "fhir_bad_entry": Text("Entrada {index}: {problem}.", "Entry {index}: {problem}."),
    "fhir_too_big": Text("{path} pasa de {limit} caracteres.", "{path} is longer than {limit} characters."),
}


class FhirError(AyniError):
    """A bundle that cannot be written or read, with a message in both languages."""

    MESSAGES = MESSAGES


def record_uri(record_id: str) -> str:
    """An Ayni record as the URI its FHIR resources name it by (``urn:uuid:…``)."""
    return f"urn:uuid:{record_id}"


def _reference(kind: str, record_id: str) -> dict:
    return {"reference": record_uri(record_id), "type": kind}


def _extension(name: str, **value) -> dict:
    return {"url": EXTENSION + name, **value}


def _instant(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _entry(resource: dict) -> dict:
    kind, record_id = resource["resourceType"], resource["id"]
    return {"fullUrl": record_uri(record_id), "resource": resource,
            "request": {"method": "PUT", "url": f"{kind}/{record_id}"}}


def _without_empty(resource: dict) -> dict:
    """FHIR forbids empty values: leave out what was not recorded."""
    return {k: v for k, v in resource.items() if v not in (None, "", [], {})}


# -- the patient -----------------------------------------------------------------------------------


def _identifier(kind: IdKind, value: str) -> dict:
    system, code, display = IDENTIFIER_SYSTEMS[kind]
    return {"use": "official", "system": system, "value": value,
            "type": {"coding": [{"system": V2_IDENTIFIER_TYPE, "code": code, "display": display}]}}


def _record_identifier(patient: Patient) -> dict:
    return {"use": "secondary", "system": RECORD_SYSTEM, "value": record_uri(patient.id)}


def _name(patient: Patient) -> dict:
    surnames = [_surname_extension(FATHERS_FAMILY, patient.paternal_surname)]
    if patient.maternal_surname:
        surnames.append(_surname_extension(MOTHERS_FAMILY, patient.maternal_surname))
    return {"use": "official", "text": patient.full_name, "family": patient.surnames,
            "_family": {"extension": surnames}, "given": patient.given_names.split()}


def _surname_extension(url: str, text: str) -> dict:
    return {"url": url, "valueString": text}


def _identifiers(patient: Patient, merged: Iterable[Patient]) -> list[dict]:
    """The person's identity documents, each once, then their records: the kept one first (what an
    import takes as the person's record), then those merged into it."""
    documents = dict.fromkeys((i.kind, i.value) for p in (patient, *merged) for i in p.identifiers
                              if i.kind != IdKind.NONE)
    return [_identifier(kind, value) for kind, value in documents] + [
        _record_identifier(p) for p in (patient, *merged)]


def patient_resource(patient: Patient, merged: Iterable[Patient] = ()) -> dict:
    """A patient as a FHIR Patient: identity documents as identifiers, and the Ayni record as one more
    (:data:`RECORD_SYSTEM`), both surnames as the HL7 HumanName extensions, an estimated birth date
    and the short number as Ayni extensions. ``merged``: the records merged into ``patient`` (one
    person), whose documents and records it carries too."""
    extensions = [_extension("birth-date-estimated", valueBoolean=True)] if patient.birth_date_estimated else []
    if patient.number is not None:
        extensions.append(_extension("patient-number", valueInteger=patient.number))
    guardian = patient.guardian
    return _without_empty({
        "resourceType": "Patient",
        "id": patient.id,
        "extension": extensions,
        "identifier": _identifiers(patient, merged),
        "name": [_name(patient)],
        "gender": GENDERS[patient.sex.value],
        "birthDate": patient.birth_date.isoformat() if patient.birth_date else None,
        "telecom": [{"system": "phone", "value": patient.phone}] if patient.phone else [],
        "address": [_without_empty({"city": patient.community, "district": patient.district,
                                    "state": patient.region, "country": "PE"})]
        if patient.community or patient.district or patient.region else [],
        "communication": [{"language": {"coding": [{"system": "urn:ietf:bcp:47",
                                                    "code": LANGUAGE_TAGS[patient.language]}]}}]
        if patient.language in LANGUAGE_TAGS else [],
        "contact": [_without_empty({
            "relationship": [{"text": guardian.relationship}] if guardian.relationship else [],
            "name": {"text": guardian.name},
            "telecom": [{"system": "phone", "value": guardian.phone}] if guardian.phone else [],
        })] if guardian else [],
    })


# -- a visit ---------------------------------------------------------------------------------------


#: FHIR's Encounter.status for ours: one cancelled as opened by mistake was entered in error.
ENCOUNTER_STATUS = {EncounterStatus.OPEN: "in-progress", EncounterStatus.CLOSED: "finished",
                    EncounterStatus.CANCELLED: "entered-in-error"}


def _encounter(store: Store, visit: EncounterRecord, lang: str) -> dict:
    encounter, campaign = visit.encounter, visit.campaign
    known = store.plugins.specialties.get(encounter.specialty)
    specialty = known.name.get(lang) if known else encounter.specialty
    return _without_empty({
        "resourceType": "Encounter",
        "id": encounter.id,
        "extension": [_extension("campaign", valueString=campaign.name),
                      _extension("campaign-id", valueString=campaign.id),
                      _extension("station", valueString=encounter.station)],
        "status": ENCOUNTER_STATUS[EncounterStatus(encounter.status)],
        "class": {"system": ACT_CODE, "code": "FLD", "display": "field"},
        "serviceType": {"coding": [{"system": f"{AYNI}:specialty", "code": encounter.specialty,
                                    "display": specialty}], "text": specialty},
        "subject": _reference("Patient", visit.patient.id),  # the person's kept record
        "period": _without_empty({"start": _instant(encounter.opened_at), "end": _instant(encounter.closed_at)}),
        "location": [{"location": {"display": visit.site.name}}] if visit.site else [],
    })


def _about(visit: EncounterRecord, record_id: str, kind: str) -> dict:
    """What every clinical resource of a visit starts with: its id, patient and encounter."""
    return {"resourceType": kind, "id": record_id, "subject": _reference("Patient", visit.patient.id),
            "encounter": _reference("Encounter", visit.encounter.id)}


def _quantity(value: Decimal | int, unit: str) -> dict:
    return {"value": value, "unit": unit, "system": UCUM, "code": unit}


def _coding(system: str, code: str, display: str) -> dict:
    return {"coding": [{"system": system, "code": code, "display": display}], "text": display}


def _observations(visit: EncounterRecord, measurements: list[Measurement], lang: str) -> list[dict]:
    """One Observation per measurement, except a panel's (blood pressure): one, with components."""
    grouped: dict[str, list[Measurement]] = {}
    for m in measurements:
        grouped.setdefault(m.panel or m.loinc, []).append(m)
    observations = []
    for key, group in grouped.items():
        first = group[0]
        resource = {**_about(visit, _derived_id(visit.encounter.id, "observation", key), "Observation"),
                    "status": "final",
                    "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": first.category}]}],
                    "effectiveDateTime": _instant(_measured_at(visit))}
        if first.panel:
            label = first.panel_label.get(lang) if first.panel_label else first.panel
            resource |= {"code": _coding(LOINC, first.panel, label),
                         "component": [{"code": _coding(m.system, m.loinc, m.label.get(lang)),
                                        "valueQuantity": _quantity(m.value, m.unit)} for m in group]}
        else:
            resource |= {"code": _coding(first.system, first.loinc, first.label.get(lang)),
                         "valueQuantity": _quantity(first.value, first.unit)}
        observations.append(resource)
    return observations


def _measured_at(visit: EncounterRecord) -> dt.datetime:
    saved = [f.saved_at for f in visit.forms.values()]
    return min(saved) if saved else visit.encounter.opened_at


def _derived_id(encounter_id: str, kind: str, key: str) -> str:
    """A stable id for a resource Ayni keeps no row of (an observation, an immunization), so that
    sending a visit again updates it."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{AYNI}:{kind}:{encounter_id}:{key}"))


def _conditions(store: Store, visit: EncounterRecord, lang: str) -> list[dict]:
    codes = store.plugins.diagnoses
    resources = []
    for diagnosis in visit.diagnoses:
        known = codes.get(diagnosis.code)
        label = known.label.get(lang) if known else diagnosis.code
        resources.append({
            **_about(visit, diagnosis.id, "Condition"),
            "extension": [_extension("primary-diagnosis", valueBoolean=diagnosis.is_primary)],
            "category": [_coding("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis",
                                 "Encounter Diagnosis")],
            "code": _coding(ICD10, diagnosis.code, label),
            "recordedDate": _instant(visit.encounter.opened_at),
        })
    return resources


def _procedure_code(store: Store, code: str, label: str) -> dict:
    """A procedure code of Ayni's catalogue with its ``mappings`` to public systems (SNOMED CT …)."""
    known = store.plugins.procedures.get(code)
    codings = [{"system": f"{AYNI}:procedure", "code": code, "display": label}]
    for name, mapped in (known.mappings if known else {}).items():
        if name in PROCEDURE_SYSTEMS:
            codings.append({"system": PROCEDURE_SYSTEMS[name], "code": mapped})
    return {"coding": codings, "text": label}


def _procedures(store: Store, visit: EncounterRecord, lang: str) -> list[dict]:
    plugins = store.plugins
    resources = []
    for procedure in visit.procedures:
        known = plugins.procedures.get(procedure.code)
        label = known.label.get(lang) if known else procedure.code
        detail = "; ".join(f"{k}: {v}" for k, v in detail_parts(procedure.detail, lang, plugins.targets))
        resources.append(_without_empty({
            **_about(visit, procedure.id, "Procedure"),
            "extension": [_extension("suggested-fee", valueMoney={"value": procedure.fee, "currency": "PEN"}),
                          _extension("quantity", valueInteger=procedure.quantity)],
            "status": "completed",
            "code": _procedure_code(store, procedure.code, label),
            "performedDateTime": _instant(procedure.performed_at),
            "bodySite": [{"text": detail}] if detail else [],
        }))
    return resources


def _procedures_done(store: Store, visit: EncounterRecord, done: list[ProcedureDone], lang: str) -> list[dict]:
    """What a plugin's own records say was done (an operation of a surgical case), as Procedures."""
    return [_without_empty({
        **_about(visit, _derived_id(visit.encounter.id, "procedure", f"{index}:{item.code}"), "Procedure"),
        "status": "completed",
        "code": _procedure_code(store, item.code, item.label.get(lang)),
        "performedDateTime": _instant(item.performed_at),
        "bodySite": [{"text": item.body_site.get(lang)}] if item.body_site else [],
    }) for index, item in enumerate(done)]


def _immunizations(visit: EncounterRecord, vaccinations: list[Vaccination], lang: str) -> list[dict]:
    resources = []
    for index, dose in enumerate(vaccinations):
        codings = [{"system": f"{AYNI}:vaccine", "code": dose.vaccine, "display": dose.name.get(lang)}]
        if dose.cvx:
            codings.append({"system": CVX, "code": dose.cvx})
        resource = _about(visit, _derived_id(visit.encounter.id, "immunization", f"{index}:{dose.vaccine}"),
                          "Immunization")
        resource["patient"] = resource.pop("subject")
        resources.append(_without_empty({
            **resource,
            "status": "completed",
            "vaccineCode": {"coding": codings, "text": dose.name.get(lang)},
            "occurrenceDateTime": _instant(_measured_at(visit)),
            "lotNumber": dose.lot,
            "expirationDate": dose.expiry.isoformat() if dose.expiry else None,
            "site": {"text": dose.site.get(lang)} if dose.site else None,
            "protocolApplied": [{"doseNumberString": dose.dose.get(lang)}] if dose.dose else [],
        }))
    return resources


def _medication(store: Store, key: str, lang: str) -> dict:
    item = store.plugins.medicines.get(key) or store.plugins.equipment.get(key)
    label = item.label.get(lang) if item else key
    return {"coding": [{"system": f"{AYNI}:item", "code": key, "display": label}], "text": label}


def _medication_requests(store: Store, visit: EncounterRecord, orders: list[MedicationOrder], lang: str) -> list[dict]:
    resources = []
    for index, order in enumerate(orders):
        resources.append(_without_empty({
            **_about(visit, _derived_id(visit.encounter.id, "medication-request", f"{index}:{order.medicine}"),
                     "MedicationRequest"),
            "status": "completed" if visit.encounter.status == EncounterStatus.CLOSED else "active",
            "intent": "order",
            "medicationCodeableConcept": _medication(store, order.medicine, lang),
            "authoredOn": _instant(_measured_at(visit)),
            "dosageInstruction": [{"text": order.instructions.get(lang)}],
            "dispenseRequest": {"quantity": {"value": order.quantity}} if order.quantity else None,
        }))
    return resources


def _dispenses(store: Store, visit: EncounterRecord, lang: str) -> list[dict]:
    """What the stock ledger says was handed out: medicines and equipment alike, with the lot."""
    resources = []
    for index, (lot, given) in enumerate(dispensed(store, visit.encounter.id)):
        resource = _about(visit, _derived_id(visit.encounter.id, "dispense", f"{index}:{lot.id}"),
                          "MedicationDispense")
        resource["context"] = resource.pop("encounter")
        extensions = [_extension("lot", valueString=lot.lot)] if lot.lot else []
        extensions += [_extension(f"attribute-{k}", valueString=str(v)) for k, v in sorted(lot.attributes.items())]
        resources.append(_without_empty({
            **resource,
            "extension": extensions,
            "status": "completed",
            "medicationCodeableConcept": _medication(store, lot.item_key, lang),
            "quantity": {"value": given},
        }))
    return resources


def _service_requests(store: Store, visit: EncounterRecord) -> list[dict]:
    resources = []
    for referral in referrals.of_encounter(store, visit.encounter.id):
        resources.append(_without_empty({
            **_about(visit, referral.id, "ServiceRequest"),
            "status": REFERRAL_STATUS[referral.status.value],
            "intent": "order",
            "category": [_coding("http://snomed.info/sct", "3457005", "Patient referral")],
            "code": {"text": referral.to},
            "priority": URGENCY_PRIORITY.get(referral.urgency, "routine"),
            "reasonCode": [{"text": referral.reason}],
            "note": [{"text": referral.notes}] if referral.notes else [],
            "authoredOn": _instant(referral.created_at),
            "performer": [{"display": referral.to}],
        }))
    return resources


def visit_resources(store: Store, visit: EncounterRecord, lang: str = "es") -> list[dict]:
    """Everything a visit recorded, as FHIR resources: the encounter, then its observations,
    conditions, procedures, immunizations, medication requests and dispenses, and referrals."""
    records = [r for result in store.plugins.hook.ayni_exchange_records(visit=visit, store=store) if result
               for r in result]
    return [
        _encounter(store, visit, lang),
        *_observations(visit, [r for r in records if isinstance(r, Measurement)], lang),
        *_conditions(store, visit, lang),
        *_procedures(store, visit, lang),
        *_procedures_done(store, visit, [r for r in records if isinstance(r, ProcedureDone)], lang),
        *_immunizations(visit, [r for r in records if isinstance(r, Vaccination)], lang),
        *_medication_requests(store, visit, [r for r in records if isinstance(r, MedicationOrder)], lang),
        *_dispenses(store, visit, lang),
        *_service_requests(store, visit),
    ]


# -- bundles ---------------------------------------------------------------------------------------


def _patient_by_number(store: Store, number: int) -> Patient:
    found = store.rows(Patient, "patients", "number = ?", [number])
    if not found:
        raise FhirError("no_patient_number", number=number)
    return found[0]


def _encounters(store: Store, where: str, params: list) -> list[Encounter]:
    return store.rows(Encounter, "encounters", where, params, order_by="opened_at, rowid")


def bundle(store: Store, patients: Iterable[Patient], encounters: Iterable[Encounter], lang: str = "es") -> dict:
    """A transaction Bundle of ``patients`` and every resource of ``encounters`` (whose patients
    are added when missing), read in one snapshot. One Patient per person: a record merged into
    another is exported as the kept one (carrying the duplicate's documents and record), and
    everything of the duplicate's is the kept one's. Each Patient is followed by the person's alerts
    (``ayni.core.exchange.fhiralerts``), resolved ones too."""
    require(store, "clinical.read")  # the bundle holds the clinical notes
    with store.reading():
        people = {kept.id: kept for kept in (kept_record(store, p.id) for p in patients)}
        resources = []
        for encounter in encounters:
            visit = get_encounter_record(store, encounter.id)
            people.setdefault(visit.patient.id, visit.patient)
            resources += visit_resources(store, visit, lang)
        people_resources = [resource for p in people.values() for resource in (
            patient_resource(p, merged_records(store, p.id)),
            *(alert_resource(a, _reference("Patient", p.id)) for a in person_alerts.of_person(store, p.id, True)))]
    entries = [_entry(p) for p in people_resources] + [_entry(r) for r in resources]
    return {"resourceType": "Bundle", "type": "transaction",
            "meta": {"tag": [{"system": f"{AYNI}:fhir-version", "code": FHIR_VERSION}]},
            "timestamp": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
            "entry": entries}


def patient_bundle(store: Store, patient: int | str, lang: str = "es") -> dict:
    """A patient (their number, or their id as text) and every visit of theirs: of the person, when
    the record is one of several merged."""
    if isinstance(patient, int):
        patient = _patient_by_number(store, patient)
    else:
        patient = store.get(Patient, "patients", patient)
    return bundle(store, [patient], _encounters(store, of_same_person(), [patient.id]), lang)


def encounter_bundle(store: Store, encounter_id: str, lang: str = "es") -> dict:
    """One visit and its patient."""
    return bundle(store, [], [store.get(Encounter, "encounters", encounter_id)], lang)


def campaign_bundle(store: Store, campaign_id: str | None, lang: str = "es") -> dict:
    """Every visit of a campaign (``None``: the current one) and the patients seen in it."""
    from ..campaign.campaigns import current_campaign

    campaign = current_campaign(store) if campaign_id is None else store.get(Campaign, "campaigns", campaign_id)
    return bundle(store, [], _encounters(store, "campaign_id = ?", [campaign.id]), lang)


def as_json(data: dict) -> str:
    """A bundle as FHIR JSON text (decimals as JSON numbers)."""
    return json.dumps(data, ensure_ascii=False, indent=1, default=_json_value)


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def check(data: dict | str) -> None:
    """Refuse (:class:`FhirError`) a bundle (or its JSON text) that ``fhir.resources`` does not
    read as FHIR R4B."""
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError as PydanticError

    try:
        Bundle.model_validate_json(data if isinstance(data, str) else as_json(data))
    except PydanticError as error:
        first = error.errors()[0]
        raise FhirError("fhir_invalid", where=".".join(str(p) for p in first["loc"]), error=first["msg"]) from None


def export(store: Store, data: dict, path) -> int:
    """Check ``data`` and write it whole to ``path``; the export is recorded in the audit log with
    who made it and how many resources left. Returns that number."""
    from ..documents.files import write_file

    text = as_json(data)
    check(text)
    write_file(path, text)
    count = len(data["entry"])
    with store.write():
        store.note("fhir_export", "fhir", "", {"file": str(path), "resources": count})
    return count

