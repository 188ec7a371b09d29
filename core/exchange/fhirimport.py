"""A FHIR Bundle of Patients becomes new registrations, each through the registration form's own
checks (``ayni.core.people.patients.register``) and the rules for likely-same people
(``ayni.core.people.duplicates``), and their alerts the person's alerts (``fhiralerts``).

The whole file is read and checked first: text that is not JSON, a resource that is not a Bundle,
an entry that is neither a Patient nor a person's alert, or a Patient without a name refuses the
file, and nothing is written.
Then each patient is taken on their own: one registered here already (the same record, or the same
identity document) is matched and left as it is; one likely the same as someone registered is
skipped with the reasons unless the import accepts likely duplicates; one the registration refuses
(a malformed DNI, a minor without a guardian) is reported with the reason, and the others are
registered, each with the record it came from (``patient_sources``) so that the same bundle
imported again registers nobody twice.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid

import attrs

from ..clinical.forms import shown
from ..errors import AyniError
from ..i18n import Text
from ..model import IdKind, Patient, new_id, utcnow
from ..people import patients as registry
from ..people.duplicates import Candidate, candidates
from ..storage.store import Store
from ..people.alerts import PersonAlert, record_imported
from ..people.users import may, require
from .fhiralerts import alert_form, alert_kind, subject_reference
from .fhir import (
    EXTENSION, FATHERS_FAMILY, GENDERS, IDENTIFIER_SYSTEMS, LANGUAGE_TAGS, MESSAGES, MOTHERS_FAMILY, RECORD_SYSTEM,
    FhirError, record_uri,
)

#: The longest text read, in characters: a whole campaign's patients take far fewer.
MAX_CHARACTERS = 50_000_000

_KINDS = {system: kind for kind, (system, _, _) in IDENTIFIER_SYSTEMS.items()}
_LANGUAGES = {tag: language for language, tag in LANGUAGE_TAGS.items()}
_SEXES = {gender: sex for sex, gender in GENDERS.items()} | {"unknown": "X"}
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

_PROBLEMS = {
    "not_object": Text("no es un objeto JSON", "is not a JSON object"),
    "not_patient": Text("es «{found}»; solo se importan pacientes (Patient) y sus alergias, enfermedades crónicas "
                        "y embarazo (AllergyIntolerance, Condition de la lista de problemas, Observation 82810-3)",
                        "is «{found}»; only patients (Patient) and their allergies, chronic conditions and "
                        "pregnancy (AllergyIntolerance, problem-list Condition, Observation 82810-3) are imported"),
    "no_name": Text("el paciente no tiene nombre (name.given y name.family)",
                    "the patient has no name (name.given and name.family)"),
    "bad_field": Text("el campo «{field}» no tiene la forma de FHIR", "the field «{field}» is not in FHIR's shape"),
}


@attrs.frozen
class Refused:
    """A patient of the bundle that was not registered: its entry number, name and why."""

    index: int
    name: str
    reason: AyniError


@attrs.frozen
class Matched:
    """A patient of the bundle who is registered here already (``patient``, the kept record):
    nothing was written for them."""

    index: int
    name: str
    patient: Patient


@attrs.frozen
class Likely:
    """A patient of the bundle who is likely someone registered here (``candidates``, best first,
    each with its reasons): not registered, unless the import accepts likely duplicates."""

    index: int
    name: str
    candidates: tuple[Candidate, ...]


@attrs.frozen
class ImportResult:
    """What an import did: the patients registered, those refused, what each one's record could
    not hold (an identifier of a system Ayni does not know), so nothing is dropped unsaid, those
    registered already and those skipped as likely duplicates."""

    registered: tuple[Patient, ...]
    refused: tuple[Refused, ...]
    not_kept: tuple[tuple[int, str], ...] = ()
    matched: tuple[Matched, ...] = ()
    likely: tuple[Likely, ...] = ()
    #: The alerts recorded for the patients registered or matched (those current already are not).
    alerts: tuple[PersonAlert, ...] = ()
    #: The alerts the alert form refused, by entry, with the reason.
    alerts_refused: tuple[Refused, ...] = ()
    #: How many alerts were not recorded because whoever imports may not record alerts (``alerts.record``).
    alerts_not_allowed: int = 0


class BadEntry(FhirError):
    """An entry of the bundle that is not a patient Ayni can read."""

    def __init__(self, index: int, problem: str, **params):
        super().__init__("fhir_bad_entry", index=index, problem=_PROBLEMS[problem], **params)

    def message(self, lang: str = "es") -> str:
        params = dict(self.params)
        problem = params.pop("problem").get(lang).format(**params)
        return MESSAGES[self.key].get(lang).format(index=params["index"], problem=problem)


def read_bundle(text: str, path: str = "-") -> list[tuple[int, dict, str]]:
    """The Patients and the person's alerts (``fhiralerts.alert_kind``) of a bundle's JSON text, each
    with its entry number and ``fullUrl`` (``""`` when it has none); :class:`FhirError` for anything else."""
    if len(text) > MAX_CHARACTERS:
        raise FhirError("fhir_too_big", path=path, limit=MAX_CHARACTERS)
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise FhirError("fhir_not_json", path=path, error=str(error)[:80]) from None
    found = data.get("resourceType") if isinstance(data, dict) else type(data).__name__
    if found != "Bundle":
        raise FhirError("fhir_not_bundle", path=path, found=shown(found))
    entries = data.get("entry", [])
    if not isinstance(entries, list):
        raise BadEntry(0, "bad_field", field="entry")
    resources = []
    for index, entry in enumerate(entries, start=1):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(resource, dict):
            raise BadEntry(index, "not_object")
        if resource.get("resourceType") != "Patient" and alert_kind(resource) is None:
            raise BadEntry(index, "not_patient", found=shown(resource.get("resourceType")))
        url = entry.get("fullUrl")
        resources.append((index, resource, url if isinstance(url, str) else ""))
    return resources


def _list(resource: dict, key: str, index: int) -> list:
    value = resource.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise BadEntry(index, "bad_field", field=key)
    return value


def _text(value, index: int, field: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadEntry(index, "bad_field", field=field)
    return value.strip()


def _surnames(name: dict, index: int) -> tuple[str, str]:
    """The paternal and maternal surnames: from the HL7 extensions when given, else the family name's
    first word and the rest."""
    family = _text(name.get("family"), index, "name.family")
    found = {}
    extensions = name.get("_family", {}).get("extension", []) if isinstance(name.get("_family"), dict) else []
    for extension in extensions if isinstance(extensions, list) else []:
        if isinstance(extension, dict) and extension.get("url") in (FATHERS_FAMILY, MOTHERS_FAMILY):
            found[extension["url"]] = _text(extension.get("valueString"), index, "name._family.extension")
    if found.get(FATHERS_FAMILY):
        return found[FATHERS_FAMILY], found.get(MOTHERS_FAMILY, "")
    paternal, _, maternal = family.partition(" ")
    return paternal, maternal.strip()


def _name(resource: dict, index: int) -> tuple[str, str, str]:
    names = _list(resource, "name", index)
    official = [n for n in names if n.get("use") == "official"] or names
    if not official:
        raise BadEntry(index, "no_name")
    name = official[0]
    given = name.get("given", [])
    if not isinstance(given, list):
        raise BadEntry(index, "bad_field", field="name.given")
    given_names = " ".join(_text(g, index, "name.given") for g in given).strip()
    paternal, maternal = _surnames(name, index)
    if not given_names or not paternal:
        raise BadEntry(index, "no_name")
    return given_names, paternal, maternal


def _birth(resource: dict, index: int, today: dt.date) -> dict:
    """A full birth date as given; a year or a month only, or one marked estimated, as an age."""
    text = _text(resource.get("birthDate"), index, "birthDate")
    if not text:
        return {}
    if not _DATE.fullmatch(text):
        raise BadEntry(index, "bad_field", field="birthDate")
    estimated = any(isinstance(e, dict) and e.get("url") == EXTENSION + "birth-date-estimated" and e.get("valueBoolean")
                    for e in _list(resource, "extension", index))
    if len(text) == 10 and not estimated:
        return {"birth_date": text}
    year, month, day = (int(part) for part in (text + "-07-01")[:10].split("-"))
    try:
        born = dt.date(year, month, day)
    except ValueError:
        raise BadEntry(index, "bad_field", field="birthDate") from None
    return {"age_years": str(today.year - born.year - ((today.month, today.day) < (born.month, born.day)))}


def _identifiers(resource: dict, index: int, not_kept: list) -> dict:
    values = {}
    kept = 0
    for identifier in _list(resource, "identifier", index):
        system = identifier.get("system") if isinstance(identifier.get("system"), str) else None
        value = _text(identifier.get("value"), index, "identifier.value")
        kind = _KINDS.get(system)
        if system == RECORD_SYSTEM:  # the record itself, not a document (see record_source)
            continue
        if kind is None or kept == 2 or not value:
            not_kept.append((index, f"{shown(identifier.get('system') or '?')}|{shown(value)}"))
            continue
        suffix = "" if kept == 0 else "2"
        values |= {f"id{suffix}_kind": kind.value, f"id{suffix}_number": value}
        kept += 1
    return values or {"id_kind": IdKind.NONE.value}


def _phone(points: list, index: int) -> str:
    phones = [_text(p.get("value"), index, "telecom.value") for p in points if p.get("system") == "phone"]
    return phones[0] if phones else ""


def _guardian(resource: dict, index: int) -> dict:
    contacts = _list(resource, "contact", index)
    if not contacts:
        return {}
    contact = contacts[0]
    name = contact.get("name") if isinstance(contact.get("name"), dict) else {}
    relationship = _list(contact, "relationship", index)
    return {"guardian_name": _text(name.get("text"), index, "contact.name.text"),
            "guardian_relationship": _text(relationship[0].get("text"), index, "contact.relationship")
            if relationship else "",
            "guardian_phone": _phone(_list(contact, "telecom", index), index)}


def registration_form(resource: dict, index: int, today: dt.date, not_kept: list) -> dict:
    """A FHIR Patient as the values of Ayni's registration form, to be checked by it."""
    given, paternal, maternal = _name(resource, index)
    gender = resource.get("gender")
    addresses = _list(resource, "address", index)
    address = addresses[0] if addresses else {}
    languages = [c.get("language", {}).get("coding", [{}])[0].get("code") for c in _list(resource, "communication", index)
                 if isinstance(c.get("language"), dict) and isinstance(c["language"].get("coding"), list)
                 and c["language"]["coding"] and isinstance(c["language"]["coding"][0], dict)]
    raw = {
        "given_names": given, "paternal_surname": paternal, "maternal_surname": maternal,
        "sex": _SEXES.get(gender, "") if isinstance(gender, str) else "",
        **_birth(resource, index, today),
        **_identifiers(resource, index, not_kept),
        "community": _text(address.get("city"), index, "address.city"),
        "district": _text(address.get("district"), index, "address.district"),
        "region": _text(address.get("state"), index, "address.state"),
        "phone": _phone(_list(resource, "telecom", index), index),
        **_guardian(resource, index),
    }
    if languages and isinstance(languages[0], str) and languages[0] in _LANGUAGES:
        raw["language"] = _LANGUAGES[languages[0]]
    return {k: v for k, v in raw.items() if v != ""}


