"""The optometry exam: visual acuity per eye, refraction (sphere, cylinder, axis) per eye, near
addition and pupillary distance."""

from __future__ import annotations

from decimal import Decimal

from ayni.core import EYES, Choice, Field, FieldError, FieldType, FormSpec, Text
from ayni.core.forms import sided_label

SPECIALTY = "optometry"
QUARTER = Decimal("0.25")

#: Snellen fractions (20 ft) and the low-vision steps below the chart.
ACUITIES = tuple(Choice(f"20/{d}", Text(f"20/{d}", f"20/{d}")) for d in (20, 25, 30, 40, 50, 60, 70, 80, 100, 200, 400)) + (
    Choice("CF", Text("Cuenta dedos", "Counts fingers")),
    Choice("HM", Text("Movimiento de manos", "Hand motion")),
    Choice("LP", Text("Percibe luz", "Light perception")),
    Choice("NLP", Text("No percibe luz", "No light perception")),
)

_ACUITY = Text("Agudeza visual", "Visual acuity")
_REFRACTION = Text("Refracción", "Refraction")

CYLINDER = Field("cylinder", FieldType.DECIMAL, Text("Cilindro", "Cylinder"), unit="D", sides=EYES,
                 min=Decimal("-8.00"), max=Decimal("0.00"), step=QUARTER, section=_REFRACTION,
                 help=Text("En cilindro negativo.", "In minus cylinder."))
AXIS = Field("axis", FieldType.INTEGER, Text("Eje", "Axis"), unit="°", sides=EYES, min=1, max=180,
             section=_REFRACTION)


def check_exam(values: dict) -> list[FieldError]:
    """An eye with a cylinder needs its axis."""
    errors = []
    cylinders, axes = values.get("cylinder") or {}, values.get("axis") or {}
    for eye in EYES:
        if cylinders.get(eye) and eye not in axes:
            errors.append(FieldError(f"axis.{eye}", "required", sided_label(AXIS, eye)))
    return errors


EXAM = FormSpec(
    key="optometry.exam",
    version=1,
    title=Text("Evaluación optométrica", "Eye examination"),
    specialty=SPECIALTY,
    fields=(
        Field("va_uncorrected", FieldType.CHOICE, Text("Agudeza visual sin corrección", "Uncorrected visual acuity"),
              sides=EYES, choices=ACUITIES, section=_ACUITY),
        Field("va_pinhole", FieldType.CHOICE, Text("Agudeza visual con estenopeico", "Pinhole visual acuity"),
              sides=EYES, choices=ACUITIES, section=_ACUITY),
        Field("sphere", FieldType.DECIMAL, Text("Esfera", "Sphere"), unit="D", sides=EYES,
              min=Decimal("-20.00"), max=Decimal("20.00"), step=QUARTER, section=_REFRACTION),
        CYLINDER,
        AXIS,
        Field("near_add", FieldType.DECIMAL, Text("Adición para cerca", "Near addition"), unit="D",
              min=Decimal("0.75"), max=Decimal("3.50"), step=QUARTER, section=_REFRACTION),
        Field("va_corrected", FieldType.CHOICE, Text("Agudeza visual corregida", "Corrected visual acuity"),
              sides=EYES, choices=ACUITIES, section=_REFRACTION),
        Field("pd", FieldType.INTEGER, Text("Distancia interpupilar", "Pupillary distance"), unit="mm",
              min=40, max=80),
        Field("notes", FieldType.TEXT, Text("Observaciones", "Notes"), max_length=1000),
    ),
    checks=check_exam,
)

FORMS = (EXAM,)
