"""Cancelling an encounter opened by mistake: a reason is required, the status change is audited and
nothing is deleted; closed ones and those with a payment or a hand-out are refused saying why; only
whoever opened it, a coordinator or an admin may; a cancelled encounter counts in no figure."""

from __future__ import annotations

import pytest

from ayni.core import EncounterStatus, ValidationError, default_plugins, open_store, stock
from ayni.core.campaign import stations
from ayni.core.campaign.campaigns import current_campaign
from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.documents.reporting import count_encounters
from ayni.core.documents.reports import build_report
from ayni.core.money import cashier
from ayni.core.people import users as accounts

REASON = "abierta en la estación equivocada"


@pytest.fixture
def mistaken(store, campaign, patient):
    """An open consultation with a procedure, as opened by mistake."""
    encounter = encounters.open_encounter(store, patient.id, "clinic", "consult")
    encounters.save(store, encounter.id, procedures=[ProcedureEntry("clinic.consult")])
    return encounter


def _refused(row_counts, *args) -> ValidationError:
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        encounters.cancel(*args)
    assert row_counts() == before
    return caught.value


def test_a_cancelled_encounter_is_kept_with_who_when_and_why_and_audited(store, mistaken):
    cancelled = encounters.cancel(store, mistaken.id, f"  {REASON} ")
    stored = store.get(encounters.Encounter, "encounters", mistaken.id)
    assert stored == cancelled
    assert (stored.status, stored.cancel_reason, stored.cancelled_by) == (EncounterStatus.CANCELLED, REASON,
                                                                          store.user.id)
    assert stored.cancelled_at is not None and stored.closed_at is None
    [update] = [a for a in store.audit(record_id=mistaken.id) if a["action"] == "update"]
    assert update["table_name"] == "encounters"
    assert encounters.status_text(stored, "es") == f"anulada: {REASON}"
    assert encounters.status_text(stored, "en") == f"cancelled: {REASON}"
    with pytest.raises(ValidationError) as again:
        encounters.save(store, mistaken.id, procedures=[ProcedureEntry("clinic.consult")])
    assert again.value.message("es") == "Estado de la atención: ya está «anulada»; no cambia más."
    with pytest.raises(ValidationError):
        encounters.close(store, mistaken.id)


@pytest.mark.parametrize(("reason", "es"), [
    ("", "Motivo de la anulación: escriba por qué se anula (4 a 200 caracteres), p. ej. «abierta en la estación "
         "equivocada»."),
    ("  x ", "Motivo de la anulación: escriba por qué se anula (4 a 200 caracteres)"),
    ("x" * 201, "Motivo de la anulación: "),
    ("error\x1b[2J", "Motivo de la anulación: "),
    (None, "Motivo de la anulación: escriba por qué se anula"),
])
def test_the_reason_is_required_and_checked(store, row_counts, mistaken, reason, es):
    error = _refused(row_counts, store, mistaken.id, reason)
    assert error.fields() == {"reason"} and error.message("es").startswith(es)
    assert error.message("en").startswith("Reason for cancelling: ")


def test_closed_cancelled_paid_or_dispensed_encounters_are_refused_saying_why(store, row_counts, mistaken, patient):
    cashier.pay(store, mistaken.id, "full")
    paid = _refused(row_counts, store, mistaken.id, REASON)
    assert paid.message("es").startswith("Atención: no se puede anular, ya tiene pagos (recibo N.º 000001). "
                                         "Deshaga eso primero")
    assert "receipt No. 000001" in paid.message("en")

    handed = encounters.open_encounter(store, patient.id, "clinic", "consult")
    stock.receive(store, "general.ors", 3)
    stock.dispense(store, handed.id, "general.ors", 2)
    assert "entregas de stock (Sales de rehidratación oral" in _refused(row_counts, store, handed.id, REASON).message("es")

    closed = encounters.open_encounter(store, patient.id, "clinic", "consult")
    encounters.close(store, closed.id)
    assert _refused(row_counts, store, closed.id, REASON).message("es") == (
        "Estado de la atención: ya está «cerrada»; no cambia más.")
    twice = encounters.open_encounter(store, patient.id, "clinic", "consult")
    encounters.cancel(store, twice.id, REASON)
    assert "ya está «anulada»" in _refused(row_counts, store, twice.id, REASON).message("es")
    with pytest.raises(ValidationError):
        cashier.pay(store, twice.id, "full")
    with pytest.raises(ValidationError):
        stock.dispense(store, twice.id, "general.ors", 1)


