"""The surgical screening: the planned operation (from the catalogue), side, ASA class and fitness."""

from __future__ import annotations

from decimal import Decimal

from ayni.core import Choice, Field, FieldType, FormSpec, Text

from .codes import PROCEDURES

SPECIALTY = "surgery"

ASA_CLASSES = (
    Choice("I", Text("ASA I — sano", "ASA I — healthy")),
    Choice("II", Text("ASA II — enfermedad sistémica leve", "ASA II — mild systemic disease")),
    Choice("III", Text("ASA III — enfermedad sistémica grave", "ASA III — severe systemic disease")),
    Choice("IV", Text("ASA IV — amenaza constante para la vida", "ASA IV — constant threat to life")),
    Choice("V", Text("ASA V — moribundo", "ASA V — moribund")),
)

SCREENING = FormSpec(
    key="surgery.screening",
    version=1,
    title=Text("Evaluación prequirúrgica", "Pre-operative screening"),
    specialty=SPECIALTY,
    fields=(
        Field("planned_procedure", FieldType.CHOICE, Text("Operación planificada", "Planned operation"),
              required=True, choices=tuple(Choice(p.code, p.label) for p in PROCEDURES if p.code != "surgery.screening")),
        Field("side", FieldType.CHOICE, Text("Lado", "Side"), choices=(
            Choice("right", Text("Derecho", "Right")),
            Choice("left", Text("Izquierdo", "Left")),
            Choice("bilateral", Text("Bilateral", "Bilateral")),
            Choice("not_applicable", Text("No aplica", "Not applicable")),
        )),
        Field("asa", FieldType.CHOICE, Text("Clasificación ASA", "ASA class"), required=True, choices=ASA_CLASSES),
        Field("hemoglobin", FieldType.DECIMAL, Text("Hemoglobina", "Haemoglobin"), unit="g/dL",
              min=Decimal("3.0"), max=Decimal("22.0"), step=Decimal("0.1")),
        Field("anticoagulants", FieldType.YES_NO, Text("Toma anticoagulantes", "Takes anticoagulants")),
        Field("allergies", FieldType.TEXT, Text("Alergias", "Allergies"), max_length=300),
        Field("fit_for_surgery", FieldType.YES_NO, Text("Apto para cirugía", "Fit for surgery"), required=True),
        Field("notes", FieldType.TEXT, Text("Observaciones", "Notes"), max_length=1000),
    ),
)

FORMS = (SCREENING,)
