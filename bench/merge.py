"""Merging a day's export from another laptop: print the figures beside the budget of DESIGN §7
(≤ 5 s for 400 patients). Never asserts.

    python bench/merge.py                 # 400 patients on each of two laptops
    python bench/merge.py --patients 100  # quicker

Two laptops («A» and «B») are seeded with the demo campaign in a temporary directory; then B's export
is written, merged into A (the budget's figure), merged again (nothing new: the idempotent path), and
A's export, now holding both, merged back into B.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path


def timed(fn, *args):
    started = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - started, result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--patients", type=int, default=400, help="patients seeded on each laptop (default 400)")
    args = parser.parse_args(argv)

    from ayni.cli.demo import seed
    from ayni.core import open_store
    from ayni.core.storage.devices import set_letter
    from ayni.core.storage.exchange import export
    from ayni.core.storage.merge import merge

    with tempfile.TemporaryDirectory(prefix="ayni-bench-merge-") as tmp:
        folder = Path(tmp)
        laptops = {}
        for letter in "AB":
            store = open_store(folder / f"{letter}.db", user="coordinadora")
            set_letter(store, letter)
            seed(store, patients=args.patients)
            laptops[letter] = store
        a, b = laptops["A"], laptops["B"]
        rows = []
        seconds, written = timed(export, b, folder / "b.ayni")
        rows.append((f"export of B ({written.total:,} records, {written.path.stat().st_size // 1024} KiB)", seconds))
        seconds, report = timed(merge, a, written.path)
        rows.append((f"merge of B into A ({sum(report.added.values()):,} records added, {report.audit_rows:,} "
                     f"audit rows)  [budget ≤ 5 s]", seconds))
        seconds, _ = timed(merge, a, written.path)
        rows.append(("the same file again (nothing new)", seconds))
        both = export(a, folder / "a.ayni")
        seconds, report = timed(merge, b, both.path)
        rows.append((f"merge of A (both laptops, {both.total:,} records) back into B", seconds))
        for store in laptops.values():
            store.close()
    print(f"Ayni merge benchmark: {args.patients} demo patients per laptop, Python {sys.version.split()[0]}")
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:6.2f} s")


if __name__ == "__main__":
    main()
