"""General medicine's part of the demo campaign (``ayni_demo``): everyone who comes is triaged
by the nurse; about two thirds see the doctor, with a consultation that fits their age and sex
(:data:`SCENARIOS`), its diagnoses and procedures, and a payment. Some are referred to the
campaign's dentists, physiotherapists or eye team, who see them on a later day; on the last day
the last few still wait for the doctor."""

from __future__ import annotations

import random
from decimal import Decimal

import attrs

from ayni.core import DemoDay, Patient, ProcedureEntry
from ayni.core.clinical import encounters, referrals

DOCTOR = ("Dra. Carmen Huamaní Rojas", "doctor")
NURSE = ("Lic. Julio Ccori Pariona", "nurse")
#: The share of the day's people who see the doctor, and of those the share sent to the dentist.
SEEN, TO_DENTIST = 0.65, 0.12
DENTAL_REASON = "Caries visibles y dolor al masticar: evaluar en odontología"


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


SCENARIOS = (
    _Scenario((0, 11), ("J06.9",), "Tos y moco hace 3 días", "Fiebre leve, come menos; sin dificultad para respirar.",
              "Faringe congestiva, pulmones limpios.", "Paracetamol 10 mg/kg cada 6 h si hay fiebre; lavados nasales; "
              "volver si respira rápido o no puede lactar.", fever=True),
    _Scenario((1, 14), ("B82.9", "D50.9"), "Dolor de barriga y poco apetito", "Hace meses; toma agua de acequia.",
              "Palidez de mucosas, abdomen blando.", "Albendazol 400 mg dosis única; sulfato ferroso 3 mg/kg/día "
              "por 3 meses; hervir el agua.", ("general.health_education",)),
    _Scenario((0, 9), ("A09",), "Diarrea hace 2 días, sin sangre", "4 a 5 deposiciones al día; sin vómitos.",
              "Hidratado, mucosas húmedas.", "Sales de rehidratación oral después de cada deposición; zinc 20 mg "
              "por 10 días; signos de alarma explicados a la madre."),
    _Scenario((0, 5), ("E44.1",), "Control: la madre lo nota delgado", "Come poco; sin diarrea.",
              "Peso bajo para la edad.", "Consejería nutricional; referencia a control CRED del centro de salud.",
              ("general.health_education",)),
    _Scenario((3, 60), ("B86",), "Picazón en el cuerpo de noche", "Varios en la familia con lo mismo.",
              "Pápulas y surcos en manos y cintura.", "Permetrina 5 % a toda la familia; lavar la ropa de cama "
              "con agua caliente."),
    _Scenario((1, 10), ("H66.9",), "Dolor de oído y fiebre", "Desde ayer; antes tuvo resfrío.",
              "Membrana timpánica derecha abombada.", "Amoxicilina 80 mg/kg/día por 7 días; paracetamol si hay "
              "dolor.", fever=True),
    _Scenario((0, 12), ("Z00.1",), "Control de niño sano", "Sin molestias.", "Examen normal.",
              "Vacunas al día según carné; control en 6 meses.", ("general.health_education",)),
    _Scenario((35, 90), ("I10",), "Dolor de cabeza y mareos", "Hace semanas; no toma pastillas.",
              "Presión elevada en dos tomas.", "Enalapril 10 mg cada 12 h; comer con poca sal; control de presión "
              "en el centro de salud.", hypertensive=True),
    _Scenario((18, 80), ("K29.7",), "Ardor en la boca del estómago", "Peor con ají y café; sin vómitos con sangre.",
              "Dolor leve en epigastrio.", "Omeprazol 20 mg en ayunas por 14 días; comidas a sus horas."),
    _Scenario((18, 75), ("M54.5",), "Dolor de espalda al cargar", "Trabaja en la chacra cargando papa.",
              "Contractura lumbar, sin signos neurológicos.", "Ibuprofeno 400 mg cada 8 h por 5 días con comida; "
              "ejercicios de estiramiento.", ("general.im_injection",)),
    _Scenario((16, 65), ("N39.0",), "Ardor al orinar", "Hace 3 días; orina muchas veces.",
              "Puño percusión negativa.", "Nitrofurantoína 100 mg cada 12 h por 5 días; tomar abundante agua.",
              sex="F"),
    _Scenario((35, 85), ("E11.9",), "Sed y orina mucho", "Bajó de peso; familiar con diabetes.",
              "Glucosa capilar elevada.", "Metformina 850 mg con el almuerzo; dieta; referencia al centro de salud "
              "para hemoglobina glicosilada.", ("general.glucose_test",), diabetic=True),
    _Scenario((5, 80), ("J20.9",), "Tos con flema hace una semana", "Sin fiebre alta; cocina con leña.",
              "Roncantes dispersos.", "Nebulización con salbutamol; abundantes líquidos; volver si hay fiebre o "
              "falta de aire.", ("general.nebulization",)),
    _Scenario((14, 70), ("T14.1",), "Herida en la mano con machete", "Hace 2 horas, cortando leña.",
              "Herida limpia de 3 cm en el dorso de la mano.", "Lavado y sutura con 4 puntos; toxoide tetánico; "
              "retirar puntos en 10 días.", ("general.wound_care", "general.suture")),
    _Scenario((20, 90), ("H11.0",), "Ojos rojos y ardor con el sol", "Trabaja al aire libre.",
              "Pterigión nasal en ambos ojos.", "Lágrimas artificiales; lentes de sol y sombrero; evaluar en "
              "oftalmología.", refer_to="optometry", refer_reason="Pterigión en ambos ojos"),
    _Scenario((55, 110), ("M17.9",), "Dolor de rodillas al caminar", "Años; peor al bajar cuestas.",
              "Crepitación en ambas rodillas.", "Paracetamol 500 mg cada 8 h; ejercicios; referencia a "
              "fisioterapia.", refer_to="physio", refer_reason="Gonartrosis: evaluar andador y ejercicios"),
    _Scenario((60, 110), ("J44.9",), "Tos crónica y falta de aire", "Cocinó con leña toda la vida.",
              "Espiración prolongada, sibilantes.", "Nebulización; salbutamol inhalado con aerocámara; "
              "cocina mejorada.", ("general.nebulization",), low_spo2=True),
    _Scenario((55, 110), ("N40",), "Orina muchas veces de noche", "Chorro débil desde hace un año.",
              "Sin globo vesical.", "Tamsulosina 0.4 mg en la noche; referencia a urología.", sex="M"),
    _Scenario((20, 60), ("R51", "T70.2"), "Dolor de cabeza al llegar de la costa", "Llegó hace 2 días de Lima.",
              "Sin focalización neurológica.", "Reposo, líquidos, paracetamol; bajar si empeora."),
)

