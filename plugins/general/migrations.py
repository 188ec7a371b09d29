"""General medicine's migrations. Never edit a released migration: add the next one."""

from __future__ import annotations

import json

from ayni.core import Migrations, numbers_in_stored_forms
from ayni.core.people.alerts import backfill

from .person import FORM_KEYS, findings

migrations = Migrations("general")


@migrations(name="0001_person_alerts_from_forms")
def person_alerts_from_forms(db):
    """Allergies and pregnancies recorded in triage, consultation and SRH forms before a person's
    alerts existed become their alerts (the latest revision of each form, oldest first), attributed
    to who saved the form and when."""
    marks = ", ".join("?" for _ in FORM_KEYS)
    rows = db.execute(
        "SELECT e.patient_id, f.encounter_id, f.form_key, f.data, f.saved_at, f.saved_by FROM form_data AS f "
        "JOIN encounters AS e ON e.id = f.encounter_id "
        f"WHERE f.form_key IN ({marks}) AND f.revision = (SELECT max(revision) FROM form_data AS later "
        "WHERE later.encounter_id = f.encounter_id AND later.form_key = f.form_key) ORDER BY f.saved_at, f.rowid",
        list(FORM_KEYS)).fetchall()
    backfill(db, (({"patient_id": patient, "encounter_id": encounter, "form_key": key, "saved_at": at,
                    "saved_by": by}, findings(key, json.loads(data)))
                  for patient, encounter, key, data, at, by in rows))


@migrations(name="0002_prescription_doses_as_json_numbers")
def prescription_doses_as_json_numbers(db):
    """The dose of each prescribed line, nested in the prescription's lines, was written as text
    before numbers were JSON numbers, and the core's migration of form numbers (0022) left it: it
    becomes a JSON number (``FormSpec.number_paths``, ``ayni.core.numbers_in_stored_forms``), in
    place, without new revisions, noted once in the audit log. A dose that is not a plain number
    stays as it was."""
    from .forms import FORMS

    numbers_in_stored_forms(db, "form_data", "data", "general/0002_prescription_doses_as_json_numbers",
                            {spec.key: spec for spec in FORMS}, owned=True)
