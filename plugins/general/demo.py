"""General medicine's part of the demo campaign (``ayni_demo``): everyone who comes is triaged
by the nurse; about two thirds see the doctor, with a consultation that fits their age and sex
(:data:`SCENARIOS`), its diagnoses, procedures and prescription (dosed by weight for children), and a
payment; then the pharmacy hands out what was prescribed while it is in stock. Some are referred to the
campaign's dentists, physiotherapists or eye team, who see them on a later day; on the last day
the last few still wait for the doctor."""

from __future__ import annotations

import random
from decimal import Decimal

import attrs

from ayni.core import DEFAULT_LANG, DemoDay, EncounterRecord, NeedsAcknowledgement, Patient, ProcedureEntry, stock
from ayni.core.clinical import encounters, referrals
from ayni.core.clinical.prescribing import NOT_PREGNANT_ANSWERS

from .allergies import NONE
from .formulary import BY_TOKEN, DOSE_RULES
from .forms import PRESCRIPTION
from .prescriptions import doses_per_day, line_text, lines_of, parse_prescription

DOCTOR = ("Dra. Carmen Huamaní Rojas", "doctor")
NURSE = ("Lic. Julio Ccori Pariona", "nurse")
PHARMACIST = ("Sra. Yolanda Pariona Quispe", "pharmacy")
#: The share of the day's people who see the doctor, and of those the share sent to the dentist.
SEEN, TO_DENTIST = 0.65, 0.12
DENTAL_REASON = "Caries visibles y dolor al masticar: evaluar en odontología"
#: Drug allergies the nurse records at triage, each with the cumulative share of people who have it.
ALLERGIES = (("penicillin", 0.04), ("sulfonamide", 0.06), ("nsaid", 0.08))


@attrs.frozen
class _Scenario:
    """A plausible consultation: who has it, what they say, what is found and done."""

    ages: tuple[int, int]
    diagnoses: tuple[str, ...]
    complaint: str
    history: str
    examination: str
    plan: str
    procedures: tuple[str, ...] = ()
    sex: str = ""
    fever: bool = False
    hypertensive: bool = False
    diabetic: bool = False
    low_spo2: bool = False
    refer_to: str = ""  # a specialty of the campaign that sees the patient next
    refer_reason: str = ""
    #: The prescription as a prescriber types it, with an adult's dose (lowered by weight for a child).
    medicines: tuple[str, ...] = ()


