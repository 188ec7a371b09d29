"""The surgical forms, validated by the core's one validator (``ayni.core.validate_form``).

``surgery.screening`` is filled in a screening *encounter*; the others belong to a surgical *case*
(:mod:`.cases`): the case itself, its place on the schedule, a status change's reason, the
pre-operative assessment, the operative note, post-operative day 1 and the discharge.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ayni.core import Choice, Field, FieldError, FieldType, FormSpec, Text
from ayni.core.clinical.codesearch import CodeIndex
from ayni.core.clinical.forms import SEARCH

from .codes import OPERATION_WORDS, OPERATIONS, SERVICES, THEATRES

SPECIALTY = "surgery"

#: ASA physical status. Screening stops at V: a class VI patient (brain-dead organ donor) is never
#: screened for a mission's list, but the pre-operative assessment records the whole scale.
ASA_CLASSES = (
    Choice("I", Text("ASA I — sano", "ASA I — healthy")),
    Choice("II", Text("ASA II — enfermedad sistémica leve", "ASA II — mild systemic disease")),
    Choice("III", Text("ASA III — enfermedad sistémica grave", "ASA III — severe systemic disease")),
    Choice("IV", Text("ASA IV — amenaza constante para la vida", "ASA IV — constant threat to life")),
    Choice("V", Text("ASA V — moribundo", "ASA V — moribund")),
    Choice("VI", Text("ASA VI — muerte encefálica, donante de órganos", "ASA VI — brain-dead organ donor")),
)

SIDES = (
    Choice("right", Text("Derecho", "Right")),
    Choice("left", Text("Izquierdo", "Left")),
    Choice("bilateral", Text("Bilateral", "Bilateral")),
    Choice("not_applicable", Text("No aplica", "Not applicable")),
)

OPERATION_CHOICES = tuple(Choice(op.code, op.label, OPERATION_WORDS.get(op.code, ())) for _, op in OPERATIONS)
#: The operations searched by name in either language, or by the words surgeons use (accents and case ignored).
OPERATION_INDEX = CodeIndex.of_choices(OPERATION_CHOICES)

ANAESTHESIA_PLANS = (
    Choice("general", Text("General", "General")),
    Choice("spinal", Text("Raquídea (espinal)", "Spinal")),
    Choice("regional", Text("Regional (bloqueo)", "Regional (nerve block)")),
    Choice("local", Text("Local", "Local")),
    Choice("sedation", Text("Sedación", "Sedation")),
)

#: Clavien–Dindo grades of a post-operative complication.
CLAVIEN_DINDO = (
    Choice("I", Text("I — desviación sin tratamiento específico", "I — deviation needing no specific treatment")),
    Choice("II", Text("II — requiere fármacos, transfusión o nutrición", "II — needs drugs, transfusion or nutrition")),
    Choice("IIIa", Text("IIIa — intervención sin anestesia general", "IIIa — intervention without general anaesthesia")),
    Choice("IIIb", Text("IIIb — intervención con anestesia general", "IIIb — intervention under general anaesthesia")),
    Choice("IVa", Text("IVa — disfunción de un órgano (cuidados intensivos)",
                       "IVa — single-organ dysfunction (intensive care)")),
    Choice("IVb", Text("IVb — disfunción multiorgánica", "IVb — multi-organ dysfunction")),
    Choice("V", Text("V — fallecimiento", "V — death")),
)

WOUND = (
    Choice("clean", Text("Limpia y seca", "Clean and dry")),
    Choice("inflamed", Text("Inflamada", "Inflamed")),
    Choice("infected", Text("Infectada", "Infected")),
    Choice("dehiscence", Text("Dehiscencia", "Dehiscence")),
)


# -- a clock time (HH:MM), which no core field type describes ----------------------------------

_TIME = re.compile(r"([01]?[0-9]|2[0-3])[:.h]([0-5][0-9])")
BAD_TIME = Text("{field}: hora no válida; use HH:MM de 00:00 a 23:59 (p. ej. 09:30).",
                "{field}: invalid time; use HH:MM from 00:00 to 23:59 (e.g. 09:30).")
END_BEFORE_START = Text("{field}: debe ser posterior a la hora de inicio ({start}).",
                        "{field}: must be after the start time ({start}).")


def parse_time(field: Field, raw) -> tuple[str | None, FieldError | None]:
    """A time of day as ``"HH:MM"`` (accepts ``9:30``, ``09.30``, ``9h30``)."""
    match = _TIME.fullmatch(str(raw).strip())
    if not match:
        return None, FieldError(field.key, "bad_pattern", field.label, text=BAD_TIME)
    return f"{int(match[1]):02d}:{match[2]}", None


def minutes(time: str) -> int:
    """Minutes since midnight of an ``"HH:MM"`` time."""
    hours, mins = time.split(":")
    return int(hours) * 60 + int(mins)


# -- the screening encounter ------------------------------------------------------------------

SCREENING = FormSpec(
    key="surgery.screening",
    version=1,
    title=Text("Evaluación prequirúrgica", "Pre-operative screening"),
    tab_title=Text("Prequirúrgica", "Pre-op screening"),
    specialty=SPECIALTY,
    fields=(
        Field("planned_procedure", FieldType.CHOICE, Text("Operación planificada", "Planned operation"),
              required=True, choices=OPERATION_CHOICES, widget=SEARCH),
        Field("side", FieldType.CHOICE, Text("Lado", "Side"), choices=SIDES),
        Field("asa", FieldType.CHOICE, Text("Clasificación ASA", "ASA class"), required=True, choices=ASA_CLASSES[:5]),
        Field("hemoglobin", FieldType.DECIMAL, Text("Hemoglobina", "Haemoglobin"), unit="g/dL",
              min=Decimal("3.0"), max=Decimal("22.0"), step=Decimal("0.1")),
        Field("anticoagulants", FieldType.YES_NO, Text("Toma anticoagulantes", "Takes anticoagulants")),
        Field("allergies", FieldType.TEXT, Text("Alergias", "Allergies"), max_length=300),
        Field("fit_for_surgery", FieldType.YES_NO, Text("Apto para cirugía", "Fit for surgery"), required=True),
        Field("notes", FieldType.TEXT, Text("Observaciones", "Notes"), max_length=1000),
    ),
)

# -- the case: who, what, where and when ------------------------------------------------------

SURGEON = Field("surgeon", FieldType.TEXT, Text("Cirujano", "Surgeon"), max_length=120,
                help=Text("Nombre del usuario", "User's name"))
ANAESTHETIST = Field("anaesthetist", FieldType.TEXT, Text("Anestesiólogo", "Anaesthetist"), max_length=120,
                     help=Text("Nombre del usuario", "User's name"))

CASE = FormSpec(
    key="surgery.case",
    version=1,
    title=Text("Caso quirúrgico", "Surgical case"),
    specialty=SPECIALTY,
    fields=(
        Field("procedure", FieldType.CHOICE, Text("Operación planificada", "Planned operation"),
              required=True, choices=OPERATION_CHOICES, widget=SEARCH),
        Field("service", FieldType.CHOICE, Text("Servicio quirúrgico", "Surgical service"),
              choices=tuple(Choice(k, v) for k, v in SERVICES.items()),
              help=Text("Por defecto, el de la operación", "By default, the operation's own")),
        Field("side", FieldType.CHOICE, Text("Lado", "Side"), choices=SIDES),
        Field("indication", FieldType.TEXT, Text("Indicación (diagnóstico)", "Indication (diagnosis)"), max_length=300),
        SURGEON,
        ANAESTHETIST,
    ),
)

#: The case's place on the schedule; ``day`` is bounded by the campaign's dates when validated.
SCHEDULE = FormSpec(
    key="surgery.schedule",
    version=1,
    title=Text("Programación", "Scheduling"),
    specialty=SPECIALTY,
    fields=(
        Field("day", FieldType.DATE, Text("Día de operación", "Operating day"), required=True, allow_future=True),
        Field("theatre", FieldType.CHOICE, Text("Quirófano", "Theatre"), required=True,
              choices=tuple(Choice(k, v) for k, v in THEATRES.items())),
        Field("slot", FieldType.INTEGER, Text("Orden en la lista del día", "Place in the day's list"), min=1, max=30,
              help=Text("Vacío: al final de la lista", "Empty: at the end of the list")),
        Field(SURGEON.key, FieldType.TEXT, SURGEON.label, required=True, max_length=120, help=SURGEON.help),
        ANAESTHETIST,
    ),
)

REASON = FormSpec(
    key="surgery.status_reason",
    version=1,
    title=Text("Motivo del cambio", "Reason for the change"),
    specialty=SPECIALTY,
    fields=(Field("reason", FieldType.TEXT, Text("Motivo", "Reason"), required=True, max_length=300),),
)

# -- pre-operative assessment -----------------------------------------------------------------

CONSENT = Field("consent", FieldType.YES_NO, Text("Consentimiento informado firmado", "Informed consent signed"))
WITNESS = Field("consent_witness", FieldType.TEXT, Text("Testigo del consentimiento", "Consent witnessed by"),
                max_length=120)


def check_preop(values: dict) -> list[FieldError]:
    """A signed consent names its witness."""
    if values.get("consent") and not values.get("consent_witness"):
        return [FieldError(WITNESS.key, "required", WITNESS.label)]
    return []


PREOP = FormSpec(
    key="surgery.preop",
    version=1,
    title=Text("Evaluación preoperatoria", "Pre-operative assessment"),
    specialty=SPECIALTY,
    fields=(
        Field("asa", FieldType.CHOICE, Text("Clasificación ASA", "ASA class"), choices=ASA_CLASSES),
        Field("allergies", FieldType.TEXT, Text("Alergias", "Allergies"), max_length=300,
              help=Text("«Ninguna conocida» si no tiene", "«None known» if none")),
        Field("weight", FieldType.DECIMAL, Text("Peso", "Weight"), unit="kg", min=Decimal("1.0"), max=Decimal("250.0"),
              step=Decimal("0.1")),
        Field("fasting_hours", FieldType.INTEGER, Text("Horas de ayuno", "Fasting hours"), unit="h", min=0, max=72),
        CONSENT,
        WITNESS,
        Field("hemoglobin", FieldType.DECIMAL, Text("Hemoglobina", "Haemoglobin"), unit="g/dL",
              min=Decimal("3.0"), max=Decimal("25.0"), step=Decimal("0.1"), section=Text("Laboratorio", "Labs")),
        Field("glucose", FieldType.INTEGER, Text("Glucosa", "Glucose"), unit="mg/dL", min=20, max=600,
              section=Text("Laboratorio", "Labs")),
        Field("anaesthesia_plan", FieldType.CHOICE, Text("Plan anestésico", "Anaesthesia plan"),
              choices=ANAESTHESIA_PLANS),
        Field("notes", FieldType.TEXT, Text("Observaciones", "Notes"), max_length=1000),
    ),
    checks=check_preop,
)

# -- operative note ---------------------------------------------------------------------------

START = Field("start_time", FieldType.TEXT, Text("Hora de inicio", "Start time"), required=True, max_length=5,
              parse=parse_time, help=Text("HH:MM, hora de Lima", "HH:MM, Lima time"))
END = Field("end_time", FieldType.TEXT, Text("Hora de término", "End time"), required=True, max_length=5,
            parse=parse_time, help=Text("HH:MM, hora de Lima", "HH:MM, Lima time"))
TRAINED = Field("local_surgeons_trained", FieldType.TEXT, Text("Cirujanos locales capacitados", "Local surgeons trained"),
                max_length=500, help=Text("Nombres separados por comas", "Names separated by commas"))


def check_operative_note(values: dict) -> list[FieldError]:
    """The operation ends after it starts (same day)."""
    start, end = values.get(START.key), values.get(END.key)
    if start and end and minutes(end) <= minutes(start):
        return [FieldError(END.key, "end_before_start", END.label, {"start": start}, text=END_BEFORE_START)]
    return []


OPERATIVE_NOTE = FormSpec(
    key="surgery.operative_note",
    version=1,
    title=Text("Nota operatoria", "Operative note"),
    specialty=SPECIALTY,
    fields=(
        Field("procedure_performed", FieldType.CHOICE, Text("Operación realizada", "Procedure performed"),
              required=True, choices=OPERATION_CHOICES, widget=SEARCH),
        Field("side", FieldType.CHOICE, Text("Lado", "Side"), choices=SIDES),
        START,
        END,
        Field("findings", FieldType.TEXT, Text("Hallazgos", "Findings"), max_length=2000),
        Field("blood_loss", FieldType.INTEGER, Text("Sangrado estimado", "Estimated blood loss"), unit="ml",
              min=0, max=10000),
        Field("complications", FieldType.TEXT, Text("Complicaciones intraoperatorias", "Intra-operative complications"),
              max_length=1000),
        Field("specimens", FieldType.TEXT, Text("Muestras enviadas", "Specimens sent"), max_length=500),
        Field("assistant", FieldType.TEXT, Text("Ayudante", "Assistant"), max_length=120),
        TRAINED,
    ),
    checks=check_operative_note,
)

# -- follow-up --------------------------------------------------------------------------------

COMPLICATION = Field("complication", FieldType.YES_NO, Text("Complicación postoperatoria", "Post-operative complication"))
GRADE = Field("clavien_dindo", FieldType.CHOICE, Text("Grado Clavien–Dindo", "Clavien–Dindo grade"),
              choices=CLAVIEN_DINDO)
_COMPLICATION_FIELDS = (
    COMPLICATION,
    GRADE,
    Field("complication_detail", FieldType.TEXT, Text("Descripción de la complicación", "Complication described"),
          max_length=1000),
)
GRADE_WITHOUT_COMPLICATION = Text("{field}: solo se gradúa una complicación registrada.",
                                  "{field}: only a recorded complication is graded.")


def check_complication(values: dict) -> list[FieldError]:
    """A complication has a Clavien–Dindo grade, and a grade needs a complication."""
    if values.get(COMPLICATION.key) and not values.get(GRADE.key):
        return [FieldError(GRADE.key, "required", GRADE.label)]
    if values.get(GRADE.key) and not values.get(COMPLICATION.key):
        return [FieldError(GRADE.key, "grade_without_complication", GRADE.label, text=GRADE_WITHOUT_COMPLICATION)]
    return []


POSTOP_DAY1 = FormSpec(
    key="surgery.postop_day1",
    version=1,
    title=Text("Control postoperatorio día 1", "Post-operative day 1"),
    specialty=SPECIALTY,
    fields=(
        Field("pain", FieldType.SCALE, Text("Dolor (EVA)", "Pain (VAS)"), min=0, max=10),
        Field("wound", FieldType.CHOICE, Text("Herida operatoria", "Surgical wound"), choices=WOUND),
        Field("tolerates_diet", FieldType.YES_NO, Text("Tolera vía oral", "Tolerates oral intake")),
        Field("voiding", FieldType.YES_NO, Text("Micción espontánea", "Passing urine")),
        *_COMPLICATION_FIELDS,
        Field("notes", FieldType.TEXT, Text("Observaciones", "Notes"), max_length=1000),
    ),
    checks=check_complication,
)

DISCHARGE = FormSpec(
    key="surgery.discharge",
    version=1,
    title=Text("Alta", "Discharge"),
    specialty=SPECIALTY,
    fields=(
        Field("discharge_date", FieldType.DATE, Text("Fecha de alta", "Discharge date"), required=True),
        Field("condition", FieldType.CHOICE, Text("Condición al alta", "Condition at discharge"), required=True,
              choices=(Choice("good", Text("Buena", "Good")), Choice("fair", Text("Regular", "Fair")),
                       Choice("referred", Text("Referido a hospital", "Referred to hospital")),
                       Choice("deceased", Text("Fallecido", "Deceased")))),
        Field("wound", FieldType.CHOICE, Text("Herida operatoria", "Surgical wound"), choices=WOUND),
        *_COMPLICATION_FIELDS,
        Field("medicines", FieldType.TEXT, Text("Medicación al alta", "Medicines at discharge"), max_length=1000),
        Field("instructions", FieldType.TEXT, Text("Indicaciones", "Instructions"), max_length=2000),
        Field("follow_up", FieldType.TEXT, Text("Control (retiro de puntos, cita)", "Follow-up (stitches, appointment)"),
              max_length=500),
    ),
    checks=check_complication,
)

#: The clinical forms saved on a case (each save a new revision).
CASE_FORMS = (PREOP, OPERATIVE_NOTE, POSTOP_DAY1, DISCHARGE)
#: Every form of the plugin: the screening encounter's first.
FORMS = (SCREENING, CASE, SCHEDULE, REASON, *CASE_FORMS)
