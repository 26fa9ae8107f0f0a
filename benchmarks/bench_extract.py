"""Extraction throughput: 1,000 report-sized documents made from the bundled reports.

Each document is a bundled report with its numbers changed and its city renamed, so the
extractor sees real sentence shapes at realistic density. Measures decoding + normalising
+ extracting (facts and candidates, as a build does) on one core, and prints MB of text per
second of CPU time (what one core does, whatever else the machine runs) and of wall time,
peak memory, and a floor measured in the same run: one pass of the figure regex over the
same text, the least any extractor must do. Both are timed in turn, --rounds times, and
the best round of each is printed (the spread of the rounds too): on a shared machine a
single round can be a third slower for reasons that are not the code's.

    .venv/bin/python benchmarks/bench_extract.py [--docs 1000] [--rounds 3]
"""
from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl import paths  # noqa: E402
from etl.extract import extract  # noqa: E402
from etl.numbers import FIGURE_RE  # noqa: E402
from etl.read import read_bytes  # noqa: E402
from etl.reports import ReportInfo  # noqa: E402

TARGET_MB_S = 5.0
CITIES = ["潍坊", "淄博", "菏泽", "忻州", "济宁", "临沂", "日照", "烟台", "大同", "长治", "晋中", "德州"]


def make_documents(n: int, seed: int = 7) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(paths.REPORTS.glob("*.txt"))]
    docs = []
    for i in range(n):
        text = sources[i % len(sources)]
        city = CITIES[i % len(CITIES)]
        text = re.sub("|".join(CITIES[:4]), city, text)
        text = re.sub(r"\d+", lambda m: str(max(1, int(m.group()) + rng.randint(-9, 9))), text)
        docs.append((f"doc{i:04d}.txt", text.encode("utf-8")))
    return docs


def extract_all(docs) -> tuple[float, float, int, int, int]:
    """(CPU seconds, wall seconds, characters, facts, candidates) of reading and extracting
    every document, as a build does."""
    chars = facts = candidates = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for name, data in docs:
        doc = read_bytes(data, name)
        chars += len(doc.original)
        found, left = extract(doc, ReportInfo(file=name, cities=("潍坊",), year=2023))
        facts += len(found)
        candidates += len(left)
    return time.process_time() - cpu_started, time.perf_counter() - started, chars, facts, candidates


def floor_pass(docs) -> tuple[float, int]:
    """(CPU seconds, matches) of one figure-regex pass over the same text."""
    started = time.process_time()
    figures = sum(1 for _, data in docs for _ in FIGURE_RE.finditer(data.decode("utf-8")))
    return time.process_time() - started, figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3,
                        help="extraction and floor are timed in turn this many times; the best of each is kept "
                             "(what the code costs, less what other work on the machine took)")
    args = parser.parse_args()

    docs = make_documents(args.docs)
    total_bytes = sum(len(b) for _, b in docs)
    mb = total_bytes / 1e6
    runs, floors = [], []
    for _ in range(max(1, args.rounds)):
        runs.append(extract_all(docs))
        floors.append(floor_pass(docs))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu, elapsed, total_chars, facts, candidates = min(runs)
    floor, figures = min(floors)
    rates = sorted(mb / r[0] for r in runs)
    rate = mb / cpu
    print(f"documents           {len(docs)}")
    print(f"text                {mb:.1f} MB UTF-8 ({total_chars / 1e6:.2f} M characters)")
    print(f"facts               {facts}  (candidates {candidates})")
    print(f"rounds              {len(runs)}: " + ", ".join(f"{r:.2f}" for r in rates) + " MB/s of CPU time")
    print(f"time (best round)   {cpu:.2f} s CPU, {elapsed:.2f} s wall")
    print(f"throughput          {rate:.2f} MB/s of CPU time, best round (target >= {TARGET_MB_S} MB/s on one core); "
          f"median {rates[len(rates) // 2]:.2f}")
    print(f"floor (same run)    one figure-regex pass: {mb / floor:.1f} MB/s, best round ({figures} matches); "
          f"extraction takes {cpu / floor:.1f}x the floor")
    print(f"peak memory (RSS)   {peak_mb:.0f} MB")
    print("result              " + ("meets the target" if rate >= TARGET_MB_S else "BELOW the target"))


if __name__ == "__main__":
    main()
