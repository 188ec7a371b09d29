"""Merging two records of one person: everything of the duplicate found through the kept one, search
showing only the kept one, the merge undone to exactly as before, and every refused merge writing nothing."""

from __future__ import annotations

import pytest

from ayni.core import of_same_person, stock
from ayni.core.clinical import encounters, referrals
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.documents.reports.history import patient_history
from ayni.core.money import cashier
from ayni.core.people import merges, patients
from ayni.core.people import users as accounts
from ayni.core.people.users import AccessDenied
from ayni.core.storage.auditlog import entries

TWIN = {"given_names": "Rosa Elena", "paternal_surname": "Nunez", "maternal_surname": "Quispe", "sex": "F",
        "age_years": "52", "id_kind": "ce", "id_number": "CE1234567", "community": "Chinchero"}


@pytest.fixture
def twin(store, patient, campaign):
    """A second record of :data:`ADULT` (no accents, an estimated age, a CE) with a paid consultation,
    a referral and a dispensed medicine of its own."""
    twin = patients.register(store, TWIN)
    visit = encounters.open_encounter(store, twin.id, "general", "consultation")
    encounters.save(store, visit.id, procedures=[ProcedureEntry("general.consultation")])
    cashier.pay(store, visit.id, "full")
    referrals.refer(store, visit.id, "hospital:Hospital Regional", "Control")
    stock.receive(store, "general.ors", 10)
    stock.dispense(store, visit.id, "general.ors", 2)
    return twin


def _seen(store, patient_id) -> dict:
    """Everything of a person the screens and documents find from one id."""
    _, history = patient_history(store, patient_id)
    visits = [v for group in history for v in group.visits]
    return {
        "encounters": sorted(e.id for e in encounters.of_patient(store, patient_id)),
        "history": sorted(v.encounter.id for v in visits),
        "payments": sorted(v.payment.id for v in visits if v.payment),
        "dispensed": sorted(n for v in visits for _, n in stock.dispensed(store, v.encounter.id)),
        "referrals": sorted(r.id for v in visits for r in referrals.of_encounter(store, v.encounter.id)),
        "audit": sorted(e.id for e in entries(store, patient_id=patient_id)),
    }


def test_merge_finds_everything_through_the_kept_one_and_undo_restores_it(store, patient, twin):
    kept_before, twin_before = _seen(store, patient.id), _seen(store, twin.id)
    assert kept_before["encounters"] == [] and len(twin_before["payments"]) == 1

    merges.merge(store, patient.id, twin.id)
    merged = _seen(store, patient.id)
    for key in ("encounters", "history", "payments", "dispensed", "referrals"):
        assert merged[key] == sorted(kept_before[key] + twin_before[key]), key
    assert set(twin_before["audit"]) <= set(merged["audit"])
    assert patient_history(store, twin.id)[0].id == patient.id  # a merged record's history is the kept one's
    assert store.row("patients", twin.id)["merged_into"] == patient.id  # the duplicate stays, marked
    assert store.db.execute(f"SELECT count(*) FROM encounters WHERE {of_same_person()}",
                            [twin.id]).fetchone()[0] == 1

    assert [p.id for p in patients.search(store, "rosa nu")] == [patient.id]
    assert [p.id for p in patients.search(store, "CE1234567")] == [patient.id]  # the merged one's document
    assert [p.id for p in patients.search(store, str(twin.number))] == [patient.id]  # and its number
    assert [e["action"] for e in store.audit(twin.id)][-1] == "merge"

    merges.unmerge(store, twin.id)
    assert _seen(store, patient.id)["encounters"] == kept_before["encounters"]
    assert _seen(store, twin.id)["payments"] == twin_before["payments"]
    assert {p.id for p in patients.search(store, "rosa")} == {patient.id, twin.id}
    assert [e["action"] for e in store.audit(twin.id)][-2:] == ["merge", "unmerge"]
    assert all(e["user_id"] == store.user.id for e in store.audit(twin.id))


def _refused(store, row_counts, keep, duplicate, error=merges.MergeError, match=None):
    before = row_counts()
    with pytest.raises(error, match=match):
        merges.merge(store, keep, duplicate)
    assert row_counts() == before


def test_merging_into_itself_is_refused(store, patient, row_counts):
    _refused(store, row_counts, patient.id, patient.id, match="itself")


def test_merging_into_an_already_merged_record_or_a_merged_one_again_is_refused(store, patient, twin, row_counts):
    third = patients.register(store, {**TWIN, "id_kind": "none", "id_number": ""})
    merges.merge(store, patient.id, twin.id)
    _refused(store, row_counts, twin.id, third.id, match="already merged into No. 1")
    _refused(store, row_counts, third.id, twin.id, match="already merged")


def test_a_chain_is_refused_the_kept_one_cannot_be_merged_away(store, patient, twin, row_counts):
    third = patients.register(store, {**TWIN, "id_kind": "none", "id_number": ""})
    merges.merge(store, patient.id, twin.id)
    _refused(store, row_counts, third.id, patient.id, match="has records merged into it")


def test_the_database_itself_refuses_a_chain(store, patient, twin):
    merges.merge(store, patient.id, twin.id)
    third = patients.register(store, {**TWIN, "id_kind": "none", "id_number": ""})
    with pytest.raises(Exception, match="never into itself or a merged one"):
        store.db.execute("UPDATE patients SET merged_into = ? WHERE id = ?", [twin.id, third.id])


def test_unknown_records_and_undoing_what_is_not_merged_are_refused(store, patient, row_counts):
    _refused(store, row_counts, patient.id, "no-such-id", match="no patient")
    before = row_counts()
    with pytest.raises(merges.MergeError, match="not merged"):
        merges.unmerge(store, patient.id)
    assert row_counts() == before


def test_a_clinician_may_not_merge_a_coordinator_may(store, patient, twin, row_counts):
    accounts.add(store, "admin", accounts.ADMIN, "1234")
    accounts.login(store, "admin", "1234")
    accounts.add(store, "dra", "clinician:general", "1234")
    accounts.add(store, "coord", accounts.COORDINATOR, "1234")
    accounts.login(store, "dra", "1234")
    _refused(store, row_counts, patient.id, twin.id, AccessDenied, match="coordinator")
    accounts.login(store, "coord", "1234")
    merges.merge(store, patient.id, twin.id)
    assert merges.merged_records(store, patient.id)[0].id == twin.id
