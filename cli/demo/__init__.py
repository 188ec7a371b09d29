"""The demo campaign: a realistic week of a medical mission in Vilcas Huamán, Ayacucho, with every
specialty the installed plugins offer.

:func:`seed` registers each day's people through ``patients.register`` and creates the campaigns
with ``campaigns.create``; everything clinical is seeded by the plugins' ``ayni_demo`` hook
(:class:`ayni.core.DemoDay`), through the same functions a person's actions call, so every record is
validated and audited. It is deterministic for a given ``rng_seed``, day and laptop letter: the
same people, identifiers, forms, diagnoses and payments (record ids differ).

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
from importlib import resources

import attrs

from ayni.core.campaign import campaigns
from ayni.core.campaign.demo import DayClock, DemoDay, seeding
from ayni.core.dates import today_in_lima
from ayni.core.errors import AyniError
from ayni.core.i18n import Text
from ayni.core.model import Campaign, IdKind, utcnow
from ayni.core.people import patients as patient_records
from ayni.core.people.search import compact_index, indexing_after
from ayni.core.people.users import require
from ayni.core.storage import devices
from ayni.core.storage.auditchain import append as append_audit
from ayni.core.storage.convert import to_row
from ayni.core.storage.store import Store

CAMPAIGN_NAME = "Campaña Médica Vilcashuamán {year}"
#: The two sites, in the order the campaign visits them: name, community, district.
SITES = (
    ("I.E. N.° 38517 Túpac Yupanqui", "Vilcas Huamán", "Vilcas Huamán"),
    ("Puesto de Salud de Pomacocha", "Pomacocha", "Vischongo"),
)
#: Days at each site; the last day is today.
DAYS_PER_SITE = (2, 3)
PARTNER = "Parroquia San Juan Bautista de Vilcashuamán y Municipalidad Provincial de Vilcas Huamán"
REGION = "Ayacucho"
DESK = ("Sr. Wilber Cconislla Huamaní", "registration")
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

    campaign: Campaign  # the one running today
    patients: int
    encounters: int
    payments: int
    campaigns: tuple[Campaign, ...] = ()
    name: str = ""  # the whole mission's
    days: int = 0
    places: tuple[str, ...] = ()  # the sites' communities, in the order visited
    specialties: int = 0  # with encounters


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


# -- seeding ------------------------------------------------------------------------------------


#: Units of each medicine the campaign arrives with: tablets and capsules by the thousand boxes
#: hold, everything else (bottles, tubes, inhalers, sachets) by the piece.
COUNTED_ONE_BY_ONE, UNITS_COUNTED, UNITS_OTHER = ("tablet", "capsule"), 1000, 120


def _stock(demo: DemoDay) -> None:
    """The formulary the campaign arrived with (:data:`UNITS_COUNTED` tablets or capsules,
    :data:`UNITS_OTHER` units of anything else, of each medicine; the first lot expires soon, to be
    seen); each specialty receives its own aids and kits in its ``ayni_demo``."""
    for index, (key, medicine) in enumerate(demo.store.plugins.medicines.items()):
        units = UNITS_COUNTED if medicine.form in COUNTED_ONE_BY_ONE else UNITS_OTHER
        demo.receive(key, units, expires_in=40 if index == 0 else 0)


def _days(today: dt.date) -> list[tuple[int, dt.date]]:
    """Each demo day with the index of its site: :data:`DAYS_PER_SITE` days at each, ending today."""
    total = sum(DAYS_PER_SITE)
    first = today - dt.timedelta(days=total - 1)
    return [(site, first + dt.timedelta(days=offset))
            for offset, site in enumerate(s for s, n in enumerate(DAYS_PER_SITE) for _ in range(n))]


def _campaigns(store: Store, year: int, days: list[tuple[int, dt.date]]) -> list[Campaign]:
    """One campaign per site over its days; the last one runs a day past today (operations are
    still scheduled)."""
    made = []
    for index, (name, community, district) in enumerate(SITES):
        own = [day for site, day in days if site == index]
        site = campaigns.new_site(name, community=community, district=district, region=REGION)
        end = own[-1] + dt.timedelta(days=1 if index == len(SITES) - 1 else 0)
        made.append(campaigns.create(store, campaign_name(year, community), "medical", own[0], end, site=site,
                                     region=REGION, partner=PARTNER))
    return made


def campaign_name(year: int, community: str) -> str:
    """The name of the demo campaign at a site: «Campaña Médica Vilcashuamán 2026 · Pomacocha»."""
    return f"{CAMPAIGN_NAME.format(year=year)} · {community}"


def _arrivals(patients: int, days: int) -> list[int]:
    """How many people register on each day: the same share each day, the first days taking the rest."""
    share, rest = divmod(patients, days)
    return [share + (1 if index < rest else 0) for index in range(days)]


def seed(store: Store, patients: int = 200, rng_seed: int = 2026, today: dt.date | None = None) -> DemoSummary:
    """Create the demo campaign «Campaña Médica Vilcashuamán <year>» with ``patients`` patients:
    :data:`DAYS_PER_SITE` days at each of two sites (:data:`SITES`), one campaign per site, the
    last day today.

    Each day the desk registers that day's share of the people; then every plugin's ``ayni_demo``
    seeds its specialty's encounters for the day through the functions a person's actions call
    (general medicine triages and consults, dentistry examines and treats, optometry hands out
    readers and refers cataracts to surgery, physiotherapy fits aids, surgery screens and operates).
    The people depend on ``rng_seed`` and on this laptop's letter, so two laptops seeding the demo
    register different people. Raises :class:`DemoAlreadySeeded` if the campaign exists.
    """
    today = today or today_in_lima()  # the campaign's day, whatever the laptop's clock zone
    letter = devices.this_device(store.db).letter
    seed_text = f"{rng_seed}:{letter}"
    rng = random.Random(seed_text)
    names = [campaign_name(today.year, community) for _, community, _ in SITES]
    if store.db["campaigns"].count_where(f"name IN ({', '.join('?' for _ in names)})", names):
        raise DemoAlreadySeeded("demo_seeded", name=CAMPAIGN_NAME.format(year=today.year))
    days = _days(today)
    forms = iter(_People(rng, days[0][1], _taken_numbers(store)).forms(patients))  # born before they come
    lots: list[str] = []
    registered = 0
    # one commit for the whole demo: each write inside is still checked and audited
    with seeding(store, CAMPAIGN_NAME.format(year=today.year), (days[0][1], today)) as seeder:
        with seeder.on(DayClock(days[0][1])):  # the coordinator sets both up on the first morning
            made = _campaigns(store, today.year, days)
        for number, ((site, day), arriving) in enumerate(zip(days, _arrivals(patients, len(days))), start=1):
            demo = DemoDay(store, made[site], day, number, number == len(days), (), seed_text, DayClock(day), lots)
            with seeder.on(demo.clock):
                with demo.acting(demo.staff(*DESK)):
                    demo.people = tuple(patient_records.register(store, next(forms)) for _ in range(arriving))
                registered += len(demo.people)
                if number == 1:
                    _stock(demo)
                store.plugins.hook.ayni_demo(demo=demo)
    return _summary(store, made, registered, CAMPAIGN_NAME.format(year=today.year))


def _summary(store: Store, made: list[Campaign], registered: int, name: str) -> DemoSummary:
    ids = [c.id for c in made]
    marks = ", ".join("?" for _ in ids)
    encounters_seeded, specialties = store.db.execute(
        f"SELECT count(*), count(DISTINCT specialty) FROM encounters WHERE campaign_id IN ({marks})", ids).fetchone()
    paid = store.db.execute(f"SELECT count(*) FROM payments p JOIN encounters e ON e.id = p.encounter_id "
                            f"WHERE e.campaign_id IN ({marks})", ids).fetchone()[0]
    return DemoSummary(made[-1], registered, encounters_seeded, paid, tuple(made), name, sum(DAYS_PER_SITE),
                       tuple(community for _, community, _ in SITES), specialties)


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
    people = _People(random.Random(rng_seed), today_in_lima(), _taken_numbers(store))
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
