"""Data an analyst can use: one typed view per form (an outside plugin's too), payments in soles,
stock on hand, patients by name, a plugin's own views, and Datasette metadata listing every view."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import attrs
import pytest

from ayni.core import EYES, Field, FieldType, FormSpec, Specialty, Text, View, hookimpl, load_plugins, open_store, stock
from ayni.core.clinical import encounters as enc
from ayni.core.money import payments
from ayni.core.storage.views import analyst_views, column_suffix, datasette_metadata, form_view_name, refresh_views

SAMPLE = FormSpec(
    key="lab.sample", version=1, title=Text("Muestra", "Sample"), specialty="lab",
    fields=(
        Field("hemoglobin", FieldType.DECIMAL, Text("Hemoglobina", "Haemoglobin"), unit="g/dL",
              min=Decimal("1.0"), max=Decimal("25.0"), step=Decimal("0.1")),
        Field("pressure", FieldType.INTEGER, Text("Presión", "Pressure"), unit="mmHg", min=40, max=300),
        Field("lens", FieldType.DECIMAL, Text("Lente", "Lens"), unit="D", sides=EYES, min=Decimal("-30"),
              max=Decimal("30"), step=Decimal("0.25")),
        Field("dose", FieldType.DECIMAL, Text("Dosis", "Dose"), unit="µg/kg"),
        Field("lot", FieldType.TEXT, Text("Lote", "Lot")),
        Field("fasting", FieldType.YES_NO, Text("En ayunas", "Fasting")),
        Field("station", FieldType.TEXT, Text("Puesto de toma", "Sampling post")),
    ),
)


class LabPlugin:
    """An outside plugin: one specialty, one form (``SAMPLE`` unless given), and a view of its own."""

    def __init__(self, form: FormSpec = SAMPLE):
        self.form = form

    @hookimpl
    def ayni_specialties(self):
        return [Specialty("lab", Text("Laboratorio", "Laboratory"), stations=("lab",), forms=("lab.sample",))]

    @hookimpl
    def ayni_forms(self):
        return [self.form]

    @hookimpl
    def ayni_views(self):
        return [View("lab_samples_per_day", "SELECT substr(saved_at, 1, 10) AS day, count(*) AS samples "
                     "FROM form_data WHERE form_key = 'lab.sample' GROUP BY day",
                     Text("Muestras por día", "Samples per day"), Text("Cuántas muestras", "How many samples"))]


@pytest.fixture
def plugins(clinic):
    """The built-in plugins, the core tests' clinic and the outside lab plugin."""
    return load_plugins(extra=[clinic, LabPlugin()])


def _columns(store, view: str) -> list[str]:
    return [row[1] for row in store.db.execute(f"PRAGMA table_info([{view}])")]


# -- typed views ---------------------------------------------------------------------------------

def test_units_become_column_suffixes():
    assert [column_suffix(u) for u in ("kg", "mmHg", "%", "°C", "kg/m²", "/ 27", "", "mg/kg", "µg/kg")] == [
        "kg", "mmhg", "pct", "celsius", "kg_m2", "", "", "mg_per_kg", ""]
    assert form_view_name("general.triage") == "form_general_triage"


