"""How many stations one server laptop carries: saves from N processes at once on one database.

    python bench/stations.py                  # N = 1, 2, 4, 8, 16, 32
    python bench/stations.py --stations 1 4   # some of them

``ayni serve`` (textual-serve) starts one ``ayni … tui`` process per browser, and each of those
writes through its own :class:`ayni.core.Store` on the one SQLite file; so a station here is a
process of its own (``spawn``, like a served one) that opens the store as its own user and saves
triage forms with ``encounters.save``, the same call the encounter screen makes, with the store's
``synchronous=FULL``. Only the save is timed (the encounters are opened before the clock starts).
All stations start together at a barrier. Two loads, each for N = 1, 2, 4, 8, 16, 32:

* **back to back**: every station saves again the moment its last save returns; the worst case,
  every nurse pressing «Guardar» at the same instant, forever.
* **paced**: every station saves once every ``--interval`` seconds (0.5 s by default, with ±50 %
  jitter): far faster than a person fills a form, which takes a minute or more.

Prints p50, p95 and the slowest save for each N, and the largest N whose p95 stays within 50 ms;
beside them, what a save spent **waiting for the write lock** (``BEGIN IMMEDIATE``, the busy timeout
and its retries, timed inside each station) apart from **the work** (the rest: validation, the
writes, the commit's fsync), and the save's own CPU time.

Then **32 served screens** (``--screens``): that many real ``ayni tui`` processes in pseudo-terminals
of 120×40, as ``ayni serve`` starts one per browser, each at its home screen after its first paint.
Their CPU (user + system, from ``/proc``) is measured over ``--screen-seconds`` while idle (from
``--screen-settle`` seconds after the last one painted, so that start-up work is left out), and again
while 32 stations save paced, whose save times are printed too: what drawing the screens costs
the server laptop, and what it leaves for the saves.

Never asserts; the figures depend on the disk and on whatever else the machine runs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import pty
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import _drain, percentile  # noqa: E402  (bench/ is a folder of scripts, not a package)

TRIAGE = {"bp_systolic": "118", "bp_diastolic": "76", "heart_rate": "72", "respiratory_rate": "16",
          "temperature": "36.6", "spo2": "95", "weight": "61.5", "height": "156.0", "allergies": ["none"]}
P95_LIMIT_MS = 50.0


def station(path: str, index: int, saves: int, interval: float, barrier, results) -> None:
    """One station: open ``saves`` triage encounters, wait for the others, then save each (pausing
    ``interval`` seconds ± 50 % between saves when it is not 0), and report the times in ms."""
    from ayni.core import open_store
    from ayni.core.clinical import encounters
    from ayni.core.storage import store as storage

    waited = []  # seconds in BEGIN IMMEDIATE (the write lock) during the current save
    begin = storage._begin_immediate

    def timed_begin(conn) -> None:
        start = time.perf_counter()
        try:
            begin(conn)
        finally:
            waited.append(time.perf_counter() - start)

    storage._begin_immediate = timed_begin  # this station's process only
    store = open_store(path, user=f"estacion{index}")
    try:
        patients = [r[0] for r in store.db.execute("SELECT id FROM patients ORDER BY number")]
        campaign = store.db.execute("SELECT id FROM campaigns LIMIT 1").fetchone()[0]
        opened = [encounters.open_encounter(store, patients[(index * saves + n) % len(patients)], "general",
                                            "triage", campaign).id for n in range(saves)]
        rng = random.Random(index)
        barrier.wait()
        times = []
        for encounter_id in opened:
            if interval:
                time.sleep(rng.uniform(0.5 * interval, 1.5 * interval))
            waited.clear()
            start, cpu = time.perf_counter(), time.thread_time()
            encounters.save(store, encounter_id, forms={"general.triage": TRIAGE})
            total = time.perf_counter() - start
            times.append(Save(total * 1000, sum(waited) * 1000, (time.thread_time() - cpu) * 1000))
        results.put(times)
    finally:
        store.close()


class Save(NamedTuple):
    """One save's times in ms: in all, waiting for the write lock, and on the CPU."""

    total: float
    lock: float
    cpu: float

    @property
    def work(self) -> float:
        """The save less its wait for the lock."""
        return self.total - self.lock


def run_load(path: Path, stations: int, saves: int, interval: float) -> list[Save]:
    """Every save of ``stations`` processes saving ``saves`` times each."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(stations), context.Queue()
    workers = [context.Process(target=station, args=(str(path), i, saves, interval, barrier, results))
               for i in range(stations)]
    for worker in workers:
        worker.start()
    times = [t for _ in workers for t in results.get()]
    for worker in workers:
        worker.join()
    return times


#: Runs ``ayni tui`` as ``ayni serve`` does for a browser, and says when it first painted.
SCREEN_CHILD = """
import sys
from textual.app import App

_run = App.run

def run(self, *args, **kwargs):
    async def say_painted(pilot):
        pilot.app.call_after_refresh(lambda: open(sys.argv[2], "w").close())
    kwargs.setdefault("auto_pilot", say_painted)
    return _run(self, *args, **kwargs)

