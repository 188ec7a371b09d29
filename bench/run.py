"""Ayni benchmarks: print the figures beside the budgets of DESIGN §7. Never asserts.

    python bench/run.py                 # 100,000 patients (the budget's size)
    python bench/run.py --patients 5000 # quicker
    python bench/run.py --db /tmp/b.db  # built once, then reused (no minute of bulk inserts)
    python bench/run.py --db /tmp/b.db --only search  # search as you type alone
    python bench/run.py --db /tmp/b.db --only search --repeat 5  # and how much its p95 varies
    python bench/run.py --db /tmp/b.db --only ui      # UI ready (first paint) alone
    python bench/run.py --only demo --runs 5          # `ayni demo` alone, 5 times: wall and CPU time

Everything happens in a temporary directory: the demo campaign is seeded, then generated patients
are added in bulk up to ``--patients`` (about a minute at 100,000; ``--db FILE`` keeps that database
and reuses it on the next run). Each measurement is skipped, with a note, when the module it
needs (the terminal UI, the PDF renderer) is not installed.

* UI ready: a real launch of ``ayni tui`` (through the CLI) in a pseudo-terminal of 120×40, in a
  fresh ``python -c`` process whose Textual app exits right after its first paint
  (``call_after_refresh`` from an auto-pilot). Measured from spawning the process to that paint;
  the median of a few launches after one warm-up launch. Its peak resident memory is the UI
  process's own ``VmHWM`` (/proc) at that paint; WeasyPrint, pypdf or Babel imported by then is
  named beside the figure (none should be).
* Search as you type: ``patients.search`` for every prefix of names, DNIs and misspelled names
  (``quipse``, ``kispe``) as they are typed (folded: ``nunez``), against the whole database, each
  key press followed by a bare FTS5 prefix query on the same text (the floor), printed as a ratio;
  with how many queries of the search index each key press asks. ``--repeat N`` runs that pass N times
  in one process and prints the spread of each p95 (min / median / max): one figure's variation.
* Bulk registration: the same 10,000 generated patients registered in bulk twice over, indexed for
  search once per batch after its rows (``search.indexing_after``) and, for comparison, row by row
  by the triggers, wall-clock and CPU time.
* Encounter save: ``encounters.save`` of a triage form, and of a consultation with procedures and
  diagnoses, each on a fresh open encounter; with ``synchronous=FULL`` (what the store uses) and,
  interleaved in the same run, ``NORMAL``, printed as a ratio: the cost of surviving a power cut.
* EncounterRecord PDF: ``pdf.render_visit`` of a closed consultation, after a warm-up render.

Keystrokes per standard encounter (DESIGN §7: optometry ≤ 60 plus the numbers typed) are counted
apart, by ``bench/keystrokes.py`` (``make keys``): it drives the real UI with Pilot for a minute or two.
"""

from __future__ import annotations

import argparse
import fcntl
import importlib.util
import os
import pty
import random
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Row:
    """One line of the results table."""

    name: str
    value: float | None  # in the unit of the budget; None when skipped
    unit: str
    budget: float | None = None
    note: str = ""

    def cells(self) -> tuple[str, str, str, str]:
        if self.value is None:
            return self.name, "—", self._budget(), f"skipped: {self.note}"
        value = f"{self.value:.1f} {self.unit}" if self.value >= 10 else f"{self.value:.2f} {self.unit}"
        status = "" if self.budget is None else ("ok" if self.value <= self.budget else "OVER BUDGET")
        return self.name, value, self._budget(), " ".join(s for s in (status, self.note) if s)

    def _budget(self) -> str:
        return f"≤ {self.budget:g} {self.unit}" if self.budget is not None else ""