def test_every_encounter_form_has_its_typed_view_with_units_in_the_names(store):
    names = {v.name for v in analyst_views(store.plugins)}
    for key in ("general.triage", "dental.exam", "optometry.exam", "physio.assessment", "clinic.vitals", "lab.sample"):
        assert form_view_name(key) in names
    assert {"payments_soles", "stock_on_hand", "patient_names", "lab_samples_per_day", "form_surgery_preop"} <= names
    in_db = {name for (name,) in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert names <= in_db
    triage = _columns(store, "form_general_triage")
    assert triage[:5] == ["encounter_id", "patient_id", "patient_number", "campaign_id", "campaign"]
    assert {"weight_kg", "height_cm", "bp_systolic_mmhg", "spo2_pct", "temperature_celsius", "bmi_kg_m2"} <= set(triage)
    assert {"sphere_od_dioptres", "sphere_os_dioptres", "axis_od_deg"} <= set(_columns(store, "form_optometry_exam"))
    assert _columns(store, "form_lab_sample")[11:] == [
        "hemoglobin_g_dl", "pressure_mmhg", "lens_od_dioptres", "lens_os_dioptres", "dose", "lot", "fasting",
        "station_value"]


def test_a_form_view_holds_the_latest_revision_typed(store, patient, campaign):
    encounter = enc.open_encounter(store, patient.id, "lab", "lab", campaign.id)
    enc.save(store, encounter.id, forms={"lab.sample": {"hemoglobin": "9.5", "pressure": "120", "fasting": "si",
                                                         "lens": {"os": "-2.25"}, "station": "B"}})
    enc.save(store, encounter.id, forms={"lab.sample": {"hemoglobin": "11.5", "pressure": "120", "fasting": "si",
                                                         "lens": {"os": "-2.25"}, "station": "B"}})
    rows = store.db.execute("SELECT patient_number, station, revision, hemoglobin_g_dl, pressure_mmhg, lens_os_dioptres, "
                            "lens_od_dioptres, fasting, station_value FROM form_lab_sample WHERE hemoglobin_g_dl > 10"
                            ).fetchall()
    assert rows == [(str(patient.number), "lab", 2, 11.5, 120, -2.25, None, 1, "B")]


def test_payments_in_soles_and_stock_on_hand(store, patient, campaign):
    encounter = enc.open_encounter(store, patient.id, "clinic", "consult", campaign.id)
    enc.save(store, encounter.id, procedures=[enc.ProcedureEntry("clinic.wound")])
    payments.record(store, encounter.id, kind="sliding", level="0.5")
    row = store.db.execute("SELECT patient_number, suggested_soles, amount_soles, unpaid_soles, kind, sliding_share_pct, "
                           "received_by_name FROM payments_soles WHERE amount_soles < 10").fetchone()
    assert row == (str(patient.number), 15.5, 7.75, 7.75, "sliding", 50, "tester")
    lot = stock.receive(store, "general.paracetamol_500", 30, lot="L-1", expiry=dt.date(2030, 1, 31))
    stock.dispense(store, encounter.id, "general.paracetamol_500", 4)
    on_hand = store.db.execute("SELECT lot_id, item_key, lot, expiry, on_hand FROM stock_on_hand WHERE on_hand > 25"
                               ).fetchall()
    assert on_hand == [(lot.id, "general.paracetamol_500", "L-1", "2030-01-31", 26)]
    named = store.db.execute("SELECT patient_number, name FROM patient_names WHERE id = ?", [patient.id]).fetchall()
    assert named == [(str(patient.number), "Rosa Elena Núñez Quispe")]


def test_views_are_recreated_when_a_form_changes_and_a_refused_view_never_stops_the_open(tmp_path):
    path = tmp_path / "ayni.db"
    open_store(path, plugins=load_plugins(extra=[LabPlugin()])).close()
    same = open_store(path, plugins=load_plugins(extra=[LabPlugin()]))
    try:  # nothing changed: no view is recreated, the schema stays as it was
        before = same.db.execute("PRAGMA schema_version").fetchone()
        refresh_views(same.db, analyst_views(same.plugins))
        assert same.db.execute("PRAGMA schema_version").fetchone() == before
    finally:
        same.close()
    grown = attrs.evolve(SAMPLE, version=2, fields=(*SAMPLE.fields, Field("glucose", FieldType.INTEGER,
                                                                          Text("Glucosa", "Glucose"), unit="mg/dL")))

    class Broken(LabPlugin):
        @hookimpl
        def ayni_views(self):
            return [View("patients", "SELECT 1", Text("x", "x"), Text("x", "x")),
                    View("broken_view", "SELECT nothing FROM nowhere", Text("x", "x"), Text("x", "x"))]

    store = open_store(path, plugins=load_plugins(extra=[Broken(grown)]))
    try:
        views = {name for (name,) in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
        assert "form_lab_sample" in views and "broken_view" not in views
        assert _columns(store, "form_lab_sample")[-1] == "glucose_mg_dl"
        assert store.db.execute("SELECT count(*) FROM patients").fetchone() == (0,)
    finally:
        store.close()


# -- Datasette metadata --------------------------------------------------------------------------

def test_metadata_lists_every_view_with_labels_units_and_label_columns(store):
    views = analyst_views(store.plugins)
    metadata = datasette_metadata(store.db, views, "ayni", "es")
    tables = metadata["databases"]["ayni"]["tables"]
    assert {v.name for v in views} <= set(tables)
    triage = tables["form_general_triage"]
    assert triage["title"] == "Triaje"
    assert triage["units"]["weight_kg"] == "kg" and triage["units"]["bp_systolic_mmhg"] == "mmHg"
    assert triage["columns"]["weight_kg"] == "Peso (kg)"
    assert tables["patients"]["label_column"] and tables["patient_names"]["label_column"] == "name"
    assert tables["patients_fts"] == {"hidden": True}
    english = datasette_metadata(store.db, views, "ayni", "en")["databases"]["ayni"]["tables"]
    assert english["form_general_triage"]["columns"]["weight_kg"] == "Weight (kg)"
    assert english["payments_soles"]["title"] == "Payments in soles"


def test_the_command_writes_the_metadata_file_and_says_how_to_open_it(tmp_path):
    from click.testing import CliRunner

    from ayni.cli import main

    db, out = tmp_path / "ayni.db", tmp_path / "metadata.json"
    assert CliRunner().invoke(main, ["--db", str(db), "init"]).exit_code == 0
    result = CliRunner().invoke(main, ["--db", str(db), "--lang", "en", "datasette-metadata", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"datasette --immutable {db} -m {out}" in result.stdout
    tables = json.loads(out.read_text(encoding="utf-8"))["databases"]["ayni"]["tables"]
    assert tables["form_general_triage"]["title"] == "Triage" and "stock_on_hand" in tables
    missing = CliRunner().invoke(main, ["--db", str(tmp_path / "none.db"), "datasette-metadata"])
    assert missing.exit_code == 1 and "Traceback" not in missing.output
