"""Surgery at the theatre door: «En sala» only once the WHO «Entrada» is done (the refusal names what
is missing), the «Entrada» answered once the pre-op is done, and operation times no later than now
(Lima) on the operating day."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core import ValidationError
from ayni.core.dates import format_date, lima
from ayni.plugins.surgery import cases
from ayni.plugins.surgery.cases import CaseStatus
from ayni.plugins.surgery.checklist import SIGN_IN

PREOP = {"asa": "I", "consent": "sí", "consent_witness": "Lic. Mamani", "anaesthesia_plan": "local"}
NOTE = {"procedure_performed": "surgery.inguinal_hernia_repair", "start_time": "09:10", "end_time": "10:25"}
SIGNED_IN = {item.key: "yes" if item.confirm else "no" for item in SIGN_IN.items}


@pytest.fixture
def preop_done(store, campaign, patient):
    """A hernia repair listed on the campaign's second day with its pre-op done."""
    case = cases.create_case(store, patient.id, {"procedure": "surgery.inguinal_hernia_repair"},
                             campaign_id=campaign.id)
    cases.schedule(store, case.id, {"day": (campaign.start_date + dt.timedelta(days=1)).isoformat(),
                                    "theatre": "q1", "surgeon": "Dr. Smith"})
    cases.save_form(store, case.id, "surgery.preop", PREOP)
    return cases.advance(store, case.id)


def _refused(call, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        call(*args, **kwargs)
    return refused.value


def test_going_in_theatre_before_the_sign_in_is_refused_naming_what_is_missing(store, preop_done, row_counts):
    before = row_counts()
    refused = _refused(cases.advance, store, preop_done.id)
    assert refused.message("es").startswith(
        "Lista de verificación de la seguridad de la cirugía (OMS): complete la «Entrada» antes de pasar el caso "
        "a «En sala»; falta: «El paciente confirmó su identidad, el sitio, el procedimiento y su consentimiento», ")
    assert refused.message("en").startswith("WHO Surgical Safety Checklist: complete the «Sign in» before the case "
                                            "goes «In theatre»; missing: ")
    assert row_counts() == before
    assert cases.get_case(store, preop_done.id).status == CaseStatus.PREOP_DONE


def test_only_the_items_still_missing_are_named(store, preop_done):
    cases.record_checklist(store, preop_done.id, "sign_in", {**SIGNED_IN, "pulse_oximeter": "no"})
    refused = _refused(cases.advance, store, preop_done.id)
    assert refused.message("es") == ("Lista de verificación de la seguridad de la cirugía (OMS): complete la "
                                     "«Entrada» antes de pasar el caso a «En sala»; falta: «Pulsioxímetro colocado y "
                                     "funcionando».")


def test_the_sign_in_done_before_theatre_lets_the_case_in(store, preop_done):
    cases.record_checklist(store, preop_done.id, "sign_in", SIGNED_IN)
    assert cases.advance(store, preop_done.id).status == CaseStatus.IN_THEATRE
    assert [p.key for p in cases.missing_phases(store, preop_done.id)] == ["time_out", "sign_out"]


@pytest.fixture
def in_theatre(store, preop_done):
    cases.record_checklist(store, preop_done.id, "sign_in", SIGNED_IN)
    return cases.advance(store, preop_done.id)


def _at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), lima())


def test_an_operation_time_later_than_now_is_refused_naming_the_field_and_the_limit(store, in_theatre, row_counts):
    now = _at(in_theatre.day, 10, 0)
    before = row_counts()
    refused = _refused(cases.save_form, store, in_theatre.id, "surgery.operative_note", NOTE, now=now)
    day = format_date(in_theatre.day, "es")
    assert refused.message("es") == (f"Hora de término: 10:25 del {day} es posterior a ahora; debe ser a más tardar "
                                     f"{day}, 10:00 (hora de Lima).")
    assert refused.errors[0].field == "end_time"
    assert "is later than now; it must be no later than" in refused.message("en")
    assert row_counts() == before
    saved = cases.save_form(store, in_theatre.id, "surgery.operative_note", NOTE, now=_at(in_theatre.day, 10, 25))
    assert (saved["start_time"], saved["end_time"]) == ("09:10", "10:25")


def test_both_times_later_than_now_are_refused_together(store, in_theatre):
    refused = _refused(cases.save_form, store, in_theatre.id, "surgery.operative_note", NOTE,
                       now=_at(in_theatre.day, 8, 0))
    assert [e.field for e in refused.errors] == ["start_time", "end_time"]


def test_a_note_for_an_operating_day_still_to_come_is_refused(store, in_theatre):
    day_before = in_theatre.day - dt.timedelta(days=1)
    refused = _refused(cases.save_form, store, in_theatre.id, "surgery.operative_note", NOTE,
                       now=_at(day_before, 23, 0))
    assert "Hora de inicio: 09:10 del" in refused.message("es")


def test_a_note_for_an_earlier_day_takes_any_time(store, in_theatre):
    saved = cases.save_form(store, in_theatre.id, "surgery.operative_note", {**NOTE, "end_time": "23:59"},
                            now=_at(in_theatre.day + dt.timedelta(days=1), 0, 5))
    assert saved["end_time"] == "23:59"
