"""Patients: the registration form, identifier rules, registering and correcting, and search as you type."""

from __future__ import annotations

import datetime as dt
import functools
import re

import attrs

from ..clinical.forms import Choice, Field, FieldType, FormSpec, validate_form
from ..dates import today_in_lima
from ..errors import FieldError, ValidationError
from ..i18n import Text
from ..model import ID_KIND_LABELS, Guardian, Identifier, IdKind, Patient, Sex, new_id
from ..storage.convert import from_row
from ..storage.devices import next_number, parse_number, this_device
from ..storage.store import Store
from .merges import PERSON_IDS_SQL, kept_record
from .search import ranked_ids
from .users import require

ADULT_AGE = 18

REGIONS = (
    "Amazonas", "Áncash", "Apurímac", "Arequipa", "Ayacucho", "Cajamarca", "Callao", "Cusco",
    "Huancavelica", "Huánuco", "Ica", "Junín", "La Libertad", "Lambayeque", "Lima", "Loreto",
    "Madre de Dios", "Moquegua", "Pasco", "Piura", "Puno", "San Martín", "Tacna", "Tumbes", "Ucayali",
)
LANGUAGES = {
    "es": Text("Castellano", "Spanish"),
    "qu": Text("Quechua", "Quechua"),
    "ay": Text("Aimara", "Aymara"),
    "ash": Text("Asháninka", "Asháninka"),
    "en": Text("Inglés", "English"),
    "other": Text("Otra", "Other"),
}
SEX_LABELS = {
    Sex.FEMALE: Text("Femenino", "Female"),
    Sex.MALE: Text("Masculino", "Male"),
    Sex.OTHER: Text("Otro", "Other"),
}

#: Each identifier kind's pattern and the message key that explains it.
ID_RULES = {
    IdKind.DNI: (re.compile(r"\d{8}"), "dni_format"),
    IdKind.CE: (re.compile(r"[A-Z0-9]{9,12}"), "ce_format"),
    IdKind.CEDULA_VE: (re.compile(r"(?:[VE]-?)?\d{6,9}"), "cedula_format"),
    IdKind.PASSPORT: (re.compile(r"[A-Z0-9]{6,12}"), "passport_format"),
}

_ID_CHOICES = tuple(Choice(k.value, ID_KIND_LABELS[k]) for k in IdKind)


def _id_fields(suffix: str, label_es: str, label_en: str, required: bool) -> tuple[Field, ...]:
    return (
        Field(f"id{suffix}_kind", FieldType.CHOICE, Text(f"Tipo de documento{label_es}", f"Document type{label_en}"),
              required=required, choices=_ID_CHOICES, section=Text("Documentos", "Documents")),
        Field(f"id{suffix}_number", FieldType.TEXT, Text(f"Número de documento{label_es}", f"Document number{label_en}"),
              max_length=20),
    )


