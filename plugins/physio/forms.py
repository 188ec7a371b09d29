"""The physiotherapy forms: the assessment (diagnosis category and the measure each category is
followed by, pain, range of motion and strength per side, Barthel index, goals), the treatment
session, and the home exercise programme.

Rules between fields live in each form's ``checks``: GMFCS only and always for cerebral palsy,
Pirani only and always for clubfoot, faces-scale pain in its six steps, Barthel in steps of 5…
"""

from __future__ import annotations

from ayni.core import Choice, Field, FieldError, FieldType, FormSpec, Text, phrase

from . import codes, measures
from .exercises import CATALOGUE
from .prescription import DOSING_HELP, dose_changes, parse_dosing

SPECIALTY = "physio"

# -- categories and the measure each one is followed by -------------------------------------------

CATEGORY = Field("category", FieldType.CHOICE, Text("Categoría diagnóstica", "Diagnosis category"), required=True,
                 choices=(
                     Choice("hemiplegia", Text("Hemiplejía (ACV u otra causa)", "Hemiplegia (stroke or other)")),
                     Choice("paraplegia", Text("Paraplejía (lesión medular)", "Paraplegia (spinal cord injury)")),
                     Choice("cerebral_palsy", Text("Parálisis cerebral", "Cerebral palsy")),
                     Choice("hip_dysplasia", Text("Displasia de cadera", "Hip dysplasia")),
                     Choice("down_syndrome", Text("Síndrome de Down", "Down syndrome")),
                     Choice("clubfoot", Text("Pie equino varo (pie zambo)", "Clubfoot")),
                     Choice("musculoskeletal", Text("Dolor musculoesquelético", "Musculoskeletal pain")),
                     Choice("post_operative", Text("Posoperatorio de articulación", "After a joint operation")),
                     Choice("developmental_delay", Text("Retraso del desarrollo motor", "Motor developmental delay")),
                     Choice("neurological", Text("Otra condición neurológica", "Other neurological condition")),
                     Choice("trauma", Text("Fractura o traumatismo", "Fracture or injury")),
                     Choice("amputation", Text("Amputación", "Amputation")),
                     Choice("respiratory", Text("Respiratoria", "Respiratory")),
                     Choice("other", Text("Otra", "Other")),
                 ))

_MEASURES = Text("Medida según la categoría", "Measure for the category")
_PAIN = Text("Dolor", "Pain")
_FUNCTION = Text("Función y objetivos", "Function and goals")

GMFCS = Field("gmfcs", FieldType.CHOICE, Text("Nivel GMFCS", "GMFCS level"), section=_MEASURES, choices=(
    Choice("I", Text("I — Camina sin limitaciones", "I — Walks without limitations")),
    Choice("II", Text("II — Camina con limitaciones", "II — Walks with limitations")),
    Choice("III", Text("III — Camina con un dispositivo manual", "III — Walks using a hand-held mobility device")),
    Choice("IV", Text("IV — Movilidad propia limitada; silla motorizada", "IV — Self-mobility with limitations; powered mobility")),
    Choice("V", Text("V — Transportado en silla de ruedas manual", "V — Transported in a manual wheelchair")),
), help=Text("Sistema de clasificación de la función motora gruesa (parálisis cerebral).",
             "Gross Motor Function Classification System (cerebral palsy)."))

PIRANI = measures.field(measures.PIRANI, _MEASURES)

SIDE = Field("side", FieldType.CHOICE, Text("Lado afectado", "Affected side"), section=_MEASURES, choices=(
    Choice("right", Text("Derecho", "Right")),
    Choice("left", Text("Izquierdo", "Left")),
    Choice("both", Text("Ambos", "Both")),
))

INJURY_LEVEL = Field("injury_level", FieldType.CHOICE, Text("Nivel de la lesión medular", "Spinal cord injury level"),
                     section=_MEASURES, choices=(
                         Choice("thoracic_high", Text("Dorsal alta (T1–T6)", "High thoracic (T1–T6)")),
                         Choice("thoracic_low", Text("Dorsal baja (T7–T12)", "Low thoracic (T7–T12)")),
                         Choice("lumbar", Text("Lumbar (L1–L5)", "Lumbar (L1–L5)")),
                         Choice("sacral", Text("Sacra", "Sacral")),
                     ))

ASIA = Field("asia", FieldType.CHOICE, Text("Escala ASIA", "ASIA impairment scale"), section=_MEASURES, choices=(
    Choice("A", Text("A — Completa", "A — Complete")),
    Choice("B", Text("B — Incompleta sensitiva", "B — Sensory incomplete")),
    Choice("C", Text("C — Incompleta motora (fuerza < 3)", "C — Motor incomplete (strength < 3)")),
    Choice("D", Text("D — Incompleta motora (fuerza ≥ 3)", "D — Motor incomplete (strength ≥ 3)")),
    Choice("E", Text("E — Normal", "E — Normal")),
))

