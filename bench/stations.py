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

Prints p50, p95 and the slowest save for each N, and the largest N whose p95 stays within 50 ms.
Never asserts; the figures depend on the disk and on whatever else the machine runs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import percentile  # noqa: E402  (bench/ is a folder of scripts, not a package)

TRIAGE = {"bp_systolic": "118", "bp_diastolic": "76", "heart_rate": "72", "respiratory_rate": "16",
          "temperature": "36.6", "spo2": "95", "weight": "61.5", "height": "156.0", "allergies": ["none"]}
P95_LIMIT_MS = 50.0


def station(path: str, index: int, saves: int, interval: float, barrier, results) -> None:
    """One station: open ``saves`` triage encounters, wait for the others, then save each (pausing
    ``interval`` seconds ± 50 % between saves when it is not 0), and report the times in ms."""
    from ayni.core import open_store
    from ayni.core.clinical import encounters

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
            start = time.perf_counter()
            encounters.save(store, encounter_id, forms={"general.triage": TRIAGE})
            times.append((time.perf_counter() - start) * 1000)
        results.put(times)
    finally:
        store.close()


def run_load(path: Path, stations: int, saves: int, interval: float) -> list[float]:
    """Every save time (ms) of ``stations`` processes saving ``saves`` times each."""
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
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ayni-stations-") as folder:
        path = Path(folder) / "ayni.db"
        seed(path)
        print(f"One database on {path.parent} (synchronous=FULL, WAL); each station a process of its own;"
              f" {multiprocessing.cpu_count()} CPUs.")
        for label, interval in (("back to back", 0.0), (f"paced, one save every {args.interval:g} s ± 50 %",
                                                         args.interval)):
            print(f"\n{label}\n{'stations':>9} {'saves':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
            carried, within = 0, True
            for n in args.stations:
                saves = args.paced_saves if interval else max(20, args.total // n)
                times = run_load(path, n, saves, interval)
                p95 = percentile(times, 95)
                within = within and p95 <= P95_LIMIT_MS  # carried only while every smaller N was too
                carried = n if within else carried
                print(f"{n:>9} {len(times):>6} {statistics.median(times):>8.1f} {p95:>8.1f} {max(times):>8.1f}",
                      flush=True)
            print(f"  → p95 within {P95_LIMIT_MS:g} ms up to {carried or 'no'} stations of those measured")


if __name__ == "__main__":
    main()
