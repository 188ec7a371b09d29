"""Users, roles and PINs: access control is off until the first account, then enforced in the core.

Every refusal is checked in Spanish and English, and against the row counts (nothing written)."""

from __future__ import annotations

import datetime as dt

import pytest

from ayni.core.clinical import encounters
from ayni.core.money import payments
from ayni.core.people import patients
from ayni.core.people import users as accounts
from ayni.core.people.users import AccessDenied

VITALS = {"weight": "61.5", "height": "158", "systolic": "120", "diastolic": "80"}
NOTE = {"complaint": "Dolor de cabeza"}


@pytest.fixture
def team(store, campaign, patient):
    """An admin, a registration clerk, a triage nurse, a clinic clinician, a dentist and a cashier."""
    accounts.add(store, "Ana", "admin", "1234")
    accounts.login(store, "Ana", "1234")
    for name, role, pin in (("Reg", "registration", "1111"), ("Nurse", "triage", "2222"),
                            ("Doc", "clinician:clinic", "3333"), ("Dent", "clinician:dental", "4444"),
                            ("Caja", "cashier", "5555")):
        accounts.add(store, name, role, pin)
    accounts.logout(store)
    return {"Ana": "1234", "Reg": "1111", "Nurse": "2222", "Doc": "3333", "Dent": "4444", "Caja": "5555"}


def as_(store, name, team):
    accounts.login(store, name, team[name])


