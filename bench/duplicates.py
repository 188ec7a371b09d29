"""Likely-same people at scale: print the figures. Never asserts.

    python bench/duplicates.py                  # 100,000 patients
    python bench/duplicates.py --patients 5000  # quicker

In a temporary directory, generated patients are added in bulk; then ``duplicates.candidates`` is
timed for registration forms made from registered patients with a typo in a surname (what the
registration screen asks before saving), and ``duplicates.likely_duplicates`` once over the whole
database (the coordinator's end-of-day list).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 3:
        return word
    i = rng.randrange(1, len(word))
    return word[:i] + word[i + 1:]


def _spread(ms: list[float]) -> str:
    ms = sorted(ms)
    return f"p50 {statistics.median(ms):.1f} ms, p95 {ms[int(len(ms) * 0.95) - 1]:.1f} ms"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args(argv)

    from ayni.cli.demo import bulk_patients
    from ayni.core import open_store
    from ayni.core.people import duplicates, patients

    with tempfile.TemporaryDirectory() as workdir:
        store = open_store(Path(workdir) / "bench.db", user="bench")
        started = time.perf_counter()
        bulk_patients(store, args.patients)
        print(f"{args.patients:,} patients registered in {time.perf_counter() - started:.1f} s")

        rng = random.Random(11)
        rows = store.db.execute("SELECT id FROM patients ORDER BY random() LIMIT ?", [args.samples]).fetchall()
        forms = []
        for (patient_id,) in rows:
            form = patients.form_from_patient(patients.get(store, patient_id))
            form["paternal_surname"] = _typo(form["paternal_surname"], rng)
            form.pop("id_number", None)
            form["id_kind"] = "none"
            forms.append(form)
        times, floor, found, window = [], [], 0, []
        for form in forms:
            begun = time.perf_counter()
            result = duplicates.candidates(store, form)
            times.append((time.perf_counter() - begun) * 1000)
            found += bool(result)
            person = duplicates._person_of_form(form, dt.date.today())
            begun = time.perf_counter()
            window.append(len(duplicates._window_rows(store, person)))
            floor.append((time.perf_counter() - begun) * 1000)
        print(f"candidates at registration: {_spread(times)} over {len(times)} forms; the typed-over patient "
              f"found in {found}/{len(forms)}; beside it the bare SQL window alone: {_spread(floor)}, median "
              f"{statistics.median(window):.0f} rows (max {max(window)}) of {args.patients:,}")

        begun = time.perf_counter()
        pairs = duplicates.likely_duplicates(store)
        print(f"likely duplicates over the whole database: {len(pairs):,} pairs in "
              f"{time.perf_counter() - begun:.1f} s")
        store.close()


if __name__ == "__main__":
    sys.exit(main())
