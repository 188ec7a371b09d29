"""With access control on, a reduction or waiver is approved in person: the approver (a coordinator
or admin) types their own PIN at the cashier's desk, which is checked and counted like a login
without logging them in. Without access control a name is enough, as before."""

from __future__ import annotations

import json

import pytest

from ayni.core import ValidationError
from ayni.core.clinical import encounters as enc
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.money import cashier
from ayni.core.people import users as accounts
from ayni.core.people.users import AccessDenied


@pytest.fixture
def desk(store, campaign, patient):
    """An admin, a coordinator, a registration clerk and a cashier; Rosa's S/ 25.50 consultation
    waiting to be paid; the cashier logged in."""
    accounts.add(store, "Ana", "admin", "1234")
    accounts.login(store, "Ana", "1234")
    accounts.add(store, "Coord", "coordinator", "2468")
    accounts.add(store, "Reg", "registration", "1111")
    accounts.add(store, "Doc", "clinician:clinic", "3333")
    accounts.add(store, "Caja", "cashier", "5555")
    accounts.login(store, "Doc", "3333")
    e = enc.open_encounter(store, patient.id, "clinic", "consult")
    enc.save(store, e.id, procedures=[ProcedureEntry("clinic.consult"), ProcedureEntry("clinic.wound")])
    accounts.login(store, "Caja", "5555")
    return e.id


def coordinator(store) -> accounts.Account:
    return next(a for a in accounts.accounts(store) if a.user.name == "Coord")


def test_a_waiver_needs_the_approvers_own_pin(store, desk, row_counts):
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        cashier.pay(store, desk, "waiver", reason="adulto mayor", approved_by="Coord")
    assert caught.value.fields() == {"approver_pin"}
    assert "PIN de quien autoriza: quien autoriza (coordinación o administración)" in caught.value.message("es")
    assert "Approver's PIN: the approver (a coordinator or admin) types their own PIN" in caught.value.message("en")
    assert row_counts() == before


def test_the_right_pin_approves_without_logging_the_approver_in(store, desk):
    payment = cashier.pay(store, desk, "sliding", level="0.50", approved_by="Coord", approver_pin="2468")
    assert payment.approved_by == coordinator(store).user.id
    assert payment.received_by == store.user.id and store.session.user.name == "Caja"
    assert cashier.receipt_context(store, payment.id)["approved_by"] == "Coord"


def test_a_wrong_pin_is_refused_counted_and_audited_as_typed_by_the_cashier(store, desk, row_counts):
    payments_before = row_counts()["payments"]
    with pytest.raises(AccessDenied) as caught:
        cashier.pay(store, desk, "waiver", reason="adulto mayor", approved_by="Coord", approver_pin="0000")
    assert caught.value.key == "wrong_pin"
    assert "PIN incorrecto para Coord: quedan 4 intentos" in caught.value.message("es")
    assert row_counts()["payments"] == payments_before
    assert coordinator(store).failed_attempts == 1
    [entry] = [e for e in store.audit(record_id=coordinator(store).user.id) if e["action"] == "wrong_pin"]
    assert entry["user_id"] == store.user.id  # the cashier's desk typed it
    assert "0000" not in json.dumps(entry)


def test_wrong_approver_pins_lock_the_approver_like_logins(store, desk):
    for _ in range(accounts.MAX_ATTEMPTS):
        with pytest.raises(AccessDenied):
            cashier.pay(store, desk, "waiver", reason="adulto mayor", approved_by="Coord", approver_pin="0000")
    with pytest.raises(AccessDenied) as caught:
        cashier.pay(store, desk, "waiver", reason="adulto mayor", approved_by="Coord", approver_pin="2468")
    assert caught.value.key == "locked"
    assert store.db["payments"].count == 0


@pytest.mark.parametrize(("name", "pin", "key", "fragment"), [
    ("Reg", "1111", "forbidden", "«autorizar rebajas y exoneraciones» requiere el rol administración o coordinación"),
    ("Caja", "5555", "forbidden", "Caja tiene el rol caja"),
    ("Dra. Peña", "1234", "unknown_user", "No hay ningún usuario activo «Dra. Peña»"),
])
def test_only_an_active_coordinator_or_admin_approves(store, desk, name, pin, key, fragment):
    with pytest.raises(AccessDenied) as caught:
        cashier.pay(store, desk, "waiver", reason="adulto mayor", approved_by=name, approver_pin=pin)
    assert caught.value.key == key and fragment in caught.value.message("es")
    assert store.db["payments"].count == 0


def test_a_full_payment_needs_no_approver(store, desk):
    assert cashier.pay(store, desk, "full").approved_by == ""


def test_without_access_control_a_name_is_enough(store, campaign, patient):
    e = enc.open_encounter(store, patient.id, "clinic", "consult")
    enc.save(store, e.id, procedures=[ProcedureEntry("clinic.consult")])
    assert cashier.pay(store, e.id, "waiver", reason="sin ingresos", approved_by="Dra. Peña").approved_by == "Dra. Peña"
