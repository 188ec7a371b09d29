"""The general-medicine forms: triage, consultation, prescription, vaccination register, mental-health
screening, sexual and reproductive health, health education, pastoral counselling (only with
consent) and referral. Data, plus the derive/checks functions each form needs."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from ayni.core import Choice, Field, FieldError, FieldType, FormSpec, Text
from ayni.core.clinical.referrals import URGENCIES
from ayni.core.dates import today_in_lima

from . import mental
from .allergies import NONE
from .formulary import ALLERGY_CLASSES
from .messages import refuse
from .prescriptions import parse_prescription
from .triage import PRIORITY_CHOICES
from .vaccines import FORM_KEY as VACCINATION_KEY, parse_doses

SPECIALTY = "general"

_VITALS = Text("Signos vitales", "Vital signs")
_MEASURES = Text("Medidas", "Measurements")
_ALLERGIES = Text("Alergias", "Allergies")
_PRIORITY = Text("Prioridad", "Priority")

SYSTOLIC = Field("bp_systolic", FieldType.INTEGER, Text("Presión arterial sistólica", "Systolic blood pressure"),
                 unit="mmHg", min=50, max=260, section=_VITALS)
DIASTOLIC = Field("bp_diastolic", FieldType.INTEGER, Text("Presión arterial diastólica", "Diastolic blood pressure"),
                  unit="mmHg", min=30, max=160, section=_VITALS)
ALLERGIES = Field(
    "allergies", FieldType.MULTI_CHOICE, Text("Alergias a medicamentos", "Drug allergies"), section=_ALLERGIES,
    choices=(Choice(NONE, Text("Niega alergias", "No known allergies")),
             *(Choice(key, label) for key, label in ALLERGY_CLASSES.items())),
    help=Text("Se revisan en cada receta, también en otras atenciones del paciente.",
              "Checked on every prescription, in the patient's other encounters too."))
ALLERGY_NOTES = Field("allergy_notes", FieldType.TEXT, Text("Otras alergias y reacciones", "Other allergies and reactions"),
                      max_length=300, section=_ALLERGIES)
PRIORITY = Field("priority", FieldType.CHOICE, Text("Prioridad asignada", "Assigned priority"), choices=PRIORITY_CHOICES,
                 section=_PRIORITY,
                 help=Text("Vacío: la sugerida por los signos vitales. Otra distinta necesita un motivo.",
                           "Empty: the one the vital signs suggest. A different one needs a reason."))
PRIORITY_REASON = Field("priority_reason", FieldType.TEXT, Text("Motivo del cambio de prioridad",
                                                                "Reason for changing the priority"),
                        max_length=300, section=_PRIORITY)


def bmi(weight_kg: Decimal, height_cm: Decimal) -> Decimal:
    """Body-mass index, kg/m², to one decimal (half up)."""
    metres = Decimal(height_cm) / 100
    return (Decimal(weight_kg) / (metres * metres)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def derive_triage(values: dict) -> dict:
    """Compute the BMI when both weight and height were measured."""
    if values.get("weight") is not None and values.get("height") is not None:
        return {"bmi": bmi(values["weight"], values["height"])}
    return {}


def check_allergies(values: dict) -> list[FieldError]:
    """«No known allergies» cannot be ticked together with an allergy."""
    chosen = values.get(ALLERGIES.key) or []
    if NONE in chosen and len(chosen) > 1:
        return [refuse(ALLERGIES.key, "general.allergy_none_and_some", ALLERGIES.label)]
    return []


def check_triage(values: dict) -> list[FieldError]:
    """Refuse a blood pressure whose systolic is not above its diastolic (usually swapped fields), and
    contradictory allergies."""
    errors = check_allergies(values)
    systolic, diastolic = values.get("bp_systolic"), values.get("bp_diastolic")
    if systolic is not None and diastolic is not None and systolic <= diastolic:
        errors.insert(0, FieldError(SYSTOLIC.key, "bp_order", SYSTOLIC.label))
    return errors


TRIAGE = FormSpec(
    key="general.triage",
    version=2,
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
              help=Text("Baja: menos de 90 %; desde 2500 m de altitud, menos de 87 %.",
                        "Low: below 90 %; from 2500 m of altitude, below 87 %.")),
        Field("altitude", FieldType.INTEGER, Text("Altitud de la sede", "Altitude of the site"), unit="m",
              min=0, max=5500, section=_VITALS,
              help=Text("Para el umbral de SpO2; sin altitud se usa el de nivel del mar.",
                        "For the SpO2 threshold; without it the sea-level one is used.")),
        Field("weight", FieldType.DECIMAL, Text("Peso", "Weight"), unit="kg",
              min=Decimal("0.5"), max=Decimal("250"), step=Decimal("0.1"), section=_MEASURES),
        Field("height", FieldType.DECIMAL, Text("Talla", "Height"), unit="cm",
              min=Decimal("30"), max=Decimal("230"), step=Decimal("0.1"), section=_MEASURES),
        Field("bmi", FieldType.DECIMAL, Text("Índice de masa corporal (IMC)", "Body-mass index (BMI)"),
              unit="kg/m²", derived=True, section=_MEASURES,
              help=Text("Se calcula del peso y la talla.", "Computed from weight and height.")),
        Field("muac", FieldType.DECIMAL, Text("Perímetro braquial", "Mid-upper-arm circumference (MUAC)"),
              unit="cm", min=Decimal("5.0"), max=Decimal("50.0"), step=Decimal("0.1"), section=_MEASURES,
              help=Text("Niños de 6 a 59 meses: menos de 11,5 cm severa, menos de 12,5 cm moderada.",
                        "Children 6–59 months: below 11.5 cm severe, below 12.5 cm moderate.")),
        Field("glucose", FieldType.INTEGER, Text("Glucosa capilar", "Capillary glucose"),
              unit="mg/dL", min=20, max=600, section=_MEASURES),
        ALLERGIES,
        ALLERGY_NOTES,
        PRIORITY,
        PRIORITY_REASON,
    ),
    derive=derive_triage,
    checks=check_triage,
)

CONSULTATION = FormSpec(
    key="general.consultation",
    version=2,
    title=Text("Consulta médica", "Medical consultation"),
    tab_title=Text("Consulta", "Consultation"),
    specialty=SPECIALTY,
    fields=(
        Field("chief_complaint", FieldType.TEXT, Text("Motivo de consulta", "Chief complaint"),
              required=True, max_length=300),
        Field("history", FieldType.TEXT, Text("Enfermedad actual", "History of present illness"), max_length=2000),
        Field("past_history", FieldType.TEXT, Text("Antecedentes", "Past medical history"), max_length=1000,
              help=Text("Enfermedades crónicas, medicamentos que toma, embarazos, el viaje.",
                        "Chronic illnesses, current medicines, pregnancies, the journey.")),
        ALLERGIES,
        ALLERGY_NOTES,
        Field("examination", FieldType.TEXT, Text("Examen físico", "Examination"), max_length=2000,
              section=Text("Examen", "Examination")),
        Field("plan", FieldType.TEXT, Text("Plan y tratamiento", "Plan and treatment"), required=True,
              max_length=2000, section=Text("Plan", "Plan")),
        Field("notes", FieldType.TEXT, Text("Observaciones", "Notes"), max_length=1000),
    ),
    checks=check_allergies,
)

#: The widget the UI may supply for the prescription lines (``ayni_tui_widgets``); the generic text
#: box takes the typed form.
PRESCRIPTION_WIDGET = "general.prescription"
ITEMS = Field(
    "items", FieldType.TEXT, Text("Medicamentos", "Medicines"), required=True, max_length=3000,
    parse=parse_prescription, widget=PRESCRIPTION_WIDGET,
    help=Text("Uno por línea, como en papel («Amoxicilina 500 mg VO c/8h x 7 dias») o abreviado "
              "(«amoxicilina_500 1 c/8h x7d»); dosis única: «albendazol_400 1 unica».",
              "One per line, as on paper («Amoxicillin 500 mg PO c/8h x 7 days») or short "
              "(«amoxicillin_500 1 c/8h x7d»); single dose: «albendazole_400 1 once»."))
PRESCRIPTION = FormSpec(
    key="general.prescription",
    version=1,
    title=Text("Receta", "Prescription"),
    specialty=SPECIALTY,
    fields=(
        ITEMS,
        Field("advice", FieldType.TEXT, Text("Indicaciones para el paciente", "Advice for the patient"),
              max_length=1000),
    ),
    number_paths=("items.*.dose",),  # each line's dose (prescriptions.parse_prescription)
)

VACCINES_WIDGET = "general.vaccines"
DOSES = Field(
    "doses", FieldType.TEXT, Text("Dosis aplicadas", "Doses given"), required=True, max_length=2000,
    parse=parse_doses, widget=VACCINES_WIDGET,
    help=Text("Elija un lote en stock, o escriba una dosis por línea: vacuna dosis lote vencimiento (AAAA-MM-DD) "
              "sitio (bd, bi, md, mi, oral).",
              "Pick a lot in stock, or type one dose per line: vaccine dose lot expiry (YYYY-MM-DD) site "
              "(ra, la, rt, lt, oral)."))
VACCINATION = FormSpec(
    key=VACCINATION_KEY,
    version=1,
    title=Text("Vacunación", "Vaccination"),
    specialty=SPECIALTY,
    fields=(
        DOSES,
        Field("card_updated", FieldType.YES_NO, Text("Carné de vacunación actualizado", "Vaccination card updated")),
        Field("adverse_event", FieldType.TEXT, Text("Evento adverso observado", "Adverse event observed"),
              max_length=500),
    ),
)

_PHQ_SECTION = Text("PHQ-9: en las últimas 2 semanas, ¿con qué frecuencia…?",
                    "PHQ-9: over the last 2 weeks, how often…?")
_GAD_SECTION = Text("GAD-7: en las últimas 2 semanas, ¿con qué frecuencia…?",
                    "GAD-7: over the last 2 weeks, how often…?")
_FOLLOW = Text("Seguimiento", "Follow-up")
#: The safety action that promises a referral: the close waits for it (``closing.refer_on_close``).
URGENT_REFERRAL = "urgent_referral"
SAFETY_ACTION = Field(
    "safety_action", FieldType.CHOICE, Text("Acción de seguridad", "Safety action"), section=_FOLLOW,
    choices=(Choice("assessed_low", Text("Evaluado: riesgo bajo, plan de seguridad conversado",
                                         "Assessed: low risk, safety plan discussed")),
             Choice("safety_plan", Text("Plan de seguridad y contacto de apoyo", "Safety plan and support contact")),
             Choice(URGENT_REFERRAL, Text("Referencia urgente", "Urgent referral")),
             Choice("accompanied", Text("Acompañado hasta atención especializada",
                                        "Accompanied to specialist care"))),
    help=Text("Obligatoria si la pregunta 9 del PHQ-9 es mayor que 0.", "Required when PHQ-9 question 9 is above 0."))


def check_mental_health(values: dict) -> list[FieldError]:
    """A questionnaire is answered whole or not at all; a safety answer needs a safety action."""
    errors = []
    for scale in mental.SCALES:
        missing = [str(i) for i, k in enumerate(scale.keys, start=1) if values.get(k) is None]
        if missing and len(missing) < len(scale.keys):
            errors.append(refuse(scale.keys[int(missing[0]) - 1], "general.incomplete_scale",
                                 scale.name, count=len(scale.keys), missing=", ".join(missing)))
    if mental.safety_risk(values) and not values.get(SAFETY_ACTION.key):
        errors.append(refuse(SAFETY_ACTION.key, "general.safety_action", SAFETY_ACTION.label))
    return errors


MENTAL_HEALTH = FormSpec(
    key="general.mental_health",
    version=1,
    title=Text("Salud mental: tamizaje PHQ-9 y GAD-7", "Mental health: PHQ-9 and GAD-7 screening"),
    tab_title=Text("PHQ-9 y GAD-7", "PHQ-9, GAD-7"),
    specialty=SPECIALTY,
    fields=(
        *mental.phq9_fields(_PHQ_SECTION),
        *mental.GAD7.fields(_GAD_SECTION),
        SAFETY_ACTION,
        Field("follow_up_requested", FieldType.YES_NO, Text("Pedir seguimiento", "Ask for follow-up"),
              section=_FOLLOW),
        Field("follow_up", FieldType.YES_NO, Text("Necesita seguimiento", "Needs follow-up"), derived=True,
              section=_FOLLOW, help=Text("Sí con puntaje 10 o más, pregunta 9 mayor que 0 o si se pide.",
                                         "Yes with a score of 10 or more, question 9 above 0, or when asked for.")),
        Field("support_given", FieldType.TEXT, Text("Apoyo brindado y plan", "Support given and plan"),
              max_length=1000, section=_FOLLOW),
    ),
    derive=mental.derive,
    checks=check_mental_health,
)

_FP = Text("Planificación familiar", "Family planning")
_PREGNANCY = Text("Embarazo y control prenatal", "Pregnancy and antenatal check")
_TESTS = Text("Pruebas rápidas", "Rapid tests")
_REACTIVE = (Choice("non_reactive", Text("No reactivo", "Non-reactive")), Choice("reactive", Text("Reactivo", "Reactive")))
MAX_GESTATION_WEEKS = 44
PREGNANT = Field("pregnant", FieldType.YES_NO, Text("Gestante", "Pregnant"), section=_PREGNANCY)
LMP = Field("lmp", FieldType.DATE, Text("Fecha de última menstruación (FUR)", "Last menstrual period (LMP)"),
            section=_PREGNANCY)
DANGER_SIGNS = Field(
    "danger_signs", FieldType.MULTI_CHOICE, Text("Signos de alarma del embarazo", "Pregnancy danger signs"),
    section=_PREGNANCY,
    choices=(Choice("bleeding", Text("Sangrado vaginal", "Vaginal bleeding")),
             Choice("headache_vision", Text("Dolor de cabeza intenso o visión borrosa", "Severe headache or blurred vision")),
             Choice("convulsions", Text("Convulsiones", "Convulsions")),
             Choice("fever", Text("Fiebre", "Fever")),
             Choice("oedema", Text("Hinchazón de cara o manos", "Swelling of face or hands")),
             Choice("fluid_loss", Text("Pérdida de líquido", "Loss of fluid")),
             Choice("less_movement", Text("El bebé se mueve menos", "Baby moves less")),
             Choice("abdominal_pain", Text("Dolor abdominal intenso", "Severe abdominal pain"))))
#: Whether she breastfeeds: the medicines prescribed are checked against it (:mod:`.safety`).
BREASTFEEDING = Field("breastfeeding", FieldType.YES_NO, Text("Da de lactar", "Breastfeeding"),
                      section=Text("Lactancia", "Breastfeeding"))
ANTENATAL_FIELDS = ("lmp", "gestational_weeks", "fundal_height", "fetal_heart_rate", DANGER_SIGNS.key, "iron_folic")


def gestational_weeks(lmp: dt.date, on: dt.date) -> int:
    """Completed weeks of pregnancy on ``on`` from the last menstrual period."""
    return (on - lmp).days // 7


def derive_srh(values: dict) -> dict:
    """Weeks of pregnancy from the last menstrual period, as of today (the day the form is saved)."""
    if values.get(LMP.key) is not None:
        return {"gestational_weeks": gestational_weeks(values[LMP.key], today_in_lima())}
    return {}


def check_srh(values: dict) -> list[FieldError]:
    """Antenatal findings only for a pregnant patient; a last period that gives more than 44 weeks is
    refused."""
    errors = []
    if values.get(PREGNANT.key) is not True:
        for field in SRH_FIELDS:
            if field.key in ANTENATAL_FIELDS and not field.derived and values.get(field.key) not in (None, [], False):
                errors.append(refuse(field.key, "general.only_if_pregnant", field.label))
    lmp = values.get(LMP.key)
    if lmp is not None and gestational_weeks(lmp, today_in_lima()) > MAX_GESTATION_WEEKS:
        errors.append(refuse(LMP.key, "general.gestation_too_long", LMP.label,
                             weeks=gestational_weeks(lmp, today_in_lima()), max=MAX_GESTATION_WEEKS))
    return errors


SRH_FIELDS = (
    Field("fp_counselling", FieldType.YES_NO, Text("Consejería en planificación familiar", "Family-planning counselling"),
          section=_FP),
    Field("fp_method", FieldType.CHOICE, Text("Método entregado", "Method given"), section=_FP,
          choices=(Choice("none", Text("Ninguno", "None")),
                   Choice("male_condom", Text("Preservativo masculino", "Male condom")),
                   Choice("female_condom", Text("Preservativo femenino", "Female condom")),
                   Choice("pill", Text("Píldora combinada", "Combined pill")),
                   Choice("injectable_1m", Text("Inyectable mensual", "Monthly injectable")),
                   Choice("injectable_3m", Text("Inyectable trimestral", "Three-monthly injectable")),
                   Choice("implant", Text("Implante", "Implant")),
                   Choice("iud", Text("DIU (T de cobre)", "IUD (copper T)")),
                   Choice("emergency", Text("Anticoncepción de emergencia", "Emergency contraception")),
                   Choice("lam", Text("Lactancia materna exclusiva (MELA)", "Lactational amenorrhoea (LAM)")))),
    Field("pregnancy_test", FieldType.CHOICE, Text("Prueba de embarazo", "Pregnancy test"), section=_PREGNANCY,
          choices=(Choice("negative", Text("Negativa", "Negative")), Choice("positive", Text("Positiva", "Positive")))),
    PREGNANT,
    LMP,
    Field("gestational_weeks", FieldType.INTEGER, Text("Edad gestacional", "Gestational age"), unit="semanas",
          derived=True, section=_PREGNANCY),
    Field("fundal_height", FieldType.INTEGER, Text("Altura uterina", "Fundal height"), unit="cm", min=5, max=45,
          section=_PREGNANCY),
    Field("fetal_heart_rate", FieldType.INTEGER, Text("Latidos fetales", "Fetal heart rate"), unit="/min",
          min=60, max=220, section=_PREGNANCY),
    DANGER_SIGNS,
    Field("iron_folic", FieldType.YES_NO, Text("Hierro y ácido fólico entregados", "Iron and folic acid given"),
          section=_PREGNANCY),
    BREASTFEEDING,
    Field("hiv_test", FieldType.CHOICE, Text("Prueba rápida de VIH", "HIV rapid test"), choices=_REACTIVE,
          section=_TESTS),
    Field("syphilis_test", FieldType.CHOICE, Text("Prueba rápida de sífilis", "Syphilis rapid test"),
          choices=_REACTIVE, section=_TESTS),
    Field("notes", FieldType.TEXT, Text("Observaciones", "Notes"), max_length=1000),
)
SRH = FormSpec(
    key="general.srh",
    version=2,
    title=Text("Salud sexual y reproductiva", "Sexual and reproductive health"),
    tab_title=Text("Salud sexual", "Sexual health"),
    specialty=SPECIALTY,
    fields=SRH_FIELDS,
    derive=derive_srh,
    checks=check_srh,
)

EDUCATION = FormSpec(
    key="general.education",
    version=1,
    title=Text("Educación para la salud", "Health education"),
    tab_title=Text("Educación", "Education"),
    specialty=SPECIALTY,
    fields=(
        Field("topics", FieldType.MULTI_CHOICE, Text("Temas de la sesión", "Session topics"), required=True,
              choices=(Choice("hand_washing", Text("Lavado de manos", "Hand washing")),
                       Choice("safe_water", Text("Agua segura", "Safe water")),
                       Choice("ors", Text("Preparación del suero oral", "Preparing oral rehydration salts")),
                       Choice("nutrition", Text("Alimentación y lactancia", "Nutrition and breastfeeding")),
                       Choice("family_planning", Text("Planificación familiar", "Family planning")),
                       Choice("sti_hiv", Text("Prevención de ITS y VIH", "STI and HIV prevention")),
                       Choice("violence", Text("Violencia: derechos y dónde pedir ayuda",
                                               "Violence: rights and where to get help")),
                       Choice("mental_health", Text("Salud mental y manejo del estrés",
                                                    "Mental health and coping with stress")),
                       Choice("chronic_disease", Text("Hipertensión y diabetes", "Hypertension and diabetes")),
                       Choice("vaccination", Text("Vacunas", "Vaccines")),
                       Choice("tuberculosis", Text("Tuberculosis: tos de más de 2 semanas",
                                                   "Tuberculosis: cough for over 2 weeks")),
                       Choice("vectors", Text("Dengue y malaria: mosquitos", "Dengue and malaria: mosquitoes")),
                       Choice("danger_signs", Text("Signos de alarma en niños y gestantes",
                                                   "Danger signs in children and pregnancy")),
                       Choice("access_to_care", Text("Acceso a servicios de salud (SIS) para migrantes",
                                                     "Access to health services (SIS) for migrants")))),
        Field("session", FieldType.CHOICE, Text("Tipo de sesión", "Kind of session"),
              choices=(Choice("individual", Text("Individual", "One to one")),
                       Choice("group", Text("Grupal", "Group")))),
        Field("notes", FieldType.TEXT, Text("Observaciones", "Notes"), max_length=500),
    ),
)

CONSENT = Field(
    "consent", FieldType.YES_NO, Text("El paciente pidió o aceptó libremente la consejería pastoral",
                                      "The patient freely asked for or accepted pastoral counselling"),
    required=True,
    help=Text("Opcional: nunca es condición para la atención. Solo se registra con el consentimiento explícito "
              "del paciente; si no lo da, no registre nada.",
              "Optional: never a condition of care. Recorded only with the patient's explicit consent; "
              "without it, record nothing."))


def check_pastoral(values: dict) -> list[FieldError]:
    """Refuse any pastoral record without the patient's explicit consent."""
    if values.get(CONSENT.key) is not True:
        return [refuse(CONSENT.key, "general.pastoral_consent", CONSENT.label)]
    return []


