"""Keystrokes per standard encounter, counted by driving the real app with Pilot. Never asserts.

    python bench/keystrokes.py        # or: make keys
    python bench/keystrokes.py --timed optometry   # and the seconds at a person's pace

Each encounter starts on the search screen of a fresh temporary database (seeded as the UI tests
seed theirs: the patient registered, readers in stock) and ends with the encounter closed and
printed, every key pressed through Textual's ``run_test``, as a person at the station would:

* **optometry**: both eyes' distance acuity, the refraction with its addition, the acuity it
  gives, the pupillary distance, one finding (a cataract), reading glasses handed out;
* **dental**: the dentition, three teeth marked on the odontogram, one extraction;
* **triage**: blood pressure, pulse, breathing, temperature, SpO2, weight, height, no allergies;
* **consultation**: the complaint, the plan, one diagnosis, one prescription line.

Keys are counted in two kinds: **value** keys, the characters of the numbers and words themselves
(what any system needs typed), and **navigation** keys, everything else (Tab, Enter, arrows, a
letter choosing from a list, shortcuts). The budget of DESIGN §7 is on navigation: optometry ≤ 60
plus the numbers typed. The targets of the others are ours: one navigation key per value entered,
five to open and close the encounter (Enter on the patient, ``e``, Enter; F8, ``s``) and one or two
to spare: dental ≤ 25, triage ≤ 15, consultation ≤ 12. The procedures catalogue jumps to what a
few letters name (those letters are counted as navigation), and PgDn moves to the next section from
any field, a list included.

``--timed`` also replays optometry as a person types it: a key every 0.25 s, and a pause to think
(read the chart, look at the patient) before each value, and prints the seconds against the goal
of under a minute. The person waits for the app only where a screen or tab must appear, not after
every key (:class:`PacedKeys`), and the CPU time is printed beside the seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

USER = "lic.huaman"


class Keys:
    """Presses keys in a Pilot session and counts them: ``type`` for value keys, ``nav`` for the rest."""

    def __init__(self, pilot):
        self.pilot = pilot
        self.value = 0
        self.navigation = 0

    async def type(self, text: str) -> None:
        """Type ``text`` character by character (value keys)."""
        await self.pilot.press(*text)
        self.value += len(text)

    async def nav(self, *keys: str) -> None:
        """Press navigation keys (Tab, Enter, arrows, shortcuts, a letter choosing an option)."""
        await self.pilot.press(*keys)
        self.navigation += len(keys)

    async def settle(self) -> None:
        """Let the app finish what the last keys started (a new screen, a tab); presses nothing."""
        await self.pilot.pause()


#: A person's pace at the station: a key every 0.25 s, and a pause to read or think before each value.
KEY_DELAY = 0.25
THINK = 2.0


class PacedKeys(Keys):
    """Keys pressed at a person's pace: :data:`KEY_DELAY` after every key, :data:`THINK` before
    typing each value (reading the chart, listening to the patient).

    A person does not wait for the app between keys: each key is sent and the next follows
    :data:`KEY_DELAY` later, while the app handles the first (Textual keeps them in order). Only
    where a new screen or tab must appear (:meth:`settle`) does the person wait for it; that wait
    is timed (:attr:`waited`). Pilot's own ``press`` waits for the app to be idle after every key,
    which no person does, and on a loaded machine that wait was most of the minute.
    """

    def __init__(self, pilot):
        super().__init__(pilot)
        self.pauses = 0
        self.waited = 0.0
        self.sent: list[asyncio.Task] = []

    def _send(self, key: str) -> None:
        # Pilot's key press as a task not waited for: the key is posted at once, in order
        self.sent.append(asyncio.ensure_future(self.pilot.app._press_keys([key])))

    async def type(self, text: str) -> None:
        await asyncio.sleep(THINK)
        self.pauses += 1
        for character in text:
            self._send(character)
            self.value += 1
            await asyncio.sleep(KEY_DELAY)

    async def nav(self, *keys: str) -> None:
        for key in keys:
            self._send(key)
            self.navigation += 1
            await asyncio.sleep(KEY_DELAY)

    async def settle(self) -> None:
        """Wait, as the person does, until the keys sent so far are handled and the screen is drawn."""
        started = time.perf_counter()
        await asyncio.gather(*self.sent)
        self.sent.clear()
        await self.pilot.pause()
        self.waited += time.perf_counter() - started


async def open_encounter(keys: Keys, surname: str, station: tuple[str, str]) -> None:
    """From the search screen: find the patient by surname, open them, start an encounter at the
    examiner's usual ``station`` (the dialog offers it first)."""
    keys.pilot.app.last_station = station
    await keys.type(surname)
    await keys.nav("enter")
    await keys.nav("e", "enter")
    await keys.settle()


async def close_and_print(keys: Keys) -> None:
    """F8 closes (saving what is typed) and prints, once confirmed."""
    await keys.nav("f8", "s")
    await keys.settle()
    await keys.pilot.app.workers.wait_for_complete()


