"""Random histories on three laptops — registering, correcting, encounters, payments, and merges
between them along the way — then everything merged into two new databases in opposite orders:
the same records either way, nothing lost, every version kept, every patient's encounters found,
and a second merge of the same file changes nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ayni.core import open_store
from ayni.core.people import patients
from ayni.core.storage.backup import backup
from ayni.core.storage.devices import this_device
from ayni.core.storage.exchange import export, record_tables
from ayni.core.storage.merge import listed, merge

from merging import campaign_of, counts, laptop, person, register, visit

LETTERS = ("A", "B", "C")

step = st.one_of(
    st.tuples(st.just("register"), st.sampled_from(LETTERS)),
    st.tuples(st.just("correct"), st.sampled_from(LETTERS), st.integers(0, 5)),
    st.tuples(st.just("visit"), st.sampled_from(LETTERS), st.integers(0, 5), st.booleans()),
    st.tuples(st.just("merge"), st.sampled_from(LETTERS), st.sampled_from(LETTERS)),
)


#: Each laptop registers a patient, all three share them, and two laptops correct the same one: every
#: history has at least one record corrected on both sides.
PRELUDE = [("register", x) for x in LETTERS] + [("merge", x, y) for x in LETTERS for y in LETTERS if x != y] + [
    ("correct", "A", 0), ("correct", "C", 0)]


class Campaign:
    """Three laptops in a temporary folder, each with its letter and its own campaign."""

    def __init__(self, folder: Path, plugins):
        self.folder, self.plugins, self.files = folder, plugins, 0
        self.laptops = {letter: laptop(folder, letter, plugins) for letter in LETTERS}
        for letter, store in self.laptops.items():
            campaign_of(store, f"Campaña {letter}")
        self.n = 0

    def ship(self, source, target):
        self.files += 1
        return merge(target, export(source, self.folder / f"{self.files}.ayni").path)

    def play(self, action, letter, *args) -> None:
        store = self.laptops[letter]
        self.n += 1
        known = [row["id"] for row in store.db["patients"].rows_where(order_by="id")]  # one order on every laptop
        if action == "register":
            register(store, self.n)
        elif action == "merge":
            if args[0] != letter:
                self.ship(self.laptops[args[0]], store)
        elif known:
            patient_id = known[args[0] % len(known)]
            if action == "correct":
                patients.correct(store, patient_id, {**person(self.n), "phone": f"9{self.n:08d}"})
            else:
                visit(store, patient_id, paid=args[1])

    def close(self) -> None:
        for store in self.laptops.values():
            store.close()


def records(store) -> dict[str, set[tuple]]:
    """Every record of every record table, as sorted rows (the target's own device row aside)."""
    me = this_device(store.db).id
    found = {}
    for table in record_tables(store.db.conn):
        cursor = store.db.execute(f"SELECT * FROM [{table}] ORDER BY id")
        found[table] = {row for row in cursor if not (table == "devices" and row[0] == me)}
    found["merged_audit"] = set(store.db.execute("SELECT origin, id, hash FROM merged_audit"))
    return found


@settings(derandomize=True, max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(history=st.lists(step, min_size=2, max_size=8))
def test_merging_three_laptops_in_any_order_gives_the_same_records(plugins, history):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        world = Campaign(folder, plugins)
        try:
            for action in PRELUDE + history:
                world.play(*action)
            empty = laptop(folder, "T", plugins, name="empty")
            empty.close()
            backup(empty.path, folder / "second.db")  # two copies of one new laptop, merged in two orders
            first, second = (open_store(path, user="coordinadora", plugins=plugins)
                             for path in (empty.path, folder / "second.db"))
            try:
                files = {letter: export(store, folder / f"all-{letter}.ayni").path
                         for letter, store in world.laptops.items()}
                for letter in LETTERS:
                    merge(first, files[letter])
                for letter in reversed(LETTERS):
                    merge(second, files[letter])
                assert records(first) == records(second)
                assert _conflicts(first)  # the record corrected on two laptops, at least
                assert sorted(c.id for c in _conflicts(first)) == sorted(c.id for c in _conflicts(second))

                before = counts(first)
                again = merge(first, files["B"])
                assert not again.changed and counts(first) == before

                _nothing_lost(first, world.laptops.values())
            finally:
                first.close(), second.close()
        finally:
            world.close()


def _conflicts(store):
    return listed(store)[0]


def _nothing_lost(target, laptops) -> None:
    """Every row of every laptop is in the target, every audit row of each is kept under its device,
    and every patient is found by the number on their card with all their encounters."""
    for store in laptops:
        for table in record_tables(store.db.conn):
            if table == "devices":
                continue
            ids = {r[0] for r in store.db.execute(f"SELECT id FROM [{table}]")}
            here = {r[0] for r in target.db.execute(f"SELECT id FROM [{table}]")}
            assert ids <= here, table
        origin = this_device(store.db).id
        own = {(r[0], r[1]) for r in store.db.execute("SELECT id, hash FROM audit_log")}
        kept = {(r[0], r[1]) for r in target.db.execute("SELECT id, hash FROM merged_audit WHERE origin = ?",
                                                        [origin])}
        assert own <= kept
        for patient in store.db["patients"].rows:
            found = patients.by_number(target, f"{patient['device']}-{patient['number']}")
            assert patient["id"] in {p.id for p in found}
            theirs = {r[0] for r in store.db.execute("SELECT id FROM encounters WHERE patient_id = ?",
                                                     [patient["id"]])}
            ours = {r[0] for r in target.db.execute("SELECT id FROM encounters WHERE patient_id = ?",
                                                    [patient["id"]])}
            assert theirs <= ours