SCENARIOS = (
    _Scenario((0, 11), ("J06.9",), "Tos y moco hace 3 días", "Fiebre leve, come menos; sin dificultad para respirar.",
              "Faringe congestiva, pulmones limpios.", "Paracetamol 10–15 mg/kg cada 6 h si hay fiebre; lavados nasales; "
              "volver si respira rápido o no puede lactar.", fever=True,
              medicines=("paracetamol_jarabe 15 c/6h x3d",)),
    _Scenario((2, 14), ("B82.9", "D50.9"), "Dolor de barriga y poco apetito", "Hace meses; toma agua de acequia.",
              "Palidez de mucosas, abdomen blando.", "Albendazol 400 mg dosis única; sulfato ferroso 3 mg/kg/día "
              "por 3 meses; hervir el agua.", ("general.health_education",),
              medicines=("albendazol_400 1 unica", "sulfato_ferroso_300 1 c/24h x30d")),
    _Scenario((1, 9), ("A09",), "Diarrea hace 2 días, sin sangre", "4 a 5 deposiciones al día; sin vómitos.",
              "Hidratado, mucosas húmedas.", "Sales de rehidratación oral después de cada deposición; zinc 20 mg "
              "por 10 días; signos de alarma explicados a la madre.",
              medicines=("sro 1 c/24h x3d", "zinc_20 1 c/24h x10d")),
    _Scenario((0, 5), ("E44.1",), "Control: la madre lo nota delgado", "Come poco; sin diarrea.",
              "Peso bajo para la edad.", "Consejería nutricional; referencia a control CRED del centro de salud.",
              ("general.health_education",)),
    _Scenario((3, 60), ("B86",), "Picazón en el cuerpo de noche", "Varios en la familia con lo mismo.",
              "Pápulas y surcos en manos y cintura.", "Permetrina 5 % a toda la familia; lavar la ropa de cama "
              "con agua caliente.", medicines=("permetrina_crema 1 unica",)),
    _Scenario((1, 10), ("H66.9",), "Dolor de oído y fiebre", "Desde ayer; antes tuvo resfrío.",
              "Membrana timpánica derecha abombada.", "Amoxicilina 80 mg/kg/día por 7 días; paracetamol si hay "
              "dolor.", fever=True, medicines=("amoxicilina_suspension 20 c/12h x7d", "paracetamol_jarabe 15 c/6h x3d")),
    _Scenario((0, 12), ("Z00.1",), "Control de niño sano", "Sin molestias.", "Examen normal.",
              "Vacunas al día según carné; control en 6 meses.", ("general.health_education",)),
    _Scenario((35, 90), ("I10",), "Dolor de cabeza y mareos", "Hace semanas; no toma pastillas.",
              "Presión elevada en dos tomas.", "Enalapril 10 mg una vez al día; comer con poca sal; control de presión "
              "en el centro de salud.", hypertensive=True, medicines=("enalapril_10 1 c/24h x30d",)),
    _Scenario((18, 80), ("K29.7",), "Ardor en la boca del estómago", "Peor con ají y café; sin vómitos con sangre.",
              "Dolor leve en epigastrio.", "Omeprazol 20 mg en ayunas por 14 días; comidas a sus horas.",
              medicines=("omeprazol_20 1 c/24h x14d",)),
    _Scenario((18, 75), ("M54.5",), "Dolor de espalda al cargar", "Trabaja en la chacra cargando papa.",
              "Contractura lumbar, sin signos neurológicos.", "Ibuprofeno 400 mg cada 8 h por 5 días con comida; "
              "ejercicios de estiramiento.", ("general.im_injection",), medicines=("ibuprofeno_400 1 c/8h x5d",)),
    _Scenario((16, 65), ("N39.0",), "Ardor al orinar", "Hace 3 días; orina muchas veces.",
              "Puño percusión negativa.", "Sulfametoxazol + trimetoprima 800/160 mg cada 12 h por 3 días; tomar "
              "abundante agua.", sex="F", medicines=("cotrimoxazol_800 1 c/12h x3d",)),
    _Scenario((35, 85), ("E11.9",), "Sed y orina mucho", "Bajó de peso; familiar con diabetes.",
              "Glucosa capilar elevada.", "Metformina 850 mg con el almuerzo; dieta; referencia al centro de salud "
              "para hemoglobina glicosilada.", ("general.glucose_test",), diabetic=True,
              medicines=("metformina_850 1 c/24h x30d",)),
    _Scenario((5, 80), ("J20.9",), "Tos con flema hace una semana", "Sin fiebre alta; cocina con leña.",
              "Roncantes dispersos.", "Nebulización con salbutamol; abundantes líquidos; volver si hay fiebre o "
              "falta de aire.", ("general.nebulization",)),
    _Scenario((14, 70), ("T14.1",), "Herida en la mano con machete", "Hace 2 horas, cortando leña.",
              "Herida limpia de 3 cm en el dorso de la mano.", "Lavado y sutura con 4 puntos; toxoide tetánico; "
              "retirar puntos en 10 días.", ("general.wound_care", "general.suture"),
              medicines=("paracetamol_500 1 c/8h x3d",)),
    _Scenario((20, 90), ("H11.0",), "Ojos rojos y ardor con el sol", "Trabaja al aire libre.",
              "Pterigión nasal en ambos ojos.", "Lágrimas artificiales; lentes de sol y sombrero; evaluar en "
              "oftalmología.", refer_to="optometry", refer_reason="Pterigión en ambos ojos"),
    _Scenario((55, 110), ("M17.9",), "Dolor de rodillas al caminar", "Años; peor al bajar cuestas.",
              "Crepitación en ambas rodillas.", "Paracetamol 500 mg cada 8 h; ejercicios; referencia a "
              "fisioterapia.", refer_to="physio", refer_reason="Gonartrosis: evaluar andador y ejercicios",
              medicines=("paracetamol_500 1 c/8h x5d",)),
    _Scenario((60, 110), ("J44.9",), "Tos crónica y falta de aire", "Cocinó con leña toda la vida.",
              "Espiración prolongada, sibilantes.", "Nebulización; salbutamol inhalado con aerocámara; "
              "cocina mejorada.", ("general.nebulization",), low_spo2=True,
              medicines=("salbutamol_inhalador 2 c/6h x5d",)),
    _Scenario((55, 110), ("N40",), "Orina muchas veces de noche", "Chorro débil desde hace un año.",
              "Sin globo vesical.", "Tamsulosina 0.4 mg en la noche; referencia a urología.", sex="M"),
    _Scenario((20, 60), ("R51", "T70.2"), "Dolor de cabeza al llegar de la costa", "Llegó hace 2 días de Lima.",
              "Sin focalización neurológica.", "Reposo, líquidos, paracetamol; bajar si empeora.",
              medicines=("paracetamol_500 1 c/8h x3d",)),
)

