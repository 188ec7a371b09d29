"""Payments against the suggested total: full, sliding scale, waiver, in kind; Decimal throughout;
refusals write nothing."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from ayni.core import ValidationError
from ayni.core.clinical import encounters as enc
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.money import payments


@pytest.fixture
def encounter_id(store, campaign, patient):
    """An encounter with S/ 25.50 suggested: a consultation (10.00) and wound care (15.50)."""
    e = enc.open_encounter(store, patient.id, "clinic", "consult")
    enc.save(store, e.id, procedures=[ProcedureEntry("clinic.consult"), ProcedureEntry("clinic.wound")])
    return e.id


def refused(store, row_counts, encounter_id, **kw) -> ValidationError:
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        payments.record(store, encounter_id, **kw)
    assert row_counts() == before
    return caught.value


def money(*values):
    for value in values:
        assert type(value) is Decimal, value


def test_full_payment_is_the_suggested_total(store, encounter_id):
    p = payments.record(store, encounter_id, "full")
    money(p.suggested, p.amount)
    assert (p.suggested, p.amount, p.kind, p.method, p.approved_by) == (
        Decimal("25.50"), Decimal("25.50"), "full", "cash", "")
    again = enc.get_encounter_record(store, encounter_id).payment
    assert again == p
    money(again.suggested, again.amount)
    row = store.db["payments"].get(p.id)
    assert (row["suggested"], row["amount"]) == (2550, 2550)
    [entry] = store.audit(record_id=p.id)
    assert entry["user_id"] == store.user.id and json.loads(entry["data"])["amount"] == 2550


def test_full_payment_may_be_more_but_not_less(store, row_counts, encounter_id):
    error = refused(store, row_counts, encounter_id, kind="full", amount="20")
    assert error.message("en") == ("Amount paid: the full payment is S/ 25.50; to charge less use the sliding "
                                   "scale or a waiver.")
    assert payments.record(store, encounter_id, "full", amount="30").amount == Decimal("30.00")


@pytest.mark.parametrize(("level", "paid"), [("0.75", "19.13"), ("0.5", "12.75"), (Decimal("0.25"), "6.38"),
                                             (0.5, "12.75")])
def test_sliding_by_level(store, encounter_id, level, paid):
    p = payments.record(store, encounter_id, "sliding", level=level)
    money(p.amount, p.level)
    assert p.amount == Decimal(paid)
    assert p.approved_by == store.user.id
    assert enc.get_encounter_record(store, encounter_id).payment.level == Decimal(str(level))


@pytest.mark.parametrize("level", ["0.6", "1", "half", True, "NaN", "sNaN"])
def test_sliding_by_an_unknown_level_is_refused(store, row_counts, encounter_id, level):
    error = refused(store, row_counts, encounter_id, kind="sliding", level=level)
    assert error.message("es") == "Nivel de escala: elija una de: 0.75, 0.50, 0.25."


def test_sliding_by_amount_up_to_the_suggested_total(store, row_counts, encounter_id):
    error = refused(store, row_counts, encounter_id, kind="sliding", amount="25.51")
    assert error.message("es") == "Monto pagado: con escala reducida el monto debe estar entre S/ 0.00 y S/ 25.50."
    assert error.message("en") == "Amount paid: on the sliding scale the amount must be between S/ 0.00 and S/ 25.50."
    assert payments.record(store, encounter_id, "sliding", amount="25.50").amount == Decimal("25.50")
    assert payments.record(store, encounter_id, "sliding", amount="S/ 5", correction="cinco soles").amount == 5


@pytest.mark.parametrize(("amount", "key"), [("-1", "negative_fee"), (5.5, "bad_money"), (None, "bad_money"),
                                             ("1.234", "too_many_decimals")])
def test_sliding_with_a_bad_amount_is_refused(store, row_counts, encounter_id, amount, key):
    assert refused(store, row_counts, encounter_id, kind="sliding", amount=amount).errors[0].key == key


def test_a_waiver_needs_a_reason(store, row_counts, encounter_id):
    error = refused(store, row_counts, encounter_id, kind="waiver", reason="   ")
    assert error.message("es") == "Motivo: la exoneración necesita un motivo."
    assert error.message("en") == "Reason: a waiver needs a reason."
    p = payments.record(store, encounter_id, "waiver", reason=" adulto mayor sin ingresos ", approved_by="Dr. Soto")
    assert (p.amount, p.reason, p.approved_by) == (Decimal("0.00"), "adulto mayor sin ingresos", "Dr. Soto")
    money(p.amount)


def test_in_kind_needs_a_description(store, row_counts, encounter_id):
    error = refused(store, row_counts, encounter_id, kind="full", method="in_kind")
    assert error.message("en") == "In-kind description: describe what was received in kind."
    p = payments.record(store, encounter_id, "full", method="in_kind", in_kind_description="2 kg de papa")
    assert (p.method, p.in_kind_description) == ("in_kind", "2 kg de papa")


def test_every_payment_problem_is_reported_together(store, row_counts, encounter_id):
    error = refused(store, row_counts, encounter_id, kind="sliding", amount="99", method="in_kind")
    assert error.fields() == {"amount", "in_kind_description"}


@pytest.mark.parametrize(("kw", "field"), [({"kind": "gift"}, "kind"), ({"kind": "full", "method": "card"}, "method")])
def test_unknown_kind_or_method_is_refused(store, row_counts, encounter_id, kw, field):
    assert refused(store, row_counts, encounter_id, **kw).fields() == {field}


def test_a_correction_is_a_new_payment_and_the_first_stays(store, encounter_id):
    first = payments.record(store, encounter_id, "full")
    second = payments.record(store, encounter_id, "waiver", reason="adulto mayor", correction=" error  de caja ")
    assert enc.get_encounter_record(store, encounter_id).payment == second
    assert store.db["payments"].count == 2 and store.db["payments"].get(first.id)["amount"] == 2550
    [note] = [e for e in store.audit(record_id=second.id) if e["action"] == "correct"]
    assert json.loads(note["data"]) == {"replaces": first.id, "reason": "error de caja"}


@pytest.mark.parametrize("correction", ["", "   ", "x" * 201])
def test_a_second_payment_without_a_correction_reason_is_refused(store, row_counts, encounter_id, correction):
    payments.record(store, encounter_id, "full")
    error = refused(store, row_counts, encounter_id, kind="full", correction=correction)
    assert error.fields() == {"correction"}
    assert "ya está pagada (recibo N.º 000001)" in error.message("es")
    assert "already paid (receipt No. 000001)" in error.message("en") and "1 to 200 characters" in error.message("en")


def test_nothing_to_pay(store, campaign, patient):
    e = enc.open_encounter(store, patient.id, "clinic", "consult")
    enc.save(store, e.id, procedures=[ProcedureEntry("clinic.fluoride")])
    p = payments.record(store, e.id, "full")
    assert p.amount == Decimal("0.00") and type(p.amount) is Decimal
