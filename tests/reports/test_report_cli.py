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
