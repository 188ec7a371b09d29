"""Two records of one person: merging a duplicate into the kept record, and undoing it.

A merge changes nothing but the duplicate's ``merged_into``: its row, its number, its identifiers
and everything keyed by its id (encounters and what hangs from them, referrals, queue steps,
plugins' rows) stay as they were, and are found through the kept record by :func:`of_same_person`.
Both the merge and its undoing are attributed and audited; only ``patients.merge`` may do them.
"""

from __future__ import annotations

from ..errors import AyniError
from ..i18n import Text
from ..model import Patient
from ..storage.convert import from_row
from ..storage.store import Store
from .users import require

#: The ids of every record of the person one id belongs to (one ``?``: any of their ids).
PERSON_IDS_SQL = ("SELECT id FROM patients WHERE coalesce(merged_into, id) = "
                  "(SELECT coalesce(merged_into, id) FROM patients WHERE id = ?)")

_MESSAGES = {
    "unknown_patient": Text("No hay ningún paciente «{value}».", "There is no patient «{value}»."),
    "into_itself": Text("No se puede fusionar el paciente N.º {number} consigo mismo.",
                        "Patient No. {number} cannot be merged into itself."),
    "already_merged": Text("El paciente N.º {number} ya está fusionado en el N.º {kept}: use ese.",
                           "Patient No. {number} is already merged into No. {kept}: use that one."),
    "has_merged": Text("El paciente N.º {number} tiene registros fusionados en él (N.º {merged}): "
                       "fusione en él, no a él en otro, o deshaga esas fusiones primero.",
                       "Patient No. {number} has records merged into it (No. {merged}): merge into it, not it "
                       "into another, or undo those merges first."),
    "same_record": Text("El paciente N.º {number} es un solo registro: no es otra persona que sí mismo.",
                        "Patient No. {number} is one record: it is no other person than itself."),
    "not_merged": Text("El paciente N.º {number} no está fusionado en ningún otro.",
                       "Patient No. {number} is not merged into any other."),
}


class MergeError(AyniError):
    """A merge or its undoing refused (unknown patient, into itself, a chain). Nothing was written."""

    MESSAGES = _MESSAGES


def of_same_person(column: str = "patient_id") -> str:
    """SQL that is true when ``column`` is an id of the same person as the one ``?`` given: a plugin
    writes ``f"SELECT … FROM my_rows WHERE {of_same_person()}"`` with any id of the patient, and
    finds the rows of a merged duplicate through the kept record too."""
    return f"{column} IN ({PERSON_IDS_SQL})"


def person_of(column: str = "patient_id") -> str:
    """SQL for the person the record id in ``column`` stands for: the kept record's id when it was
    merged, else the id itself. Every count of patients counts it, so that two records of one person
    count once: ``count(DISTINCT {person_of('e.patient_id')})``; and ``JOIN patients p ON p.id =
    {person_of('e.patient_id')}`` reads the kept record (its sex, birth date, community)."""
    return f"coalesce((SELECT kept.merged_into FROM patients kept WHERE kept.id = {column}), {column})"


def kept_id(store: Store, patient_id: str) -> str:
    """The id of the record that stands for ``patient_id``'s person: the kept one when it was merged,
    else itself (an unknown id is returned as it is)."""
    row = store.db.execute("SELECT coalesce(merged_into, id) FROM patients WHERE id = ?", [patient_id]).fetchone()
    return row[0] if row else patient_id


def kept_record(store: Store, patient_id: str) -> Patient:
    """The record that stands for ``patient_id``'s person (the kept one when it was merged, else
    itself): the name and card number to show wherever an encounter, a queue step or a payment of any
    of the person's records shows who it is for."""
    return store.get(Patient, "patients", kept_id(store, patient_id))


def merged_into(store: Store, patient_id: str) -> str | None:
    """The id of the kept record ``patient_id`` is merged into, or ``None``."""
    row = store.db.execute("SELECT merged_into FROM patients WHERE id = ?", [patient_id]).fetchone()
    return row[0] if row else None


def merged_records(store: Store, kept: str) -> list[Patient]:
    """The records merged into ``kept``, by number."""
    cursor = store.db.execute("SELECT * FROM patients WHERE merged_into = ? ORDER BY number", [kept])
    names = [d[0] for d in cursor.description]
    return [from_row(Patient, dict(zip(names, row))) for row in cursor.fetchall()]


def find(store: Store, patient_id: str) -> Patient:
    """The record ``patient_id``, merged or not; :class:`MergeError` ``unknown_patient`` if there is none."""
    row = store.row("patients", patient_id)
    if row is None:
        raise MergeError("unknown_patient", value=patient_id)
    return from_row(Patient, row)


def _check_merge(store: Store, keep: Patient, duplicate: Patient) -> None:
    if keep.id == duplicate.id:
        raise MergeError("into_itself", number=keep.card_number)
    for patient in (keep, duplicate):
        kept = merged_into(store, patient.id)
        if kept is not None:
            raise MergeError("already_merged", number=patient.card_number, kept=find(store, kept).card_number)
    others = merged_records(store, duplicate.id)
    if others:
        raise MergeError("has_merged", number=duplicate.card_number, merged=", ".join(p.card_number for p in others))


def merge(store: Store, keep_id: str, duplicate_id: str, reason: str = "") -> Patient:
    """Merge the record ``duplicate_id`` into ``keep_id`` (two records of one person); the kept patient.
    ``reason`` is audited with it (a laptop merge joins records that share a document with «mismo documento»).

    Refused (:class:`MergeError`, nothing written) for an unknown record, a merge into itself, into
    or of a merged record, or of a record others are merged into: one person has one kept record.
    Checked inside the write, so two stations merging at once cannot make a chain.
    """
    require(store, "patients.merge")
    with store.write():
        keep, duplicate = find(store, keep_id), find(store, duplicate_id)
        _check_merge(store, keep, duplicate)
        store.db["patients"].update(duplicate.id, {"merged_into": keep.id})
        because = {"reason": reason} if reason else {}
        store.note("merge", "patients", duplicate.id, {"merged_into": keep.id, "number": duplicate.number,
                                                       "kept_number": keep.number, **because})
    return keep


def unmerge(store: Store, duplicate_id: str) -> Patient:
    """Undo the merge of ``duplicate_id``: it is its own person again, with everything of its own;
    the record, as it is now. Refused (:class:`MergeError`) when it is not merged."""
    require(store, "patients.merge")
    with store.write():
        duplicate = find(store, duplicate_id)
        kept = merged_into(store, duplicate.id)
        if kept is None:
            raise MergeError("not_merged", number=duplicate.card_number)
        store.db["patients"].update(duplicate.id, {"merged_into": None})
        store.note("unmerge", "patients", duplicate.id, {"merged_into": None, "was_merged_into": kept,
                                                         "number": duplicate.number})
    return duplicate
