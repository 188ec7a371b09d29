"""The demo campaign: a realistic week of general medicine in Vilcas Huamán, Ayacucho.

:func:`seed` goes through the same core functions a person's actions do (``patients.register``,
``campaigns.create``, ``encounters.open_encounter/save/close``, ``payments.record``), so every
record is validated and audited. It is deterministic for a given ``rng_seed`` and day: the same
people, identifiers, vital signs, diagnoses and payments (record ids and timestamps still differ).

:func:`bulk_patients` is the fast path for benchmarks: many thousands of generated patients,
each validated by the registration form and each with its own audit entry, written in batches of
:data:`BATCH` rows per transaction instead of one transaction per patient.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import random
from decimal import Decimal
from importlib import resources

import attrs

from ayni.core import stock
from ayni.core.campaign import campaigns
from ayni.core.clinical import encounters
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.errors import AyniError
from ayni.core.i18n import Text
from ayni.core.model import IdKind, User, utcnow
from ayni.core.money import payments
from ayni.core.money.fees import SLIDING_LEVELS
from ayni.core.people import patients as patient_records
from ayni.core.people.search import compact_index, indexing_after
from ayni.core.people.users import require
from ayni.core.storage.auditchain import append as append_audit
from ayni.core.storage.convert import to_row
from ayni.core.storage.store import Store, ensure_user

CAMPAIGN_NAME = "Campaña Médica Vilcashuamán {year}"
SITE_NAME = "I.E. N.° 38517 Túpac Yupanqui"
PARTNER = "Parroquia San Juan Bautista de Vilcashuamán y Municipalidad Provincial de Vilcas Huamán"
REGION = "Ayacucho"
DOCTOR = ("Dra. Carmen Huamaní Rojas", "doctor")
NURSE = ("Lic. Julio Ccori Pariona", "nurse")
BATCH = 5000

ALREADY_SEEDED = Text("La campaña demo «{name}» ya está en la base de datos.",
                      "The demo campaign «{name}» is already in the database.")


class DemoAlreadySeeded(AyniError):
    """The demo campaign exists already: seeding it twice would register the same people twice."""

    def message(self, lang: str = "es") -> str:
        return ALREADY_SEEDED.get(lang).format(**self.params)


@attrs.frozen
class DemoSummary:
    """What :func:`seed` created."""

    campaign: object
    patients: int
    encounters: int
    payments: int


# -- names and places ---------------------------------------------------------------------------


@attrs.frozen
class _Names:
    given: dict  # (sex, era) -> names
    quechua: tuple[str, ...]
    spanish: tuple[str, ...]
    given_ve: dict  # sex -> names
    surnames_ve: tuple[str, ...]
    places: tuple[tuple[str, str], ...]  # (district, community)


def _csv(name: str) -> list[dict]:
    with resources.files(__package__).joinpath("data", name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _load_names() -> _Names:
    rows = _csv("demo_names.csv")
    given: dict = {}
    for row in (r for r in rows if r["list"] == "given"):
        eras = ("old", "mid", "young") if row["era"] == "any" else (row["era"],)
        for era in eras:
            given.setdefault((row["sex"], era), []).append(row["name"])
    pick = lambda lst, era: tuple(r["name"] for r in rows if r["list"] == lst and r["era"] == era)  # noqa: E731
    given_ve = {sex: tuple(r["name"] for r in rows if r["list"] == "given_ve" and r["sex"] == sex) for sex in "FM"}
    places = tuple((r["district"], r["community"]) for r in _csv("demo_places.csv"))
    return _Names({k: tuple(v) for k, v in given.items()}, pick("surname", "qu"), pick("surname", "es"),
                  given_ve, pick("surname_ve", "ve"), places)


# -- people -------------------------------------------------------------------------------------


class _People:
    """Generates registration forms (the raw values a person would type) for plausible patients."""

    def __init__(self, rng: random.Random, today: dt.date, taken: set[str]):
        self.rng = rng
        self.today = today
        self.taken = taken
        self.names = _load_names()

    def surname(self) -> str:
        names = self.names
        return self.rng.choice(names.quechua if self.rng.random() < 0.65 else names.spanish)

    def given(self, sex: str, age: int) -> str:
        era = "young" if age < 25 else "mid" if age < 55 else "old"
        pool = self.names.given[(sex, era)]
        first = self.rng.choice(pool)
        if self.rng.random() < 0.35:
            second = self.rng.choice(pool)
            if second != first:
                return f"{first} {second}"
        return first

    def age(self) -> int:
        band = self.rng.random()
        if band < 0.12:
            return self.rng.randint(0, 4)
        if band < 0.33:
            return self.rng.randint(5, 17)
        if band < 0.77:
            return self.rng.randint(18, 59)
        return self.rng.randint(60, 92)

    def number(self, first_digits: str, length: int) -> str:
        while True:
            number = self.rng.choice(first_digits) + "".join(self.rng.choices("0123456789", k=length - 1))
            if number not in self.taken:
                self.taken.add(number)
                return number

    def phone(self) -> str:
        return "9" + "".join(self.rng.choices("0123456789", k=8)) if self.rng.random() < 0.55 else ""

    def birth(self, age: int, raw: dict) -> None:
        """A birth date, or only an estimated age (common among the elderly)."""
        estimated = self.rng.random() < (0.45 if age >= 60 else 0.08 if age >= 18 else 0.0)
        if estimated:
            raw["age_years"] = str(age)
            return
        latest = self.today.replace(year=self.today.year - age) if not _feb29(self.today) else \
            dt.date(self.today.year - age, 2, 28)
        raw["birth_date"] = (latest - dt.timedelta(days=self.rng.randint(0, 364))).isoformat()

    def person(self, paternal: str | None = None) -> dict:
        """One Peruvian patient's registration form."""
        rng = self.rng
        age, sex = self.age(), rng.choice("FFFFFMMMMM" + "F")  # campaigns see slightly more women
        district, community = rng.choice(self.names.places)
        paternal = paternal or self.surname()
        raw = {
            "given_names": self.given(sex, age), "paternal_surname": paternal, "maternal_surname": self.surname(),
            "sex": sex, "community": community, "district": district, "region": REGION, "phone": self.phone(),
            "language": "qu" if rng.random() < (0.8 if age >= 60 else 0.45 if age >= 18 else 0.3) else "es",
        }
        self.birth(age, raw)
        if age >= 60 and rng.random() < 0.06:
            raw["id_kind"] = IdKind.NONE.value  # elderly people without a DNI still come
        else:
            raw["id_kind"], raw["id_number"] = IdKind.DNI.value, self.number("1234" if age >= 18 else "6789", 8)
        if age < patient_records.ADULT_AGE:
            self.guardian(raw, paternal, age)
        return raw

    def guardian(self, raw: dict, child_paternal: str, age: int) -> None:
        rng = self.rng
        who = rng.random()
        if who < 0.7:
            name, relation = f"{self.given('F', 35)} {raw['maternal_surname']} {self.surname()}", "Madre"
        elif who < 0.9:
            name, relation = f"{self.given('M', 35)} {child_paternal} {self.surname()}", "Padre"
        else:
            name, relation = f"{self.given('F', 70)} {self.surname()} {self.surname()}", "Abuela"
        raw.update(guardian_name=name, guardian_relationship=relation, guardian_phone=self.phone())

    def migrant(self) -> dict:
        """A Venezuelan migrant living in the district, with a cédula or a passport."""
        rng = self.rng
        sex, age = rng.choice("FM"), rng.randint(19, 45)
        district, community = rng.choice(self.names.places[:6])
        raw = {
            "given_names": rng.choice(self.names.given_ve[sex]), "paternal_surname": rng.choice(self.names.surnames_ve),
            "maternal_surname": rng.choice(self.names.surnames_ve), "sex": sex, "community": community,
            "district": district, "region": REGION, "language": "es", "phone": self.phone(),
        }
        self.birth(age, raw)
        if rng.random() < 0.7:
            raw["id_kind"], raw["id_number"] = IdKind.CEDULA_VE.value, "V-" + self.number("12", 8)
        else:
            raw["id_kind"], raw["id_number"] = IdKind.PASSPORT.value, self.number("1", 9)
        return raw

    def forms(self, n: int) -> list[dict]:
        """``n`` registration forms: about 3 % migrants, and at least one Núñez."""
        forms = [self.migrant() if self.rng.random() < 0.03 else self.person() for _ in range(n)]
        if n > 1 and not any("Núñez" in (f["paternal_surname"], f["maternal_surname"]) for f in forms):
            forms[1] = self.person(paternal="Núñez")
        return forms


