"""NUL bytes and terminal escapes never reach the database: every text a person types, wherever it is
written (names, identifiers, users, campaigns, stock, payments, referrals, the day's closing), is
refused with a message naming the field and the character, and nothing is written."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ayni.cli import main
from ayni.core import ValidationError, default_plugins, open_store, stock
from ayni.core.campaign import campaigns
from ayni.core.clinical import encounters, referrals
from ayni.core.clinical.forms import clean_text, control_character_error
from ayni.core.dates import today_in_lima
from ayni.core.money import cashier, payments
from ayni.core.people import patients, users

ESCAPE = "Ana\x1b[31m"
HOSTILE = [ESCAPE, "Ana\x00", "Ana\x07", "Ana\u202e", "Ana\x9b2J", "A\rna"]


@pytest.fixture
def plugins():
    return default_plugins()  # the built-ins: a walker to receive, a consultation to refer from


@pytest.fixture
def visit(store, campaign, patient):
    """An open general consultation of the registered patient."""
    return encounters.open_encounter(store, patient.id, "general", "consultation")


def refused(row_counts, write, *args, **kw) -> ValidationError:
    """The refusal of ``write(*args, **kw)``, which must leave every table as it was."""
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        write(*args, **kw)
    assert row_counts() == before
    return caught.value


def test_the_one_check_refuses_and_says_which_character_and_where():
    error = control_character_error("name", None, ESCAPE)
    assert error.params == {"char": "U+001B", "position": 4}
    assert control_character_error("notes", None, "línea 1\n\tlínea 2", multiline=True) is None
    assert control_character_error("name", None, "línea 1\nlínea 2") is not None
    assert control_character_error("name", None, "Núñez Quispe, José-María O'Brien") is None
    errors = []
    assert clean_text("  Ana\x00 ", "name", None, errors) == "Ana\x00"  # refused, never silently stripped
    assert [e.key for e in errors] == ["control_character"]


@pytest.mark.parametrize("raw", HOSTILE)
@pytest.mark.parametrize("field", ["given_names", "paternal_surname", "community", "id_number", "guardian_name"])
def test_registration_refuses_control_characters_in_names_and_identifiers(store, row_counts, patient_form, field,
                                                                          raw):
    form = patient_form(**{field: raw if field != "id_number" else "4567891\x00"})
    error = refused(row_counts, patients.register, store, form)
    assert [e.key for e in error.errors] == ["control_character"]
    assert error.fields() == {field}


def test_user_names_are_refused_by_the_core_and_by_the_cli(tmp_path):
    store = open_store(tmp_path / "u.db", user="admin")
    with pytest.raises(ValidationError) as caught:
        users.add(store, ESCAPE, "admin", "1234")
    assert "Nombre: contiene un carácter de control (U+001B, posición 4)" in caught.value.message("es")
    store.close()
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "u.db"), "users", "add", ESCAPE, "--role", "admin"],
                                input="1234\n1234\n")
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "U+001B" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "c.db"), "--user", "Eve\x00", "--lang", "en",
                                       "init"])
    assert result.exit_code == 1 and "Name: contains a control character (U+0000" in result.output
    store = open_store(tmp_path / "c.db", user="admin")
    names = [u["name"] for u in store.db["users"].rows]  # the login name the CLI writes as, and admin
    assert names and not any(c in name for name in names for c in "\x1b\x00")
    store.close()


def test_a_login_with_an_escape_in_the_name_shows_it_escaped(store):
    users.add(store, "Ana", "admin", "1234")
    with pytest.raises(users.AccessDenied) as caught:
        users.login(store, "Eve\x1b[2J", "1234")
    assert "\x1b" not in caught.value.message("es") and "\\u001b" in caught.value.message("es")


def test_campaign_and_site_names_are_refused(store, row_counts):
    today = today_in_lima()
    error = refused(row_counts, campaigns.create, store, ESCAPE, "medical", today, today)
    assert error.fields() == {"name"}
    site = campaigns.new_site("Posta\x00", community="Chinchero")
    error = refused(row_counts, campaigns.create, store, "Campaña", "medical", today, today, site=site)
    assert error.fields() == {"site.name"}


def test_stock_lots_locations_attributes_and_notes_are_refused(store, row_counts):
    error = refused(row_counts, stock.receive, store, "physio.walker", 2, lot="L1\x1b", location="Almacén\x00",
                    attributes={"kind": "fixed\x07"})
    assert [e.field for e in error.errors] == ["lot", "location", "attributes"]
    lot = stock.receive(store, "physio.walker", 2, lot="L1", attributes={"kind": "fixed"})
    assert refused(row_counts, stock.adjust, store, lot.id, -1, "other", note="roto\x1b[0m").fields() == {"note"}
    assert refused(row_counts, stock.count, store, lot.id, 2, note="ok\x00").fields() == {"note"}


def test_payment_reasons_approvers_and_the_closing_note_are_refused(store, row_counts, visit):
    error = refused(row_counts, payments.record, store, visit.id, "waiver", reason="sin\x1b recursos",
                    approved_by="Dra\x00")
    assert [e.key for e in error.errors] == ["control_character", "control_character"]
    error = refused(row_counts, cashier.close_day, store, "0.00", note="cuadra\x1b[2J")
    assert error.fields() == {"note"}
    payments.record(store, visit.id, "waiver", reason="sin recursos")
    error = refused(row_counts, payments.record, store, visit.id, "full", correction="era otro\x1b[2J")
    assert error.fields() == {"correction"}


def test_referrals_keep_lines_in_notes_but_refuse_escapes(store, row_counts, visit):
    error = refused(row_counts, referrals.refer, store, visit.id, "surgery\x00", "H25.9")
    assert error.fields() == {"to"}
    error = refused(row_counts, referrals.refer, store, visit.id, "surgery", "H25.9", notes="ver\x1b[31m")
    assert error.fields() == {"notes"}
    referral = referrals.refer(store, visit.id, "surgery", "H25.9", notes="catarata OD\n\tcontrol en 1 mes")
    assert referral.notes == "catarata OD\n\tcontrol en 1 mes"


def test_a_procedure_detail_with_an_escape_is_refused(store, row_counts, visit):
    entry = encounters.ProcedureEntry("general.consultation", detail={"site": "brazo\x1b[31m"})
    error = refused(row_counts, encounters.save, store, visit.id, procedures=[entry])
    assert [e.key for e in error.errors] == ["control_character"]
