"""Dashboard speed on a large warehouse: 300 cities × 20 years × every metric (synthetic).

Times, over repeated runs, p50 and p95:

- each query function of dashboard.queries, on a plain read-only connection (no cache);
- each page's script run with streamlit.testing's AppTest, warm (caches filled by a first
  run, which is timed apart as "cold"), as a visitor's rerun would be; plus the heaviest
  choices a visitor can make (every year in the Explorer, 60 cities in Compare).

Not a test: it prints numbers. Target: every page under 1 s warm.

    .venv/bin/python benchmarks/bench_dashboard.py [--warehouse PATH] [--runs 15]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import duckdb  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from dashboard import queries  # noqa: E402
from dashboard.pages import PAGES  # noqa: E402
from etl import export, paths  # noqa: E402
from make_synthetic_warehouse import make_warehouse  # noqa: E402

TARGET_SECONDS = 1.0


def percentiles(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def timed(run: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        out.append(time.perf_counter() - started)
    return out


def query_cases(con) -> dict[str, Callable[[], object]]:
    cities = queries.cities_with_data(con)["city"].tolist()
    years = queries.years_with_data(con)
    report = queries.reports(con, city=cities[0])["report_id"].iloc[0]
    some = cities[:5]
    return {
        "metric_catalogue": lambda: queries.metric_catalogue(con),
        "cities_with_data": lambda: queries.cities_with_data(con),
        "years_with_data": lambda: queries.years_with_data(con),
        "build_info": lambda: queries.build_info(con),
        "cities_per_year": lambda: queries.cities_per_year(con),
        "metric_values (one year, overview)": lambda: queries.metric_values(
            con, years=[years[-1]], scopes=["committee"], periods=["year"]),
        "metric_values (one metric, compare)": lambda: queries.metric_values(
            con, metrics=["proposals.filed"], scopes=["committee"]),
        "metric_values (one city, profile)": lambda: queries.metric_values(con, cities=[cities[0]]),
        "metric_values (everything)": lambda: queries.metric_values(con),
        "city_ranks": lambda: queries.city_ranks(con, city=cities[0], year=years[-1]),
        "reports (one city)": lambda: queries.reports(con, city=cities[0]),
        "report_text": lambda: queries.report_text(con, report_id=report),
        "report_facts": lambda: queries.report_facts(con, report_id=report),
        "coverage (all)": lambda: queries.coverage(con),
        "conflicts (all)": lambda: queries.conflicts(con),
        "conflicts (5 cities)": lambda: queries.conflicts(con, cities=some),
        "quality_checks": lambda: queries.quality_checks(con),
        "curation_decisions": lambda: queries.curation_decisions(con),
        "export values_frame (one year)": lambda: export.values_frame(con, None, [years[-1]], None),
    }


def page_cases(con) -> dict[str, tuple[str, dict]]:
    cities = queries.cities_with_data(con)["city"].tolist()
    years = [str(y) for y in queries.years_with_data(con)]
    cases = {p.slug: (p.file, {}) for p in PAGES}
    cases["compare (60 cities × 5 years)"] = ("dashboard/pages/compare.py",
                                              {"cities": cities[:60], "years": years[-5:]})
    cases["trends (20 cities)"] = ("dashboard/pages/trends.py", {"cities": cities[:20]})
    cases["explorer (every year)"] = ("dashboard/pages/explorer.py", {"years": years})
    cases["overview (top 20)"] = ("dashboard/pages/overview.py", {"top": "20"})
    return cases


def bench_pages(con, runs: int) -> list[tuple[str, float, float, float]]:
    rows = []
    for name, (file, query) in page_cases(con).items():
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=300)
        at.switch_page(file)
        at.query_params = dict(query)
        started = time.perf_counter()
        at.run()
        cold = time.perf_counter() - started
        if at.exception:
            raise SystemExit(f"{name}: {at.exception[0].message}")
        p50, p95 = percentiles(timed(at.run, runs))
        rows.append((name, cold, p50, p95))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path, help="use this warehouse instead of generating one")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        warehouse = args.warehouse
        if warehouse is None:
            warehouse = Path(tmp) / "warehouse.duckdb"
            started = time.perf_counter()
            make_warehouse(warehouse, n_cities=300, n_years=20)
            print(f"generated {warehouse} (300 cities × 20 years) in {time.perf_counter() - started:.1f} s")
        paths.WAREHOUSE = warehouse  # the dashboard reads it at each call
        con = duckdb.connect(str(warehouse), read_only=True)
        n = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("facts", "metric_values")}
        print(f"{n['facts']} facts, {n['metric_values']} metric values\n")

        print(f"{'query (no cache)':42s} {'p50 ms':>8s} {'p95 ms':>8s}")
        for name, run in query_cases(con).items():
            p50, p95 = percentiles(timed(run, args.runs))
            print(f"{name:42s} {p50 * 1000:8.1f} {p95 * 1000:8.1f}")

        print(f"\n{'page (AppTest script run)':42s} {'cold s':>8s} {'p50 s':>8s} {'p95 s':>8s}")
        slow = []
        for name, cold, p50, p95 in bench_pages(con, args.runs):
            print(f"{name:42s} {cold:8.2f} {p50:8.3f} {p95:8.3f}")
            if p95 > TARGET_SECONDS:
                slow.append(name)
        con.close()
    print(f"\ntarget: every page under {TARGET_SECONDS:g} s warm (p95): "
          + ("met" if not slow else f"missed by {', '.join(slow)}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