def test_only_the_opener_a_coordinator_or_an_admin_may_cancel(tmp_path, patient_form, monkeypatch):
    from ayni.core.people import patients

    monkeypatch.setattr(accounts, "SCRYPT_N", 2)
    store = open_store(tmp_path / "a.db", user="admin", plugins=default_plugins())
    rosa = patients.register(store, patient_form())
    accounts.add(store, "admin", accounts.ADMIN, "1234")
    accounts.login(store, "admin", "1234")
    for name, role in (("Dra. Rojas", "clinician:general"), ("Dr. Soto", "clinician:general"),
                       ("Coordinación", accounts.COORDINATOR)):
        accounts.add(store, name, role, "1234")
    accounts.login(store, "Dra. Rojas", "1234")
    hers, other = (encounters.open_encounter(store, rosa.id, "general", "consultation") for _ in range(2))
    accounts.login(store, "Dr. Soto", "1234")
    with pytest.raises(ValidationError) as refused:
        encounters.cancel(store, hers.id, REASON)
    assert refused.value.message("es") == ("Atención: la abrió Dra. Rojas; solo quien la abrió, coordinación o "
                                           "administración puede anularla.")
    accounts.login(store, "Dra. Rojas", "1234")
    assert encounters.cancel(store, hers.id, REASON).status == EncounterStatus.CANCELLED
    accounts.login(store, "Coordinación", "1234")
    assert encounters.cancel(store, other.id, REASON).cancelled_by == store.user.id
    store.close()


def test_a_cancelled_encounter_counts_in_no_figure(store, mistaken, patient):
    campaign = current_campaign(store)
    kept = encounters.open_encounter(store, patient.id, "clinic", "consult")
    encounters.save(store, kept.id, procedures=[ProcedureEntry("clinic.consult")])
    day = cashier.day_summary(store).day
    before = build_report(store, campaign, day)
    assert before.figure("encounters").value == 2
    encounters.cancel(store, mistaken.id, REASON)
    after = build_report(store, campaign, day)
    assert (after.figure("encounters").value, after.figure("open").value) == (1, 1)
    assert build_report(store, campaign, None).figure("encounters").value == 1
    assert count_encounters(store, campaign, day, "clinic") == 1
    assert [w.encounter.id for w in cashier.waiting(store)] == [kept.id]
    assert {e.id for e in encounters.of_patient(store, patient.id)} == {kept.id, mistaken.id}  # still in the history


def test_a_queue_call_whose_encounter_was_cancelled_opens_a_new_one(store, campaign, patient):
    stations.enqueue(store, patient.id, "clinic:consult")
    entry = stations.call_next(store, "clinic:consult")
    first = stations.open_encounter_for(store, entry)
    encounters.cancel(store, first.id, REASON)
    again = stations.open_encounter_for(store, store.get(stations.QueueEntry, "queue", entry.id))
    assert again.id != first.id and again.status == EncounterStatus.OPEN


def _run(db, *args, lang="es"):
    from click.testing import CliRunner

    from ayni.cli import main

    return CliRunner().invoke(main, ["--db", str(db), "--lang", lang, *args])


def test_ayni_encounters_cancel_takes_the_id_or_its_first_characters(tmp_path, patient_form):
    from ayni.core.people import patients

    db = tmp_path / "a.db"
    store = open_store(db, user="dra", plugins=default_plugins())
    rosa = patients.register(store, patient_form())
    mistaken = encounters.open_encounter(store, rosa.id, "general", "consultation")
    store.close()
    short = _run(db, "encounters", "cancel", mistaken.id[:8], "--reason", "x")
    assert short.exit_code == 1 and "Traceback" not in short.output
    assert "--reason: escriba por qué se anula (4 a 200 caracteres)" in short.stderr
    unknown = _run(db, "encounters", "cancel", "ffffffff", "--reason", REASON, lang="en")
    assert "REF: there is no encounter «ffffffff»; give the reference the encounter and the history show" in unknown.stderr
    done = _run(db, "encounters", "cancel", mistaken.id[:8], "--reason", REASON)
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith(f"Atención {mistaken.id[:8]} anulada (1 Rosa Elena Núñez Quispe, Medicina general, ")
    store = open_store(db, user="dra", plugins=default_plugins())
    assert store.get(encounters.Encounter, "encounters", mistaken.id).cancel_reason == REASON
    store.close()
    again = _run(db, "encounters", "cancel", mistaken.id, "--reason", REASON)
    assert again.exit_code == 1 and "ya está «anulada»" in again.stderr


def test_the_history_shows_it_as_cancelled_with_its_reason(store, mistaken):
    import io

    from pypdf import PdfReader

    from ayni.core.documents.reports.history import render_history

    encounters.cancel(store, mistaken.id, REASON)
    data = render_history(store, mistaken.patient_id, "es")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert f"anulada: {REASON}" in text
