"""One day of the demo campaign, as every plugin's ``ayni_demo`` hook receives it.

``ayni demo`` lays a campaign of several days out in the past, at two sites. For each day it
registers the people who came and then calls ``ayni_demo(demo=DemoDay(...))``, so that each
specialty seeds its own encounters through the same functions a person's actions call (open,
save, close, dispense, pay). :class:`DemoDay` gives a plugin what it needs to do that
plausibly and reproducibly: the day and its campaign, the people who came, its own random
generator, staff to write as, a clock that moves through the day, stock to receive and the
campaign's mix of payments.

Records are stamped with the demo day's time, never later than now, so the daily figures of every
day can be seen. Only the demo runner can do that, inside :func:`seeding`, which first writes one
audit entry (:data:`DEMO_SEEDED`, stamped with the real time) saying that the records after it
are demo data; every other write is stamped with the real time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from .. import model
from ..dates import lima
from ..model import Campaign, Patient, User
from ..money import payments
from ..money.fees import SLIDING_LEVELS
from ..storage.store import ensure_user

if TYPE_CHECKING:
    from ..storage.store import Store

#: When the demo's day opens and the latest it runs to, in Lima.
DAY_OPENS, DAY_ENDS = dt.time(7, 30), dt.time(18, 30)
#: How far the clock moves with each record written, so that every record has its own time.
TICK = dt.timedelta(seconds=2)

WAIVER_REASONS = (
    "Adulto mayor sin ingresos",
    "Familia en pobreza extrema (SISFOH)",
    "Persona con discapacidad",
    "Exonerado por la parroquia",
    "Madre sola con cuatro hijos",
)
IN_KIND = ("Dos kilos de papa", "Una docena de huevos", "Un queso fresco", "Habas secas")
CASHIER = ("Sra. Norma Quispe Allcca", "cashier")


@attrs.define
class DayClock:
    """The time on a demo day: from :data:`DAY_OPENS`, a :data:`TICK` later at every reading and
    later still on :meth:`later`, never past :data:`DAY_ENDS` nor past the real now."""

    day: dt.date
    current: dt.datetime = attrs.field(init=False)
    ends: dt.datetime = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.current = dt.datetime.combine(self.day, DAY_OPENS, lima()).astimezone(dt.timezone.utc)
        self.ends = dt.datetime.combine(self.day, DAY_ENDS, lima()).astimezone(dt.timezone.utc)

    def __call__(self) -> dt.datetime:
        self.current = min(self.current + TICK, self.ends)
        return self.shown()

    def shown(self) -> dt.datetime:
        """The clock's time in UTC, never past the real now."""
        return min(self.current, dt.datetime.now(dt.timezone.utc).replace(microsecond=0))

    def later(self, minutes: float) -> None:
        self.current = min(self.current + dt.timedelta(seconds=round(minutes * 60)), self.ends)  # stored to the second


#: The audit action of the entry that opens a demo: the records written after it in the same
#: transaction are demo data, laid on past days, and its own ``at`` is when they were really written.
DEMO_SEEDED = "demo_seeded"


class DemoSeeding:
    """The demo runner's hold on the time, made only by :func:`seeding` and usable only inside it."""

    def __init__(self) -> None:
        self.running = True

    @contextlib.contextmanager
    def on(self, clock: DayClock) -> Iterator[None]:
        """Stamp every record written inside the block (and its audit entries) with ``clock``'s time."""
        if not self.running:
            raise RuntimeError("a demo day's clock is set only while the demo is being seeded")
        token = model._CLOCK.set(clock)
        try:
            yield
        finally:
            model._CLOCK.reset(token)


@contextlib.contextmanager
def seeding(store: Store, name: str, days: tuple[dt.date, dt.date]) -> Iterator[DemoSeeding]:
    """Seed the demo campaign ``name`` in one transaction (all of it or nothing), which opens with
    one audit entry (:data:`DEMO_SEEDED`, as the store's user, at the real time) saying that what
    follows is demo data for the ``days`` (first, last) seeded at that time. Inside, and only
    there, :meth:`DemoSeeding.on` lays records on a demo day; the clock is this thread's own, so
    another station writing meanwhile is stamped with the real time."""
    seeder = DemoSeeding()
    try:
        with store.write():
            store.note(DEMO_SEEDED, "campaigns", "", {"demo": name, "seeded_at": model.utcnow().isoformat(),
                                                      "first_day": days[0].isoformat(),
                                                      "last_day": days[1].isoformat()})
            yield seeder
    finally:
        seeder.running = False