# -- the standard encounters ------------------------------------------------------------------------

OPTOMETRY_PATIENT = {"given_names": "Teodoro", "paternal_surname": "Mamani", "maternal_surname": "Ccori",
                     "sex": "M", "age_years": 58, "id_kind": "none"}


async def optometry(keys: Keys) -> None:
    """Acuity OD 20/60, OS counting fingers; refraction +1.00 / +0.75, cylinder -0.50 × 175 on OD,
    addition 2.25 both eyes; 20/25 and 20/200 with it; PD 63; mature cataract OS; readers."""
    await open_encounter(keys, "mamani", ("optometry", "exam"))
    await keys.type("60")  # 20/60
    await keys.nav("tab")
    await keys.type("cd")
    await keys.nav("pagedown")  # past AO, own glasses and pinhole: the refraction
    await keys.type("1")
    await keys.nav("tab")
    await keys.type(".75")
    await keys.nav("tab")
    await keys.type("-.5")
    await keys.nav("tab", "tab")  # no cylinder OS
    await keys.type("175")
    await keys.nav("tab", "tab")
    await keys.type("2.25")
    await keys.nav("f2")  # the same addition OS, and on to the acuity with the new correction
    await keys.type("25")
    await keys.nav("tab")
    await keys.type("200")
    await keys.nav("tab")
    await keys.type("63")
    await keys.nav("pagedown", "tab", "m")  # the findings: cataract OS «Madura»
    await keys.nav("ctrl+pagedown")  # the plan
    await keys.settle()
    await keys.nav("space")  # reading glasses
    await close_and_print(keys)


DENTAL_PATIENT = {"given_names": "Rosa", "paternal_surname": "Quispe", "maternal_surname": "Huamán",
                  "sex": "F", "age_years": 34, "id_kind": "none"}


async def dental(keys: Keys) -> None:
    """Permanent dentition; 16 caries on its occlusal surface, 36 missing, 46 extraction indicated;
    the simple extraction of 46."""
    await open_encounter(keys, "quispe", ("dental", "exam"))
    await keys.nav("p")  # dentition: «Permanente»
    await keys.nav("tab")  # the odontogram, on 16
    await keys.type("cO")  # 16 caries, occlusal
    await keys.nav("down")  # 46, below it
    await keys.type("x")  # extraction indicated
    await keys.nav(*["right"] * 11)  # along the lower arch to 36
    await keys.type("m")  # missing
    await keys.nav("alt+p")  # procedures
    await keys.settle()
    await keys.nav(*"exo")  # type-ahead to «Exodoncia simple» (counted as navigation: it only moves)
    await keys.nav("enter")
    await keys.type("46")
    await keys.nav("enter")
    await close_and_print(keys)


TRIAGE_PATIENT = {"given_names": "Juan", "paternal_surname": "Condori", "maternal_surname": "Apaza",
                  "sex": "M", "age_years": 45, "id_kind": "none"}


async def triage(keys: Keys) -> None:
    """118/76, pulse 72, breathing 16, 36.6 °C, SpO2 95 %, 61.5 kg, 156 cm, no known allergies."""
    await open_encounter(keys, "condori", ("general", "triage"))
    for value in ("118", "76", "72", "16", "36.6"):
        await keys.type(value)
        await keys.nav("tab")
    await keys.type("95")
    await keys.nav("pagedown")  # past the altitude: the measurements
    await keys.type("61.5")
    await keys.nav("tab")
    await keys.type("156")
    await keys.nav("pagedown")  # past MUAC and glucose: the allergies
    await keys.nav("space")  # the first choice is «Niega alergias»
    await close_and_print(keys)


CONSULTATION_PATIENT = {"given_names": "Luz", "paternal_surname": "Ccahuana", "maternal_surname": "Rojas",
                        "sex": "F", "age_years": 29, "id_kind": "none"}


async def consultation(keys: Keys) -> None:
    """Cough and fever for three days; the plan; J06.9; amoxicillin 500 mg every 8 h for 7 days."""
    await open_encounter(keys, "ccahuana", ("general", "consultation"))
    await keys.type("Tos y fiebre 3 dias")
    await keys.nav("pagedown", "pagedown", "pagedown")  # the allergies, the examination, the plan
    await keys.type("Amoxicilina, control en 3 dias")
    await keys.nav("ctrl+pagedown")  # the prescription (its search box)
    await keys.settle()
    await keys.type("amoxicilina_500 1 c/8h x7d")  # the whole line in the search box
    await keys.nav("enter")  # added as it is
    await keys.nav("alt+d")  # diagnoses
    await keys.settle()
    await keys.type("j06")
    await keys.nav("enter")
    await close_and_print(keys)


@dataclass(frozen=True)
class Encounter:
    """A standard encounter: its name, the patient it is for, the path and the navigation target."""

    name: str
    patient: dict
    path: Callable[[Keys], Awaitable[None]]
    target: int