def _scenario(rng: random.Random, age: int, sex: str) -> _Scenario:
    fitting = [s for s in SCENARIOS if s.ages[0] <= age <= s.ages[1] and s.sex in ("", sex)]
    return rng.choice(fitting)


def _dec(value: float) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.1")))


#: The demo's sites, in the province of Vilcas Huamán (Ayacucho), stand at about 3,500 m.
DEMO_ALTITUDE_M = 3500


def _triage(rng: random.Random, age: int, sex: str, scenario: _Scenario) -> dict:
    """Vital signs plausible for the age, at 3,500 m of altitude, and for the scenario."""
    if age < 1:
        weight, height = rng.uniform(4.5, 9.5), rng.uniform(55, 74)
    elif age < 12:
        weight, height = 2 * age + 8 + rng.uniform(-2.5, 2.5), 6 * age + 76 + rng.uniform(-5, 5)
    else:
        if age < 18:
            height = rng.uniform(138, 165)
        else:
            height = (rng.uniform(143, 158) if sex == "F" else rng.uniform(153, 168)) - (4 if age >= 65 else 0)
        weight = rng.uniform(18.5, 24 if age < 18 else 31) * (height / 100) ** 2  # from a plausible BMI
    values = {
        "heart_rate": rng.randint(110, 150) if age < 2 else rng.randint(80, 115) if age < 12 else rng.randint(60, 92),
        "respiratory_rate": rng.randint(26, 40) if age < 2 else rng.randint(18, 26) if age < 12 else rng.randint(14, 20),
        "temperature": _dec(rng.uniform(37.8, 38.9) if scenario.fever else rng.uniform(36.0, 37.2)),
        "spo2": rng.randint(80, 86) if scenario.low_spo2 else rng.randint(89, 95),
        "altitude": DEMO_ALTITUDE_M,
        "weight": _dec(weight), "height": _dec(height),
    }
    if age >= 12:
        systolic = rng.randint(148, 178) if scenario.hypertensive else rng.randint(98, 132)
        values["bp_systolic"] = systolic
        values["bp_diastolic"] = min(systolic - 30, rng.randint(92, 106) if scenario.hypertensive else rng.randint(60, 84))
    if scenario.diabetic:
        values["glucose"] = rng.randint(180, 290)
    elif age >= 40 and rng.random() < 0.3:
        values["glucose"] = rng.randint(78, 118)
    return values


