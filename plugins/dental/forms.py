"""The dental exam: dentition, teeth present, carious teeth and teeth to extract (FDI numbers)."""

from __future__ import annotations

from ayni.core import Choice, Field, FieldType, FormSpec, Text

SPECIALTY = "dental"

EXAM = FormSpec(
    key="dental.exam",
    version=1,
    title=Text("Examen odontológico", "Dental examination"),
    specialty=SPECIALTY,
    fields=(
        Field("dentition", FieldType.CHOICE, Text("Dentición", "Dentition"), required=True, choices=(
            Choice("primary", Text("Decidua", "Primary")),
            Choice("mixed", Text("Mixta", "Mixed")),
            Choice("permanent", Text("Permanente", "Permanent")),
        )),
        Field("teeth_present", FieldType.INTEGER, Text("Piezas presentes", "Teeth present"), min=0, max=32,
              help=Text("Número de dientes en boca.", "Number of teeth in the mouth.")),
        Field("caries", FieldType.TOOTH_SET, Text("Piezas con caries", "Teeth with caries"),
              help=Text("Números FDI, p. ej. 16 26 36.", "FDI numbers, e.g. 16 26 36.")),
        Field("extraction_indicated", FieldType.TOOTH_SET, Text("Extracción indicada", "Extraction indicated")),
        Field("gingiva", FieldType.CHOICE, Text("Estado gingival", "Gingival status"), choices=(
            Choice("healthy", Text("Sana", "Healthy")),
            Choice("gingivitis", Text("Gingivitis", "Gingivitis")),
            Choice("periodontitis", Text("Periodontitis", "Periodontitis")),
        )),
        Field("hygiene", FieldType.CHOICE, Text("Higiene oral", "Oral hygiene"), choices=(
            Choice("good", Text("Buena", "Good")),
            Choice("fair", Text("Regular", "Fair")),
            Choice("poor", Text("Mala", "Poor")),
        )),
        Field("notes", FieldType.TEXT, Text("Observaciones", "Notes"), max_length=1000),
    ),
)

FORMS = (EXAM,)
