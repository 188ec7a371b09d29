"""The general-medicine forms: triage (vital signs and measurements) and the consultation note."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ayni.core import Field, FieldError, FieldType, FormSpec, Text

SPECIALTY = "general"

_VITALS = Text("Signos vitales", "Vital signs")
_MEASURES = Text("Medidas", "Measurements")

SYSTOLIC = Field("bp_systolic", FieldType.INTEGER, Text("Presión arterial sistólica", "Systolic blood pressure"),
                 unit="mmHg", min=50, max=260, section=_VITALS)
DIASTOLIC = Field("bp_diastolic", FieldType.INTEGER, Text("Presión arterial diastólica", "Diastolic blood pressure"),
                  unit="mmHg", min=30, max=160, section=_VITALS)


def bmi(weight_kg: Decimal, height_cm: Decimal) -> Decimal:
    """Body-mass index, kg/m², to one decimal (half up)."""
    metres = Decimal(height_cm) / 100
    return (Decimal(weight_kg) / (metres * metres)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def derive_triage(values: dict) -> dict:
    """Compute the BMI when both weight and height were measured."""
    if values.get("weight") is not None and values.get("height") is not None:
        return {"bmi": bmi(values["weight"], values["height"])}
    return {}


def check_triage(values: dict) -> list[FieldError]:
    """Refuse a blood pressure whose systolic is not above its diastolic (usually swapped fields)."""
    systolic, diastolic = values.get("bp_systolic"), values.get("bp_diastolic")
    if systolic is not None and diastolic is not None and systolic <= diastolic:
        return [FieldError(SYSTOLIC.key, "bp_order", SYSTOLIC.label)]
    return []


TRIAGE = FormSpec(
    key="general.triage",
    version=1,
    title=Text("Triaje", "Triage"),
    specialty=SPECIALTY,
    fields=(
        SYSTOLIC,
        DIASTOLIC,
        Field("heart_rate", FieldType.INTEGER, Text("Frecuencia cardiaca", "Heart rate"),
              unit="/min", min=30, max=220, section=_VITALS),
        Field("respiratory_rate", FieldType.INTEGER, Text("Frecuencia respiratoria", "Respiratory rate"),
              unit="/min", min=5, max=80, section=_VITALS),
        Field("temperature", FieldType.DECIMAL, Text("Temperatura", "Temperature"), unit="°C",
              min=Decimal("30.0"), max=Decimal("43.0"), step=Decimal("0.1"), section=_VITALS),
        Field("spo2", FieldType.INTEGER, Text("Saturación de oxígeno (SpO2)", "Oxygen saturation (SpO2)"),
              unit="%", min=50, max=100, section=_VITALS,
              help=Text("En altura (sobre 3000 m) 88–92 % puede ser normal.",
                        "At altitude (above 3000 m) 88–92 % may be normal.")),
        Field("weight", FieldType.DECIMAL, Text("Peso", "Weight"), unit="kg",
              min=Decimal("0.5"), max=Decimal("250"), step=Decimal("0.1"), section=_MEASURES),
        Field("height", FieldType.DECIMAL, Text("Talla", "Height"), unit="cm",
              min=Decimal("30"), max=Decimal("230"), step=Decimal("0.1"), section=_MEASURES),
        Field("bmi", FieldType.DECIMAL, Text("Índice de masa corporal (IMC)", "Body-mass index (BMI)"),
              unit="kg/m²", derived=True, section=_MEASURES,
              help=Text("Se calcula del peso y la talla.", "Computed from weight and height.")),
        Field("glucose", FieldType.INTEGER, Text("Glucosa capilar", "Capillary glucose"),
              unit="mg/dL", min=20, max=600, section=_MEASURES),
    ),
    derive=derive_triage,
    checks=check_triage,
)

CONSULTATION = FormSpec(
    key="general.consultation",
    version=1,
    title=Text("Consulta médica", "Medical consultation"),
    specialty=SPECIALTY,
    fields=(
        Field("chief_complaint", FieldType.TEXT, Text("Motivo de consulta", "Chief complaint"),
              required=True, max_length=300),
        Field("history", FieldType.TEXT, Text("Enfermedad actual", "History of present illness"), max_length=2000),
        Field("examination", FieldType.TEXT, Text("Examen físico", "Examination"), max_length=2000),
        Field("plan", FieldType.TEXT, Text("Plan y tratamiento", "Plan and treatment"), required=True,
              max_length=2000),
        Field("notes", FieldType.TEXT, Text("Observaciones", "Notes"), max_length=1000),
    ),
)

FORMS = (TRIAGE, CONSULTATION)