def refused(call, key: str, *fragments_es_en) -> AccessDenied:
    with pytest.raises(AccessDenied) as caught:
        call()
    error = caught.value
    assert error.key == key
    es, en = error.message("es"), error.message("en")
    for fragment in fragments_es_en[:len(fragments_es_en) // 2]:
        assert fragment in es, es
    for fragment in fragments_es_en[len(fragments_es_en) // 2:]:
        assert fragment in en, en
    return error


# -- PINs --------------------------------------------------------------------------------------


def test_pins_are_stored_as_salted_scrypt_hashes(store):
    first, second = accounts.hash_pin("1234"), accounts.hash_pin("1234")
    assert first != second  # a new salt each time
    assert first.startswith(f"scrypt${accounts.SCRYPT_N}${accounts.SCRYPT_R}${accounts.SCRYPT_P}$")
    assert "1234" not in first.split("$", 4)[-1]
    assert accounts.pin_matches("1234", first) and not accounts.pin_matches("1235", first)
    assert not accounts.pin_matches("1234", "garbage")


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", " 1234"])
def test_a_pin_is_4_to_8_digits(store, pin, row_counts):
    before = row_counts()
    with pytest.raises(accounts.ValidationError) as caught:
        accounts.add(store, "Ana", "admin", pin)
    assert "de 4 a 8 dígitos" in caught.value.message("es")
    assert "4 to 8 digits" in caught.value.message("en")
    assert row_counts() == before


def test_the_pin_never_reaches_the_audit_log(store, team):
    text = " ".join(str(r) for r in store.db["audit_log"].rows)
    assert "scrypt$" not in text and "pin_hash" not in text


# -- access control on and off ----------------------------------------------------------------


def test_without_accounts_everything_is_allowed_as_before(store, campaign, patient):
    assert not accounts.access_control_on(store.db)
    encounter = encounters.open_encounter(store, patient.id, "clinic", "consult")
    encounters.save(store, encounter.id, forms={"clinic.note": NOTE})
    assert encounters.close(store, encounter.id).forms["clinic.note"].data == NOTE


def test_the_first_account_must_be_an_admin(store, row_counts):
    before = row_counts()
    refused(lambda: accounts.add(store, "Rosa", "cashier", "1234"), "first_admin", "admin", "admin")
    assert row_counts() == before
    accounts.add(store, "Ana", "admin", "1234")
    assert accounts.access_control_on(store.db)


def test_once_on_nothing_is_written_without_logging_in(store, team, patient_form, row_counts):
    before = row_counts()
    refused(lambda: patients.register(store, patient_form(id_number="11112222")), "login_required",
            "Inicie sesión", "Log in")
    refused(lambda: accounts.add(store, "Eve", "admin", "9999"), "login_required", "Inicie sesión", "Log in")
    assert row_counts() == before


def test_an_unknown_name_opening_the_store_is_not_created(store, team, tmp_path, plugins):
    from ayni.core import open_store

    other = open_store(store.path, user="intruso", plugins=plugins)
    try:
        assert other.user.id == "" and other.user.role == ""
        assert not store.db["users"].count_where("name = ?", ["intruso"])
    finally:
        other.close()


# -- roles ------------------------------------------------------------------------------------


def test_only_a_clinician_of_the_specialty_saves_and_signs(store, team, patient, row_counts):
    as_(store, "Doc", team)
    encounter = encounters.open_encounter(store, patient.id, "clinic", "consult")
    before = row_counts()
    for name in ("Dent", "Caja", "Reg"):
        as_(store, name, team)
        refused(lambda: encounters.save(store, encounter.id, forms={"clinic.note": NOTE}), "forbidden",
                "guardar una atención", "clínico de Clínica", "save an encounter", "Clinic clinician")
        refused(lambda: encounters.close(store, encounter.id), "forbidden",
                "cerrar y firmar", f"{name} tiene el rol", "close and sign", f"{name} has the role")
    assert row_counts()["form_data"] == before["form_data"]
    assert row_counts()["encounters"] == before["encounters"]
    assert store.db.execute("SELECT status FROM encounters WHERE id = ?", [encounter.id]).fetchone()[0] == "open"
    as_(store, "Doc", team)
    encounters.save(store, encounter.id, forms={"clinic.note": NOTE})
    assert encounters.close(store, encounter.id).encounter.closed_by == store.user.id


def test_the_triage_nurse_saves_at_triage_but_not_a_consultation(store, team, patient, row_counts):
    as_(store, "Nurse", team)
    triage = encounters.open_encounter(store, patient.id, "clinic", "triage")
    encounters.save(store, triage.id, forms={"clinic.vitals": VITALS})
    encounters.close(store, triage.id)
    before = row_counts()
    refused(lambda: encounters.open_encounter(store, patient.id, "clinic", "consult"), "forbidden",
            "abrir una atención", "enfermería de triaje (en triaje)", "open an encounter", "triage nurse (at triage)")
    assert row_counts() == before


def test_a_cashier_sees_fees_but_not_clinical_notes(store, team, patient):
    as_(store, "Doc", team)
    encounter = encounters.open_encounter(store, patient.id, "clinic", "consult")
    encounters.save(store, encounter.id, forms={"clinic.note": NOTE},
                    procedures=[encounters.ProcedureEntry("clinic.consult")], diagnoses=["I10"])
    assert encounters.get_encounter_record(store, encounter.id).form("clinic.note") == NOTE
    as_(store, "Caja", team)
    visit = encounters.get_encounter_record(store, encounter.id)
    assert visit.forms == {} and visit.diagnoses == ()
    assert [p.code for p in visit.procedures] == ["clinic.consult"] and str(visit.suggested_total) == "10.00"
    assert payments.record(store, encounter.id, "full").amount == visit.suggested_total


def test_only_the_cashier_records_payments(store, team, patient, row_counts):
    as_(store, "Doc", team)
    encounter = encounters.open_encounter(store, patient.id, "clinic", "consult")
    encounters.save(store, encounter.id, procedures=[encounters.ProcedureEntry("clinic.consult")])
    before = row_counts()
    refused(lambda: payments.record(store, encounter.id, "full"), "forbidden", "registrar pagos", "rol caja",
            "record payments", "role cashier")
    assert row_counts() == before


def test_only_an_admin_manages_users(store, team, row_counts):
    as_(store, "Doc", team)
    before = row_counts()
    refused(lambda: accounts.add(store, "Eve", "cashier", "9999"), "forbidden", "gestionar usuarios",
            "administración", "manage users", "admin")
    refused(lambda: accounts.disable(store, "Caja"), "forbidden", "gestionar usuarios", "manage users")
    assert row_counts() == before


def test_unknown_roles_are_refused_naming_the_allowed_ones(store, team):
    as_(store, "Ana", team)
    with pytest.raises(accounts.ValidationError) as caught:
        accounts.add(store, "Eve", "clinician:astrology", "9999")
    assert "clinician:clinic" in caught.value.message("es") and "cashier" in caught.value.message("en")


# -- login, lock, disable -----------------------------------------------------------------------


def test_five_wrong_pins_lock_the_account_for_a_while(store, team):
    now = dt.datetime(2026, 5, 14, 15, 0, tzinfo=dt.timezone.utc)
    for left in (4, 3, 2, 1):
        refused(lambda: accounts.login(store, "Caja", "0000", now=now), "wrong_pin",
                "queda 1 intento antes" if left == 1 else f"quedan {left} intentos antes",
                "1 attempt left" if left == 1 else f"{left} attempts left")
    refused(lambda: accounts.login(store, "Caja", "0000", now=now), "locked", "bloqueada", "hasta las 10:15",
            "locked", "until 10:15")
    later = now + dt.timedelta(minutes=accounts.LOCK_MINUTES - 1)
    refused(lambda: accounts.login(store, "Caja", "5555", now=later), "locked", "bloqueada", "locked")
    assert store.session is None
    after = now + dt.timedelta(minutes=accounts.LOCK_MINUTES)
    assert accounts.login(store, "Caja", "5555", now=after).user.name == "Caja"
    actions = [r["action"] for r in store.db["audit_log"].rows_where("table_name = 'accounts'", order_by="id")]
    assert actions.count("wrong_pin") == 4 and actions.count("lock") == 1


def test_a_disabled_user_cannot_log_in_and_the_last_admin_stays(store, team, row_counts):
    as_(store, "Ana", team)
    accounts.disable(store, "Caja")
    refused(lambda: accounts.login(store, "Caja", "5555"), "unknown_user", "ningún usuario activo «Caja»",
            "no active user «Caja»")
    as_(store, "Ana", team)
    before = row_counts()
    refused(lambda: accounts.disable(store, "Ana"), "last_admin", "último admin", "last active admin")
    assert row_counts() == before
    states = {a.user.name: (a.has_pin, a.active) for a in accounts.accounts(store)}
    assert states["Caja"] == (True, False) and states["Ana"] == (True, True) and states["tester"] == (False, False)