def _feb29(day: dt.date) -> bool:
    return day.month == 2 and day.day == 29


def _taken_numbers(store: Store) -> set[str]:
    numbers = set()
    for (text,) in store.db.execute("SELECT identifier_numbers FROM patients WHERE identifier_numbers != ''"):
        numbers.update(text.split())
    return numbers


# -- clinical scenarios -------------------------------------------------------------------------


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
              "oftalmología."),
    _Scenario((55, 92), ("M17.9",), "Dolor de rodillas al caminar", "Años; peor al bajar cuestas.",
              "Crepitación en ambas rodillas.", "Paracetamol 500 mg cada 8 h; ejercicios; referencia a "
              "fisioterapia."),
    _Scenario((60, 92), ("J44.9",), "Tos crónica y falta de aire", "Cocinó con leña toda la vida.",
              "Espiración prolongada, sibilantes.", "Nebulización; salbutamol inhalado con aerocámara; "
              "cocina mejorada.", ("general.nebulization",), low_spo2=True),
    _Scenario((55, 92), ("N40",), "Orina muchas veces de noche", "Chorro débil desde hace un año.",
              "Sin globo vesical.", "Tamsulosina 0.4 mg en la noche; referencia a urología.", sex="M"),
    _Scenario((20, 60), ("R51", "T70.2"), "Dolor de cabeza al llegar de la costa", "Llegó hace 2 días de Lima.",
              "Sin focalización neurológica.", "Reposo, líquidos, paracetamol; bajar si empeora."),
)

