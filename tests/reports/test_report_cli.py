"""The coordinator's commands, run as a person would, on a real database file."""

from __future__ import annotations

import csv
import io
import re

import pytest
from click.testing import CliRunner

from ayni.cli import main
from reportkit import build_world


@pytest.fixture
def cli(tmp_path):
    """``cli(*args, lang="es")``: run ``ayni`` on a database holding the Ocongate campaigns."""
    from ayni.core import open_store

    path = tmp_path / "ayni.db"
    store = open_store(path, user="Lic. Teresa Quispe")
    world = build_world(store)
    store.close()

    def run(*args, lang="es"):
        return CliRunner().invoke(main, ["--db", str(path), "--lang", lang, "--user", "coord", *args])

    run.world = world
    run.tmp = tmp_path
    return run


def test_report_day_pdf_and_csv(cli, pdf_text):
    out = cli.tmp / "dia.pdf"
    result = cli("report", "day", "21/11/2026", "--format", "pdf", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Informe diario guardado: {out}"
    assert "3 pacientes atendidos" in re.sub(r"\s+", " ", pdf_text(out.read_bytes()))
    out = cli.tmp / "day.csv"
    result = cli("report", "day", "2026-11-22", "-o", str(out), lang="en")  # the format follows the file name
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert {r["value"] for r in rows if r["section"] == "headline" and r["code"] == "returning"} == {"3"}


def test_report_final(cli, pdf_text):
    out = cli.tmp / "final.pdf"
    result = cli("report", "final", "--campaign", cli.world.campaign.id[:8], "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Informe final de la campaña" in pdf_text(out.read_bytes())


@pytest.mark.parametrize("args, lang, message", [
    (("report", "day", "2026-13-01"), "es", "Fecha: «2026-13-01» no es una fecha válida"),
    (("report", "day", "2026-13-01"), "en", "Date: «2026-13-01» is not a valid date"),
    (("report", "day", "2024-01-01"), "es", "Fecha: ninguna campaña trabajó el 1 de enero de 2024"),
    (("report", "final", "--campaign", "zzzz"), "en", "Campaign: there is no campaign «zzzz»"),
    (("report", "final", "--format", "xlsx"), "es", "Formato: «xlsx» no es válido; elija pdf o csv."),
    (("pdf", "day", "2026-11-21", "--station", "bodega"), "es", "Estación: «bodega» no es una estación"),
    (("pdf", "day", "2026-11-23"), "en", "There are no encounters on 23 November 2026"),
    (("pdf", "history", "99999"), "es", "Paciente: no hay ningún paciente «99999»; escriba el número de su tarjeta"),
])
def test_bad_arguments_get_a_clear_message(cli, args, lang, message):
    out = cli.tmp / "x.pdf"
    result = cli(*args, "-o", str(out), lang=lang)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_pdf_day_by_station_history_and_letter(cli, pdf_text, page_count):
    out = cli.tmp / "dia.pdf"
    result = cli("pdf", "day", "2026-11-21", "--station", "general.consultation", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "2 resúmenes de atención" in result.output and "páginas/s" in result.output
    assert pdf_text(out.read_bytes()).count("Resumen de atención") == 2
    number = cli.world.people["rosa"].number
    out = cli.tmp / "historia.pdf"
    result = cli("pdf", "history", str(number), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "CAMPAÑA OCONGATE 2025" in pdf_text(out.read_bytes())  # a campaign heading, set in capitals
    out = cli.tmp / "carta.pdf"
    result = cli("pdf", "partner-letter", "--signer", "Lic. Teresa Quispe", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert page_count(out.read_bytes()) == 1
    assert "Lic. Teresa Quispe" in pdf_text(out.read_bytes())


def test_report_of_a_week_and_of_a_range(cli, pdf_text):
    out = cli.tmp / "semana.pdf"
    result = cli("report", "period", "--week", "2026-W47", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Informe del periodo guardado: {out}"
    assert "Semana 47 de 2026 (16–22 de noviembre de 2026)" in re.sub(r"\s+", " ", pdf_text(out.read_bytes()))
    out = cli.tmp / "rango.csv"
    result = cli("report", "period", "--from", "21/11/2026", "--to", "2026-11-21", "-o", str(out), lang="en")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert {r["code"]: r["value"] for r in rows if r["section"] == "report"}["from"] == "2026-11-21"


@pytest.mark.parametrize("args, message", [
    (("--week", "2026-W54"), "Error: Semana (--week): «2026-W54» no es una semana válida; use AAAA-Wss"),
    (("--from", "2026-11-23", "--to", "2026-11-21"), "Error: Periodo: --from (23 de noviembre de 2026) es posterior"),
    (("--from", "2030-01-01", "--to", "2030-01-02"), "Error: Periodo: ninguna campaña trabajó en 1–2 de enero de 2030."),
    (("--to", "2026-11-21"), "Error: Periodo: indique --from y --to"),
])
def test_report_period_refusals(cli, args, message):
    out = cli.tmp / "nada.pdf"
    result = cli("report", "period", *args, "-o", str(out))
    assert result.exit_code != 0 and result.output.startswith(message), result.output
    assert "Traceback" not in result.output and not out.exists()


def _count(cli, sql: str, params=()) -> int:
    """One number from the test's own SQL on the command's database file."""
    import sqlite3

    with sqlite3.connect(cli.tmp / "ayni.db") as db:
        return db.execute(sql, list(params)).fetchone()[0]


def test_pdf_day_of_a_week_or_a_range(cli, pdf_text):
    out = cli.tmp / "semana.pdf"
    result = cli("pdf", "day", "--week", "2026-W47", "--station", "general.consultation", "-o", str(out))
    assert result.exit_code == 0, result.output
    seen = _count(cli, "SELECT count(*) FROM encounters WHERE station = 'consultation' AND campaign_id = ?",
                  [cli.world.campaign.id])
    assert f"{seen} resúmenes de atención" in result.output and pdf_text(out.read_bytes()).count("Resumen de atención") == seen
    from pypdf import PdfReader

    assert PdfReader(out).metadata.title == "Resúmenes de atención — semana 47 de 2026 (16–22 de noviembre de 2026)"
    result = cli("pdf", "day", "--from", "22/11/2026", "--to", "2026-11-22", "--station", "triage", "-o", str(out),
                 lang="en")
    assert result.exit_code == 1 and "There are no encounters in 22 November 2026 at station triage" in result.output


def test_partner_letter_of_a_period(cli, pdf_text):
    out = cli.tmp / "carta.pdf"
    result = cli("pdf", "partner-letter", "--from", "2026-11-22", "--to", "2026-11-30", "--signer", "Lic. Teresa Quispe",
                 "-o", str(out))
    assert result.exit_code == 0, result.output
    text = re.sub(r"\s+", " ", pdf_text(out.read_bytes()))
    patients = _count(cli, "SELECT count(DISTINCT patient_id) FROM encounters WHERE campaign_id = ? "
                             "AND date(opened_at, '-5 hours') >= '2026-11-22'", [cli.world.campaign.id])
    assert "del 22–23 de noviembre de 2026" in text  # the campaign's days in the period, not the period's
    assert "En esos días logramos:" in text and f"{patients} pacientes atendidos" in text
    result = cli("pdf", "partner-letter", "--week", "2026-W47", "--addressee", "Municipalidad de Ocongate", "-o", str(out),
                 lang="en")
    assert result.exit_code == 0, result.output
    assert "To Municipalidad de Ocongate" in re.sub(r"\s+", " ", pdf_text(out.read_bytes()))


def test_the_letters_older_to_with_a_name_still_names_the_addressee_and_says_what_to_use(cli, pdf_text):
    out = cli.tmp / "carta.pdf"
    result = cli("pdf", "partner-letter", "--to", "Municipalidad de Ocongate", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Aviso: --to ahora es el último día de un periodo; para el destinatario use --addressee" in result.output
    assert "Municipalidad de Ocongate" in re.sub(r"\s+", " ", pdf_text(out.read_bytes()))


@pytest.mark.parametrize("command", [("pdf", "day"), ("pdf", "partner-letter"), ("report", "period")])
@pytest.mark.parametrize("args, message", [
    (("--week", "2026-W54"), "Error: Semana (--week): «2026-W54» no es una semana válida; use AAAA-Wss"),
    (("--from", "2026-11-23", "--to", "2026-11-21"), "Error: Periodo: --from (23 de noviembre de 2026) es posterior"),
    (("--to", "2026-11-21"), "Error: Periodo: indique --from y --to"),
    (("--week", "2026-W47", "--from", "2026-11-21"), "Error: Periodo: use --week o --from/--to, no ambos."),
])
def test_every_document_of_a_period_refuses_alike(cli, command, args, message):
    out = cli.tmp / "nada.pdf"
    result = cli(*command, *args, "-o", str(out))
    assert result.exit_code != 0 and result.output.startswith(message), result.output
    assert "Traceback" not in result.output and not out.exists()


def test_pdf_day_takes_a_date_or_a_period_not_both(cli):
    result = cli("pdf", "day", "2026-11-21", "--week", "2026-W47", "-o", str(cli.tmp / "x.pdf"), lang="en")
    assert result.exit_code == 1 and result.output == "Error: Period: give a date, or else --week or --from/--to, not both.\n"
