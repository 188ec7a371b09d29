"""Stations and queues: where a campaign works, and each patient's passage through them.

A campaign has stations (registration, triage, each specialty's rooms or chairs, the cashier, the
pharmacy). A patient joins a station's queue (:func:`enqueue`), is called (:func:`call_next`: the
most urgent triage priority first, then whoever arrived first) and is done (:func:`done`, which may
send them on to the next station with the same priority). Each step keeps its time and who did it;
queue rows are never deleted. Two stations calling at once never get the same patient: the choice
and the call are one transaction under the write lock.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ..errors import FieldError, ValidationError
from ..i18n import Text
from ..model import Patient, new_id, utcnow
from ..people.merges import of_same_person, person_of
from ..people.users import require
from ..storage.store import Store

REGISTRATION, TRIAGE, CONSULT, CASHIER, PHARMACY = "registration", "triage", "consult", "cashier", "pharmacy"
KIND_LABELS = {
    REGISTRATION: Text("Registro", "Registration"),
    TRIAGE: Text("Triaje", "Triage"),
    CONSULT: Text("Consulta", "Consultation"),
    CASHIER: Text("Caja", "Cashier"),
    PHARMACY: Text("Farmacia y entrega", "Pharmacy and dispensing"),
}
#: Triage priorities: the lower, the sooner.
PRIORITIES = {
    1: Text("Urgente", "Urgent"),
    2: Text("Preferente (mayor, gestante, niño)", "Priority (elderly, pregnant, child)"),
    3: Text("Normal", "Routine"),
}
ROUTINE = 3
WAITING, CALLED, DONE = "waiting", "called", "done"

_STATION = Text("Estación", "Station")
_PRIORITY = Text("Prioridad", "Priority")


@attrs.frozen
class Station:
    """A place of a campaign. ``key`` is unique in it: ``triage``, ``dental:exam``, ``cashier``.

    A consultation station names its specialty and that specialty's station (``dental``, ``exam``);
    ``places`` is how many chairs or rooms work in parallel.
    """

    id: str
    campaign_id: str
    key: str
    kind: str
    specialty: str = ""
    station: str = ""
    name: str = ""
    places: int = 1
    position: int = 0

    def label(self, lang: str, plugins=None) -> str:
        """Its name as set, else «Odontología · exam», else the kind («Caja»)."""
        if self.name:
            return self.name
        if self.kind == CONSULT and plugins is not None and self.specialty in plugins.specialties:
            specialty = plugins.specialties[self.specialty]
            return f"{specialty.name.get(lang)} · {specialty.station_label(self.station, lang)}"
        return KIND_LABELS[self.kind].get(lang)


@attrs.frozen
class QueueEntry:
    """A patient at a station: waiting, called (being seen) or done, with the time of each step."""

    id: str
    campaign_id: str
    patient_id: str
    station: str
    priority: int = ROUTINE
    status: str = WAITING
    arrived_at: dt.datetime = attrs.field(factory=utcnow)
    arrived_by: str = ""
    called_at: dt.datetime | None = None
    called_by: str | None = None
    done_at: dt.datetime | None = None
    done_by: str | None = None
    encounter_id: str | None = None
    previous_id: str | None = None


@attrs.frozen
class StationCount:
    """How a station is doing: waiting now, being seen now, done on the day."""

    station: Station
    waiting: int
    called: int
    done_today: int


# -- configuration ------------------------------------------------------------------------------


def default_stations(store: Store, campaign_id: str) -> list[Station]:
    """Registration, triage, one station per room of each specialty, cashier, pharmacy (not stored).

    Triage is the ``triage`` station of the first specialty that has one (general medicine).
    """
    specialties = store.plugins.specialties
    triage_of = next((key for key, s in specialties.items() if "triage" in s.stations), "")
    found = [Station("", campaign_id, REGISTRATION, REGISTRATION),
             Station("", campaign_id, TRIAGE, TRIAGE, triage_of, "triage" if triage_of else "")]
    for key, specialty in specialties.items():
        found += [Station("", campaign_id, f"{key}:{name}", CONSULT, key, name)
                  for name in specialty.stations if name != "triage"]
    found += [Station("", campaign_id, CASHIER, CASHIER), Station("", campaign_id, PHARMACY, PHARMACY)]
    return [attrs.evolve(s, position=i) for i, s in enumerate(found)]


def _campaign_id(store: Store, campaign_id: str | None) -> str:
    if campaign_id:
        return campaign_id
    from .campaigns import current_campaign

    return current_campaign(store).id


def configure(store: Store, stations: list[Station] | None = None, campaign_id: str | None = None) -> list[Station]:
    """Store the stations of a campaign (the defaults if none are given); existing keys are kept."""
    require(store, "stations.configure")
    campaign_id = _campaign_id(store, campaign_id)
    wanted = stations if stations is not None else default_stations(store, campaign_id)
    existing = {s.key for s in of_campaign(store, campaign_id, defaults=False)}
    with store.write():
        for position, station in enumerate(wanted, start=len(existing)):
            if station.key in existing:
                continue
            if station.kind not in KIND_LABELS:
                raise ValidationError([FieldError("kind", "bad_choice", _STATION, {"allowed": ", ".join(KIND_LABELS)})])
            store.insert("stations", attrs.evolve(station, id=new_id(), campaign_id=campaign_id, position=position))
            existing.add(station.key)
    return of_campaign(store, campaign_id)


def of_campaign(store: Store, campaign_id: str | None = None, defaults: bool = True) -> list[Station]:
    """The stations of a campaign in order; the defaults (not stored) when none were configured."""
    campaign_id = _campaign_id(store, campaign_id)
    stored = store.rows(Station, "stations", "campaign_id = ?", [campaign_id], order_by="position")
    return stored or (default_stations(store, campaign_id) if defaults else [])


def station(store: Store, key: str, campaign_id: str | None = None) -> Station:
    """The station ``key`` of a campaign; :class:`ValidationError` listing the stations otherwise."""
    stations = of_campaign(store, campaign_id)
    for found in stations:
        if found.key == key:
            return found
    raise ValidationError([FieldError("station", "bad_choice", _STATION, {"allowed": ", ".join(s.key for s in stations)})])


def next_stations(store: Store, key: str, campaign_id: str | None = None) -> list[Station]:
    """Where a patient usually goes after ``key``: registration → triage → a consultation → cashier →
    pharmacy (each consultation may also send to another consultation)."""
    stations = of_campaign(store, campaign_id)
    kind = station(store, key, campaign_id).kind
    follows = {REGISTRATION: (TRIAGE,), TRIAGE: (CONSULT,), CONSULT: (CASHIER, CONSULT), CASHIER: (PHARMACY,),
               PHARMACY: ()}[kind]
    return [s for k in follows for s in stations if s.kind == k and s.key != key]


# -- the queue ----------------------------------------------------------------------------------


def _priority(priority) -> int:
    if type(priority) is not int or priority not in PRIORITIES:
        raise ValidationError([FieldError("priority", "out_of_range", _PRIORITY, {"min": 1, "max": 3, "unit": ""})])
    return priority


def enqueue(store: Store, patient_id: str, station_key: str, priority: int = ROUTINE,
            campaign_id: str | None = None, previous_id: str | None = None) -> QueueEntry:
    """Put a patient in a station's queue with a triage priority (1 urgent … 3 routine).

    Refuses an unknown station, a bad priority, or a patient already waiting or being seen there.
    """
    require(store, "queue.move")
    campaign_id = _campaign_id(store, campaign_id)
    target = station(store, station_key, campaign_id)
    priority = _priority(priority)
    store.get(Patient, "patients", patient_id)
    entry = QueueEntry(id=new_id(), campaign_id=campaign_id, patient_id=patient_id, station=target.key,
                       priority=priority, arrived_by=store.user.id, previous_id=previous_id)
    with store.write():
        if store.db.execute("SELECT 1 FROM queue WHERE patient_id = ? AND station = ? AND campaign_id = ? "
                            "AND status != ?", [patient_id, target.key, campaign_id, DONE]).fetchone():
            raise ValidationError([FieldError("station", "bad_pattern", _STATION, {"hint": Text(
                "el paciente ya está en esta cola", "the patient is already in this queue")})])
        store.insert("queue", entry)
    return entry


def waiting(store: Store, station_key: str, campaign_id: str | None = None) -> list[QueueEntry]:
    """Who waits at a station, in the order they will be called."""
    return store.rows(QueueEntry, "queue", "campaign_id = ? AND station = ? AND status = ?",
                      [_campaign_id(store, campaign_id), station_key, WAITING],
                      order_by="priority, arrived_at, rowid")


def being_seen(store: Store, station_key: str, campaign_id: str | None = None) -> list[QueueEntry]:
    """Who has been called at a station and is not done yet, first called first."""
    return store.rows(QueueEntry, "queue", "campaign_id = ? AND station = ? AND status = ?",
                      [_campaign_id(store, campaign_id), station_key, CALLED], order_by="called_at, rowid")


def call_next(store: Store, station_key: str, campaign_id: str | None = None) -> QueueEntry | None:
    """Call the next patient of a station (most urgent, then first arrived); ``None`` if nobody waits."""
    campaign_id = _campaign_id(store, campaign_id)
    target = station(store, station_key, campaign_id)
    require(store, f"queue.{target.kind}", target.specialty or None)
    first = ("SELECT id FROM queue WHERE campaign_id = ? AND station = ? AND status = ? "
             "ORDER BY priority, arrived_at, rowid LIMIT 1")
    params = [campaign_id, target.key, WAITING]
    if store.db.execute(first, params).fetchone() is None:
        return None  # nobody waits: no need for the write lock that other stations are using
    with store.write():
        row = store.db.execute(first, params).fetchone()  # again under the lock: another station may have called
        if row is None:
            return None
        entry = attrs.evolve(store.get(QueueEntry, "queue", row[0]), status=CALLED, called_at=utcnow(),
                             called_by=store.user.id)
        store.update("queue", entry)
    return entry


def open_encounter_for(store: Store, entry: QueueEntry):
    """The encounter of a called patient at a triage or consultation station, opened the first time
    (and remembered on the queue entry), again when the one remembered was cancelled; ``None`` at
    stations without one (registration, cashier)."""
    from ..clinical import encounters

    if entry.encounter_id:
        remembered = store.get(encounters.Encounter, "encounters", entry.encounter_id)
        if remembered.status != encounters.EncounterStatus.CANCELLED:
            return remembered
    target = station(store, entry.station, entry.campaign_id)
    if target.kind not in (TRIAGE, CONSULT) or not target.specialty:
        return None
    with store.write():
        encounter = encounters.open_encounter(store, entry.patient_id, target.specialty, target.station,
                                              entry.campaign_id)
        store.update("queue", attrs.evolve(store.get(QueueEntry, "queue", entry.id), encounter_id=encounter.id))
    return encounter


def done(store: Store, entry_id: str, next_station: str | None = None,
         priority: int | None = None) -> tuple[QueueEntry, QueueEntry | None]:
    """Finish a patient at a station; with ``next_station`` they join that queue in the same
    transaction (with their priority unless another is given)."""
    with store.write():
        entry = store.get(QueueEntry, "queue", entry_id)
        target = station(store, entry.station, entry.campaign_id)
        require(store, f"queue.{target.kind}", target.specialty or None)
        if entry.status == DONE:
            raise ValidationError([FieldError("status", "bad_pattern", _STATION, {"hint": Text(
                "este paso ya terminó", "this step is already done")})])
        now = utcnow()
        finished = attrs.evolve(entry, status=DONE, called_at=entry.called_at or now,
                                called_by=entry.called_by or store.user.id, done_at=now, done_by=store.user.id)
        store.update("queue", finished)
        following = None
        if next_station:
            following = enqueue(store, entry.patient_id, next_station,
                                entry.priority if priority is None else priority, entry.campaign_id, entry.id)
    return finished, following


def journey(store: Store, patient_id: str) -> list[QueueEntry]:
    """A patient's steps through the stations (those of records merged into theirs too), in order."""
    return store.rows(QueueEntry, "queue", of_same_person(), [patient_id], order_by="arrived_at, rowid")