def seed_day(demo: DemoDay) -> None:
    """Triage everyone who came on ``demo.day``, and the consultations of those who see the doctor."""
    rng, asked = demo.rng("general"), demo.rng("general:allergies")
    nurse, doctor = demo.staff(*NURSE), demo.staff(*DOCTOR)
    seen = {p.id: n for n, p in enumerate(p for p in demo.people if rng.random() < SEEN)}
    waiting = max(1, len(seen) // 20) if demo.last and len(seen) > 2 else 0
    for patient in demo.people:
        age, sex = demo.age(patient), patient.sex.value
        scenario = _scenario(rng, age, sex)
        with demo.acting(nurse):
            triage = encounters.open_encounter(demo.store, patient.id, "general", "triage", demo.campaign.id)
            vitals = {**_triage(rng, age, sex, scenario), "allergies": _allergies(asked)}
            encounters.save(demo.store, triage.id, forms={"general.triage": vitals},
                            procedures=[ProcedureEntry("general.triage")])
            encounters.close(demo.store, triage.id)
        demo.later(rng.uniform(1, 4))
        if patient.id in seen:
            _consult(demo, rng, doctor, patient, scenario, vitals, waits=seen[patient.id] >= len(seen) - waiting)


def _allergies(asked: random.Random) -> list[str]:
    """What the nurse hears when she asks about drug allergies: mostly none, a few of
    :data:`ALLERGIES` each."""
    roll = asked.random()
    return next(([allergy] for allergy, below in ALLERGIES if roll < below), [NONE])


def _consult(demo: DemoDay, rng: random.Random, doctor, patient: Patient, scenario: _Scenario, vitals: dict,
             waits: bool) -> None:
    age = demo.age(patient)
    forms = {"general.consultation": {"chief_complaint": scenario.complaint, "history": scenario.history,
                                      "examination": scenario.examination, "plan": scenario.plan}}
    allergic = set(vitals["allergies"])
    lines = [line for line in (_dosed(typed, age, Decimal(vitals["weight"])) for typed in scenario.medicines
                               if not _classes(typed) & allergic) if line]  # the doctor leaves those out
    if lines:
        forms[PRESCRIPTION.key] = {"items": "\n".join(lines)}
    with demo.acting(doctor):
        consult = encounters.open_encounter(demo.store, patient.id, "general", "consultation", demo.campaign.id)
        if waits:
            return  # still in the waiting room
        saved = _save(demo, consult.id, forms=forms, diagnoses=scenario.diagnoses,
                      procedures=[ProcedureEntry(code) for code in ("general.consultation", *scenario.procedures)])
        _refer(demo, rng, consult.id, scenario, age)
        encounters.close(demo.store, consult.id)
    demo.pay(rng, consult.id, age)
    _hand_out(demo, consult.id, lines_of(saved.form(PRESCRIPTION.key)))


def _save(demo: DemoDay, encounter_id: str, **filled) -> EncounterRecord:
    """Save the consultation as the doctor does: asked by the warning whether she is pregnant, a
    woman answers that she is not (the answer is kept as the warning's reason and in her alerts)."""
    try:
        return encounters.save(demo.store, encounter_id, **filled)
    except NeedsAcknowledgement as asked:
        if not all(w.code.endswith(":pregnancy_unknown") for w in asked.warnings):
            raise
        answer = NOT_PREGNANT_ANSWERS[0].get(DEFAULT_LANG)  # typed in the language the station works in
        return encounters.save(demo.store, encounter_id, **filled, acknowledged={w.code: answer for w in asked.warnings})


def _classes(typed: str) -> frozenset[str]:
    """The drug classes of the medicine a typed line names (an allergy to one of them forbids it)."""
    return BY_TOKEN[typed.split()[0]].classes


def _dosed(typed: str, age: int, weight: Decimal) -> str:
    """A prescription line for this patient: the adult dose typed, or for a child (or a light adult)
    of a medicine dosed by weight the usual mg/kg, in half units, rounded down (no line below half a unit)."""
    [line], _ = parse_prescription(PRESCRIPTION.field("items"), typed)
    rule = DOSE_RULES.get(line["medicine"])
    if rule is None or not rule.by_weight or (age >= rule.child_below_years and weight >= rule.weight_below_kg):
        return typed
    limits = [Decimal(line["dose"]) * rule.mg_per_unit]
    limits += [weight * rule.per_kg_dose] if rule.per_kg_dose else []
    limits += [weight * rule.per_kg_day / doses_per_day(line["every_h"])] if rule.per_kg_day else []
    halves = int(min(limits) / rule.mg_per_unit * 2)
    return line_text({**line, "dose": Decimal(halves) / 2}) if halves else ""


def _hand_out(demo: DemoDay, encounter_id: str, lines: list[dict]) -> None:
    """The pharmacy hands out each prescribed medicine that is in stock for the whole course
    (what is short is bought in town, as the prescription says)."""
    with demo.acting(demo.staff(*PHARMACIST)):
        for line in lines:
            if stock.on_hand(demo.store, line["medicine"]) >= line["quantity"]:
                stock.hand_out(demo.store, encounter_id, line["medicine"], line["quantity"])


def _refer(demo: DemoDay, rng: random.Random, encounter_id: str, scenario: _Scenario, age: int) -> None:
    """Refer to a specialty of the campaign that is installed: the scenario's, or the dentist."""
    to, reason = scenario.refer_to, scenario.refer_reason
    if not to and age >= 3 and rng.random() < TO_DENTIST:
        to, reason = "dental", DENTAL_REASON
    if to in demo.store.plugins.specialties:
        referrals.refer(demo.store, encounter_id, to, reason)
