"""etl.export and `python -m etl export`: files a person opens in Excel, or a program reads."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from etl.export import facts_frame, to_csv_bytes, to_parquet_bytes, to_xlsx_bytes, values_frame

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ["city", "city_en", "level", "parent", "year", "metric", "metric_zh", "metric_en", "category_zh", "category_en", "value",
           "unit", "qualifier", "scope", "period", "kind", "has_conflict", "source", "url", "quote", "note",
           "fact_id", "fact_ids", "report_id"]


@pytest.fixture
def con(built_warehouse):
    with duckdb.connect(str(built_warehouse), read_only=True) as c:
        yield c


@pytest.fixture
def frame(con) -> pd.DataFrame:
    return values_frame(con)


def test_values_frame_has_both_names_unit_qualifier_kind_and_source(frame):
    assert list(frame.columns) == COLUMNS
    row = frame[(frame.city == "忻州") & (frame.metric == "proposals.filed")].iloc[0]
    assert (row.metric_zh, row.metric_en, row.city_en, row.unit, row.qualifier, row.kind) == (
        "立案数", "Proposals filed", "Xinzhou", "件", "exact", "stated")
    assert row.source.startswith("市政协五届三次会议") and "374" in row.quote


def test_a_curated_value_names_its_url_as_source(frame):
    row = frame[frame.report_id.isna() & (frame.city == "潍坊")].iloc[0]
    assert (row.source, row.url, row.kind) == ("https://example.org/weifang-2022", "https://example.org/weifang-2022",
                                               "curated")


@pytest.mark.parametrize("filters, expected", [
    ({"cities": ["菏泽"]}, {"菏泽"}),
    ({"years": [2022]}, {"潍坊"}),
    ({"metrics": ["proposals.filing_rate"]}, {"忻州"}),
    ({"cities": ["菏泽", "忻州"], "metrics": ["info.collected"]}, {"菏泽", "忻州"}),
])
def test_filters(con, filters, expected):
    assert set(values_frame(con, **filters).city) == expected


def test_facts_frame_shows_every_fact_with_its_status(con):
    facts = facts_frame(con)
    assert len(facts) == con.execute("SELECT count(*) FROM facts").fetchone()[0]
    assert set(facts.status) == {"active", "rejected", "corrected"}
    assert {"derived_from", "sentence", "start_pos", "end_pos", "rule"} <= set(facts.columns)


def test_csv_starts_with_a_bom_and_reads_back_with_chinese_intact(frame):
    data = to_csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == COLUMNS
    assert list(back.metric_zh) == list(frame.metric_zh) and "社情民意" in "".join(back.category_zh)
    assert list(back.value) == list(frame.value)


def test_csv_writes_counts_without_a_decimal_point(frame):
    text = to_csv_bytes(frame).decode("utf-8-sig")
    assert "\n忻州,Xinzhou,prefecture,,2023,proposals.filed,立案数,Proposals filed,提案,Proposals,374,件," in text
    assert ",85.6,%," in text


def test_xlsx_round_trips(frame):
    data = to_xlsx_bytes(frame)
    back = pd.read_excel(io.BytesIO(data), engine="openpyxl")
    assert list(back.columns) == COLUMNS and len(back) == len(frame)
    assert list(back.metric_zh) == list(frame.metric_zh) and list(back.value) == list(frame.value)


def test_xlsx_drops_control_characters_excel_refuses():
    data = to_xlsx_bytes(pd.DataFrame({"quote": ["立案\x0b374件"]}))
    assert openpyxl.load_workbook(io.BytesIO(data)).active["A2"].value == "立案374件"


def test_parquet_round_trips(frame):
    back = pd.read_parquet(io.BytesIO(to_parquet_bytes(frame)))
    pd.testing.assert_frame_equal(back, frame)


def run_export(warehouse: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, ZX_WAREHOUSE=str(warehouse))
    return subprocess.run([sys.executable, "-m", "etl", "export", *args], cwd=ROOT, env=env, capture_output=True)


def test_the_command_writes_what_the_dashboard_would_download(built_warehouse, con, tmp_path):
    out = tmp_path / "v.csv"
    done = run_export(built_warehouse, "--format", "csv", "--city", "菏泽", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == to_csv_bytes(values_frame(con, cities=["菏泽"]))


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_the_command_writes_facts_in_every_format(built_warehouse, con, tmp_path, fmt):
    out = tmp_path / f"facts.{fmt}"
    done = run_export(built_warehouse, "--facts", "--format", fmt, "--year", "2023", "-o", str(out))
    assert done.returncode == 0, done.stderr
    back = pd.read_excel(out) if fmt == "xlsx" else pd.read_parquet(out)
    assert len(back) == len(facts_frame(con, years=[2023])) > 0


def test_the_command_refuses_an_unknown_metric(built_warehouse):
    done = run_export(built_warehouse, "--metric", "proposals.made_up")
    assert done.returncode == 2 and b"unknown metric proposals.made_up" in done.stderr