def percentile(values: list[float], pct: int) -> float:
    """The ``pct``-th percentile (inclusive method)."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    """Seconds taken by one call, and its result."""
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


# -- the database -------------------------------------------------------------------------------


def seed_demo(store, patients: int) -> tuple[Row, float]:
    """``ayni demo``'s work, :func:`ayni.cli.demo.seed` into ``store``: its row (wall-clock time,
    CPU time beside it) and the CPU time alone, the fair figure on a shared machine."""
    from ayni.cli.demo import seed

    cpu = time.process_time()
    seconds, summary = timed(seed, store, patients=patients)
    cpu = time.process_time() - cpu
    return Row(f"demo seed ({patients} patients, 5 days at 2 sites, every specialty: {summary.encounters} encounters, "
               f"{summary.payments} payments)", seconds, "s", 10, note=f"CPU time {cpu:.1f} s"), cpu


def bench_demo(workdir: Path, patients: int, runs: int) -> list[Row]:
    """``ayni demo`` alone, ``runs`` times, each into a new file: every run, then the medians of
    wall-clock and CPU time."""
    from ayni.core import open_store

    rows, cpus = [], []
    for run in range(runs):
        store = open_store(workdir / f"demo-{run}.db", user="bench")
        row, cpu = seed_demo(store, patients)
        store.close()
        rows.append(row)
        cpus.append(cpu)
    rows.append(Row(f"demo seed, median of {runs}", statistics.median(r.value for r in rows), "s", 10,
                    note=f"CPU time {statistics.median(cpus):.1f} s (min {min(cpus):.1f}, max {max(cpus):.1f})"))
    return rows


def build_database(path: Path, total: int) -> list[Row]:
    """The demo campaign plus bulk patients up to ``total``; returns timing rows."""
    from ayni.core import open_store
    from ayni.cli.demo import bulk_patients

    store = open_store(path, user="bench")
    demo_n = min(200, total)
    rows = [seed_demo(store, demo_n)[0]]
    if total > demo_n:
        cpu = time.process_time()
        seconds, _ = timed(bulk_patients, store, total - demo_n)
        rows.append(Row(f"bulk insert of {total - demo_n:,} patients (validated, audited, search index compacted)",
                        seconds, "s", note=f"CPU time {time.process_time() - cpu:.1f} s"))
    store.close()
    return rows


def bench_bulk_indexing(workdir: Path, n: int = 10_000) -> list[Row]:
    """The same ``n`` generated patients registered in bulk into two new files: indexed for search
    once per batch after its rows (what ``bulk_patients`` does), and by the per-row triggers as each
    row is written (how it was done before), alternating twice so both meet the same load."""
    from ayni.core import open_store
    from ayni.cli.demo import bulk_patients

    times = {True: [], False: []}
    for run, index_after in enumerate((False, True, False, True)):
        path = workdir / f"bulk-{run}.db"
        store = open_store(path, user="bench")
        wall, cpu = time.perf_counter(), time.process_time()
        bulk_patients(store, n, index_after=index_after)
        times[index_after].append((time.perf_counter() - wall, time.process_time() - cpu))
        store.close()
        for file in workdir.glob(f"bulk-{run}.db*"):
            file.unlink()
    (once_wall, once_cpu), (rows_wall, rows_cpu) = (min(times[k]) for k in (True, False))
    return [
        Row(f"bulk registration of {n:,} patients, indexed once per batch, best of 2", once_wall, "s",
            note=f"CPU time {once_cpu:.1f} s"),
        Row("  same, indexed row by row by the triggers (before)", rows_wall, "s",
            note=f"CPU time {rows_cpu:.1f} s; per-row / once {rows_wall / once_wall:.2f}× wall, "
                 f"{rows_cpu / once_cpu:.2f}× CPU"),
    ]


# -- search -------------------------------------------------------------------------------------


def typed_prefixes(text: str) -> list[str]:
    """What the search box holds after each key press, without repeats at spaces."""
    return [text[:i] for i in range(1, len(text) + 1) if not text[:i].endswith(" ")]


#: Respellings a registration desk meets (each turns a surname into another spelling of it).
RESPELLINGS = (("qu", "k"), ("hua", "wa"), ("hu", "w"), ("ll", "y"), ("cc", "c"), ("z", "s"), ("v", "b"),
               ("h", ""), ("ñ", "n"), ("y", "ll"), ("c", "k"))


def misspelled(word: str, rng: random.Random) -> str:
    """``word`` respelled (``Quispe`` → ``kispe``), or else with two neighbouring letters swapped or a
    letter dropped (``quipse``, ``quspe``), folded: what a volunteer types for a name heard aloud."""
    from ayni.core import fold

    folded = fold(word).replace(" ", "")
    respellings = [(a, b) for a, b in RESPELLINGS if a in folded]
    if respellings and rng.random() < 0.5:
        a, b = rng.choice(respellings)
        return folded.replace(a, b, 1)
    i = rng.randrange(1, max(2, len(folded) - 1))
    if rng.random() < 0.6 and i + 1 < len(folded):
        return folded[:i] + folded[i + 1] + folded[i] + folded[i + 2:]
    return folded[:i] + folded[i + 1:]


def floor_expression(query: str) -> str | None:
    """The bare FTS5 prefix query for what is typed: every word quoted, as a prefix."""
    import re

    tokens = re.findall(r"[^\W_]+", query)
    return " ".join(f'"{token}"*' for token in tokens) or None


def bench_search(path: Path, total: int, samples: int = 60, repeat: int = 1) -> list[Row]:
    """Each key press of names, DNI digits and misspelled names through ``patients.search``, and, right
    after each, the bare FTS5 floor (a prefix query on the same index the search reads, with the same
    segments, top 20 unranked, no typo tolerance) on the same text: what ranking and typo tolerance cost, whatever the machine's load.
    With ``repeat`` above 1 the whole pass runs that many times after the warm-up, and the spread of each
    p95 over the passes is printed too (the table's other lines are the first pass's)."""
    from ayni.core import fold, open_store
    from ayni.core.people import patients

    store = open_store(path, user="bench")
    rng = random.Random(11)
    count = store.db["patients"].count
    picked = [store.db.execute("SELECT id, given_names, paternal_surname, maternal_surname, identifier_numbers "
                               "FROM patients LIMIT 1 OFFSET ?", [rng.randrange(count)]).fetchone()
              for _ in range(samples)]
    names = [fold(f"{given.split()[0]} {paternal}") for _, given, paternal, _, _ in picked]
    numbers = [ids.split()[0] for *_, ids in picked if ids]
    typos = [(fold(f"{given} {misspelled(paternal, rng)} {maternal}"), pid) for pid, given, paternal, maternal, _ in picked]
    for query in names[:5]:  # warm the page cache as a first few searches would
        patients.search(store, query)
    query_sets = {"names": names, "DNI digits": numbers, "misspelled names": [q for q, _ in typos]}
    passes = [search_pass(store, query_sets) for _ in range(repeat)]
    found = sum(pid in {p.id for p in patients.search(store, query, limit=5)} for query, pid in typos)
    store.close()
    rows, first = [], passes[0]
    for label, run in first.items():
        rows.append(Row(f"search as you type, {label}, p50 ({len(run.times)} key presses, {count:,} patients)",
                        statistics.median(run.times), "ms", 3))
        rows.append(Row(f"search as you type, {label}, p95", percentile(run.times, 95), "ms", 3,
                        note=f"bare FTS5 prefix p95 {percentile(run.floors, 95):.2f} ms; CPU time p50 "
                             f"{statistics.median(run.cpus):.2f} / p95 {percentile(run.cpus, 95):.2f} ms; index queries "
                             f"per key press {statistics.mean(run.asked):.2f} (at most {max(run.asked)})"))
    every = {kind: [t for run in first.values() for t in getattr(run, kind)] for kind in ("times", "floors", "cpus", "floor_cpus")}
    rows += [
        Row("  bare FTS5 prefix query (the floor), all key presses, p50 / p95", statistics.median(every["floors"]), "ms",
            note=f"p95 {percentile(every['floors'], 95):.2f} ms"),
        Row("  search / floor, all key presses, p50", statistics.median(every["times"]) / statistics.median(every["floors"]),
            "×", note=f"p95 {percentile(every['times'], 95) / percentile(every['floors'], 95):.2f}×"),
        # CPU time leaves out the waits of a machine shared with other work: what a core of its own would see
        Row("  search CPU time, all key presses, p50 / p95", statistics.median(every["cpus"]), "ms", 3,
            note=f"p95 {percentile(every['cpus'], 95):.2f} ms; floor p50 {statistics.median(every['floor_cpus']):.2f} / "
                 f"p95 {percentile(every['floor_cpus'], 95):.2f} ms; search / floor p50 "
                 f"{statistics.median(every['cpus']) / statistics.median(every['floor_cpus']):.2f}×"),
        Row(f"  misspelled full names whose patient is in the top 5 (of {len(typos)})", 100 * found / len(typos), "%",
            note="e.g. " + ", ".join(q for q, _ in typos[:3])),
    ]
    return rows + (search_spread(passes) if len(passes) > 1 else [])


@dataclass
class SearchRun:
    """One pass of one query set: per key press, the search's wall and CPU milliseconds, the floor's,
    and how many index queries the search asked."""

    times: list[float]
    cpus: list[float]
    floors: list[float]
    floor_cpus: list[float]
    asked: list[int]


def search_pass(store, query_sets: dict[str, list[str]]) -> dict[str, SearchRun]:
    """Every key press of each query set through ``patients.search``, each followed by the floor."""
    from ayni.core.people import patients

    def floor(prefix: str) -> None:
        expression = floor_expression(prefix)
        if expression:
            store.db.execute("SELECT rowid FROM patient_search_fts WHERE patient_search_fts MATCH ? LIMIT 20",
                             [expression]).fetchall()

    statements: list[str] = []  # what SQLite runs, to count the index queries of each key press
    runs = {}
    for label, queries in query_sets.items():
        run = runs[label] = SearchRun([], [], [], [], [])
        for prefix in (p for q in queries for p in typed_prefixes(q)):
            statements.clear()
            store.db.conn.set_trace_callback(statements.append)
            cpu = time.thread_time()
            run.times.append(timed(patients.search, store, prefix)[0] * 1000)
            run.cpus.append((time.thread_time() - cpu) * 1000)
            store.db.conn.set_trace_callback(None)
            run.asked.append(sum("MATCH" in statement for statement in statements))
            cpu = time.thread_time()
            run.floors.append(timed(floor, prefix)[0] * 1000)
            run.floor_cpus.append((time.thread_time() - cpu) * 1000)
    return runs


def search_spread(passes: list[dict[str, SearchRun]]) -> list[Row]:
    """How much each query set's p95 (wall, CPU, and the floor's) varied over the passes: min / median / max."""
    rows = []
    for label in passes[0]:
        wall, cpu, floor = (sorted(percentile(getattr(p[label], kind), 95) for p in passes)
                            for kind in ("times", "cpus", "floors"))
        rows.append(Row(f"search p95 over {len(passes)} passes, {label}, median", statistics.median(wall), "ms", 3,
                        note=f"min / median / max: wall {wall[0]:.2f} / {statistics.median(wall):.2f} / {wall[-1]:.2f} ms"
                             f", CPU {cpu[0]:.2f} / {statistics.median(cpu):.2f} / {cpu[-1]:.2f} ms, "
                             f"floor {floor[0]:.2f} / {statistics.median(floor):.2f} / {floor[-1]:.2f} ms"))
    return rows


# -- encounter save -----------------------------------------------------------------------------


def search_index_segments(store) -> int:
    """How many b-trees (segments) the patient search index is made of: each is looked up for every
    term of every search."""
    return store.db.execute("SELECT count(DISTINCT segid) FROM patient_search_fts_idx").fetchone()[0]


def bench_index_tidying(store, segments_before: int, saves: int) -> list[Row]:
    """The search index's segments after ``saves`` encounters (one transaction each), and what one
    tidying at a quiet moment (a backup, a day close) costs and leaves."""
    from ayni.core.storage.searchindex import tidy_search_index

    fragmented = search_index_segments(store)
    wall, cpu = time.perf_counter(), time.process_time()
    steps = tidy_search_index(store.db.conn)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return [
        Row(f"search index segments after {saves} encounters saved", fragmented, "",
            note=f"{segments_before} before them"),
        Row("  one tidying of the index at a quiet moment (backup, day close)", wall * 1000, "ms",
            note=f"CPU time {cpu * 1000:.0f} ms, {steps} merge steps; {search_index_segments(store)} segments left"),
    ]


def bench_save(path: Path, samples: int = 80) -> list[Row]:
    """Saves with the store's own durability (``synchronous=FULL``) and, interleaved on the same
    connection so that both meet the same disk and cache, with ``NORMAL``, to show what FULL costs."""
    from ayni.core.clinical import encounters
    from ayni.core import open_store
    from ayni.core.clinical.encounters import ProcedureEntry

    store = open_store(path, user="bench")
    segments = search_index_segments(store)
    ids = [r[0] for r in store.db.execute("SELECT id FROM patients ORDER BY rowid DESC LIMIT ?", [2 * samples])]
    times = {(mode, kind): [] for mode in ("FULL", "NORMAL") for kind in ("triage", "consult")}
    cpus = {kind: [] for kind in ("triage", "consult")}  # CPU time of the FULL saves: the machine may be shared
    for n, patient_id in enumerate(ids):
        mode = ("FULL", "NORMAL")[n % 2]
        store.db.execute(f"PRAGMA synchronous = {mode}")
        triage = encounters.open_encounter(store, patient_id, "general", "triage")
        cpu = time.thread_time()
        seconds, _ = timed(encounters.save, store, triage.id, forms={"general.triage": {
            "bp_systolic": 118 + n % 20, "bp_diastolic": 76, "heart_rate": 72, "respiratory_rate": 16,
            "temperature": "36.6", "spo2": 92, "weight": "61.5", "height": "156.0"}})
        times[mode, "triage"].append(seconds * 1000)
        if mode == "FULL":
            cpus["triage"].append((time.thread_time() - cpu) * 1000)
        consult = encounters.open_encounter(store, patient_id, "general", "consultation")
        cpu = time.thread_time()
        seconds, _ = timed(
            encounters.save, store, consult.id,
            forms={"general.consultation": {"chief_complaint": "Dolor de cabeza", "plan": "Paracetamol 500 mg"}},
            procedures=[ProcedureEntry("general.consultation"), ProcedureEntry("general.glucose_test")],
            diagnoses=["R51", "I10"],
        )
        times[mode, "consult"].append(seconds * 1000)
        if mode == "FULL":
            cpus["consult"].append((time.thread_time() - cpu) * 1000)
    tidying = bench_index_tidying(store, segments, len(ids) * 2)
    store.close()
    rows = []
    for kind, label in (("triage", "triage form"), ("consult", "consultation + 2 procedures + 2 diagnoses")):
        full, normal = times["FULL", kind], times["NORMAL", kind]
        rows += [
            Row(f"encounter save, {label}, synchronous=FULL, p50 ({len(full)} saves)", statistics.median(full),
                "ms", 20),
            Row(f"encounter save, {label}, synchronous=FULL, p95", percentile(full, 95), "ms", 20,
                note=f"CPU time p50 {statistics.median(cpus[kind]):.2f} / p95 {percentile(cpus[kind], 95):.2f} ms"),
            Row("  same save with synchronous=NORMAL (not power-cut safe), p50 / p95", statistics.median(normal),
                "ms", note=f"p95 {percentile(normal, 95):.2f} ms"),
            Row("  FULL / NORMAL, p50 (cost of durability)", statistics.median(full) / statistics.median(normal),
                "×", note=f"p95 {percentile(full, 95) / percentile(normal, 95):.2f}×"),
        ]
    return rows + tidying


# -- PDF ----------------------------------------------------------------------------------------


def bench_pdf(path: Path, runs: int = 8) -> list[Row]:
    name = "visit summary PDF, p50 after warm-up"
    if not has_module("ayni.core.documents.pdf"):
        return [Row(name, None, "s", 0.5, "ayni.core.documents.pdf is not installed")]
    from ayni.core import open_store
    from ayni.core.documents.pdf import render_visit

    store = open_store(path, user="bench")
    row = store.db.execute("SELECT encounter_id FROM payments ORDER BY rowid LIMIT 1").fetchone()
    if row is None:
        store.close()
        return [Row(name, None, "s", 0.5, "no closed visit to print")]
    first, data = timed(render_visit, store, row[0], "es")
    times = [timed(render_visit, store, row[0], "es")[0] for _ in range(runs)]
    store.close()
    return [
        Row("visit summary PDF, first (imports WeasyPrint)", first, "s", note=f"{len(data) // 1024} KiB"),
        Row(f"{name} ({runs} renders)", statistics.median(times), "s", 0.5),
    ]


# -- the terminal UI ----------------------------------------------------------------------------

#: Runs ``ayni tui`` as a person would (or, with ``bare``, a Textual app with one label: the floor),
#: but leaves right after the first paint and records when, with the CPU time spent by then.
UI_CHILD = """
import os, sys, time
from textual.app import App