def _full_name(raw: dict) -> str:
    """The name as a message may quote it (control characters escaped)."""
    names = (raw.get(k, "") for k in ("given_names", "paternal_surname", "maternal_surname"))
    return shown(" ".join(n for n in names if n), 80)


@attrs.frozen
class PatientSource:
    """The record of another system a patient was registered from (``source``: its URI), so that
    importing it again finds the patient (table ``patient_sources``)."""

    id: str
    source: str
    patient_id: str
    imported_at: dt.datetime = attrs.field(factory=utcnow)
    imported_by: str = ""


def record_source(resource: dict) -> str | None:
    """The URI of the record a Patient stands for: the identifier of system ``urn:ietf:rfc:3986``
    every Ayni export writes, else its ``id`` when that is a UUID (an Ayni bundle written before
    that identifier); ``None`` for a record that names itself no other way."""
    for identifier in resource.get("identifier") or []:
        if isinstance(identifier, dict) and identifier.get("system") == RECORD_SYSTEM \
                and isinstance(identifier.get("value"), str) and identifier["value"].strip():
            return identifier["value"].strip()
    try:
        return record_uri(str(uuid.UUID(resource["id"]))) if isinstance(resource.get("id"), str) else None
    except ValueError:
        return None


def _known(store: Store, source: str | None) -> Patient | None:
    """The patient here (the kept record, if merged) who is the record ``source``: the very record
    (the bundle came from this database, or from a laptop merged into it) or one imported from it."""
    if source is None:
        return None
    own_id = source.removeprefix("urn:uuid:")
    found = store.db.execute(
        "SELECT coalesce(merged_into, id) FROM patients WHERE id = ? "
        "OR id IN (SELECT patient_id FROM patient_sources WHERE source = ?) ORDER BY id != ? LIMIT 1",
        [own_id, source, own_id]).fetchone()
    return registry.get(store, found[0]) if found else None