MILESTONES = Field("milestones", FieldType.MULTI_CHOICE, Text("Hitos motores logrados", "Motor milestones reached"),
                   section=_MEASURES, choices=(
                       Choice("none_yet", Text("Aún ninguno", "None yet")),
                       Choice("head_control", Text("Control de cabeza", "Head control")),
                       Choice("rolling", Text("Se voltea", "Rolls over")),
                       Choice("sitting", Text("Se sienta solo", "Sits alone")),
                       Choice("crawling", Text("Gatea", "Crawls")),
                       Choice("standing", Text("Se para con apoyo", "Stands with support")),
                       Choice("walking", Text("Camina solo", "Walks alone")),
                   ))

OPERATED_JOINT = Field("operated_joint", FieldType.CHOICE, Text("Articulación operada", "Operated joint"),
                       section=_MEASURES, choices=(
                           Choice("hip", Text("Cadera", "Hip")),
                           Choice("knee", Text("Rodilla", "Knee")),
                           Choice("ankle", Text("Tobillo", "Ankle")),
                           Choice("shoulder", Text("Hombro", "Shoulder")),
                           Choice("elbow", Text("Codo", "Elbow")),
                           Choice("wrist_hand", Text("Muñeca o mano", "Wrist or hand")),
                       ))

SURGERY_DATE = Field("surgery_date", FieldType.DATE, Text("Fecha de la operación", "Date of the operation"),
                     section=_MEASURES)

# -- pain -----------------------------------------------------------------------------------------

PAIN_SCALES = (
    Choice("numeric", Text("Numérica 0–10", "Numeric 0–10")),
    Choice("faces", Text("Caras de Wong-Baker (niños)", "Wong-Baker faces (children)")),
)

#: The six faces of the Wong-Baker scale and the words shown under each.
FACES = {
    0: Text("Sin dolor", "No hurt"),
    2: Text("Duele un poquito", "Hurts little bit"),
    4: Text("Duele un poco más", "Hurts little more"),
    6: Text("Duele aún más", "Hurts even more"),
    8: Text("Duele mucho", "Hurts whole lot"),
    10: Text("El peor dolor", "Hurts worst"),
}
_FACES_HELP = ", ".join(f"{k} {v.es.lower()}" for k, v in FACES.items())


def pain_scale_field(section: Text | None = _PAIN) -> Field:
    """Which pain scale was used (numeric, or faces for children)."""
    return Field("pain_scale", FieldType.CHOICE, Text("Escala de dolor", "Pain scale"), choices=PAIN_SCALES,
                 section=section)


def pain_field(key: str, label: Text, section: Text | None = _PAIN) -> Field:
    """A pain score 0–10 (faces: 0, 2, 4, 6, 8, 10)."""
    return Field(key, FieldType.SCALE, label, min=0, max=10, section=section,
                 help=Text(f"0 = sin dolor, 10 = el peor dolor. Caras: {_FACES_HELP}.",
                           "0 = no pain, 10 = worst pain. Faces: 0, 2, 4, 6, 8, 10."))


PAIN = pain_field("pain", Text("Dolor", "Pain"))
BARTHEL = Field("barthel", FieldType.INTEGER, Text("Índice de Barthel", "Barthel index"), min=0, max=100,
                section=_FUNCTION, help=Text("0 a 100 en pasos de 5 (100 = independiente).",
                                             "0 to 100 in steps of 5 (100 = independent)."))

#: What the Barthel index means, by its lower bound (Shah's bands).
BARTHEL_BANDS = (
    (100, Text("independiente", "independent")),
    (91, Text("dependencia leve", "slight dependence")),
    (61, Text("dependencia moderada", "moderate dependence")),
    (21, Text("dependencia severa", "severe dependence")),
    (0, Text("dependencia total", "total dependence")),
)


def barthel_band(score: int) -> Text:
    """The dependence a Barthel index means."""
    return next(text for low, text in BARTHEL_BANDS if int(score) >= low)


# -- cross-field rules ----------------------------------------------------------------------------

_REQUIRED_FOR = Text("{field}: es obligatorio cuando la categoría es «{category}».",
                     "{field}: is required when the category is «{category}».")
_ONLY_FOR = Text("{field}: solo se registra cuando la categoría es «{only}» (aquí es «{category}»).",
                 "{field}: is recorded only when the category is «{only}» (here it is «{category}»).")