_run = App.run

def run(self, *args, **kwargs):
    async def leave_after_first_paint(pilot):
        def painted():
            cpu = sum(os.times()[:2])
            heavy = ",".join(m for m in ("weasyprint", "pypdf", "babel", "escpos", "segno", "numpy", "sqlite_utils")
                             if m in sys.modules) or "-"
            with open("/proc/self/status") as status:
                peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
            with open(sys.argv[2], "w") as out:
                out.write(f"{time.time()!r} {cpu!r} {peak} {heavy}")
            pilot.app.exit()
        pilot.app.call_after_refresh(painted)
    kwargs.setdefault("auto_pilot", leave_after_first_paint)
    return _run(self, *args, **kwargs)

App.run = run
if sys.argv[3] == "bare":
    from textual.widgets import Label

    class Bare(App):
        def compose(self):
            yield Label("Ayni")

    Bare().run()
else:
    from ayni.cli import main
    main(["--db", sys.argv[1], "--user", "bench", "tui"])
"""


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def launch_ui(path: Path, ready_file: Path, columns: int = 120, lines: int = 40, bare: bool = False):
    """Launch the UI (or, with ``bare``, the bare Textual app) in a pseudo-terminal: (seconds to first
    paint, CPU seconds by then, seconds to exit, peak RSS in KiB, heavy modules already imported at
    first paint).

    The peak RSS is the UI process's own ``VmHWM`` at its first paint. ``ru_maxrss`` from
    ``wait4`` would be wrong here: Linux carries the forking parent's resident size (this benchmark,
    holding its freshly built database) over ``exec`` into the child's maximum.
    """
    ready_file.unlink(missing_ok=True)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)}
    # An installed copy starts from compiled bytecode: the warm-up launch writes it, so that no run
    # compiles Ayni's modules from source (a third of a second) because the shell asked for no .pyc.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    reader = threading.Thread(target=_drain, args=(master,), daemon=True)
    reader.start()
    started_wall, started = time.time(), time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", UI_CHILD, str(path), str(ready_file), "bare" if bare else "ayni"],
                             stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    try:
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        child.returncode = 0  # reaped by wait4 above
    total = time.perf_counter() - started
    os.close(master)
    reader.join(timeout=1)
    if status != 0 or not ready_file.exists():
        return None, None, total, usage.ru_maxrss, ""
    painted, cpu, peak_kib, heavy = ready_file.read_text().split()
    return float(painted) - started_wall, float(cpu), total, int(peak_kib), heavy.strip("-")


def bench_ui(path: Path, workdir: Path, runs: int = 5) -> list[Row]:
    """UI ready (wall and CPU time to the first paint) beside the bare Textual app's, launched in turns
    so that both meet the same load, and the UI's peak memory."""
    name = "UI ready: launch of `ayni tui` in a pty → first paint, median"
    if not has_module("ayni.tui.app"):
        return [Row(name, None, "s", 1.0, "ayni.tui.app is not installed"),
                Row("UI resident memory (max RSS)", None, "MB", 120, "ayni.tui.app is not installed")]
    ready_file = workdir / "ui-ready"
    launch_ui(path, ready_file)  # warm-up: compiles bytecode, fills the OS file cache
    launch_ui(path, ready_file, bare=True)
    results, floors = [], []
    for _ in range(runs):
        results.append(launch_ui(path, ready_file))
        floors.append(launch_ui(path, ready_file, bare=True))
    readies = [r[0] for r in results if r[0] is not None]
    if not readies:
        return [Row(name, None, "s", 1.0, "the UI did not paint (run `ayni tui` to see why)")]
    cpus = [r[1] for r in results if r[1] is not None]
    floor_wall = statistics.median(f[0] for f in floors if f[0] is not None)
    floor_cpu = statistics.median(f[1] for f in floors if f[1] is not None)
    totals = [r[2] for r in results]
    rss_mb = max(r[3] for r in results) / 1024
    heavy = {m for r in results for m in r[4].split(",") if m}
    warning = f"; {', '.join(sorted(heavy))} imported before the first paint" if heavy else ""
    ready, cpu = statistics.median(readies), statistics.median(cpus)
    return [
        Row(f"{name} of {runs}", ready, "s", 1.0,
            note=f"(launch → exit {statistics.median(totals):.2f} s{warning})"),
        Row("  bare Textual app (the floor), launched in turns with the UI, median", floor_wall, "s",
            note=f"UI / floor {ready / floor_wall:.2f}× (budget 1.5×)"),
        Row("  UI ready, CPU time to the first paint, median", cpu, "s",
            note=f"floor {floor_cpu:.2f} s; UI / floor {cpu / floor_cpu:.2f}×"),
        Row("UI resident memory (peak RSS of the UI process at first paint)", rss_mb, "MB", 120),
    ]


