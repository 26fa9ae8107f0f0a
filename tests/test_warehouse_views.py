"""The views of etl/schema.sql on hand-made rows: which value a chart gets, and why."""
from __future__ import annotations

import duckdb
import pytest

from etl.warehouse import SCHEMA, insert_rows
from tests.conftest import fact

REPORTS = [
    {"report_id": "old", "title": "2023年工作综述", "published": "2024-01", "cities": "忻州", "year": 2023},
    {"report_id": "new", "title": "常委会工作报告", "published": "2024-02-01", "cities": "忻州", "year": 2023},
]


@pytest.fixture
def warehouse():
    """An in-memory warehouse; `load(*facts)` fills facts and reports."""
    con = duckdb.connect()
    con.execute(SCHEMA.read_text(encoding="utf-8"))

    def load(*facts):
        insert_rows(con, "reports", REPORTS)
        insert_rows(con, "facts", list(facts))
        return con
    yield load
    con.close()


def chosen(con, metric="proposals.filed"):
    return con.execute("SELECT fact_id, value, kind, has_conflict FROM metric_values WHERE metric = ?",
                       [metric]).fetchall()


def test_curated_beats_stated_beats_derived(warehouse):
    con = warehouse(fact("proposals.filed", 374, fact_id="s", report_id="old"),
                    fact("proposals.filed", 370, fact_id="d", kind="derived", report_id="old"),
                    fact("proposals.filed", 375, fact_id="c", kind="curated", report_id=None))
    assert chosen(con) == [("c", 375.0, "curated", True)]


def test_stated_beats_derived_and_a_derived_value_is_no_conflict(warehouse):
    con = warehouse(fact("proposals.filed", 374, fact_id="s", report_id="old"),
                    fact("proposals.filed", 370, fact_id="d", kind="derived", report_id="old"))
    assert chosen(con) == [("s", 374.0, "stated", False)]


def test_among_stated_the_latest_report_then_the_exact_figure(warehouse):
    con = warehouse(fact("proposals.filed", 374, fact_id="a", report_id="old"),
                    fact("proposals.filed", 370, fact_id="b", report_id="new", qualifier="at_least"),
                    fact("proposals.filed", 371, fact_id="c", report_id="new", start_pos=50))
    assert chosen(con) == [("c", 371.0, "stated", True)]


def test_rejected_facts_and_facts_without_city_or_year_are_left_out(warehouse):
    con = warehouse(fact("proposals.filed", 374, fact_id="a", status="rejected"),
                    fact("proposals.filed", 375, fact_id="b", city=None),
                    fact("proposals.filed", 376, fact_id="c", year=None),
                    fact("proposals.filed", 377, fact_id="d", status="corrected", report_id="old"))
    assert chosen(con) == [("d", 377.0, "stated", False)]
    assert con.execute("SELECT count(*) FROM conflicts").fetchone() == (0,)
    assert con.execute("SELECT n_facts FROM coverage").fetchall() == [(1,)]


def test_one_value_per_scope_and_period(warehouse):
    con = warehouse(fact("proposals.filed", 374, fact_id="a"), fact("proposals.filed", 2300, fact_id="b", period="term"),
                    fact("proposals.filed", 900, fact_id="c", scope="citywide"))
    assert con.execute("SELECT scope, period, value, has_conflict FROM metric_values ORDER BY value").fetchall() == [
        ("committee", "year", 374.0, False), ("citywide", "year", 900.0, False), ("committee", "term", 2300.0, False)]


def test_metric_values_carries_the_source(warehouse):
    con = warehouse(fact("proposals.filed", 374, fact_id="a", report_id="new", quote="立案374件"),
                    fact("proposals.filed", 374, fact_id="b", report_id="old"))
    assert con.execute("SELECT report_id, report_title, quote, fact_ids FROM metric_values").fetchall() == [
        ("new", "常委会工作报告", "立案374件", ["a", "b"])]


def test_conflicts_pairs_stated_and_curated_values(warehouse):
    con = warehouse(fact("parties.proposals", 41, fact_id="a", report_id="old"),
                    fact("parties.proposals", 43, fact_id="b", report_id="new"),
                    fact("parties.proposals", 45, fact_id="c", kind="curated", report_id=None,
                         source_url="https://example.org"),
                    fact("parties.proposals", 47, fact_id="d", kind="derived", report_id="old"))
    assert con.execute("""SELECT fact_a, fact_b, value_a, value_b, source_a, source_b FROM conflicts
                          ORDER BY fact_a, fact_b""").fetchall() == [
        ("a", "b", 41.0, 43.0, "2023年工作综述", "常委会工作报告"),
        ("a", "c", 41.0, 45.0, "2023年工作综述", "https://example.org"),
        ("b", "c", 43.0, 45.0, "常委会工作报告", "https://example.org")]


def test_coverage_counts_each_kind(warehouse):
    con = warehouse(fact("proposals.filed", 374, fact_id="a"), fact("proposals.filed", 374, fact_id="b"),
                    fact("proposals.filed", 370, fact_id="d", kind="derived"),
                    fact("proposals.filed", 375, fact_id="c", kind="curated", report_id=None))
    assert con.execute("SELECT city, year, metric, n_facts, n_stated, n_derived, n_curated FROM coverage").fetchall() \
        == [("忻州", 2023, "proposals.filed", 4, 2, 1, 1)]