_FACES_STEPS = Text("{field}: con la escala de caras use 0, 2, 4, 6, 8 o 10 (se escribió {value}).",
                    "{field}: on the faces scale use 0, 2, 4, 6, 8 or 10 ({value} was given).")
_BARTHEL_STEP = Text("{field}: va de 0 a 100 en pasos de 5 (se escribió {value}).",
                     "{field}: goes from 0 to 100 in steps of 5 ({value} was given).")
_ONE_SIDE = Text("{field}: en hemiplejía elija derecho o izquierdo.", "{field}: for hemiplegia choose right or left.")
_NONE_AND_OTHERS = Text("{field}: «Aún ninguno» no va junto con otros hitos.",
                        "{field}: «None yet» cannot go with other milestones.")

#: The measure each category must be followed by.
REQUIRED_BY_CATEGORY = {
    "cerebral_palsy": (GMFCS,),
    "clubfoot": (PIRANI,),
    "hemiplegia": (SIDE,),
    "paraplegia": (INJURY_LEVEL,),
    "hip_dysplasia": (next(f for f in measures.ROM_FIELDS if f.key == "rom_hip_abduction"),),
    "down_syndrome": (MILESTONES,),
    "developmental_delay": (MILESTONES,),
    "post_operative": (OPERATED_JOINT,),
    "musculoskeletal": (PAIN,),
}
#: Measures that belong to one category only.
ONLY_FOR_CATEGORY = {GMFCS.key: "cerebral_palsy", PIRANI.key: "clubfoot"}


def _category_label(value: str) -> Text:
    for choice in CATEGORY.choices:
        if choice.value == value:
            return choice.label
    return Text(value, value)


def _field_of(key: str, fields) -> Field:
    return next(f for f in fields if f.key == key)


def pain_errors(values: dict, keys: tuple[str, ...], fields) -> list[FieldError]:
    """Faces-scale scores must be one of the six faces."""
    if values.get("pain_scale") != "faces":
        return []
    errors = []
    for key in keys:
        score = values.get(key)
        if score is not None and score not in FACES:
            errors.append(FieldError(key, "faces_step", _field_of(key, fields).label, {"value": score},
                                     text=_FACES_STEPS))
    return errors


def _barthel_errors(values: dict) -> list[FieldError]:
    score = values.get("barthel")
    if score is not None and score % 5:
        return [FieldError(BARTHEL.key, "bad_step", BARTHEL.label, {"value": score}, text=_BARTHEL_STEP)]
    return []


def check_assessment(values: dict) -> list[FieldError]:
    """The rules between the assessment's fields: each category's measure is required, GMFCS and
    Pirani only for their category, hemiplegia on one side, faces in their steps, Barthel by 5."""
    errors: list[FieldError] = []
    category = values.get("category")
    if category is not None:
        for required in REQUIRED_BY_CATEGORY.get(category, ()):
            if values.get(required.key) in (None, "", [], {}):
                errors.append(FieldError(required.key, "required_for_category", required.label,
                                         {"category": _category_label(category)}, text=_REQUIRED_FOR))
        for key, only in ONLY_FOR_CATEGORY.items():
            if values.get(key) not in (None, {}) and category != only:
                errors.append(FieldError(key, "only_for_category", _field_of(key, ASSESSMENT_FIELDS).label,
                                         {"only": _category_label(only), "category": _category_label(category)},
                                         text=_ONLY_FOR))
        if category == "hemiplegia" and values.get("side") == "both":
            errors.append(FieldError(SIDE.key, "one_side", SIDE.label, text=_ONE_SIDE))
    milestones = values.get("milestones") or []
    if "none_yet" in milestones and len(milestones) > 1:
        errors.append(FieldError(MILESTONES.key, "none_and_others", MILESTONES.label, text=_NONE_AND_OTHERS))
    errors += pain_errors(values, ("pain",), ASSESSMENT_FIELDS)
    errors += _barthel_errors(values)
    return errors


# -- the forms ------------------------------------------------------------------------------------

ASSESSMENT_FIELDS = (
    CATEGORY,
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
    SIDE,
    GMFCS,
    PIRANI,
    INJURY_LEVEL,
    ASIA,
    MILESTONES,
    OPERATED_JOINT,
    SURGERY_DATE,
    pain_scale_field(),
    PAIN,
    *measures.ROM_FIELDS,
    *measures.STRENGTH_FIELDS,
    BARTHEL,
    Field("mobility_aid", FieldType.CHOICE, Text("Ayuda para la marcha actual", "Current mobility aid"),
          section=_FUNCTION, choices=(
              Choice("none", Text("Ninguna", "None")),
              Choice("cane", Text("Bastón", "Cane")),
              Choice("crutches", Text("Muletas", "Crutches")),
              Choice("walker", Text("Andador", "Walker")),
              Choice("wheelchair", Text("Silla de ruedas", "Wheelchair")),
          )),
    Field("findings", FieldType.TEXT, Text("Hallazgos", "Findings"), max_length=2000, section=_FUNCTION),
    Field("goal", FieldType.TEXT, Text("Objetivos", "Goals"), max_length=1000, section=_FUNCTION),
)

