"""``ayni fhir export`` and ``ayni fhir import`` as a person runs them: files in, files out, and one
clean message in their language for anything wrong."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ayni.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_a_campaign_goes_out_and_its_patients_come_in_elsewhere(campaign_db, tmp_path):
    path, campaign_id, _ = campaign_db
    out = tmp_path / "campaign.json"
    result = run("--db", path, "fhir", "export", "--campaign", "actual", out)
    assert result.exit_code == 0, result.output
    assert "recursos FHIR (R4B, 4.3.0) guardados" in result.stdout
    data = json.loads(out.read_text())
    assert {"url": "urn:ayni:fhir:extension:campaign-id", "valueString": campaign_id} in next(
        e["resource"]["extension"] for e in data["entry"] if e["resource"]["resourceType"] == "Encounter")
    data["entry"] = [e for e in data["entry"] if e["resource"]["resourceType"] == "Patient"]
    (tmp_path / "patients.json").write_text(json.dumps(data))
    other = tmp_path / "other.db"
    assert run("--db", other, "init").exit_code == 0
    first = run("--db", other, "--lang", "en", "fhir", "import", tmp_path / "patients.json")
    assert first.exit_code == 0, first.output
    assert f"{len(data['entry'])} registered, 0 already registered, 0 likely duplicates not registered, 0 refused." \
        in first.stdout
    again = run("--db", other, "fhir", "import", tmp_path / "patients.json")
    assert again.exit_code == 0, again.output
    assert "Ya registrado (entrada 1, " in again.stdout and ": n.º 1 " in again.stdout
    assert f"0 registrados, {len(data['entry'])} ya registrados, 0 posibles duplicados" in again.stdout


def _bundle_of(tmp_path, name: str, *people: dict):
    path = tmp_path / name
    path.write_text(json.dumps({"resourceType": "Bundle", "type": "collection",
                                "entry": [{"resource": {"resourceType": "Patient", **p}} for p in people]}))
    return path


def test_a_likely_duplicate_is_listed_with_its_reasons_and_registered_only_when_accepted(tmp_path):
    db = tmp_path / "ayni.db"
    assert run("--db", db, "init").exit_code == 0
    rosa = {"name": [{"family": "Quispe Mamani", "given": ["Rosa"]}], "gender": "female", "birthDate": "1980-05-02"}
    assert run("--db", db, "fhir", "import", _bundle_of(tmp_path, "first.json", rosa)).exit_code == 0
    kispe = {**rosa, "name": [{"family": "Quispe Mamany", "given": ["Rosa"]}]}
    skipped = run("--db", db, "fhir", "import", _bundle_of(tmp_path, "second.json", kispe))
    assert skipped.exit_code == 1, skipped.output
    assert "Posible duplicado, no registrado (entrada 1, Rosa Quispe Mamany)" in skipped.stderr
    assert "n.º 1 Rosa Quispe Mamani: nombre parecido" in skipped.stderr
    assert "misma fecha de nacimiento (1980-05-02)" in skipped.stderr
    assert "0 registrados, 0 ya registrados, 1 posibles duplicados no registrados" in skipped.stdout
    accepted = run("--db", db, "--lang", "en", "fhir", "import", "--accept-likely", tmp_path / "second.json")
    assert accepted.exit_code == 0 and "Registered no. 2: Rosa Quispe Mamany" in accepted.stdout


def test_export_needs_exactly_one_scope_and_an_existing_patient(campaign_db, tmp_path):
    path, _, _ = campaign_db
    none = run("--db", path, "fhir", "export", tmp_path / "x.json")
    assert none.exit_code == 1 and "uno solo de --patient, --encounter o --campaign" in none.stderr
    missing = run("--db", path, "--lang", "en", "fhir", "export", "--patient", "9999", tmp_path / "x.json")
    assert missing.exit_code == 1 and "--patient: there is no patient «9999»" in missing.stderr
    assert not (tmp_path / "x.json").exists()


def test_import_refuses_what_is_not_a_bundle_of_patients_in_one_clean_line(campaign_db, tmp_path):
    path, _, _ = campaign_db
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "text.json").write_text("hola")
    for name, message in (("binary.json", "no es texto UTF-8"), ("text.json", "no es JSON"),
                          ("missing.json", "No se puede leer")):
        result = run("--db", path, "fhir", "import", tmp_path / name)
        assert result.exit_code == 1 and message in result.stderr, result.output
        assert "Traceback" not in result.output
