"""Who may send records out and bring patients in: with access control on, exporting needs the right
to read clinical notes and importing the right to register; a refusal writes nothing."""

from __future__ import annotations

import json

import pytest

from ayni.cli.demo import seed
from ayni.core.exchange import fhir
from ayni.core.exchange.fhirimport import import_patients
from ayni.core.people import patients
from ayni.core.people import users as accounts
from ayni.core.people.users import AccessDenied

from fhirkit import TODAY

PINS = {"Ana": "1234", "Doc": "3333", "Reg": "1111", "Caja": "5555"}


@pytest.fixture
def guarded(tmp_path, store_files):
    """A small demo campaign with accounts: an admin, a general clinician, a registration clerk, a cashier."""
    store = store_files.open(tmp_path / "ayni.db")
    summary = seed(store, patients=8, today=TODAY)
    accounts.add(store, "Ana", "admin", PINS["Ana"])
    accounts.login(store, "Ana", PINS["Ana"])
    for name, role in (("Doc", "clinician:general"), ("Reg", "registration"), ("Caja", "cashier")):
        accounts.add(store, name, role, PINS[name])
    accounts.logout(store)
    yield store, summary.campaign.id
    store.close()


def _login(store, name):
    accounts.login(store, name, PINS[name])


def test_a_cashier_cannot_export_and_nothing_is_written(guarded):
    store, campaign_id = guarded
    _login(store, "Caja")
    with pytest.raises(AccessDenied) as refused:
        fhir.campaign_bundle(store, campaign_id)
    assert refused.value.message("es") and refused.value.message("en")
    assert not [a for a in store.audit() if a["action"] == "fhir_export"]


def test_a_clinician_exports_and_the_audit_log_names_them(guarded, tmp_path):
    store, campaign_id = guarded
    _login(store, "Doc")
    count = fhir.export(store, fhir.campaign_bundle(store, campaign_id), tmp_path / "campana.json")
    (audited,) = [a for a in store.audit() if a["action"] == "fhir_export"]
    assert audited["user_id"] == store.user.id and json.loads(audited["data"])["resources"] == count


def test_only_who_registers_imports_patients(guarded):
    store, _ = guarded
    bundle = json.dumps({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {
        "resourceType": "Patient", "name": [{"family": "Ccori", "given": ["Luz"]}], "gender": "female",
        "birthDate": "1990-01-02"}}]})
    before = patients.count(store)
    _login(store, "Caja")
    with pytest.raises(AccessDenied):
        import_patients(store, bundle, today=TODAY)
    assert patients.count(store) == before
    accounts.logout(store)
    _login(store, "Reg")
    assert [p.full_name for p in import_patients(store, bundle, today=TODAY).registered] == ["Luz Ccori"]
