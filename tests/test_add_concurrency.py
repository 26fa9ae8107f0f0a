"""Adds are serialised: simultaneous `etl add`s wait for the build lock instead of failing,
write under it, and none loses another's manifest row."""
from __future__ import annotations

import csv
import os
import subprocess
import sys

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl import paths
from etl.warehouse import build
from tests.conftest import make_data_dir, quiet

CITIES = ("日照", "临沂", "济宁", "泰安", "威海", "烟台", "德州")


def report(city: str, n: int) -> str:
    return (f"{city}市政协2024年工作报告\n2025-01-10\n"
            f"一年来，{city}市政协共收到提案{300 + n}件，经审查立案{280 + n}件，满意率达9{n % 10}%。\n")


def start_add(data, path, city):
    env = dict(os.environ, ZX_DATA_DIR=str(data), ZX_WAREHOUSE=str(data / "warehouse.duckdb"))
    return subprocess.Popen([sys.executable, "-m", "etl", "add", str(path), "--city", city, "--year", "2024"],
                            cwd=paths.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def adds_at_once(data, tmp_path, cities: list[str], same_name: bool) -> list[tuple[int, str]]:
    procs = []
    for n, city in enumerate(cities):
        folder = tmp_path / f"in{n}"
        folder.mkdir()
        path = folder / ("report.txt" if same_name else f"report-{n}.txt")
        path.write_text(report(city, n), encoding="utf-8")
        procs.append(start_add(data, path, city))
    return [(p.wait(timeout=300), p.stderr.read()) for p in procs]


def manifest_rows(data) -> list[dict]:
    with open(data / "reports" / "manifest.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def check_consistent(data, added: int) -> None:
    rows = manifest_rows(data)
    files = sorted(p.name for p in (data / "reports").iterdir() if p.name != "manifest.csv")
    assert sorted(r["file"] for r in rows) == files
    assert len(rows) == 5 + added
    assert sum(r.get("review") == "pending" for r in rows) == added
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        assert sorted(r for (r,) in con.execute("SELECT report_id FROM reports").fetchall()) == files
        pending = con.execute("SELECT count(DISTINCT report_id) FROM facts WHERE status = 'pending'").fetchone()[0]
        assert pending == added


def fresh_data(tmp_path):
    data = make_data_dir(tmp_path)
    build(data / "reports", warehouse=data / "warehouse.duckdb", curation=data / "curation" / "decisions.csv",
          cities=data / "cities.csv", external=data / "external", log=quiet)  # as `etl add` will
    return data


def test_five_simultaneous_adds_of_one_file_name_leave_five_rows_and_a_consistent_warehouse(tmp_path):
    data = fresh_data(tmp_path)
    results = adds_at_once(data, tmp_path, list(CITIES[:5]), same_name=True)
    assert [rc for rc, _ in results] == [0] * 5, results
    assert sum("waiting up to" in err for _, err in results) >= 1        # someone waited, nobody failed
    check_consistent(data, 5)
    assert {r["file"] for r in manifest_rows(data)} >= {"report.txt", "report-2.txt", "report-3.txt",
                                                         "report-4.txt", "report-5.txt"}


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(CITIES), min_size=2, max_size=4, unique=True), st.booleans())
def test_n_concurrent_adds_of_distinct_reports_leave_n_manifest_rows(tmp_path_factory, cities, same_name):
    tmp_path = tmp_path_factory.mktemp("concurrent")
    data = fresh_data(tmp_path)
    results = adds_at_once(data, tmp_path, cities, same_name)
    assert [rc for rc, _ in results] == [0] * len(cities), results
    check_consistent(data, len(cities))
