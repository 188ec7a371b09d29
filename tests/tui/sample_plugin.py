"""A test plugin whose one form has a field of every type, a paired field, a derived field and a
field drawn by the plugin's own widget (``ayni_tui_widgets``): what the generic renderer must cover."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import Input

from ayni.core import EYES, Choice, Field, FieldType, FormSpec, ProcedureCode, ProcedureTarget, Specialty, Text, hookimpl

_C = Choice
FORM = FormSpec(
    key="sample.all", version=1, specialty="sample", title=Text("Todo", "Everything"),
    fields=(
        Field("note", FieldType.TEXT, Text("Nota", "Note"), section=Text("Básico", "Basic")),
        Field("count", FieldType.INTEGER, Text("Cuenta", "Count"), unit="u", min=0, max=10),
        Field("level", FieldType.DECIMAL, Text("Nivel", "Level"), min=Decimal("0"), max=Decimal("5"),
              step=Decimal("0.5")),
        Field("colour", FieldType.CHOICE, Text("Color", "Colour"),
              choices=(_C("r", Text("rojo", "red")), _C("g", Text("verde", "green")))),
        Field("symptoms", FieldType.MULTI_CHOICE, Text("Síntomas", "Symptoms"),
              choices=(_C("tos", Text("tos", "cough")), _C("fiebre", Text("fiebre", "fever")))),
        Field("seen_on", FieldType.DATE, Text("Visto el", "Seen on"), section=Text("Más", "More")),
        Field("smoker", FieldType.YES_NO, Text("Fuma", "Smokes")),
        Field("codes", FieldType.CODE, Text("Códigos", "Codes"),
              choices=(_C("A00", Text("Cólera", "Cholera")), _C("B01", Text("Varicela", "Chickenpox")))),
        Field("pain", FieldType.SCALE, Text("Dolor", "Pain"), min=0, max=10),
        Field("teeth", FieldType.TOOTH_SET, Text("Piezas", "Teeth")),
        Field("acuity", FieldType.DECIMAL, Text("Agudeza", "Acuity"), sides=EYES, min=Decimal("0"),
              max=Decimal("2")),
        Field("hearing", FieldType.INTEGER, Text("Umbral", "Threshold"), unit="dB", min=-10, max=120, step=5,
              sides=(_C("right", Text("oído derecho", "right ear")), _C("left", Text("oído izquierdo", "left ear")))),
        Field("double", FieldType.INTEGER, Text("Doble", "Double"), derived=True),
    ),
    derive=lambda values: {"double": values["count"] * 2} if "count" in values else {},
)


class TeethInput(Input):
    """The plugin's own widget for tooth sets (an Input; its ``value`` is what the core parses)."""


@hookimpl
def ayni_specialties():
    """One specialty with one station and the form of every field type."""
    return [Specialty("sample", Text("Muestra", "Sample"), ("desk",), forms=(FORM.key,))]


@hookimpl
def ayni_forms():
    """The form of every field type."""
    return [FORM]


#: An ear, asked left first: the order declared is the order shown.
EAR = ProcedureTarget("sample.ear", Text("Oído", "Ear"), choices=(
    _C("left", Text("oído izquierdo", "left ear")), _C("right", Text("oído derecho", "right ear"))))


@hookimpl
def ayni_procedure_targets():
    """The ear, a target the core does not know."""
    return [EAR]


@hookimpl
def ayni_procedure_codes():
    """A procedure on the patient and one on an ear."""
    return [ProcedureCode("sample.look", Text("Mirar", "Look"), Decimal("2.50")),
            ProcedureCode("sample.ear_wash", Text("Lavado de oído", "Ear wash"), Decimal("3.00"), target=EAR.key)]


@hookimpl
def ayni_tui_widgets():
    """Tooth sets drawn by this plugin."""
    return {FieldType.TOOTH_SET.value: lambda field, value, lang: TeethInput(" ".join(map(str, value or ())),
                                                                              classes="sample-teeth")}