PATIENT_FORM = FormSpec(
    key="core.patient",
    version=1,
    specialty="core",
    title=Text("Registro de paciente", "Patient registration"),
    fields=(
        Field("given_names", FieldType.TEXT, Text("Nombres", "Given names"), required=True, max_length=80,
              section=Text("Nombre", "Name")),
        Field("paternal_surname", FieldType.TEXT, Text("Apellido paterno", "Paternal surname"), required=True,
              max_length=60),
        Field("maternal_surname", FieldType.TEXT, Text("Apellido materno", "Maternal surname"), max_length=60),
        Field("sex", FieldType.CHOICE, Text("Sexo", "Sex"), required=True,
              choices=tuple(Choice(s.value, SEX_LABELS[s]) for s in Sex)),
        Field("birth_date", FieldType.DATE, Text("Fecha de nacimiento", "Birth date"),
              help=Text("AAAA-MM-DD; si no la sabe, deje vacío e indique la edad.",
                        "YYYY-MM-DD; if unknown, leave empty and give the age.")),
        Field("age_years", FieldType.INTEGER, Text("Edad estimada", "Estimated age"), unit="años", min=0, max=120),
        *_id_fields("", "", "", True),
        *_id_fields("2", " (otro)", " (another)", False),
        Field("community", FieldType.TEXT, Text("Comunidad", "Community"), max_length=80,
              section=Text("Procedencia", "Where from")),
        Field("district", FieldType.TEXT, Text("Distrito", "District"), max_length=80),
        Field("region", FieldType.CHOICE, Text("Región", "Region"),
              choices=tuple(Choice(r, Text(r, r)) for r in REGIONS) + (Choice("Otro país", Text("Otro país", "Abroad")),)),
        Field("language", FieldType.CHOICE, Text("Idioma", "Language"),
              choices=tuple(Choice(k, v) for k, v in LANGUAGES.items())),
        Field("phone", FieldType.TEXT, Text("Teléfono", "Phone"), max_length=15),
        Field("guardian_name", FieldType.TEXT, Text("Apoderado (nombre)", "Guardian (name)"), max_length=120,
              section=Text("Apoderado (menores)", "Guardian (minors)")),
        Field("guardian_relationship", FieldType.TEXT, Text("Parentesco", "Relationship"), max_length=40),
        Field("guardian_phone", FieldType.TEXT, Text("Teléfono del apoderado", "Guardian's phone"), max_length=15),
    ),
)


def _identifier(values: dict, suffix: str) -> tuple[Identifier | None, FieldError | None]:
    kind = IdKind(values.get(f"id{suffix}_kind") or IdKind.NONE)
    number = re.sub(r"[\s.]", "", values.get(f"id{suffix}_number", "")).upper()
    field = PATIENT_FORM.field(f"id{suffix}_number")
    if kind == IdKind.NONE and number:  # a number typed without its kind would be lost silently
        kind_field = PATIENT_FORM.field(f"id{suffix}_kind")
        return None, FieldError(kind_field.key, "required", kind_field.label)
    if kind == IdKind.NONE:
        return None, None
    if not number:
        return None, FieldError(field.key, "required", field.label)
    pattern, message = ID_RULES[kind]
    if not pattern.fullmatch(number):
        return None, FieldError(field.key, message, field.label)
    return Identifier(kind, number), None


def estimated_birth_date(age_years: int, today: dt.date) -> dt.date:
    """A birth date for someone who says they are ``age_years`` old: half a year before their last
    birthday would be, the least wrong guess. The patient's :meth:`~Patient.age` is then ``age_years``."""
    try:
        anniversary = today.replace(year=today.year - age_years)
    except ValueError:  # 29 February in a year that has none
        anniversary = today.replace(year=today.year - age_years, day=28)
    return anniversary - dt.timedelta(days=182)


def _birth(values: dict, today: dt.date) -> tuple[dt.date | None, bool]:
    if values.get("birth_date"):
        return values["birth_date"], False
    if "age_years" in values:
        return estimated_birth_date(values["age_years"], today), True
    return None, False


def patient_from_form(raw: dict, patient_id: str | None = None, today: dt.date | None = None) -> Patient:
    """Validate a filled registration form and build the :class:`Patient`.

    Refuses (with :class:`ValidationError`) a malformed identifier, a birth date in the future, a
    patient with neither birth date nor age, and a minor without a guardian.
    """
    today = today or today_in_lima()
    values = validate_form(PATIENT_FORM, raw)
    errors, identifiers = [], []
    for suffix in ("", "2"):
        identifier, error = _identifier(values, suffix)
        errors += [error] if error else []
        identifiers += [identifier] if identifier else []
    birth_date, estimated = _birth(values, today)
    if birth_date is None:
        errors.append(FieldError("birth_date", "age_or_birth", PATIENT_FORM.field("birth_date").label))
    patient = Patient(
        id=patient_id or new_id(),
        given_names=values["given_names"],
        paternal_surname=values["paternal_surname"],
        maternal_surname=values.get("maternal_surname", ""),
        sex=Sex(values["sex"]),
        birth_date=birth_date,
        birth_date_estimated=estimated,
        identifiers=tuple(identifiers),
        community=values.get("community", ""),
        district=values.get("district", ""),
        region=values.get("region", ""),
        language=values.get("language", "es"),
        phone=values.get("phone", ""),
        guardian=Guardian(values["guardian_name"], values.get("guardian_relationship", ""),
                          values.get("guardian_phone", "")) if values.get("guardian_name") else None,
    )
    age = patient.age(today)
    if age is not None and age < ADULT_AGE and patient.guardian is None:
        errors.append(FieldError("guardian_name", "guardian_required", PATIENT_FORM.field("guardian_name").label))
    if errors:
        raise ValidationError(errors)
    return patient