@attrs.define
class DemoDay:
    """One day of the demo campaign, for a plugin to seed its specialty's part of it.

    ``campaign`` is the campaign working that ``day`` (each campaign is at one site);
    ``number`` counts the demo's days from 1 and ``last`` says this is the last one (today),
    when some patients are still waiting. ``people`` are those registered at the desk that day,
    in order of arrival; patients of earlier days can be found in the store (referrals, follow-ups).
    Everything a plugin writes must go through the functions a person's actions call, so that it
    passes every validation and rule, and is audited as the staff member it acts as.
    """

    store: Store
    campaign: Campaign
    day: dt.date
    number: int
    last: bool
    people: tuple[Patient, ...]
    seed: str
    clock: DayClock
    lots: list[str] = attrs.field(factory=list)

    def rng(self, key: str) -> random.Random:
        """A random generator of its own for ``key`` (a plugin's key) on this day: the same demo
        seed gives the same choices, whatever other plugins are installed."""
        return random.Random(f"{self.seed}:{self.day.isoformat()}:{key}")

    def later(self, minutes: float) -> None:
        """Move the day's clock on (the next patient comes in a few minutes later)."""
        self.clock.later(minutes)

    def now(self) -> dt.datetime:
        """The time on the day's clock, in Lima (what the next record will say, or just before)."""
        return self.clock.shown().astimezone(lima())

    def age(self, patient: Patient) -> int:
        """The patient's age in years on this day (an unknown age counts as an adult's, 30)."""
        age = patient.age(self.day)
        return 30 if age is None else age

    def staff(self, name: str, role: str = "clinician") -> User:
        """The staff member called ``name`` (created on first use, audited as themselves)."""
        previous = self.store.user
        try:
            return ensure_user(self.store, name, role)
        finally:
            self.store.user = previous

    @contextlib.contextmanager
    def acting(self, user: User) -> Iterator[None]:
        """Write as ``user`` inside the block (the nurse triages, the dentist examines)."""
        previous, self.store.user = self.store.user, user
        try:
            yield
        finally:
            self.store.user = previous

    def patients_for(self, key: str, rng: random.Random, share: float,
                     from_age: int = 0) -> list[tuple[Patient, object]]:
        """Whom specialty ``key`` sees today, each with the referral that sent them (or ``None``): the
        patients referred to it on earlier days, then about ``share`` of today's people from ``from_age``."""
        from ..clinical import referrals

        referred = {r.patient_id: r for r in referrals.open_referrals(self.store, key)}
        earlier = [(self.store.get(Patient, "patients", r.patient_id), r) for r in referred.values()]
        today = [(p, None) for p in self.people
                 if self.age(p) >= from_age and p.id not in referred and rng.random() < share]
        return earlier + today

    def receive_all(self, items) -> None:
        """Receive, on the demo's first day only, what a specialty arrived with: (item, units, attributes)."""
        if self.number == 1:
            for item_key, units, attributes in items:
                self.receive(item_key, units, attributes)

    def receive(self, item_key: str, units: int, attributes: dict | None = None, expires_in: int = 0) -> None:
        """Receive ``units`` of a stock item in a lot of its own, as the storekeeper does, expiring
        in ``expires_in`` days (by default between about seven months and two years)."""
        from .. import stock

        days = expires_in or self.rng(f"lot:{item_key}:{len(self.lots)}").randint(200, 730)
        lot = f"D{self.day:%y}-{len(self.lots) + 1:03d}"
        self.lots.append(lot)
        stock.receive(self.store, item_key, units, lot=lot, expiry=self.day + dt.timedelta(days=days),
                      location="Almacén", attributes=attributes or {}, today=self.day)

    def pay(self, rng: random.Random, encounter_id: str, age: int) -> None:
        """Record the encounter's payment at the cash desk as the campaign's patients pay: older
        people are often waived (with a reason), many pay on the sliding scale, some in kind."""
        with self.acting(self.staff(*CASHIER)):
            roll = rng.random()
            if age >= 65 and roll < 0.6 or roll < 0.15:
                payments.record(self.store, encounter_id, "waiver", reason=rng.choice(WAIVER_REASONS))
            elif roll < 0.45:
                payments.record(self.store, encounter_id, "sliding", level=rng.choice(SLIDING_LEVELS))
            elif roll < 0.52:
                payments.record(self.store, encounter_id, "full", method="in_kind",
                                in_kind_description=rng.choice(IN_KIND))
            else:
                payments.record(self.store, encounter_id, "full")