ENCOUNTERS = (
    Encounter("optometry", OPTOMETRY_PATIENT, optometry, 60),
    Encounter("dental", DENTAL_PATIENT, dental, 25),
    Encounter("triage", TRIAGE_PATIENT, triage, 15),
    Encounter("consultation", CONSULTATION_PATIENT, consultation, 12),
)


def seed(path: Path, patient: dict):
    """A new database holding ``patient`` and readers of +2.00 and +2.50 in stock; the patient."""
    from ayni.core import open_store, stock
    from ayni.core.people import patients

    store = open_store(path, user=USER)
    try:
        registered = patients.register(store, patient)
        for power in ("+2.00", "+2.50"):
            stock.receive(store, "optometry.readers", 5, attributes={"power": power})
        return registered
    finally:
        store.close()


async def drive(encounter: Encounter, db: Path, paced: bool = False) -> Keys:
    """Run ``encounter``'s path on a fresh database at ``db`` (at a person's pace when ``paced``);
    the counted keys."""
    from ayni.tui.app import AyniApp

    seed(db, encounter.patient)
    app = AyniApp(db, USER)
    async with app.run_test(size=(100, 40)) as pilot:
        keys = (PacedKeys if paced else Keys)(pilot)
        await encounter.path(keys)
    return keys


def timed_optometry() -> None:
    """Replay optometry at a person's pace and print the seconds against «under a minute», with the
    CPU time this process used (the app and Pilot) and the seconds the person waited for screens."""
    [encounter] = [e for e in ENCOUNTERS if e.name == "optometry"]
    with tempfile.TemporaryDirectory(prefix="ayni-keys-") as folder:
        db = Path(folder) / "campaign.db"
        started, cpu = time.perf_counter(), time.process_time()
        keys = asyncio.run(drive(encounter, db, paced=True))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        left = outcome(db)
    person = (keys.navigation + keys.value) * KEY_DELAY + keys.pauses * THINK
    status = "ok" if seconds < 60 else "OVER A MINUTE"
    print(f"\noptometry at a person's pace: {seconds:.1f} s (goal: under 60 s); {status} · {left}\n"
          f"  the person: {person:.1f} s ({keys.navigation + keys.value} keys at {KEY_DELAY} s, {keys.pauses} pauses"
          f" of {THINK} s before the values)\n"
          f"  waiting for screens to appear: {keys.waited:.1f} s; the rest, {seconds - person - keys.waited:.1f} s,"
          f" is starting the app and printing the summary\n"
          f"  CPU time of this process (app and Pilot): {cpu:.1f} s")


def outcome(db: Path) -> str:
    """What the path left: the encounter closed, with how many forms, procedures and diagnoses."""
    from ayni.core import EncounterStatus, open_store
    from ayni.core.clinical import encounters

    store = open_store(db, user=USER)
    try:
        opened = [e for p in store.db.execute("SELECT id FROM patients") for e in encounters.of_patient(store, p[0])]
        if len(opened) != 1:
            return f"{len(opened)} encounters: the path broke"
        visit = encounters.get_encounter_record(store, opened[0].id)
        state = "closed" if visit.encounter.status == EncounterStatus.CLOSED else "NOT CLOSED: the path broke"
        return (f"{state}; forms {len(visit.forms)}, procedures {len(visit.procedures)},"
                f" diagnoses {len(visit.diagnoses)}")
    finally:
        store.close()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("encounters", nargs="*", metavar="ENCOUNTER",
                        help=f"only these ({', '.join(e.name for e in ENCOUNTERS)}); all when none is named")
    parser.add_argument("--timed", action="store_true",
                        help="also replay optometry at a person's pace and print the seconds it takes")
    args = parser.parse_args(argv)
    chosen = args.encounters or [e.name for e in ENCOUNTERS]
    unknown = set(chosen) - {e.name for e in ENCOUNTERS}
    if unknown:
        parser.error(f"no such encounter: {', '.join(sorted(unknown))}")
    print("Keys per standard encounter (Pilot, real app, 100×40); «value» keys are the characters of the")
    print("numbers and words themselves, «navigation» every other key.\n")
    print(f"{'encounter':<14}{'navigation':>11}{'target':>9}{'value':>8}{'total':>8}")
    for encounter in ENCOUNTERS:
        if encounter.name not in chosen:
            continue
        with tempfile.TemporaryDirectory(prefix="ayni-keys-") as folder:
            db = Path(folder) / "campaign.db"
            keys = asyncio.run(drive(encounter, db))
            left = outcome(db)
        status = "ok" if keys.navigation <= encounter.target else "OVER TARGET"
        print(f"{encounter.name:<14}{keys.navigation:>11}{'≤ ' + str(encounter.target):>9}{keys.value:>8}"
              f"{keys.navigation + keys.value:>8}  {status} · {left}", flush=True)
    if args.timed:
        timed_optometry()


if __name__ == "__main__":
    main()
