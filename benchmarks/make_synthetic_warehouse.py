"""A large synthetic warehouse for the dashboard's benchmark and scale tests.

    python benchmarks/make_synthetic_warehouse.py OUT.duckdb [--cities 300] [--years 20] [--seed 7]

Real city names (data/cities.csv: municipalities and prefectures first), years ending in
2024, every metric of the catalogue. One report per city and year whose text holds a
sentence per figure, so every fact's span points at its quote. Deterministic for a seed,
with what real data has: gaps (~10 % of city-year-metrics), qualifiers, derived sums,
curated figures, conflicts, whole-term and part-year figures, citywide counts, checks and
curation decisions.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl import paths  # noqa: E402
from etl.warehouse import materialise_views  # noqa: E402
from etl.catalogue import load_catalogue  # noqa: E402
from etl.cities import load_cities  # noqa: E402
from etl.schema import SCHEMA, SCHEMA_VERSION  # noqa: E402

LAST_YEAR = 2024
QUALIFIER_WORDS = {"exact": ("", ""), "at_least": ("", "余"), "about": ("约", ""), "at_most": ("近", "")}
FILLER = ("一年来，市政协坚持团结和民主两大主题，围绕中心、服务大局，履职尽责取得新成效。"
          "各专门委员会深入调研，形成了一批有价值的调研报告。")


def _cities(n: int) -> list[dict]:
    table = sorted(load_cities(paths.CITIES), key=lambda c: (c.level not in ("municipality", "prefecture"), c.pinyin))
    rows = [dict(name=c.name, full_name=c.full_name, pinyin=c.pinyin, english=c.english,
                 province=c.province, level=c.level, parent=c.parent or None) for c in table[:n]]
    for i in range(len(rows), n):
        rows.append(dict(name=f"城市{i:03d}", full_name=f"城市{i:03d}市", pinyin=f"chengshi{i:03d}",
                         english=f"City {i:03d}", province="虚构", level="prefecture", parent=None))
    return rows


def _value(rng: random.Random, unit: str) -> float:
    return round(rng.uniform(80, 100), 1) if unit == "%" else float(rng.randint(5, 1500))


def make_tables(n_cities: int = 300, n_years: int = 20, seed: int = 7) -> dict[str, pd.DataFrame]:
    rng = random.Random(seed)
    catalogue = load_catalogue()
    cities = _cities(n_cities)
    years = list(range(LAST_YEAR - n_years + 1, LAST_YEAR + 1))
    reports, facts, quality, curation = [], [], [], []
    for number, city in enumerate(cities):
        for year in years:
            report_id = f"syn_{number:03d}_{year}.txt"
            parts, spans = [f"{city['full_name']}政协{year}年工作报告\n\n{FILLER}\n"], []
            position = len(parts[0])
            for metric in catalogue.metrics:
                if rng.random() < 0.10:
                    continue  # a gap: never reported
                value = _value(rng, metric.unit)
                qualifier = rng.choices(list(QUALIFIER_WORDS), weights=(85, 10, 3, 2))[0]
                before, after = QUALIFIER_WORDS[qualifier]
                shown = f"{value:g}%" if metric.unit == "%" else f"{int(value)}{after}{metric.unit}"
                quote = f"{metric.zh}{before}{shown}"
                sentence = f"全年{quote}。"
                start = position + 2
                parts.append(sentence)
                spans.append((metric, value, qualifier, start, start + len(quote), quote, sentence))
                position += len(sentence)
            text = "".join(parts) + "\n" + FILLER
            reports.append(dict(report_id=report_id, path=f"synthetic/{report_id}", cities=city["name"],
                                province=city["province"], level=city["level"], year=year,
                                doc_type="work_report", title=f"{city['full_name']}政协{year}年工作报告",
                                source="合成数据", url=None, published=f"{year + 1}-01-15", sha256="0" * 64,
                                length=len(text), kind="txt", encoding="utf-8", extractor_version="synthetic",
                                guessed="", text=text))
            for i, (metric, value, qualifier, start, end, quote, sentence) in enumerate(spans):
                fact = dict(fact_id=f"{report_id}:{i}", report_id=report_id, city=city["name"], year=year,
                            metric=metric.id, value=value, unit=metric.unit, qualifier=qualifier,
                            scope="committee", period="year", kind="stated", derived_from=None,
                            start_pos=start, end_pos=end, quote=quote, sentence=sentence,
                            rule=f"{metric.id}#1", status="active", source_url=None, note=None)
                roll = rng.random()
                if roll < 0.02:
                    fact.update(period="term")
                elif roll < 0.03:
                    fact.update(period="partial")
                elif roll < 0.05:
                    fact.update(scope="citywide")
                elif roll < 0.07:
                    fact.update(kind="derived", derived_from=[f"span:{start}-{end}"])
                facts.append(fact)
                if rng.random() < 0.01:  # the same figure stated again, differently: a conflict
                    facts.append(fact | dict(fact_id=f"{report_id}:{i}b", value=value + 1, kind="stated",
                                             period="year", scope="committee"))
                    quality.append(dict(check_name="conflict", severity="warning", city=city["name"],
                                        year=year, metric=metric.id, report_id=report_id,
                                        fact_ids=[fact["fact_id"], f"{report_id}:{i}b"],
                                        message=f"{metric.id} has 2 values"))
            if rng.random() < 0.03:  # an analyst adds a figure from outside the reports
                metric = rng.choice(catalogue.metrics)
                decision = f"syn-{report_id}"
                facts.append(dict(fact_id=f"curated:{decision}", report_id=None, city=city["name"], year=year,
                                  metric=metric.id, value=_value(rng, metric.unit), unit=metric.unit,
                                  qualifier="exact", scope="committee", period="year", kind="curated",
                                  derived_from=None, start_pos=None, end_pos=None, quote=None, sentence=None,
                                  rule=f"curation:{decision}", status="active",
                                  source_url=f"https://example.org/{report_id}", note="synthetic"))
                curation.append(dict(decision_id=decision, action="add", city=city["name"], year=year,
                                     metric=metric.id, scope="committee", period="year",
                                     source_url=f"https://example.org/{report_id}", outcome="applied",
                                     message="added a curated figure"))
    metrics = [dict(metric=m.id, name_zh=m.zh, name_en=m.en, unit=m.unit, category=m.category,
                    category_zh=catalogue.categories[m.category]["zh"],
                    category_en=catalogue.categories[m.category]["en"], higher_is_better=m.higher_is_better,
                    description=m.description, cues=";".join(m.cues), sort_order=i)
               for i, m in enumerate(catalogue.metrics, 1)]
    return {
        "cities": pd.DataFrame(cities), "reports": pd.DataFrame(reports), "metrics": pd.DataFrame(metrics),
        "facts": pd.DataFrame(facts), "curation": pd.DataFrame(curation), "data_quality": pd.DataFrame(quality),
        "build_info": pd.DataFrame([dict(key="built_at", value=f"{LAST_YEAR + 1}-01-31T00:00:00"),
                                    dict(key="schema_version", value=SCHEMA_VERSION),
                                    dict(key="synthetic", value=f"{n_cities} cities x {n_years} years, seed {seed}")]),
    }


def make_warehouse(path: Path, n_cities: int = 300, n_years: int = 20, seed: int = 7) -> Path:
    """Write the synthetic warehouse to `path` (replacing it) with etl/schema.sql."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        for table, frame in make_tables(n_cities, n_years, seed).items():
            if len(frame):
                con.register("incoming", frame)
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
                con.unregister("incoming")
        materialise_views(con)  # as the real build does
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", type=Path)
    parser.add_argument("--cities", type=int, default=300)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    make_warehouse(args.output, args.cities, args.years, args.seed)
    with duckdb.connect(str(args.output), read_only=True) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("cities", "reports", "facts", "metric_values", "conflicts")}
    print(f"wrote {args.output} in {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{n} {t}" for t, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
