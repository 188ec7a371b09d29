"""Benchmarks of the coordinator's documents: print figures, never assert.

    python bench/reports.py                       # 400 patients a day, 5,000 encounters in two weeks
    python bench/reports.py --day-patients 100 --campaign-encounters 1000   # quicker
    python bench/reports.py --batch-only --batch 100,400 --chunk 40         # batch printing only

Run on its own, or from ``bench/run.py`` (which calls :func:`bench_reports`). Everything happens
in a temporary directory.

* **Day report**: the demo campaign seeded (``ayni.cli.demo.seed``, every record through the
  core) with enough people that about ``--day-patients`` are seen today, each at triage and in
  consultation. Timed: counting the figures (``build_report``), the PDF, the CSV. Budget ≤ 5 s
  for figures + PDF.
* **Batch printing**: the day's consultation summaries (``ayni pdf day --station consultation``),
  100 and 400 of them (``--batch``), in one PDF: pages per second, and how much the process grew.
  Each size runs in a fresh process (``--batch-child``): after a warm-up summary its peak resident
  size (``VmHWM``) is reset, and the growth is the peak after printing minus the size before.
  Budget: ≤ 150 MB whatever the number of summaries. ``--chunk`` sets the summaries per WeasyPrint
  document; ``--batch-only`` skips the day and final reports.
* **Final report**: a two-week campaign of ``--campaign-encounters`` encounters. The patients
  come from ``demo.bulk_patients``; the encounters copy a seeded day's triages and consultations
  (forms, procedures, diagnoses, payments) onto them, spread over fourteen days with about one
  patient in eight coming back another day. Written in bulk (the core's API would take minutes);
  the report then reads them like any others.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from run import Row, print_table, timed  # noqa: E402  (bench/run.py: the shared table of results)

LIMA = dt.timezone(dt.timedelta(hours=-5))


# -- the day ------------------------------------------------------------------------------------


def seed_day(path: Path, seen: int):
    """The demo campaign with about ``seen`` patients seen today (the demo spreads its people over
    its days, and the doctor sees about 65 % of each day's)."""
    from ayni.core import open_store
    from ayni.cli.demo import DAYS_PER_SITE, seed

    store = open_store(path, user="bench")
    seconds, summary = timed(seed, store, patients=round(seen / 0.65 * sum(DAYS_PER_SITE)))
    return store, summary, seconds


def bench_day(store, summary, runs: int = 3) -> list[Row]:
    from ayni.core.dates import today_in_lima
    from ayni.core.documents.reports import build_report
    from ayni.core.documents.reports.csvfile import report_csv
    from ayni.core.documents.reports.document import render_report

    campaign, day = summary.campaign, today_in_lima()
    first, report = timed(build_report, store, campaign, day)
    timed(render_report, report, "es")  # warm-up: imports WeasyPrint, compiles the templates
    figures = min(timed(build_report, store, campaign, day)[0] for _ in range(runs))
    pdf_times, data = [], b""
    for _ in range(runs):
        seconds, data = timed(render_report, build_report(store, campaign, day), "es")
        pdf_times.append(seconds)
    csv_seconds, _ = timed(report_csv, report, "es")
    patients = report.figure("patients").value
    from pypdf import PdfReader  # noqa: PLC0415 - only to count pages, if installed
    import io

    pages = len(PdfReader(io.BytesIO(data)).pages)
    best = min(pdf_times)
    return [
        Row(f"day report: figures of {patients} patients, {report.figure('encounters').value} encounters",
            figures, "s", note=f"(first run {first:.2f} s)"),
        Row(f"day report: figures + PDF ({pages} pages, {len(data) // 1024} KiB), best of {runs}", figures + best, "s", 5),
        Row("day report: CSV", csv_seconds, "s"),
    ]


def batch_ids(store, limit: int) -> list[str]:
    """Up to ``limit`` encounters of today: the general consultations first, then any others."""
    from ayni.core.dates import today_in_lima
    from ayni.core.documents.reports.batch import Station, encounters_of_day

    ids = encounters_of_day(store, today_in_lima(), Station("general", "consultation"))[:limit]
    if len(ids) < limit:
        chosen = set(ids)
        ids += [i for i in encounters_of_day(store, today_in_lima()) if i not in chosen][:limit - len(ids)]
    return ids


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as status:
        return int(next(line.split()[1] for line in status if line.startswith(f"{field}:")))


def _reset_peak() -> bool:
    """Reset this process's ``VmHWM`` to its current resident size (Linux ≥ 4.0); False if refused."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def batch_child(db: Path, limit: int, chunk: int | None) -> dict:
    """One batch printing in this (fresh) process: its figures and how far the process grew.

    After a warm-up summary (imports, templates, fonts), the peak resident size is reset; the growth
    is the peak (``VmHWM``) after printing minus the resident size before it. Where the reset is
    refused, ``ru_maxrss`` gives the peak instead (which then includes the warm-up's own peak)."""
    import resource

    from ayni.core import open_store
    from ayni.core.documents.reports.batch import render_visits

    store = open_store(db, user="bench")
    try:
        ids = batch_ids(store, limit)
        options = {} if chunk is None else {"chunk_size": chunk}
        render_visits(store, ids[:1], "es", **options)  # warm-up
        reset = _reset_peak()
        before = _status_kb("VmRSS")
        seconds, batch = timed(render_visits, store, ids, "es", **options)
        peak = _status_kb("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    finally:
        store.close()
    return {"visits": batch.visits, "pages": batch.pages, "seconds": seconds, "kib": len(batch.pdf) // 1024,
            "before_mb": before / 1024, "peak_mb": peak / 1024, "exact": reset}


def bench_batch(db: Path, limits: tuple[int, ...], chunk: int | None = None) -> list[Row]:
    """Batch printing of ``limits`` summaries, each run in a fresh process (so the memory is its own)."""
    import json
    import subprocess

    rows = []
    for limit in limits:
        command = [sys.executable, __file__, "--batch-child", str(db), "--batch", str(limit)]
        if chunk is not None:
            command += ["--chunk", str(chunk)]
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode:
            rows.append(Row(f"batch printing of {limit} summaries", None, "s", note=run.stderr.strip()[-200:]))
            continue
        r = json.loads(run.stdout.splitlines()[-1])
        grown = r["peak_mb"] - r["before_mb"]
        how = "VmHWM" if r["exact"] else "ru_maxrss, includes warm-up"
        rows += [
            Row(f"batch printing: {r['visits']} visit summaries → {r['pages']} pages in one PDF", r["seconds"], "s",
                note=f"{r['kib']} KiB"),
            Row(f"batch printing ({r['visits']}): pages per second", r["pages"] / r["seconds"], "pages/s"),
            Row(f"batch printing ({r['visits']}): peak resident memory grown", grown, "MB", 150,
                note=f"(from {r['before_mb']:.0f} to {r['peak_mb']:.0f} MB, {how})"),
        ]
    return rows


# -- the two-week campaign ----------------------------------------------------------------------


def _insert(store, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    sql = f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' for _ in columns)})"
    store.db.conn.executemany(sql, [[r[c] for c in columns] for r in rows])


def _templates(store, campaign_id: str) -> list[dict]:
    """The seeded visits to copy: each encounter with its forms, procedures, diagnoses and payment rows."""
    def rows(table, where, params):
        cursor = store.db.execute(f"SELECT * FROM [{table}] WHERE {where}", params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values)) for values in cursor.fetchall()]

    found = []
    for encounter in rows("encounters", "campaign_id = ? AND status = 'closed'", [campaign_id]):
        found.append({"encounter": encounter, **{t: rows(t, "encounter_id = ?", [encounter["id"]])
                                                 for t in ("form_data", "procedures", "diagnoses", "payments")}})
    return found


def build_campaign(path: Path, encounters: int, days: int = 14, rng_seed: int = 5):
    """A campaign of ``days`` days with about ``encounters`` encounters (see the module docstring)."""
    from ayni.core.campaign import campaigns
    from ayni.core import open_store
    from ayni.cli.demo import bulk_patients, seed
    from ayni.core.model import new_id

    store = open_store(path, user="bench")
    rng = random.Random(rng_seed)
    started = time.perf_counter()
    demo = seed(store, patients=120)
    templates = _templates(store, demo.campaign.id)
    pairs = encounters // 2
    fresh = round(pairs * 0.88)
    start = dt.date.today() - dt.timedelta(days=days - 1)
    bulk_patients(store, fresh + fresh // 50)
    patient_ids = [r[0] for r in store.db.execute(  # nobody seen before they were born
        "SELECT id FROM patients WHERE birth_date IS NULL OR birth_date < ? ORDER BY rowid DESC LIMIT ?",
        [start.isoformat(), fresh])]
    site = campaigns.new_site("Coliseo Municipal de Huanta", community="Huanta", district="Huanta", region="Ayacucho")
    campaign = campaigns.create(store, "Campaña de dos semanas (benchmark)", "medical", start, dt.date.today(), site=site,
                                region="Ayacucho", partner="Municipalidad Provincial de Huanta")
    triages = [t for t in templates if t["encounter"]["station"] == "triage"]
    consults = [t for t in templates if t["encounter"]["station"] == "consultation"]
    out = {t: [] for t in ("encounters", "form_data", "procedures", "diagnoses", "payments")}
    seen_before: list[str] = []
    for n in range(pairs):
        if seen_before and (n >= len(patient_ids) or rng.random() < 0.12):
            patient = rng.choice(seen_before)  # back another day
        else:
            patient = patient_ids[n % len(patient_ids)]
            seen_before.append(patient)
        day = start + dt.timedelta(days=n * days // pairs)
        moment = dt.datetime.combine(day, dt.time(8), LIMA) + dt.timedelta(minutes=rng.randrange(0, 9 * 60))
        for template, offset in ((rng.choice(triages), 0), (rng.choice(consults), 15)):
            when = (moment + dt.timedelta(minutes=offset)).astimezone(dt.timezone.utc).isoformat()
            encounter = {**template["encounter"], "id": new_id(), "patient_id": patient, "campaign_id": campaign.id,
                         "opened_at": when, "closed_at": when}
            out["encounters"].append(encounter)
            for table in ("form_data", "procedures", "diagnoses", "payments"):
                out[table] += [{**row, "id": new_id(), "encounter_id": encounter["id"]} for row in template[table]]
    with store.write():
        for table, rows in out.items():
            _insert(store, table, rows)
    return store, campaign, time.perf_counter() - started, len(out["encounters"])


def bench_final(store, campaign, runs: int = 2) -> list[Row]:
    from ayni.core.documents.reports import build_report
    from ayni.core.documents.reports.csvfile import report_csv
    from ayni.core.documents.reports.document import render_report

    figures = min(timed(build_report, store, campaign, None)[0] for _ in range(runs))
    report = build_report(store, campaign, None)
    pdf_seconds, data = min((timed(render_report, report, "es") for _ in range(runs)), key=lambda r: r[0])
    csv_seconds, _ = timed(report_csv, report, "es")
    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(data)).pages)
    return [
        Row(f"final report: figures of {report.figure('encounters').value:,} encounters, "
            f"{report.figure('patients').value:,} patients, {len(report.days)} days", figures, "s"),
        Row(f"final report: PDF ({pages} pages, {len(data) // 1024} KiB)", pdf_seconds, "s"),
        Row("final report: figures + PDF", figures + pdf_seconds, "s"),
        Row("final report: CSV", csv_seconds, "s"),
    ]


def bench_reports(workdir: Path, day_patients: int = 400, batch: tuple[int, ...] = (100, 400),
                  campaign_encounters: int = 5000, chunk: int | None = None, batch_only: bool = False) -> list[Row]:
    """Every figure of this file, in ``workdir`` (only the day's batch printing with ``batch_only``)."""
    store, summary, seconds = seed_day(workdir / "day.db", day_patients)
    rows = [Row(f"reports: demo day seeded through the core ({summary.encounters} encounters)", seconds, "s")]
    try:
        if not batch_only:
            rows += bench_day(store, summary)
    finally:
        store.close()
    rows += bench_batch(workdir / "day.db", batch, chunk)
    if batch_only:
        return rows
    store, campaign, seconds, made = build_campaign(workdir / "campaign.db", campaign_encounters)
    rows.append(Row(f"reports: two-week campaign built ({made:,} encounters)", seconds, "s"))
    try:
        rows += bench_final(store, campaign)
    finally:
        store.close()
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--day-patients", type=int, default=400, help="patients seen on the day (default 400)")
    parser.add_argument("--batch", default="100,400",
                        help="visit summaries printed at once, comma-separated sizes (default 100,400)")
    parser.add_argument("--chunk", type=int, help="summaries per WeasyPrint document (default: the core's)")
    parser.add_argument("--campaign-encounters", type=int, default=5000, help="encounters of the campaign (default 5,000)")
    parser.add_argument("--batch-only", action="store_true", help="only the batch printing")
    parser.add_argument("--batch-child", type=Path, metavar="DB", help=argparse.SUPPRESS)  # one run, in bench_batch's child
    args = parser.parse_args(argv)
    sizes = tuple(int(n) for n in args.batch.split(","))
    if args.batch_child:
        import json

        print(json.dumps(batch_child(args.batch_child, sizes[0], args.chunk)))
        return
    with tempfile.TemporaryDirectory(prefix="ayni-bench-reports-") as workdir:
        print(f"Ayni report benchmarks in {workdir}", flush=True)
        rows = bench_reports(Path(workdir), args.day_patients, sizes, args.campaign_encounters, args.chunk,
                             args.batch_only)
    print()
    print_table(rows)


if __name__ == "__main__":
    main()
