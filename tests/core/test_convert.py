"""Records to rows and back: exact round trips, and strict structuring whose errors name the field."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import attrs
import cattrs
import pytest

from ayni.core import (
    Campaign, Diagnosis, Encounter, EncounterStatus, FormData, Guardian, Identifier, IdKind, Patient, Payment,
    Procedure, Sex, Site, User,
)
from ayni.core.storage.convert import converter, describe, from_row, to_row

LIMA_MORNING = dt.datetime(2026, 11, 23, 13, 5, tzinfo=dt.timezone.utc)

RECORDS = [
    User(id="u1", name="Dra. Peña", role="dentist", created_at=LIMA_MORNING),
    Site(id="s1", name="I.E. 50123", community="Chinchero", region="Cusco"),
    Campaign(id="c1", name="Campaña", kind="dental", start_date=dt.date(2026, 11, 21), end_date=dt.date(2026, 11, 23),
             site_id="s1"),
    Patient(id="p1", given_names="Luz", paternal_surname="Ñahui", maternal_surname="", sex=Sex.FEMALE,
            birth_date=dt.date(2017, 1, 9), birth_date_estimated=True,
            identifiers=(Identifier(IdKind.CEDULA_VE, "V-12345678"), Identifier(IdKind.PASSPORT, "X1234567")),
            guardian=Guardian("Marcelina Mamani", "madre", "984 123 456"), created_at=LIMA_MORNING, number=7),
    Patient(id="p2", given_names="Ana", paternal_surname="Q", maternal_surname="R", sex=Sex.OTHER, birth_date=None),
    Encounter(id="e1", patient_id="p1", campaign_id="c1", specialty="dental", station="chair",
              status=EncounterStatus.CLOSED, opened_at=LIMA_MORNING, closed_at=LIMA_MORNING, closed_by="u1"),
    FormData(id="f1", encounter_id="e1", form_key="dental.exam", version=3,
             data={"teeth": [11, 85], "note": "caries «profunda»", "od": {"sph": "-1.25"}}, revision=2),
    Procedure(id="pr1", encounter_id="e1", code="dental.extraction", fee=Decimal("35.50"), detail={"tooth": 85},
              quantity=2),
    Diagnosis(id="d1", encounter_id="e1", code="K02.1", is_primary=True),
    Payment(id="pay1", encounter_id="e1", suggested=Decimal("71.00"), amount=Decimal("17.75"), kind="sliding",
            level=Decimal("0.25"), approved_by="u1"),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_records_round_trip_through_rows(record):
    row = to_row(record)
    assert all(v is None or isinstance(v, (str, int)) for v in row.values()), row
    assert from_row(type(record), row) == record


def test_rows_store_money_in_centimos_times_in_utc_and_json_as_text():
    payment, patient, encounter = RECORDS[-1], RECORDS[3], RECORDS[5]
    assert (to_row(payment)["amount"], to_row(payment)["suggested"]) == (1775, 7100)
    assert to_row(encounter)["opened_at"] == "2026-11-23T13:05:00+00:00"
    lima = dt.datetime(2026, 11, 23, 8, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert to_row(attrs.evolve(encounter, opened_at=lima))["opened_at"] == "2026-11-23T13:05:00+00:00"
    row = to_row(patient)
    assert json.loads(row["guardian"]) == {"name": "Marcelina Mamani", "phone": "984 123 456", "relationship": "madre"}
    assert row["sex"] == "F" and row["birth_date"] == "2017-01-09" and row["birth_date_estimated"] is True
    assert "«profunda»" in to_row(RECORDS[6])["data"]  # readable, not \u-escaped


def test_money_read_back_is_decimal():
    back = from_row(Payment, to_row(RECORDS[-1]))
    assert type(back.amount) is Decimal and str(back.amount) == "17.75"


def test_booleans_come_back_from_sqlite_integers():
    row = {**to_row(RECORDS[8]), "is_primary": 1}
    assert from_row(Diagnosis, row).is_primary is True
    assert from_row(Diagnosis, {**row, "is_primary": 0}).is_primary is False


def test_extra_columns_are_ignored():
    row = {**to_row(RECORDS[4]), "identifier_numbers": "", "rowid": 3}
    assert from_row(Patient, row) == RECORDS[4]


def failure(cls, data) -> list[str]:
    with pytest.raises(cattrs.BaseValidationError) as caught:
        converter.structure(data, cls)
    return describe(caught.value)


def user_data(**changes):
    return {**converter.unstructure(RECORDS[0]), **changes}


def test_none_is_not_a_string():
    [line] = failure(User, user_data(name=None))
    assert line.endswith("@ $.name")


def test_a_float_is_not_an_integer_and_neither_is_a_bool():
    data = converter.unstructure(RECORDS[6])
    assert failure(FormData, {**data, "version": 3.9})[0].endswith("@ $.version")
    assert failure(FormData, {**data, "revision": True})[0].endswith("@ $.revision")
    assert failure(FormData, {**data, "revision": "2"})[0].endswith("@ $.revision")


def test_a_string_is_not_a_bool():
    data = converter.unstructure(RECORDS[8])
    assert failure(Diagnosis, {**data, "is_primary": "yes"})[0].endswith("@ $.is_primary")


def test_a_string_is_not_a_list():
    @attrs.frozen
    class Tags:
        names: list[str]
        codes: tuple[str, ...] = ()

    assert converter.structure({"names": ["a", "b"], "codes": ["x"]}, Tags) == Tags(["a", "b"], ("x",))
    assert failure(Tags, {"names": "abc"})[0].endswith("@ $.names")
    assert failure(Tags, {"names": [], "codes": "xyz"})[0].endswith("@ $.codes")
    assert failure(Tags, {"names": [1]})[0].endswith("@ $.names[0]")


def test_nested_errors_name_the_whole_path():
    data = converter.unstructure(RECORDS[3])
    data["identifiers"] = [{"kind": "dni", "value": "45678912"}, {"kind": "dni", "value": None}]
    assert failure(Patient, data)[0].endswith("@ $.identifiers[1].value")
    data = converter.unstructure(RECORDS[3])
    data["guardian"] = {"name": 5}
    assert failure(Patient, data)[0].endswith("@ $.guardian.name")


def test_unknown_enum_values_and_float_money_are_refused():
    data = converter.unstructure(RECORDS[3])
    assert failure(Patient, {**data, "sex": "Q"})[0].endswith("@ $.sex")
    payment = converter.unstructure(RECORDS[-1])
    assert failure(Payment, {**payment, "amount": 17.75})[0].endswith("@ $.amount")


def test_every_bad_field_is_named_at_once():
    lines = failure(User, user_data(name=None, role=3))
    assert {line.rsplit("@ ", 1)[1] for line in lines} == {"$.name", "$.role"}


def test_describe_plain_errors():
    assert describe(ValueError("boom")) == ["boom"]