WAIVER_REASONS = (
    "Adulto mayor sin ingresos",
    "Familia en pobreza extrema (SISFOH)",
    "Persona con discapacidad",
    "Exonerado por la parroquia",
    "Madre sola con cuatro hijos",
)
IN_KIND = ("Dos kilos de papa", "Una docena de huevos", "Un queso fresco", "Habas secas")


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


# -- seeding ------------------------------------------------------------------------------------


@contextlib.contextmanager
def _as(store: Store, user: User):
    """Write as ``user`` for a while (the nurse triages, the doctor consults)."""
    previous, store.user = store.user, user
    try:
        yield
    finally:
        store.user = previous


def _user(store: Store, name: str, role: str) -> User:
    previous = store.user
    try:
        return ensure_user(store, name, role)
    finally:
        store.user = previous


def _payment(store: Store, rng: random.Random, encounter_id: str, age: int) -> None:
    roll = rng.random()
    if age >= 65 and roll < 0.6 or roll < 0.15:
        payments.record(store, encounter_id, "waiver", reason=rng.choice(WAIVER_REASONS))
    elif roll < 0.45:
        payments.record(store, encounter_id, "sliding", level=rng.choice(SLIDING_LEVELS))
    elif roll < 0.52:
        payments.record(store, encounter_id, "full", method="in_kind", in_kind_description=rng.choice(IN_KIND))
    else:
        payments.record(store, encounter_id, "full")