PASTORAL = FormSpec(
    key="general.pastoral",
    version=1,
    title=Text("Consejería pastoral (opcional, con consentimiento)", "Pastoral counselling (optional, with consent)"),
    tab_title=Text("Pastoral", "Pastoral"),
    specialty=SPECIALTY,
    fields=(
        CONSENT,
        Field("kind", FieldType.CHOICE, Text("Tipo de acompañamiento", "Kind of support"),
              choices=(Choice("listening", Text("Escucha", "Listening")),
                       Choice("prayer", Text("Oración a pedido del paciente", "Prayer at the patient's request")),
                       Choice("spiritual_support", Text("Acompañamiento espiritual", "Spiritual accompaniment")),
                       Choice("community_contact", Text("Contacto con su comunidad de fe",
                                                        "Contact with their faith community")))),
        Field("counsellor", FieldType.TEXT, Text("Consejero(a)", "Counsellor"), max_length=120),
        Field("notes", FieldType.TEXT, Text("Notas (no se imprimen)", "Notes (not printed)"), max_length=500),
    ),
    checks=check_pastoral,
)

DESTINATION_KINDS = {
    "hospital": Text("Hospital", "Hospital"),
    "health_centre": Text("Centro de salud", "Health centre"),
    "other": Text("Otro servicio", "Other service"),
}
REFERRAL = FormSpec(
    key="general.referral",
    version=1,
    title=Text("Referencia", "Referral"),
    specialty=SPECIALTY,
    fields=(
        Field("destination_kind", FieldType.CHOICE, Text("Tipo de establecimiento", "Kind of facility"), required=True,
              choices=tuple(Choice(k, v) for k, v in DESTINATION_KINDS.items())),
        Field("destination", FieldType.TEXT, Text("Establecimiento de destino", "Facility referred to"), required=True,
              max_length=200),
        Field("reason", FieldType.TEXT, Text("Motivo de la referencia", "Reason for referral"), required=True,
              max_length=500),
        Field("urgency", FieldType.CHOICE, Text("Urgencia", "Urgency"), required=True,
              choices=tuple(Choice(k, v) for k, v in URGENCIES.items())),
        Field("treatment_given", FieldType.TEXT, Text("Tratamiento antes de referir", "Treatment before referral"),
              max_length=500),
        Field("transport", FieldType.CHOICE, Text("Traslado", "Transport"),
              choices=(Choice("ambulance", Text("Ambulancia", "Ambulance")),
                       Choice("campaign_vehicle", Text("Vehículo de la campaña", "Campaign vehicle")),
                       Choice("own", Text("Por sus medios", "On their own")))),
        Field("companion", FieldType.TEXT, Text("Acompañante", "Accompanied by"), max_length=120),
    ),
)

FORMS = (TRIAGE, CONSULTATION, PRESCRIPTION, VACCINATION, MENTAL_HEALTH, SRH, EDUCATION, PASTORAL, REFERRAL)
BY_KEY = {f.key: f for f in FORMS}