def _scenario(rng: random.Random, age: int, sex: str) -> _Scenario:
    fitting = [s for s in SCENARIOS if s.ages[0] <= age <= s.ages[1] and s.sex in ("", sex)]
    return rng.choice(fitting)


def _dec(value: float) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.1")))


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
        "spo2": rng.randint(84, 88) if scenario.low_spo2 else rng.randint(89, 95),
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
    rng = demo.rng("general")
    nurse, doctor = demo.staff(*NURSE), demo.staff(*DOCTOR)
    seen = {p.id: n for n, p in enumerate(p for p in demo.people if rng.random() < SEEN)}
    waiting = max(1, len(seen) // 20) if demo.last and len(seen) > 2 else 0
    for patient in demo.people:
        age, sex = demo.age(patient), patient.sex.value
        scenario = _scenario(rng, age, sex)
        with demo.acting(nurse):
            triage = encounters.open_encounter(demo.store, patient.id, "general", "triage", demo.campaign.id)
            encounters.save(demo.store, triage.id, forms={"general.triage": _triage(rng, age, sex, scenario)},
                            procedures=[ProcedureEntry("general.triage")])
            encounters.close(demo.store, triage.id)
        demo.later(rng.uniform(1, 4))
        if patient.id in seen:
            _consult(demo, rng, doctor, patient, scenario, waits=seen[patient.id] >= len(seen) - waiting)


def _consult(demo: DemoDay, rng: random.Random, doctor, patient: Patient, scenario: _Scenario, waits: bool) -> None:
    with demo.acting(doctor):
        consult = encounters.open_encounter(demo.store, patient.id, "general", "consultation", demo.campaign.id)
        if waits:
            return  # still in the waiting room
        encounters.save(
            demo.store, consult.id,
            forms={"general.consultation": {"chief_complaint": scenario.complaint, "history": scenario.history,
                                            "examination": scenario.examination, "plan": scenario.plan}},
            procedures=[ProcedureEntry(code) for code in ("general.consultation", *scenario.procedures)],
            diagnoses=scenario.diagnoses,
        )
        _refer(demo, rng, consult.id, scenario, demo.age(patient))
        encounters.close(demo.store, consult.id)
    demo.pay(rng, consult.id, demo.age(patient))


def _refer(demo: DemoDay, rng: random.Random, encounter_id: str, scenario: _Scenario, age: int) -> None:
    """Refer to a specialty of the campaign that is installed: the scenario's, or the dentist."""
    to, reason = scenario.refer_to, scenario.refer_reason
    if not to and age >= 3 and rng.random() < TO_DENTIST:
        to, reason = "dental", DENTAL_REASON
    if to in demo.store.plugins.specialties:
        referrals.refer(demo.store, encounter_id, to, reason)
