"""Extraction throughput: 1,000 report-sized documents made from the bundled reports.

Each document is a bundled report with its numbers changed and its city renamed, so the
extractor sees real sentence shapes at realistic density. Measures decoding + normalising
+ extracting (facts and candidates, as a build does) on one core, and prints MB of text per
second of CPU time (what one core does, whatever else the machine runs) and of wall time,
peak memory, and a floor measured in the same run: one pass of the figure regex over the
same text, the least any extractor must do.

    .venv/bin/python benchmarks/bench_extract.py [--docs 1000]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()

    docs = make_documents(args.docs)
    total_chars = 0
    total_bytes = sum(len(b) for _, b in docs)
    facts = 0
    candidates = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for name, data in docs:
        doc = read_bytes(data, name)
        total_chars += len(doc.original)
        found, left = extract(doc, ReportInfo(file=name, cities=("潍坊",), year=2023))
        facts += len(found)
        candidates += len(left)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    floor_started = time.process_time()
    figures = sum(1 for _, data in docs for _ in FIGURE_RE.finditer(data.decode("utf-8")))
    floor = time.process_time() - floor_started

    mb = total_bytes / 1e6
    rate = mb / cpu
    print(f"documents           {len(docs)}")
    print(f"text                {mb:.1f} MB UTF-8 ({total_chars / 1e6:.2f} M characters)")
    print(f"facts               {facts}  (candidates {candidates})")
    print(f"time                {cpu:.2f} s CPU, {elapsed:.2f} s wall")
    print(f"throughput          {rate:.2f} MB/s of CPU time  (target >= {TARGET_MB_S} MB/s on one core); "
          f"{mb / elapsed:.2f} MB/s wall")
    print(f"floor (same run)    one figure-regex pass: {mb / floor:.1f} MB/s ({figures} matches); "
          f"extraction takes {cpu / floor:.0f}x the floor")
    print(f"peak memory (RSS)   {peak_mb:.0f} MB")
    print("result              " + ("meets the target" if rate >= TARGET_MB_S else "BELOW the target"))


if __name__ == "__main__":
    main()