def form_from_patient(patient: Patient) -> dict:
    """A patient as the values of the registration form, to correct it."""
    values = {
        "given_names": patient.given_names, "paternal_surname": patient.paternal_surname,
        "maternal_surname": patient.maternal_surname, "sex": patient.sex.value,
        "community": patient.community, "district": patient.district, "region": patient.region,
        "language": patient.language, "phone": patient.phone,
    }
    if patient.birth_date_estimated:
        values["age_years"] = str(patient.age())
    elif patient.birth_date:
        values["birth_date"] = patient.birth_date.isoformat()
    for suffix, identifier in zip(("", "2"), patient.identifiers):
        values[f"id{suffix}_kind"] = identifier.kind.value
        values[f"id{suffix}_number"] = identifier.value
    values.setdefault("id_kind", IdKind.NONE.value)
    if patient.guardian:
        values.update(guardian_name=patient.guardian.name, guardian_relationship=patient.guardian.relationship,
                      guardian_phone=patient.guardian.phone)
    return values


def _patient_row_extras(patient: Patient) -> dict:
    return {"identifier_numbers": " ".join(i.value for i in patient.identifiers)}


def _may_share_documents(store: Store, patient_id: str) -> set[str]:
    """The records that may hold ``patient_id``'s documents: the person's other records, and those a
    laptop merge listed beside it (``merge_candidates``), which a person is to merge or tell apart, and
    which must not stop either record from being corrected meanwhile."""
    return {row[0] for row in store.db.execute(
        f"{PERSON_IDS_SQL} UNION SELECT other_patient_id FROM merge_candidates WHERE patient_id = ? "
        "UNION SELECT patient_id FROM merge_candidates WHERE other_patient_id = ?", [patient_id] * 3)}


def _check_unique_identifiers(store: Store, patient: Patient) -> None:
    errors = []
    allowed = _may_share_documents(store, patient.id)
    for suffix, identifier in zip(("", "2"), patient.identifiers):
        for other in _rows(store, "SELECT patients.* FROM patients JOIN patients_fts "
                           "ON patients.rowid = patients_fts.rowid WHERE patients_fts MATCH ? AND patients.id != ?",
                           [f'identifier_numbers : "{identifier.value}"', patient.id]):
            if identifier in other.identifiers and other.id not in allowed:
                field = PATIENT_FORM.field(f"id{suffix}_number")
                errors.append(FieldError(field.key, "duplicate_identifier", field.label,
                                         {"value": identifier.value, "name": other.full_name}))
    if errors:
        raise ValidationError(errors)


def _rows(store: Store, sql: str, params: list) -> list[Patient]:
    cursor = store.db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [from_row(Patient, dict(zip(names, row))) for row in cursor.fetchall()]


def register(store: Store, raw: dict) -> Patient:
    """Register a new patient from a filled registration form. Nothing is written if it is refused."""
    require(store, "patients.register")
    patient = patient_from_form(raw)
    with store.write():  # checked and numbered inside the transaction: other stations register too
        _check_unique_identifiers(store, patient)
        letter = this_device(store.db).letter
        patient = attrs.evolve(patient, number=next_number(store.db, "patients", letter), device=letter)
        store.insert("patients", patient, derived=_patient_row_extras(patient))
    return patient


