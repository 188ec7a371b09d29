"""The core is tested against a small plugin of its own, ``clinic``, so the engine's tests do not
depend on what a built-in specialty declares. ``plugins`` here is the installed plugins plus
``clinic`` (registered the way a third-party plugin would be), for every test in tests/core that
asks for ``store``, ``campaign`` or ``patient``."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest

from ayni.core import (
    Choice,
    DiagnosisCode,
    Field,
    FieldError,
    FieldType,
    FormSpec,
    ProcedureCode,
    Specialty,
    Text,
    hookimpl,
    load_plugins,
    open_store,
)

VITALS = FormSpec(
    key="clinic.vitals",
    version=2,
    specialty="clinic",
    title=Text("Signos vitales", "Vital signs"),
    fields=(
        Field("weight", FieldType.DECIMAL, Text("Peso", "Weight"), required=True, unit="kg",
              min=Decimal("0.5"), max=Decimal("300"), step=Decimal("0.1")),
        Field("height", FieldType.INTEGER, Text("Talla", "Height"), unit="cm", min=30, max=230),
        Field("systolic", FieldType.INTEGER, Text("Presión sistólica", "Systolic pressure"), unit="mmHg",
              min=50, max=260),
        Field("diastolic", FieldType.INTEGER, Text("Presión diastólica", "Diastolic pressure"), unit="mmHg",
              min=30, max=160),
        Field("bmi", FieldType.DECIMAL, Text("IMC", "BMI"), derived=True),
    ),
    derive=lambda v: {"bmi": (v["weight"] / (Decimal(v["height"]) / 100) ** 2).quantize(Decimal("0.1"))
                      if "height" in v else None},
    checks=lambda v: [FieldError("systolic", "bp_order", Text("Presión sistólica", "Systolic pressure"))]
    if "systolic" in v and "diastolic" in v and v["systolic"] <= v["diastolic"] else [],
)

NOTE = FormSpec(
    key="clinic.note",
    version=1,
    specialty="clinic",
    title=Text("Nota", "Note"),
    fields=(
        Field("complaint", FieldType.TEXT, Text("Motivo de consulta", "Chief complaint"), required=True),
        Field("plan", FieldType.CHOICE, Text("Plan", "Plan"),
              choices=(Choice("home", Text("Alta", "Home")), Choice("refer", Text("Referir", "Refer")))),
    ),
)


class ClinicPlugin:
    """A test specialty, ``clinic``: two stations, two forms, three procedures, two diagnoses.

    ``refuse_when`` makes :meth:`ayni_validate_encounter` refuse visits with that note complaint;
    ``meanwhile`` is called once during the next validation (to act as another station writing
    between a save's reads and its write); ``closed`` records the visits it heard closed.
    """

    def __init__(self):
        self.refuse_when = None
        self.meanwhile = None
        self.closed = []

    @hookimpl
    def ayni_specialties(self):
        """The ``clinic`` specialty."""
        return [Specialty("clinic", Text("Clínica", "Clinic"), stations=("triage", "consult"),
                          forms=("clinic.vitals", "clinic.note"))]

    @hookimpl
    def ayni_procedure_codes(self):
        """Consultation S/ 10.00, wound care S/ 15.50 (on a limb), free fluoride."""
        return [
            ProcedureCode("clinic.consult", Text("Consulta", "Consultation"), Decimal("10.00")),
            ProcedureCode("clinic.wound", Text("Curación", "Wound care"), Decimal("15.50"), target="limb"),
            ProcedureCode("clinic.fluoride", Text("Flúor", "Fluoride"), Decimal("0.00")),
        ]

    @hookimpl
    def ayni_diagnosis_codes(self):
        """Two ICD-10 codes."""
        return [
            DiagnosisCode("J06.9", Text("Infección respiratoria aguda", "Acute upper respiratory infection")),
            DiagnosisCode("I10", Text("Hipertensión esencial", "Essential hypertension")),
        ]

    @hookimpl
    def ayni_forms(self):
        """The vital signs and the note."""
        return [VITALS, NOTE]

    @hookimpl
    def ayni_validate_encounter(self, visit):
        """Refuse a visit whose note complaint is :attr:`refuse_when`."""
        if self.meanwhile:
            action, self.meanwhile = self.meanwhile, None
            action()
        if self.refuse_when and visit.form("clinic.note").get("complaint") == self.refuse_when:
            return [FieldError("complaint", "bad_pattern", Text("Motivo", "Complaint"),
                               {"hint": "rechazado por la prueba"})]
        return []

    @hookimpl
    def ayni_encounter_closed(self, store, visit):
        """Remember the closed visit."""
        self.closed.append(visit)


@pytest.fixture
def clinic():
    """The test plugin instance (inspect or tune it in a test)."""
    return ClinicPlugin()


@pytest.fixture
def plugins(clinic):
    """The installed plugins and the test plugin."""
    return load_plugins(extra=[clinic])


#: The patients of the demo campaign the session seeds once (:func:`demo_file`).
DEMO_PATIENTS = 120


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """The demo campaign of :data:`DEMO_PATIENTS` patients with the installed plugins, seeded once for
    the whole session into a closed SQLite file: ``(path, summary)``. Never open it: open a copy
    (:func:`demo_store`)."""
    from ayni.cli.demo import seed

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(path, user="tester")
    try:
        summary = seed(store, patients=DEMO_PATIENTS)
    finally:
        store.close()
    return path, summary


@pytest.fixture(scope="session")
def open_demo_copy(demo_file, tmp_path_factory):
    """A function that opens a fresh copy of the session's demo campaign, for tests that write:
    it returns ``(store, summary)``, and the caller closes the store."""
    path, summary = demo_file

    def open_copy():
        copy = tmp_path_factory.mktemp("demo-copy") / path.name
        shutil.copy(path, copy)
        return open_store(copy, user="tester"), summary

    return open_copy


@pytest.fixture(scope="module")
def demo_store(open_demo_copy):
    """A store on a copy of the session's demo campaign, shared by one test module's readers:
    ``(store, summary)``."""
    store, summary = open_demo_copy()
    yield store, summary
    store.close()