App.run = run
from ayni.cli import main
main(["--db", sys.argv[1], "--user", sys.argv[3], "tui"])
"""


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (``/proc/<pid>/stat``)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Screens:
    """``count`` real UI processes in pseudo-terminals of 120×40, each painted before this returns."""

    def __init__(self, path: Path, count: int, folder: Path, timeout: float = 120.0):
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
        self.children, self.masters, ready = [], [], []
        for n in range(count):
            master, slave = pty.openpty()
            ready.append(folder / f"screen-{n}.ready")
            self.children.append(subprocess.Popen([sys.executable, "-c", SCREEN_CHILD, str(path), str(ready[-1]),
                                                   f"pantalla{n}"], stdin=slave, stdout=slave, stderr=slave,
                                                  env=env, start_new_session=True))
            os.close(slave)
            self.masters.append(master)
            threading.Thread(target=_drain, args=(master,), daemon=True).start()
        deadline = time.monotonic() + timeout
        while not all(r.exists() for r in ready) and time.monotonic() < deadline:
            time.sleep(0.2)
        self.painted = sum(r.exists() for r in ready)

    def cpu(self) -> float:
        """The CPU seconds all of them have used so far."""
        return sum(_cpu_seconds(child.pid) for child in self.children if child.poll() is None)

    def close(self) -> None:
        for child in self.children:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        for child in self.children:
            child.wait(timeout=30)
        for master in self.masters:
            os.close(master)


def bench_screens(path: Path, folder: Path, count: int, seconds: float, interval: float, saves: int,
                  settle: float) -> None:
    """The CPU of ``count`` open screens, idle and while ``count`` stations save paced, and those saves."""
    started = time.perf_counter()
    screens = Screens(path, count, folder)
    try:
        print(f"\n{count} served screens (`ayni tui` in a 120×40 pty each): {screens.painted} painted in "
              f"{time.perf_counter() - started:.1f} s")
        time.sleep(settle)  # past each one's start-up work (opening the store, the first queries)
        before, start = screens.cpu(), time.perf_counter()
        time.sleep(seconds)
        idle = screens.cpu() - before
        wall = time.perf_counter() - start
        print(f"  idle at the home screen: {idle:.2f} CPU s in {wall:.1f} s = {100 * idle / wall:.1f} % of one core "
              f"({1000 * idle / wall / count:.2f} ms of CPU per screen per second)")
        before, start = screens.cpu(), time.perf_counter()
        times = run_load(path, count, saves, interval)
        busy, wall = screens.cpu() - before, time.perf_counter() - start
        print(f"  while {count} stations save paced: {busy:.2f} CPU s in {wall:.1f} s = {100 * busy / wall:.1f} % of "
              f"one core; the saves p50 {statistics.median(t.total for t in times):.1f} ms, "
              f"p95 {percentile([t.total for t in times], 95):.1f} ms "
              f"(lock wait p95 {percentile([t.lock for t in times], 95):.1f} ms)")
    finally:
        screens.close()


def seed(path: Path) -> None:
    from ayni.cli.demo import seed as seed_demo
    from ayni.core import open_store

    store = open_store(path)
    try:
        seed_demo(store, patients=200)
    finally:
        store.close()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stations", type=int, nargs="+", default=[1, 2, 4, 8, 16, 32])
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between a paced station's saves")
    parser.add_argument("--paced-saves", type=int, default=40, help="saves per station, paced")
    parser.add_argument("--total", type=int, default=480, help="saves in all for each N, back to back (20 at least each)")
    parser.add_argument("--screens", type=int, default=32, help="served screens to open for their CPU (0: none)")
    parser.add_argument("--screen-seconds", type=float, default=10.0, help="seconds their idle CPU is measured over")
    parser.add_argument("--screen-settle", type=float, default=15.0,
                        help="seconds after the last first paint before measuring (start-up work is not redraw)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ayni-stations-") as folder:
        path = Path(folder) / "ayni.db"
        seed(path)
        print(f"One database on {path.parent} (synchronous=FULL, WAL); each station a process of its own;"
              f" {multiprocessing.cpu_count()} CPUs.")
        for label, interval in (("back to back", 0.0), (f"paced, one save every {args.interval:g} s ± 50 %",
                                                         args.interval)):
            print(f"\n{label}\n{'stations':>9} {'saves':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
                  f" │ {'lock wait p50':>13} {'p95':>6} │ {'work p50':>8} {'p95':>6} │ {'CPU p50':>7} {'p95':>6}")
            carried, within = 0, True
            for n in args.stations:
                saves = args.paced_saves if interval else max(20, args.total // n)
                times = run_load(path, n, saves, interval)
                totals = [t.total for t in times]
                p95 = percentile(totals, 95)
                within = within and p95 <= P95_LIMIT_MS  # carried only while every smaller N was too
                carried = n if within else carried
                parts = " │ ".join(f"{statistics.median(v):>{w}.1f} {percentile(v, 95):>6.1f}" for v, w in (
                    ([t.lock for t in times], 13), ([t.work for t in times], 8), ([t.cpu for t in times], 7)))
                print(f"{n:>9} {len(times):>6} {statistics.median(totals):>8.1f} {p95:>8.1f} {max(totals):>8.1f}"
                      f" │ {parts}", flush=True)
            print(f"  → p95 within {P95_LIMIT_MS:g} ms up to {carried or 'no'} stations of those measured")
        if args.screens:
            bench_screens(path, Path(folder), args.screens, args.screen_seconds, args.interval, args.paced_saves,
                          args.screen_settle)


if __name__ == "__main__":
    main()