#: The donated stock the demo campaign arrived with: item, units, attributes that size or fit it.
#: Items of a plugin that is not installed are left out; every medicine of the formulary comes in
#: 120 units besides.
DEMO_STOCK = (
    *(("optometry.readers", 25, {"power": f"+{p}"}) for p in ("1.00", "1.50", "2.00", "2.50", "3.00", "3.50")),
    ("optometry.sunglasses", 40, {}),
    ("optometry.lubricant_drops", 30, {}),
    ("dental.hygiene_kit", 80, {"age_group": "child"}),
    ("dental.hygiene_kit", 60, {"age_group": "adult"}),
    ("general.condoms", 200, {}),
    ("general.pregnancy_test_strip", 6, {}),
    ("physio.wheelchair", 2, {"kind": "standard", "seat_width_cm": 42, "seat_depth_cm": 40}),
    ("physio.wheelchair", 1, {"kind": "paediatric", "seat_width_cm": 30, "seat_depth_cm": 30}),
    ("physio.walker", 4, {"kind": "fixed"}),
    ("physio.walker", 2, {"kind": "wheeled"}),
    ("physio.crutches", 3, {"kind": "axillary", "size": "M"}),
    ("physio.crutches", 3, {"kind": "forearm", "size": "M"}),
)


def _stock(store: Store, rng: random.Random, today: dt.date) -> None:
    """Receive the demo stock in lots that expire over the next two years (one soon, to be seen)."""
    items = [(key, n, attributes) for key, n, attributes in DEMO_STOCK if key in store.plugins.equipment]
    items += [(key, 120, {}) for key in store.plugins.medicines]
    for index, (key, units, attributes) in enumerate(items):
        days = 40 if index == 0 else rng.randint(200, 730)
        stock.receive(store, key, units, lot=f"D{today:%y}-{index + 1:03d}", expiry=today + dt.timedelta(days=days),
                      location="Almacén", attributes=attributes, today=today)


