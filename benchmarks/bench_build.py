"""Warehouse build time: 1,000 report-sized documents, ~300 cities × 3 years + a few more.

Each document is a bundled single-city report with its city renamed (cities taken in turn
from data/cities.csv) and its numbers varied, listed in a manifest, in a temporary folder.
Times a full build on one core and on all cores, a no-change rebuild (everything reused) and a rebuild after one report
changed, in this process; then the no-change rebuild through `python -m etl build` as a
person runs it (interpreter start-up and imports included).

    .venv/bin/python benchmarks/bench_build.py [--docs 1000] [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import csv
import os
import pstats
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl import paths  # noqa: E402
from etl.cities import load_cities  # noqa: E402
from etl.reports import MANIFEST_COLUMNS, read_manifest  # noqa: E402
from etl.warehouse import build  # noqa: E402

TARGETS = {"full build, all cores": 20.0, "no-change rebuild": 2.0}
YEARS = (2021, 2022, 2023)


def make_reports(folder: Path, n: int, seed: int = 7) -> None:
    """n reports and their manifest in `folder`."""
    rng = random.Random(seed)
    manifest = read_manifest(paths.MANIFEST)
    sources = [((paths.REPORTS / f).read_text(encoding="utf-8"), row) for f, row in sorted(manifest.items())
               if ";" not in row["city"]]
    cities = [c for c in load_cities() if c.level in ("prefecture", "municipality")]
    rows = []
    for i in range(n):
        text, row = sources[i % len(sources)]
        city = cities[(i // len(YEARS)) % len(cities)]
        year = YEARS[i % len(YEARS)]
        text = text.replace(row["city"], city.name)
        # Vary the figures, not the years.
        text = re.sub(r"\d+", lambda m: m.group() if re.fullmatch(r"(?:19|20)\d\d", m.group())
                      else str(max(1, int(m.group()) + rng.randint(-9, 9))), text)
        name = f"doc{i:04d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        rows.append(dict(row, file=name, city=city.name, province=city.province, level=city.level,
                         year=str(year), published=f"{year + 1}-01"))
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=MANIFEST_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def timed(label: str, results: dict, fn, profile: bool = False):
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    out = fn()
    if profiler:
        profiler.disable()
    results[label] = time.perf_counter() - started
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--profile", action="store_true", help="print a profile of the full build")
    args = parser.parse_args()

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        reports = folder / "reports"
        reports.mkdir()
        make_reports(reports, args.docs)
        mb = sum(p.stat().st_size for p in reports.iterdir()) / 1e6
        kw = dict(warehouse=folder / "warehouse.duckdb", curation=paths.CURATION / "decisions.csv",
                  cities=paths.CITIES, log=lambda line: None)
        timed("full build, 1 core", results, lambda: build(reports, full=True, jobs=1, **kw), args.profile)
        first = timed("full build, all cores", results, lambda: build(reports, full=True, **kw))
        again = timed("no-change rebuild", results, lambda: build(reports, **kw))
        one = reports / "doc0000.txt"
        one.write_text(one.read_text(encoding="utf-8") + "\n共收到提案123件。", encoding="utf-8")
        changed = timed("one report changed", results, lambda: build(reports, **kw))
        env = dict(os.environ, ZX_WAREHOUSE=str(kw["warehouse"]))
        timed("no-change rebuild, CLI", results, lambda: subprocess.run(
            [sys.executable, "-m", "etl", "build", "--reports", str(reports)], cwd=ROOT, env=env,
            check=True, capture_output=True))
        size = kw["warehouse"].stat().st_size / 1e6

    print(f"documents              {args.docs} ({mb:.1f} MB of text)")
    print(f"facts                  {sum(first.kinds.values())} "
          f"({first.kinds['stated']} stated, {first.kinds['derived']} derived, {first.kinds['curated']} curated)")
    print(f"warehouse              {size:.1f} MB")
    print(f"reused                 {again.reused} on rebuild, {changed.reused} after one change")
    print(f"cores                  {os.cpu_count()} ({first.workers} extracting processes in the full build)")
    for label, seconds in results.items():
        target = TARGETS.get(label)
        verdict = "" if target is None else ("  (target < %g s: %s)" % (target, "met" if seconds < target else "MISSED"))
        print(f"{label:22} {seconds:6.2f} s{verdict}")


if __name__ == "__main__":
    main()