ASSESSMENT = FormSpec(
    key="physio.assessment",
    version=2,
    title=Text("Evaluación fisioterapéutica", "Physiotherapy assessment"),
    tab_title=Text("Evaluación", "Assessment"),
    specialty=SPECIALTY,
    fields=ASSESSMENT_FIELDS,
    checks=check_assessment,
)

_SESSION = Text("Sesión", "Session")


def derive_session(values: dict) -> dict:
    """The change of pain within the session: after minus before (negative is better)."""
    before, after = values.get("pain_before"), values.get("pain_after")
    if before is None or after is None:
        return {}
    return {"pain_change": after - before}


SESSION_FIELDS = (
    Field("techniques", FieldType.MULTI_CHOICE, Text("Técnicas aplicadas", "Techniques used"), required=True,
          choices=codes.TECHNIQUES, section=_SESSION),
    Field("duration", FieldType.INTEGER, Text("Duración", "Duration"), unit="min", min=5, max=180, section=_SESSION),
    pain_scale_field(),
    pain_field("pain_before", Text("Dolor al inicio", "Pain before")),
    pain_field("pain_after", Text("Dolor al final", "Pain after")),
    Field("pain_change", FieldType.INTEGER, Text("Cambio del dolor en la sesión", "Pain change in the session"),
          derived=True, section=_PAIN, help=Text("Final menos inicio: negativo es mejoría.",
                                                 "After minus before: negative is better.")),
    *measures.ROM_FIELDS,
    Field("response", FieldType.CHOICE, Text("Respuesta desde la sesión anterior", "Response since last session"),
          section=_FUNCTION, choices=(
              Choice("better", Text("Mejor", "Better")),
              Choice("same", Text("Igual", "Same")),
              Choice("worse", Text("Peor", "Worse")),
          )),
    Field("notes", FieldType.TEXT, Text("Qué se hizo y observaciones", "What was done and notes"), max_length=2000,
          section=_FUNCTION),
)


def check_session(values: dict) -> list[FieldError]:
    """Faces-scale pain in its six steps."""
    return pain_errors(values, ("pain_before", "pain_after"), SESSION_FIELDS)


SESSION = FormSpec(
    key="physio.session",
    version=1,
    title=Text("Sesión de tratamiento", "Treatment session"),
    tab_title=Text("Sesión", "Session"),
    specialty=SPECIALTY,
    fields=SESSION_FIELDS,
    derive=derive_session,
    checks=check_session,
)

EXERCISES = Field("exercises", FieldType.CODE, Text("Ejercicios", "Exercises"), required=True,
                  choices=tuple(Choice(e.key, phrase(Text("{n}. {name}", "{n}. {name}"), n=n, name=e.name))
                                for n, e in enumerate(CATALOGUE, start=1)))
DOSING = Field("dosing", FieldType.TEXT, Text("Dosis distinta de la usual", "Dose other than usual"),
               max_length=500, help=DOSING_HELP, parse=parse_dosing)
_NOT_PICKED = Text("{field}: «{value}» no está entre los ejercicios elegidos.",
                   "{field}: «{value}» is not one of the exercises picked.")


def check_home_programme(values: dict) -> list[FieldError]:
    """A dose may be changed only for an exercise of the programme."""
    picked = set(values.get("exercises") or ())
    return [FieldError(DOSING.key, "not_picked", DOSING.label, {"value": key}, text=_NOT_PICKED)
            for key in dose_changes(values.get("dosing")) if key not in picked]


HOME_PROGRAMME = FormSpec(
    key="physio.home_programme",
    version=1,
    title=Text("Programa de ejercicios en casa", "Home exercise programme"),
    tab_title=Text("Ejercicios", "Exercises"),
    specialty=SPECIALTY,
    fields=(
        EXERCISES,
        DOSING,
        Field("advice", FieldType.TEXT, Text("Recomendaciones", "Advice"), max_length=1000),
        Field("helper", FieldType.TEXT, Text("Quién ayuda en casa", "Who helps at home"), max_length=120),
        Field("review_date", FieldType.DATE, Text("Próximo control", "Next review"), allow_future=True),
    ),
    checks=check_home_programme,
)

FORMS = (ASSESSMENT, SESSION, HOME_PROGRAMME)
