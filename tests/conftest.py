"""Shared fixtures: a warehouse really built by `etl.warehouse.build`, once per session.

`built_warehouse` is the bundled reports (data/reports/), the real city table and the small
decisions file below, built into a temporary folder. It holds every state a reader meets:
stated, derived and curated facts, a rejected and a corrected fact, a stale and an unmatched
decision, and conflicts (one between two reports' figures, one planted by curation).
Treat it as read-only; a test that changes inputs builds its own (`build_into`).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl import paths
from etl.warehouse import PAUSE_ENV, build

# Decisions that match facts by report, metric and value (not by fact_id), so they keep
# working while the extractor changes.
DECISIONS_CSV = """\
id,action,fact_id,report,metric,city,year,scope,period,value,qualifier,expect,source_url,note
t-confirm,confirm,,000_20fc046ed607ab7a.txt,proposals.filed,,,,,571,,,,checked against the paper
t-reject,reject,,002_eda6335d30b56289.txt,consultation.activities,,,,,800,,,,micro-consultations only
t-correct,correct,,001_1ad1d8ee1b532a59.txt,consultation.activities,,,,,64,,63,,test correction
t-stale,correct,,001_1ad1d8ee1b532a59.txt,members.studios,,,,,30,,28,,expects an old value
t-unmatched,reject,,003_473e228851eed44d.txt,proposals.key,,,,,99,,,,no such figure
t-add,add,,,proposals.submitted,潍坊,2022,committee,year,600,exact,,https://example.org/weifang-2022,yearbook
t-conflict,add,,,info.collected,菏泽,2024,committee,year,2900,exact,,https://example.org/heze-2024,planted conflict
"""


def write_decisions(folder: Path, text: str = DECISIONS_CSV) -> Path:
    path = folder / "decisions.csv"
    path.write_text(text, encoding="utf-8")
    return path


def quiet(_line: str) -> None:
    pass


def build_into(folder: Path, decisions: str = DECISIONS_CSV, reports: Path | None = None, **kw):
    """Build a warehouse into `folder` (reports default to the bundled ones); the summary.
    Without published figures unless `external=` names a folder of them (data/external/)."""
    folder.mkdir(parents=True, exist_ok=True)
    return build(reports or paths.REPORTS, warehouse=folder / "warehouse.duckdb",
                 curation=write_decisions(folder, decisions), cities=paths.CITIES,
                 external=kw.pop("external", folder / "no-external"), log=kw.pop("log", quiet), **kw)


def make_data_dir(folder: Path, decisions: str = DECISIONS_CSV) -> Path:
    """A data folder like data/: the bundled reports, the city table and `decisions`."""
    data = folder / "data"
    data.mkdir()
    copy_reports(data)
    shutil.copy(paths.CITIES, data / "cities.csv")
    (data / "curation").mkdir()
    (data / "curation" / "decisions.csv").write_text(decisions, encoding="utf-8")
    return data


def start_paused_build(data: Path, warehouse: Path | None = None, *args: str) -> subprocess.Popen:
    """`python -m etl build` on a data folder, stopped right before its swap; returns once there."""
    warehouse = warehouse or data / "warehouse.duckdb"
    env = dict(os.environ, ZX_DATA_DIR=str(data), ZX_WAREHOUSE=str(warehouse), **{PAUSE_ENV: "60"})
    proc = subprocess.Popen([sys.executable, "-m", "etl", "build", *args], cwd=paths.ROOT, env=env,
                            stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        if line.startswith("note: pausing"):
            return proc
    proc.kill()
    raise AssertionError("the build never reached the swap")


def copy_reports(folder: Path) -> Path:
    """A private copy of the bundled reports and their manifest, for tests that change them."""
    target = folder / "reports"
    shutil.copytree(paths.REPORTS, target)
    return target


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory) -> Path:
    """Path of a warehouse built once per session from the bundled reports. Read-only."""
    folder = tmp_path_factory.mktemp("built")
    build_into(folder)
    return folder / "warehouse.duckdb"


def fact(metric: str, value: float, **fields) -> dict:
    """A facts-table row for tests of the pure stages: a stated fact of 忻州 2023 in report r1."""
    row = {
        "fact_id": f"{metric}={value:g}", "report_id": "r1", "city": "忻州", "year": 2023,
        "metric": metric, "value": float(value), "unit": "%" if metric.endswith("_rate") else "件",
        "qualifier": "exact", "scope": "committee", "period": "year", "kind": "stated",
        "derived_from": [], "start_pos": 0, "end_pos": 1, "quote": "x", "sentence": "x",
        "rule": f"{metric}#1", "status": "active", "source_url": None, "note": None,
    }
    row.update(fields)
    return row