def seed(store: Store, patients: int = 200, rng_seed: int = 2026, today: dt.date | None = None) -> DemoSummary:
    """Create the demo campaign «Campaña Médica Vilcashuamán <year>» with ``patients`` patients.

    About two thirds are seen (triage by the nurse, consultation by the doctor, with diagnoses,
    procedures and a payment: full, sliding scale, waiver with a reason, or in kind); the last few
    seen still wait for the doctor with an open consultation. Raises :class:`DemoAlreadySeeded` if
    the campaign exists.
    """
    today = today or dt.date.today()
    rng = random.Random(rng_seed)
    name = CAMPAIGN_NAME.format(year=today.year)
    if store.db["campaigns"].count_where("name = ?", [name]):
        raise DemoAlreadySeeded("demo_seeded", name=name)
    doctor, nurse = _user(store, *DOCTOR), _user(store, *NURSE)
    site = campaigns.new_site(SITE_NAME, community="Vilcas Huamán", district="Vilcas Huamán", region=REGION)
    campaign = campaigns.create(store, name, "medical", today - dt.timedelta(days=2), today + dt.timedelta(days=2),
                                site=site, region=REGION, partner=PARTNER)
    _stock(store, rng, today)
    people = _People(rng, today, _taken_numbers(store))
    registered = []
    with _as(store, nurse):
        for raw in people.forms(patients):
            registered.append(patient_records.register(store, raw))
    seen = [p for p in registered if rng.random() < 0.65]
    waiting = max(1, len(seen) // 20) if len(seen) > 2 else 0
    n_encounters = n_payments = 0
    for index, patient in enumerate(seen):
        age, sex = patient.age(today), patient.sex.value
        scenario = _scenario(rng, age, sex)
        with _as(store, nurse):
            triage = encounters.open_encounter(store, patient.id, "general", "triage", campaign.id)
            encounters.save(store, triage.id, forms={"general.triage": _triage(rng, age, sex, scenario)},
                            procedures=[ProcedureEntry("general.triage")])
            encounters.close(store, triage.id)
        with _as(store, doctor):
            consult = encounters.open_encounter(store, patient.id, "general", "consultation", campaign.id)
        n_encounters += 2
        if index >= len(seen) - waiting:
            continue  # still in the waiting room
        with _as(store, doctor):
            encounters.save(
                store, consult.id,
                forms={"general.consultation": {"chief_complaint": scenario.complaint, "history": scenario.history,
                                                "examination": scenario.examination, "plan": scenario.plan}},
                procedures=[ProcedureEntry(code) for code in ("general.consultation", *scenario.procedures)],
                diagnoses=scenario.diagnoses,
            )
            encounters.close(store, consult.id)
        with _as(store, nurse):
            _payment(store, rng, consult.id, age)
        n_payments += 1
    return DemoSummary(campaign, len(registered), n_encounters, n_payments)


def bulk_patients(store: Store, n: int, rng_seed: int = 7, index_after: bool = True) -> int:
    """Register ``n`` generated patients quickly, for benchmarks (100,000 in about 15–25 s on 2 cores).

    Each is validated by :func:`ayni.core.people.patients.patient_from_form` exactly as one typed at the
    desk, and each gets its own ``insert`` audit entry (the same entry :meth:`Store.insert` writes).
    Only the writing is batched: :data:`BATCH` patients and their audit entries per transaction, each
    batch indexed for search at once after its rows (:func:`~ayni.core.people.search.indexing_after`),
    with a larger page cache and fewer WAL checkpoints while it runs, and the search index compacted
    at the end (:func:`~ayni.core.people.search.compact_index`). About half the time is validation and
    conversion, half SQLite (the search index and the audit log). ``index_after=False`` leaves the
    indexing to the per-row triggers, only so that a benchmark can show what the one pass saves.
    """
    require(store, "patients.register")
    people = _People(random.Random(rng_seed), dt.date.today(), _taken_numbers(store))
    with _bulk_settings(store):
        for start in range(0, n, BATCH):
            rows, audit = _bulk_batch(people, min(BATCH, n - start), store.user.id)
            with store.write(), indexing_after(store) if index_after else contextlib.nullcontext():
                _insert_many(store, "patients", rows)
                append_audit(store.db, audit)
        compact_index(store)
    return n


def _bulk_batch(people: _People, size: int, user_id: str) -> tuple[list[dict], list[dict]]:
    """``size`` validated patients as rows, and their audit entries."""
    batch = [patient_records.patient_from_form(people.person()) for _ in range(size)]
    rows = [to_row(p) for p in batch]
    now = utcnow().isoformat()
    audit = [{"at": now, "user_id": user_id, "action": "insert", "table_name": "patients", "record_id": row["id"],
              "data": json.dumps(row, ensure_ascii=False, default=str), "previous": None} for row in rows]
    for row, patient in zip(rows, batch):
        row.update(patient_records._patient_row_extras(patient))  # the search column register() fills
    return rows, audit


@contextlib.contextmanager
def _bulk_settings(store: Store):
    """A 64 MiB page cache and rare checkpoints while bulk-inserting; the usual settings afterwards."""
    cache, = store.db.execute("PRAGMA cache_size").fetchone()
    checkpoint, = store.db.execute("PRAGMA wal_autocheckpoint").fetchone()
    store.db.execute("PRAGMA cache_size = -65536")
    store.db.execute("PRAGMA wal_autocheckpoint = 20000")
    try:
        yield
    finally:
        store.db.execute(f"PRAGMA cache_size = {int(cache)}")
        store.db.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint)}")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def _insert_many(store: Store, table: str, rows: list[dict]) -> None:
    """One prepared INSERT for many rows of the same columns (sqlite-utils' insert_all is slower)."""
    columns = list(rows[0])
    sql = (f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    store.db.conn.executemany(sql, [[row[c] for c in columns] for row in rows])