def _register(store: Store, raw: dict, source: str | None) -> Patient:
    """Register ``raw`` and remember where it came from, together or not at all."""
    with store.write():
        patient = registry.register(store, raw)
        if source is not None:
            store.insert("patient_sources", PatientSource(new_id(), source, patient.id, imported_by=store.user.id))
    return patient


def import_patients(store: Store, text: str, path: str = "-", today: dt.date | None = None,
                    accept_likely: bool = False) -> ImportResult:
    """Register every Patient of a bundle's JSON text who is not registered yet. The whole file is
    checked before anything is written (:class:`FhirError`, nothing written); then each patient, on
    their own:

    * is *matched*, and nothing written, when they are a record registered here already (by the
      record they stand for, :func:`record_source`) or share an identity document with a patient;
    * is *likely* a patient registered here (``ayni.core.people.duplicates``), and then skipped with
      the candidates and their reasons, unless ``accept_likely``;
    * else is registered, or refused with the registration's reason.

    So importing the same bundle twice registers nobody the second time.
    """
    from ..dates import today_in_lima

    require(store, "patients.register")
    today = today or today_in_lima()
    not_kept: list[tuple[int, str]] = []
    entries = read_bundle(text, path)
    alerts_of: dict[str | None, list[tuple[int, dict]]] = {}
    for index, resource, _ in entries:
        if resource["resourceType"] != "Patient":
            alerts_of.setdefault(subject_reference(resource), []).append((index, resource))
    forms = [(index, registration_form(resource, index, today, not_kept), record_source(resource),
              [a for name in _names(resource, url) for a in alerts_of.get(name, [])])
             for index, resource, url in entries if resource["resourceType"] == "Patient"]
    registered, refused, matched, likely, alerts = [], [], [], [], _Alerts(store)
    for index, raw, source, alert_entries in forms:
        name = _full_name(raw)
        found = _known(store, source)
        alike = [] if found else candidates(store, raw, today=today)
        same = found or next((c.patient for c in alike if c.same_document), None)
        if same is not None:
            matched.append(Matched(index, name, same))
            alerts.record(same.id, name, alert_entries)
        elif alike and not accept_likely:
            likely.append(Likely(index, name, tuple(alike)))
        else:
            try:
                registered.append(_register(store, raw, source))
            except AyniError as error:
                refused.append(Refused(index, name, error))
            else:
                alerts.record(registered[-1].id, name, alert_entries)
    return ImportResult(tuple(registered), tuple(refused), tuple(not_kept), tuple(matched), tuple(likely),
                        tuple(alerts.recorded), tuple(alerts.refused), alerts.not_allowed)


def _names(resource: dict, url: str) -> set[str]:
    """The references by which a bundle's resources may name a Patient: its ``fullUrl``, ``Patient/<id>``."""
    own = resource.get("id")
    return {url} - {""} | ({f"Patient/{own}"} if isinstance(own, str) else set())


class _Alerts:
    """The alerts of an import's patients, recorded one by one, each in its own transaction."""

    def __init__(self, store: Store):
        self.store = store
        self.allowed = may(store, "alerts.record")
        self.recorded: list[PersonAlert] = []
        self.refused: list[Refused] = []
        self.not_allowed = 0

    def record(self, patient_id: str, name: str, entries: list[tuple[int, dict]]) -> None:
        """Record the current ones of ``entries`` (entry number, resource) as ``patient_id``'s alerts."""
        for index, resource in entries:
            form = alert_form(resource)
            if form is None:
                continue
            if not self.allowed:
                self.not_allowed += 1
                continue
            try:
                with self.store.write():
                    alert, new = record_imported(self.store, patient_id, form[0], "fhir", allergy_class=form[1])
            except AyniError as error:
                self.refused.append(Refused(index, name, error))
            else:
                self.recorded += [alert] if new else []