# -- main ---------------------------------------------------------------------------------------


def print_table(rows: list[Row]) -> None:
    cells = [("Figure", "Measured", "Budget", "")] + [r.cells() for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(3)]
    for n, (name, value, budget, note) in enumerate(cells):
        print(f"{name:<{widths[0]}}  {value:>{widths[1]}}  {budget:<{widths[2]}}  {note}".rstrip())
        if n == 0:
            print("-" * (sum(widths) + 4 + 12))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--patients", type=int, default=100_000, help="patients in the database (default 100,000)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory and print its path")
    parser.add_argument("--db", type=Path, help="a database to reuse: built there (and kept) if it is not there yet, "
                        "else measured as it is, without the minute of bulk inserts")
    parser.add_argument("--no-reports", action="store_true", help="skip the report benchmarks (bench/reports.py)")
    parser.add_argument("--only", choices=("search", "save", "ui", "demo"),
                        help="measure only this (search: search as you type; save: encounter saves; "
                             "ui: UI ready, its CPU time and memory; "
                             "demo: `ayni demo` of 200 patients into a new file, --runs times)")
    parser.add_argument("--runs", type=int, default=3, help="how many times --only demo seeds the demo (default 3)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run the search pass N times after the warm-up and print each p95's spread "
                             "(min / median / max)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    workdir = Path(tempfile.mkdtemp(prefix="ayni-bench-"))
    path = args.db or workdir / "bench.db"
    print(f"Ayni benchmarks: {args.patients:,} patients, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, in {workdir}", flush=True)
    if args.only == "demo":
        rows = bench_demo(workdir, min(200, args.patients), args.runs)
    else:
        rows = [] if path.exists() else build_database(path, args.patients)
    steps = [lambda: bench_bulk_indexing(workdir), lambda: bench_ui(path, workdir),
             lambda: bench_search(path, args.patients, repeat=args.repeat),
             lambda: bench_save(path), lambda: bench_pdf(path)]
    for step in {"search": steps[2:3], "save": steps[3:4], "ui": steps[1:2], "demo": []}.get(args.only, steps):
        rows += step()
    if not args.no_reports and not args.only and has_module("weasyprint"):
        from reports import bench_reports  # bench/reports.py: day and final reports, batch printing

        rows += bench_reports(workdir)
    print()
    print_table(rows)
    if args.keep:
        print(f"\nKept {workdir}")
    else:
        for file in workdir.iterdir():
            file.unlink()
        workdir.rmdir()


if __name__ == "__main__":
    main()
