"""The optometry forms: the eye examination and the plan (glasses handed out or ordered, referral).

Field order is keyboard order, the common case first: distance acuity (OD Tab OI Tab AO along each
row), the refraction per eye with the addition, the acuity it gives and the pupillary distance, then
the findings; near acuity and pressure, measured on fewer patients, come after them, and what is
rarely used last (the chart, the cylinder notation to print). A usual exam is a run of short entries:
«60» for 20/60, PgDn past the rest of a section, F2 when the left eye has the right eye's value.
"""

from __future__ import annotations

from decimal import Decimal

from ayni.core import EYES, Choice, Field, FieldError, FieldType, FormSpec, Text, phrase
from ayni.core.clinical.forms import sided_label

from . import acuity
from .codes import LENS_TYPE_LABEL, LENS_TYPES, REFERRAL_REASONS
from .refraction import CONVENTIONS, QUARTER

SPECIALTY = "optometry"
EYES_AND_BOTH = (*EYES, "ou")


def _choices(*pairs: tuple[str, str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(value, Text(es, en)) for value, es, en in pairs)


# -- the examination -------------------------------------------------------------------------------

_DISTANCE = Text("Agudeza visual de lejos", "Distance visual acuity")
_NEAR = Text("Agudeza visual de cerca", "Near visual acuity")
_REFRACTION = Text("Refracción (receta)", "Refraction (prescription)")
_PRESSURE = Text("Presión intraocular", "Intraocular pressure")
_FINDINGS = Text("Hallazgos", "Findings")
_OTHER = Text("Otros", "Other")


def _acuity(key: str, es: str, en: str, sides: tuple[str, ...], section: Text, near: bool = False) -> Field:
    return Field(key, FieldType.TEXT, Text(es, en), sides=sides, max_length=20, section=section,
                 parse=acuity.field_parser(near), help=acuity.NEAR_HINT if near else acuity.HINT)


#: The acuity fields, distance then near, in the order of the form.
ACUITY_FIELDS = (
    _acuity("va_sc", "AV sin corrección", "VA uncorrected", EYES_AND_BOTH, _DISTANCE),
    _acuity("va_cc", "AV con su corrección", "VA with own correction", EYES, _DISTANCE),
    _acuity("va_ph", "AV con estenopeico", "VA pinhole", EYES, _DISTANCE),
    _acuity("near_sc", "AV cerca sin corrección", "Near VA uncorrected", EYES_AND_BOTH, _NEAR, near=True),
    _acuity("near_cc", "AV cerca con corrección", "Near VA corrected", EYES_AND_BOTH, _NEAR, near=True),
)
NEAR_KEYS = frozenset({"near_sc", "near_cc"})

SPHERE = Field("sphere", FieldType.DECIMAL, Text("Esfera", "Sphere"), unit="D", sides=EYES,
               min=Decimal("-20.00"), max=Decimal("20.00"), step=QUARTER, section=_REFRACTION, signed=True)
CYLINDER = Field("cylinder", FieldType.DECIMAL, Text("Cilindro", "Cylinder"), unit="D", sides=EYES,
                 min=Decimal("-10.00"), max=Decimal("10.00"), step=QUARTER, section=_REFRACTION, signed=True,
                 help=Text("En cilindro negativo o positivo, como lo mida.", "Minus or plus cylinder, as measured."))
AXIS = Field("axis", FieldType.INTEGER, Text("Eje", "Axis"), unit="°", sides=EYES, min=1, max=180,
             section=_REFRACTION)
ADD = Field("add", FieldType.DECIMAL, Text("Adición", "Near addition"), unit="D", sides=EYES,
            min=Decimal("0.75"), max=Decimal("3.50"), step=QUARTER, section=_REFRACTION, signed=True)
VA_RX = _acuity("va_rx", "AV con la nueva corrección", "VA with the new correction", EYES, _REFRACTION)
#: Every acuity field of the exam, distance, near and best corrected.
ALL_ACUITY = (*ACUITY_FIELDS, VA_RX)
IOP = Field("iop", FieldType.INTEGER, Text("Presión intraocular", "Intraocular pressure"), unit="mmHg",
            sides=EYES, min=5, max=60, section=_PRESSURE)
IOP_METHOD = Field("iop_method", FieldType.CHOICE, Text("Método de tonometría", "Tonometry method"), section=_PRESSURE,
                   choices=_choices(("non_contact", "Aire (sin contacto)", "Non-contact (air puff)"),
                                    ("rebound", "Rebote (iCare)", "Rebound (iCare)"),
                                    ("schiotz", "Schiotz", "Schiotz"),
                                    ("goldmann", "Goldmann", "Goldmann"),
                                    ("digital", "Digital (palpación)", "Digital (palpation)")))

CATARACT_GRADES = _choices(
    ("incipient", "Incipiente", "Incipient"), ("immature", "Inmadura", "Immature"),
    ("mature", "Madura", "Mature"), ("hypermature", "Hipermadura", "Hypermature"),
    ("pseudophakia", "Operada (pseudofaquia)", "Operated (pseudophakia)"), ("aphakia", "Afaquia", "Aphakia"))
PTERYGIUM_GRADES = _choices(
    ("1", "Grado I (hasta el limbo)", "Grade I (up to the limbus)"),
    ("2", "Grado II (entre limbo y pupila)", "Grade II (limbus to pupil)"),
    ("3", "Grado III (llega a la pupila)", "Grade III (reaches the pupil)"),
    ("4", "Grado IV (cubre la pupila)", "Grade IV (over the pupil)"))
STRABISMUS = _choices(
    ("esotropia", "Endotropia", "Esotropia"), ("exotropia", "Exotropia", "Exotropia"),
    ("hypertropia", "Hipertropia", "Hypertropia"), ("hypotropia", "Hipotropia", "Hypotropia"))
LIDS = _choices(
    ("ptosis", "Ptosis", "Ptosis"), ("entropion_trichiasis", "Entropión / triquiasis", "Entropion / trichiasis"),
    ("ectropion", "Ectropión", "Ectropion"), ("chalazion", "Chalazión", "Chalazion"),
    ("tumour", "Tumor o lesión palpebral", "Lid tumour or lesion"), ("blepharitis", "Blefaritis", "Blepharitis"))
FUNDUS = _choices(
    ("normal", "Normal", "Normal"), ("diabetic_retinopathy", "Retinopatía diabética", "Diabetic retinopathy"),
    ("hypertensive_retinopathy", "Retinopatía hipertensiva", "Hypertensive retinopathy"),
    ("macular_degeneration", "Degeneración macular", "Macular degeneration"),
    ("retinal_detachment", "Desprendimiento de retina", "Retinal detachment"),
    ("not_seen", "No valorable (medios opacos)", "Not seen (opaque media)"), ("other", "Otro", "Other"))
CHARTS = _choices(
    ("letters", "Letras (Snellen)", "Letters (Snellen)"), ("tumbling_e", "E direccional", "Tumbling E"),
    ("pictures", "Figuras (niños)", "Pictures (children)"), ("numbers", "Números", "Numbers"))

_CONVENTION_LABELS = {"minus": Text("Cilindro negativo", "Minus cylinder"), "plus": Text("Cilindro positivo", "Plus cylinder")}
CYLINDER_PRINT = Field("cylinder_print", FieldType.CHOICE, Text("Imprimir el cilindro en", "Print the cylinder in"),
                       choices=tuple(Choice(c, _CONVENTION_LABELS[c]) for c in CONVENTIONS), section=_OTHER,
                       help=Text("Vacío: como se anotó.", "Empty: as entered."))

EXAM_FIELDS = (
    *ACUITY_FIELDS[:3],
    SPHERE,
    CYLINDER,
    AXIS,
    ADD,
    VA_RX,
    Field("pd", FieldType.INTEGER, Text("Distancia interpupilar (DIP)", "Pupillary distance (PD)"), unit="mm",
          min=45, max=80, section=_REFRACTION),
    Field("cataract", FieldType.CHOICE, Text("Catarata", "Cataract"), sides=EYES, choices=CATARACT_GRADES,
          section=_FINDINGS),
    Field("pterygium", FieldType.CHOICE, Text("Pterigión", "Pterygium"), sides=EYES, choices=PTERYGIUM_GRADES,
          section=_FINDINGS),
    Field("glaucoma_suspect", FieldType.YES_NO, Text("Sospecha de glaucoma", "Glaucoma suspect"), sides=EYES,
          section=_FINDINGS),
    Field("cup_disc", FieldType.DECIMAL, Text("Excavación (copa/disco)", "Cup-to-disc ratio"), sides=EYES,
          min=Decimal("0.0"), max=Decimal("1.0"), step=Decimal("0.1"), section=_FINDINGS),
    Field("strabismus", FieldType.CHOICE, Text("Estrabismo", "Strabismus"), sides=EYES, choices=STRABISMUS,
          section=_FINDINGS),
    Field("lids", FieldType.CHOICE, Text("Párpados", "Eyelids"), sides=EYES, choices=LIDS, section=_FINDINGS),
    Field("fundus", FieldType.CHOICE, Text("Fondo de ojo", "Fundus"), sides=EYES, choices=FUNDUS, section=_FINDINGS),
    Field("notes", FieldType.TEXT, Text("Observaciones", "Notes"), max_length=1000, section=_FINDINGS),
    *ACUITY_FIELDS[3:],
    IOP,
    IOP_METHOD,
    Field("va_chart", FieldType.CHOICE, Text("Cartilla de agudeza visual", "Acuity chart"), choices=CHARTS,
          section=_OTHER),
    CYLINDER_PRINT,
)


def _refuse(field: Field, side: str | None, es: str, en: str) -> FieldError:
    """A refusal naming the field (and the eye) with a message of this plugin."""
    key = f"{field.key}.{side}" if side else field.key
    label = sided_label(field, side) if side else field.label
    return FieldError(key, "bad_pattern", label, {"hint": Text(es, en)})


def check_exam(values: dict) -> list[FieldError]:
    """Rules one field cannot see: an eye with a cylinder needs its axis and its sphere; an axis
    needs a cylinder; a pressure needs the method it was taken with."""
    errors = []
    spheres, cylinders, axes = (values.get(k) or {} for k in ("sphere", "cylinder", "axis"))
    for eye in EYES:
        cylinder = cylinders.get(eye)
        if cylinder and eye not in axes:
            errors.append(_refuse(AXIS, eye, "es obligatorio cuando el cilindro no es cero (1 a 180°).",
                                  "is required when the cylinder is not zero (1 to 180°)."))
        if not cylinder and eye in axes:
            errors.append(_refuse(AXIS, eye, "sin cilindro no lleva eje; anote el cilindro o borre el eje.",
                                  "there is no axis without a cylinder; enter the cylinder or clear the axis."))
        if cylinder is not None and eye not in spheres:
            errors.append(_refuse(SPHERE, eye, "es obligatoria cuando hay cilindro (0 si es neutra).",
                                  "is required with a cylinder (0 for plano)."))
    if values.get("iop") and not values.get("iop_method"):
        errors.append(_refuse(IOP_METHOD, None, "indique con qué se midió la presión.",
                              "say how the pressure was measured."))
    return errors


def derive_exam(values: dict) -> dict:
    """Store each acuity also as logMAR (``logmar: {field: {eye: Decimal}}``), the canonical value
    reports and comparisons use; the notation as entered stays in its own field."""
    logmar = {}
    for field in ALL_ACUITY:
        by_eye = values.get(field.key) or {}
        if by_eye:
            near = field.key in NEAR_KEYS
            logmar[field.key] = {eye: acuity.logmar_of(notation, near) for eye, notation in by_eye.items()}
    return {"logmar": logmar or None}


EXAM = FormSpec(
    key="optometry.exam",
    version=2,
    title=Text("Examen visual", "Eye examination"),
    specialty=SPECIALTY,
    fields=EXAM_FIELDS,
    derive=derive_exam,
    checks=check_exam,
    copy_sides=("od", "os"),
    number_paths=("logmar.*.*",),  # {acuity field: {eye: logMAR}} (derive_exam)
)


# -- the plan: what is handed out, ordered or referred ---------------------------------------------

_HAND_OUT = Text("Entrega de lentes", "Glasses handed out")
_REFERRAL = Text("Referencia", "Referral")

READERS = Field("readers", FieldType.YES_NO, Text("Lentes de lectura", "Reading glasses"), section=_HAND_OUT)
READERS_POWER = Field("readers_power", FieldType.DECIMAL, Text("Potencia de lectura", "Reading power"), unit="D",
                      min=Decimal("1.00"), max=Decimal("3.50"), step=QUARTER, section=_HAND_OUT, signed=True,
                      help=Text("Vacío: la del stock más cercana a la adición.",
                                "Empty: the stock power nearest the addition."))
GLASSES_ORDER = Field("glasses_order", FieldType.YES_NO, Text("Pedir lentes a medida", "Order custom glasses"),
                      section=_HAND_OUT)
LENS_TYPE = Field("lens_type", FieldType.CHOICE, LENS_TYPE_LABEL, section=_HAND_OUT,
                  choices=tuple(Choice(key, label) for key, label in LENS_TYPES.items()))
REFERRAL = Field("referral", FieldType.CHOICE, Text("Referir por", "Refer for"), section=_REFERRAL,
                 choices=tuple(Choice(key, label) for key, (label, _) in REFERRAL_REASONS.items()))
REFERRAL_EYE = Field("referral_eye", FieldType.CHOICE, Text("Ojo", "Eye"), section=_REFERRAL,
                     choices=_choices(("od", "OD (derecho)", "OD (right)"), ("os", "OI (izquierdo)", "OS (left)"),
                                      ("ou", "AO (ambos)", "OU (both)")))
REFERRAL_URGENCY = Field("referral_urgency", FieldType.CHOICE, Text("Prioridad", "Urgency"), section=_REFERRAL,
                         choices=_choices(("routine", "Rutina", "Routine"), ("priority", "Prioritaria", "Priority"),
                                          ("urgent", "Urgente", "Urgent")))
REFERRAL_NOTES = Field("referral_notes", FieldType.TEXT, Text("Nota para la referencia", "Referral note"),
                       max_length=1000, section=_REFERRAL)


def _needs(field: Field, other: Field, then: Text) -> FieldError:
    return FieldError(field.key, "bad_pattern", field.label,
                      {"hint": phrase(Text("solo va con «{other}»; {then}", "only goes with «{other}»; {then}"),
                                      other=other.label, then=then)})


def check_plan(values: dict) -> list[FieldError]:
    """Details need what they detail: a reading power needs «reading glasses», a lens type needs the
    order (and the order its lens type), the referral's eye, urgency and note need its reason (and
    the reason its eye)."""
    errors = []
    if values.get("readers_power") is not None and not values.get("readers"):
        errors.append(_needs(READERS_POWER, READERS, Text("marque la entrega o borre la potencia.",
                                                        "tick it or clear the power.")))
    if values.get("lens_type") and not values.get("glasses_order"):
        errors.append(_needs(LENS_TYPE, GLASSES_ORDER, Text("marque el pedido o borre el tipo.",
                                                              "tick the order or clear the type.")))
    if values.get("glasses_order") and not values.get("lens_type"):
        errors.append(FieldError(LENS_TYPE.key, "required", LENS_TYPE.label))
    for detail in (REFERRAL_EYE, REFERRAL_URGENCY, REFERRAL_NOTES):
        if values.get(detail.key) and not values.get("referral"):
            errors.append(_needs(detail, REFERRAL, Text("elija el motivo o borre este dato.",
                                                           "choose the reason or clear this.")))
    if values.get("referral") and not values.get("referral_eye"):
        errors.append(FieldError(REFERRAL_EYE.key, "required", REFERRAL_EYE.label))
    return errors


PLAN = FormSpec(
    key="optometry.plan",
    version=1,
    title=Text("Plan: lentes y referencia", "Plan: glasses and referral"),
    tab_title=Text("Plan", "Plan"),
    specialty=SPECIALTY,
    fields=(
        READERS,
        READERS_POWER,
        Field("sunglasses", FieldType.YES_NO, Text("Lentes de sol", "Sunglasses"), section=_HAND_OUT),
        Field("lubricant", FieldType.YES_NO, Text("Lágrimas artificiales", "Lubricant eye drops"), section=_HAND_OUT),
        GLASSES_ORDER,
        LENS_TYPE,
        REFERRAL,
        REFERRAL_EYE,
        REFERRAL_URGENCY,
        REFERRAL_NOTES,
    ),
    checks=check_plan,
)

FORMS = (EXAM, PLAN)