def correct(store: Store, patient_id: str, raw: dict) -> Patient:
    """Correct a patient's registration; the previous version stays in the audit log."""
    require(store, "patients.register")
    old = get(store, patient_id)
    patient = attrs.evolve(patient_from_form(raw, patient_id=patient_id), created_at=old.created_at, number=old.number,
                           device=old.device)
    with store.write():
        _check_unique_identifiers(store, patient)
        store.update("patients", patient, derived=_patient_row_extras(patient))
    return patient


def get(store: Store, patient_id: str) -> Patient:
    """The patient ``patient_id``."""
    return store.get(Patient, "patients", patient_id)


def search(store: Store, query: str, limit: int = 20) -> list[Patient]:
    """The best ``limit`` patients for what is typed, best first, ignoring accents, case and word order.

    Every word typed must match: a name (the last word, still being typed, may be the start of one),
    or an identifier or patient number (or its start). ``nunez`` finds Núñez; ``rosa qui`` finds Rosa
    Quispe; ``4567`` finds DNI 45678912; ``42`` finds patient number 42 first (then every number or
    identifier starting with 42); ``B-0042`` finds laptop B's patient 42 first. Names
    are also found by sound (``kispe``, ``waman`` for Huamán) and despite a typing mistake or two
    (``quipse``, ``mamnai``), after the closer matches; among equals, paternal-surname matches first,
    then the patient seen most recently. See :mod:`ayni.core.people.search` for the whole order. It
    reads a few pages of an index, never every match, so it stays instant at 100,000 patients; what
    is typed never reaches the index's query syntax. A record merged into another is never shown: a
    match on it (its number, its DNI) shows the kept record instead.
    """
    typed = parse_number(query)  # a number with its letter («B-0042») is not in the index as typed
    hits = [p.id for p in by_number(store, query)] if typed and typed[0] else []
    hits += ranked_ids(store, query, limit)
    if not hits:
        return []
    marks = ", ".join("?" for _ in hits)
    rows = store.db.execute(f"SELECT hit.id, kept.* FROM patients AS hit JOIN patients AS kept "
                            f"ON kept.id = coalesce(hit.merged_into, hit.id) WHERE hit.id IN ({marks})", hits)
    names = tuple(d[0] for d in rows.description[1:])
    kept = {row[0]: _found(names, row[1:]) for row in rows.fetchall()}
    found = {kept[i].id: kept[i] for i in hits}  # in rank order, each person once
    return list(found.values())[:limit]


@functools.lru_cache(maxsize=2048)  # each key press finds mostly the patients of the one before
def _found(names: tuple[str, ...], values: tuple) -> Patient:
    """A row of ``patients`` as a :class:`Patient`: built once per version of the row (the key is the
    whole row), since building one costs more than the index look-ups of a search."""
    return from_row(Patient, dict(zip(names, values)))


def by_number(store: Store, typed: str) -> list[Patient]:
    """The patients whose number is ``typed``: «B-0042», «b42» or «B 42» name one laptop's number;
    digits alone («42») match every laptop's number 42: first the number written so, without a letter
    (a card from before device letters, or from a laptop without one), then this laptop's, then the
    others'."""
    parsed = parse_number(typed)
    if parsed is None:
        return []
    letter, number = parsed
    if letter is not None:
        return _rows(store, "SELECT * FROM patients WHERE device = ? AND number = ?", [letter, number])
    return _rows(store, "SELECT * FROM patients WHERE number = ? ORDER BY device != '', device != ?, device",
                 [number, this_device(store.db).letter])


def scanned(store: Store, typed: str) -> Patient | None:
    """The patient a scanned card names, or ``None``: what a barcode scanner types from the card's QR
    code is the card number («A-0042»), often with the Enter or carriage return it sends after it, so
    surrounding spaces and line ends are ignored, and ``a-0042`` or ``A0042`` name the same card. Digits
    alone («42») name the number written so, else this laptop's; a number several other laptops gave
    names no one (the search lists them). A record merged into another gives the kept one."""
    found = by_number(store, typed.strip())
    if len(found) == 1 or found and found[0].device in ("", this_device(store.db).letter):
        return kept_record(store, found[0].id)
    return None


def count(store: Store) -> int:
    """How many patients are registered."""
    return store.db["patients"].count
