"""The physiotherapy assessment: pain, region and side, diagnosis category, mobility and goal."""

from __future__ import annotations

from ayni.core import Choice, Field, FieldType, FormSpec, Text

SPECIALTY = "physio"

ASSESSMENT = FormSpec(
    key="physio.assessment",
    version=1,
    title=Text("Evaluación fisioterapéutica", "Physiotherapy assessment"),
    specialty=SPECIALTY,
    fields=(
        Field("category", FieldType.CHOICE, Text("Categoría diagnóstica", "Diagnosis category"), required=True,
              choices=(
                  Choice("musculoskeletal", Text("Musculoesquelética", "Musculoskeletal")),
                  Choice("neurological", Text("Neurológica", "Neurological")),
                  Choice("paediatric", Text("Desarrollo infantil", "Child development")),
                  Choice("trauma", Text("Postraumática o posquirúrgica", "Post-trauma or post-surgery")),
                  Choice("amputation", Text("Amputación", "Amputation")),
                  Choice("respiratory", Text("Respiratoria", "Respiratory")),
                  Choice("other", Text("Otra", "Other")),
              )),
        Field("region", FieldType.MULTI_CHOICE, Text("Región afectada", "Affected region"), choices=(
            Choice("neck", Text("Cuello", "Neck")),
            Choice("shoulder", Text("Hombro", "Shoulder")),
            Choice("elbow_hand", Text("Codo, muñeca o mano", "Elbow, wrist or hand")),
            Choice("back", Text("Espalda", "Back")),
            Choice("hip", Text("Cadera", "Hip")),
            Choice("knee", Text("Rodilla", "Knee")),
            Choice("ankle_foot", Text("Tobillo o pie", "Ankle or foot")),
            Choice("whole_body", Text("Global", "Whole body")),
        )),
        Field("side", FieldType.CHOICE, Text("Lado", "Side"), choices=(
            Choice("right", Text("Derecho", "Right")),
            Choice("left", Text("Izquierdo", "Left")),
            Choice("both", Text("Ambos", "Both")),
        )),
        Field("pain", FieldType.SCALE, Text("Dolor (EVA)", "Pain (VAS)"), min=0, max=10,
              help=Text("0 = sin dolor, 10 = el peor dolor imaginable.", "0 = no pain, 10 = worst pain imaginable.")),
        Field("mobility_aid", FieldType.CHOICE, Text("Ayuda para la marcha actual", "Current mobility aid"), choices=(
            Choice("none", Text("Ninguna", "None")),
            Choice("cane", Text("Bastón", "Cane")),
            Choice("crutches", Text("Muletas", "Crutches")),
            Choice("walker", Text("Andador", "Walker")),
            Choice("wheelchair", Text("Silla de ruedas", "Wheelchair")),
        )),
        Field("findings", FieldType.TEXT, Text("Hallazgos", "Findings"), max_length=2000),
        Field("goal", FieldType.TEXT, Text("Objetivo funcional", "Functional goal"), max_length=500),
    ),
)

FORMS = (ASSESSMENT,)
