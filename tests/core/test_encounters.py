"""Encounters against the test ``clinic`` plugin: open, save forms as revisions, refuse bad codes and
forms with nothing written, plugin validation and the closed event."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from ayni.core import AyniError, EncounterStatus, StoreError, ValidationError, open_store
from ayni.core.clinical import encounters as enc
from ayni.core.clinical.encounters import ProcedureEntry

VITALS = {"weight": "61.5", "height": "158", "systolic": "120", "diastolic": "80"}


@pytest.fixture
def encounter(store, campaign, patient):
    return enc.open_encounter(store, patient.id, "clinic", "triage")


def refused(store, row_counts, encounter_id, **changes) -> ValidationError:
    """Save ``changes``, expect a refusal, and check nothing was written anywhere."""
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        enc.save(store, encounter_id, **changes)
    assert row_counts() == before
    return caught.value


# -- opening -------------------------------------------------------------------------------------

def test_open_an_encounter_in_the_running_campaign(store, campaign, patient):
    e = enc.open_encounter(store, patient.id, "clinic", "consult")
    assert (e.patient_id, e.campaign_id, e.specialty, e.station) == (patient.id, campaign.id, "clinic", "consult")
    assert e.status == EncounterStatus.OPEN and e.opened_by == store.user.id
    visit = enc.get_encounter_record(store, e.id)
    assert visit.encounter == e and visit.patient == patient and visit.campaign == campaign
    assert visit.site.community == "Chinchero"
    assert enc.of_patient(store, patient.id) == [e]
    assert [a["action"] for a in store.audit(record_id=e.id)] == ["insert"]


def test_unknown_specialty_or_station_is_refused(store, campaign, patient, row_counts):
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        enc.open_encounter(store, patient.id, "cardiology", "triage")
    assert caught.value.message("es").startswith("Especialidad: elija una de: ")
    assert "clinic" in caught.value.message("es").rstrip(".").split(": ", 2)[2].split(", ")
    with pytest.raises(ValidationError) as caught:
        enc.open_encounter(store, patient.id, "clinic", "surgery")
    assert caught.value.message("en") == "Station: choose one of: triage, consult."
    assert row_counts() == before


def test_unknown_patient_or_campaign_is_a_clear_error(store, campaign, patient, row_counts):
    before = row_counts()
    with pytest.raises(StoreError) as caught:
        enc.open_encounter(store, "no-such-patient", "clinic", "triage")
    assert caught.value.message("en") == "There is no patients with id no-such-patient."
    with pytest.raises(StoreError):
        enc.open_encounter(store, patient.id, "clinic", "triage", campaign_id="no-such-campaign")
    assert row_counts() == before


def test_without_a_campaign_one_is_created_for_today(store, patient):
    e = enc.open_encounter(store, patient.id, "clinic", "triage")
    assert enc.get_encounter_record(store, e.id).campaign.name.startswith("Campaña ")


# -- saving --------------------------------------------------------------------------------------

def test_save_forms_procedures_and_diagnoses(store, encounter):
    visit = enc.save(store, encounter.id, forms={"clinic.vitals": VITALS},
                     procedures=[ProcedureEntry("clinic.consult"),
                                 ProcedureEntry("clinic.wound", detail={"limb": "left", "size": Decimal("2.5")},
                                                quantity=2)],
                     diagnoses=["J06.9", "I10"])
    assert visit == enc.get_encounter_record(store, encounter.id)
    assert visit.form("clinic.vitals") == {"weight": Decimal("61.5"), "height": 158, "systolic": 120,
                                           "diastolic": 80, "bmi": Decimal("24.6")}
    assert [(p.code, p.fee, p.quantity) for p in visit.procedures] == [
        ("clinic.consult", Decimal("10.00"), 1), ("clinic.wound", Decimal("15.50"), 2)]
    assert visit.procedures[1].detail == {"limb": "left", "size": Decimal("2.5")}
    stored = store.db.execute("SELECT json_type(detail, '$.size') FROM procedures WHERE id = ?", [visit.procedures[1].id])
    assert stored.fetchone()[0] == "real"  # a JSON number, not text
    assert visit.suggested_total == Decimal("41.00")
    assert [(d.code, d.is_primary) for d in visit.diagnoses] == [("J06.9", True), ("I10", False)]
    assert store.db["procedures"].get(visit.procedures[1].id)["fee"] == 1550  # stored in céntimos


def test_saving_a_form_again_is_a_new_revision_and_the_old_one_stays(store, encounter):
    enc.save(store, encounter.id, forms={"clinic.vitals": VITALS})
    visit = enc.save(store, encounter.id, forms={"clinic.vitals": {**VITALS, "weight": "62"}})
    assert visit.forms["clinic.vitals"].revision == 2
    assert visit.form("clinic.vitals")["weight"] == 62
    assert enc.get_encounter_record(store, encounter.id).form("clinic.vitals")["weight"] == 62
    rows = list(store.db["form_data"].rows_where("encounter_id = ?", [encounter.id], order_by="revision"))
    assert [(r["revision"], json.loads(r["data"])["weight"], r["version"]) for r in rows] == [
        (1, 61.5, 2), (2, 62, 2)]


def test_a_later_diagnosis_is_not_primary_again(store, encounter):
    enc.save(store, encounter.id, diagnoses=["I10"])
    visit = enc.save(store, encounter.id, diagnoses=["J06.9"])
    assert [(d.code, d.is_primary) for d in visit.diagnoses] == [("I10", True), ("J06.9", False)]


def test_a_fee_override_is_parsed_as_soles(store, encounter):
    visit = enc.save(store, encounter.id, procedures=[ProcedureEntry("clinic.consult", fee="S/ 5,50")])
    assert visit.procedures[0].fee == Decimal("5.50")


def test_an_unknown_procedure_code_is_refused_and_nothing_is_written(store, row_counts, encounter):
    error = refused(store, row_counts, encounter.id, forms={"clinic.vitals": VITALS},
                    procedures=[ProcedureEntry("clinic.consult"), ProcedureEntry("clinic.transplant")])
    assert error.message("es") == "Procedimiento: el código de procedimiento «clinic.transplant» no existe en el catálogo."
    assert error.message("en") == "Procedure: procedure code «clinic.transplant» is not in the catalogue."


def test_an_unknown_diagnosis_code_is_refused(store, row_counts, encounter):
    error = refused(store, row_counts, encounter.id, diagnoses=["J06.9", "Z99.999"])
    assert error.message("en") == "Diagnosis: unknown code «Z99.999»."


def test_an_unknown_form_is_refused(store, row_counts, encounter):
    error = refused(store, row_counts, encounter.id, forms={"clinic.vitals": VITALS, "clinic.xray": {}})
    assert error.message("es") == "Formulario: código desconocido «clinic.xray»."


@pytest.mark.parametrize("fee", ["-5", "abc", 4.5])
def test_a_bad_fee_override_is_refused(store, row_counts, encounter, fee):
    error = refused(store, row_counts, encounter.id, procedures=[ProcedureEntry("clinic.consult", fee=fee)])
    assert error.fields() == {"fee"}
    assert error.message("es").startswith("Tarifa: ")


def test_a_negative_fee_says_the_minimum(store, row_counts, encounter):
    error = refused(store, row_counts, encounter.id, procedures=[ProcedureEntry("clinic.consult", fee="-5")])
    assert error.message("en") == "Fee: cannot be negative (minimum S/ 0.00)."


@pytest.mark.parametrize("quantity", [0, -1, 100, "2", 1.5, True])
def test_a_bad_quantity_is_refused(store, row_counts, encounter, quantity):
    error = refused(store, row_counts, encounter.id, procedures=[ProcedureEntry("clinic.consult", quantity=quantity)])
    assert error.message("en") == "Quantity: the quantity must be a whole number between 1 and 99."


def test_a_form_missing_a_required_field_is_refused_and_nothing_is_written(store, row_counts, encounter):
    error = refused(store, row_counts, encounter.id, forms={"clinic.vitals": {**VITALS, "weight": ""}},
                    procedures=[ProcedureEntry("clinic.consult")], diagnoses=["I10"])
    assert error.message("es") == "Peso: es obligatorio."


def test_every_refusal_of_a_save_is_reported_together(store, row_counts, encounter):
    error = refused(store, row_counts, encounter.id,
                    forms={"clinic.vitals": {**VITALS, "weight": "x"}, "clinic.note": {}},
                    procedures=[ProcedureEntry("clinic.nope")], diagnoses=["nope"])
    assert error.fields() == {"weight", "complaint", "procedure", "diagnosis"}


def test_form_checks_refuse_the_save(store, row_counts, encounter):
    error = refused(store, row_counts, encounter.id, forms={"clinic.vitals": {**VITALS, "systolic": "70"}})
    assert error.message("en") == "Systolic pressure: systolic must be higher than diastolic."


def test_a_plugin_validation_error_refuses_the_save(store, row_counts, clinic, encounter):
    clinic.refuse_when = "prueba"
    error = refused(store, row_counts, encounter.id, forms={"clinic.note": {"complaint": "prueba"}},
                    procedures=[ProcedureEntry("clinic.consult")])
    assert error.message("es") == "Motivo: rechazado por la prueba"
    visit = enc.save(store, encounter.id, forms={"clinic.note": {"complaint": "tos"}})
    assert visit.form("clinic.note") == {"complaint": "tos"}


def test_plugins_validate_the_visit_as_it_would_be_after_the_save(store, clinic, encounter, row_counts):
    enc.save(store, encounter.id, forms={"clinic.note": {"complaint": "tos"}})
    clinic.refuse_when = "tos"  # the saved note would be refused now, even when only a diagnosis is added
    refused(store, row_counts, encounter.id, diagnoses=["I10"])


# -- closing -------------------------------------------------------------------------------------

def test_close_tells_plugins_and_a_closed_encounter_refuses_changes(store, clinic, encounter, row_counts):
    enc.save(store, encounter.id, forms={"clinic.vitals": VITALS})
    visit = enc.close(store, encounter.id)
    assert visit.encounter.status == EncounterStatus.CLOSED
    assert visit.encounter.closed_by == store.user.id and visit.encounter.closed_at is not None
    assert [v.encounter.id for v in clinic.closed] == [encounter.id]
    assert clinic.closed[0].encounter.status == EncounterStatus.CLOSED
    before = row_counts()
    with pytest.raises(AyniError) as caught:
        enc.save(store, encounter.id, forms={"clinic.vitals": VITALS})
    assert caught.value.message("es") == "La atención ya está cerrada; no se puede modificar."
    with pytest.raises(AyniError):
        enc.close(store, encounter.id)
    assert row_counts() == before
    assert len(clinic.closed) == 1
    update = store.audit(record_id=encounter.id)[-1]
    assert update["action"] == "update" and json.loads(update["previous"])["status"] == "open"


# -- another station writing at the same time ----------------------------------------------------

@pytest.fixture
def other_station(store, plugins):
    """A second connection to the same file, as another laptop on the campaign network would have."""
    other = open_store(store.path, user="otra estación", plugins=plugins)
    yield other
    other.close()


def test_a_revision_saved_meanwhile_elsewhere_is_kept(store, clinic, encounter, other_station):
    clinic.meanwhile = lambda: enc.save(other_station, encounter.id, forms={"clinic.note": {"complaint": "fiebre"}})
    visit = enc.save(store, encounter.id, forms={"clinic.note": {"complaint": "tos"}})
    assert visit.forms["clinic.note"].revision == 2
    rows = store.db.execute("SELECT revision, data, saved_by FROM form_data WHERE form_key = 'clinic.note' "
                            "ORDER BY revision").fetchall()
    assert [(r[0], json.loads(r[1])["complaint"], r[2]) for r in rows] == [
        (1, "fiebre", other_station.user.id), (2, "tos", store.user.id)]


def test_an_encounter_closed_meanwhile_elsewhere_refuses_the_save(store, clinic, encounter, other_station,
                                                                  row_counts):
    clinic.meanwhile = lambda: enc.close(other_station, encounter.id)
    with pytest.raises(AyniError) as caught:
        enc.save(store, encounter.id, forms={"clinic.note": {"complaint": "tos"}})
    assert caught.value.key == "encounter_closed"
    assert store.db["form_data"].count == 0