def _day_bounds(day: dt.date) -> tuple[str, str]:
    """The UTC text bounds of a Lima day, as times are stored."""
    from ..dates import lima

    start = dt.datetime.combine(day, dt.time(), lima()).astimezone(dt.timezone.utc)
    return start.isoformat(), (start + dt.timedelta(days=1)).isoformat()


def board(store: Store, campaign_id: str | None = None, day: dt.date | None = None) -> list[StationCount]:
    """Each station with how many wait, how many are being seen, and how many were seen on ``day``
    (Lima time; today by default): the coordinator's dashboard.

    Each count is of people (two merged records of one person are one): «seen» counts what the
    records show even where the queue was not used: people whose encounter was closed at a
    consultation or triage station, registered, or who paid; the queue's own count when it is higher.
    Everything is counted in one snapshot, so the stations add up."""
    with store.reading():
        return _count_board(store, campaign_id, day)


def _count_board(store: Store, campaign_id: str | None, day: dt.date | None) -> list[StationCount]:
    from ..dates import today_in_lima

    campaign_id = _campaign_id(store, campaign_id)
    start, end = _day_bounds(day or today_in_lima())
    counts: dict[str, list[int]] = {}
    person = person_of()
    for key, waiting_now, called_now, done_day in store.db.execute(
            f"SELECT station, count(DISTINCT CASE WHEN status = ? THEN {person} END), "
            f"count(DISTINCT CASE WHEN status = ? THEN {person} END), "
            f"count(DISTINCT CASE WHEN status = ? AND done_at >= ? AND done_at < ? THEN {person} END) "
            "FROM queue WHERE campaign_id = ? GROUP BY station",
            [WAITING, CALLED, DONE, start, end, campaign_id]):
        counts[key] = [waiting_now or 0, called_now or 0, done_day or 0]
    recorded = _seen_in_records(store, campaign_id, start, end)
    board = []
    for station in of_campaign(store, campaign_id):
        waiting_now, called_now, done_day = counts.get(station.key, (0, 0, 0))
        seen = recorded.get((station.kind, station.specialty, station.station), 0)
        board.append(StationCount(station, waiting_now, called_now, max(done_day, seen)))
    return board


def _seen_in_records(store: Store, campaign_id: str, start: str, end: str) -> dict[tuple, int]:
    """How many people each kind of station finished on the day, from the records themselves."""
    seen: dict[tuple, int] = {}
    for specialty, station, n in store.db.execute(
            f"SELECT specialty, station, count(DISTINCT {person_of()}) FROM encounters WHERE campaign_id = ? "
            "AND status = 'closed' AND closed_at >= ? AND closed_at < ? GROUP BY specialty, station",
            [campaign_id, start, end]):
        seen[(TRIAGE if station == "triage" else CONSULT, specialty, station)] = n
    seen[(CASHIER, "", "")] = store.db.execute(
        f"SELECT count(DISTINCT {person_of('encounters.patient_id')}) FROM payments "
        "JOIN encounters ON encounters.id = payments.encounter_id "
        "WHERE encounters.campaign_id = ? AND received_at >= ? AND received_at < ?", [campaign_id, start, end],
    ).fetchone()[0]
    seen[(REGISTRATION, "", "")] = store.db.execute(
        f"SELECT count(DISTINCT {person_of('patients.id')}) FROM patients WHERE created_at >= ? AND created_at < ?",
        [start, end]).fetchone()[0]
    return seen