"""Figures left on the table: `extract --candidates` and the warehouse's `candidates` table.

A candidate is a figure with a countable unit, in a sentence that names a catalogue noun,
that yields no fact. Sentences are our own.
"""
from __future__ import annotations

import json
import subprocess
import sys

import duckdb

from etl import paths
from etl.extract import extract
from etl.read import read_bytes
from etl.reports import ReportInfo
from tests.conftest import build_into

REPORT = ReportInfo(file="test.txt", cities=("潍坊",), year=2023)


def candidates(text: str):
    facts, left = extract(read_bytes(text.encode("utf-8"), "test.txt"), REPORT)
    return facts, left


def test_a_topic_count_is_a_candidate_with_the_condition_that_refused_it():
    facts, left = candidates("经审查立案402件。围绕乡村振兴提出提案86件。")
    assert [(f.metric, f.value) for f in facts] == [("proposals.filed", 402.0)]
    assert [(c.value, c.unit, c.noun) for c in left] == [(86.0, "件", "提案")]
    assert left[0].reason.startswith("proposals.submitted#") and "not_context" in left[0].reason


def test_a_figure_no_frame_reads_says_so():
    _, left = candidates("委员们围绕提案办理开展视察12次。")
    assert [(c.value, c.reason) for c in left] == [(12.0, "no frame")]


def test_taken_figures_uncounted_units_and_sentences_without_a_catalogue_noun_are_no_candidates():
    _, left = candidates("经审查立案402件，占提案总数的93.5%。编报社情民意专报36期。全市GDP增长5.2%，新增就业7万人。")
    assert left == []


def test_a_candidate_quote_is_its_span_of_the_original():
    text = "市政協組織委員圍繞提案開展調研30次。"  # traditional: spans point into the original
    doc = read_bytes(text.encode("utf-8"), "test.txt")
    _, left = extract(doc, REPORT)
    assert len(left) == 1
    c = left[0]
    assert doc.original[c.start:c.end] == c.quote == "30次"
    assert c.sentence in text


def test_cli_lists_candidates_as_json_lines(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("经审查立案402件。在经济建设方面，委员们提出提案132件。", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "etl", "extract", str(path), "--candidates", "--format", "jsonl"],
                         capture_output=True, text=True, cwd=paths.ROOT, check=True)
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert [(r["value"], r["noun"]) for r in rows] == [(132, "提案")]
    assert {"file", "start", "end", "quote", "sentence", "noun", "reason"} <= set(rows[0])
    table = subprocess.run([sys.executable, "-m", "etl", "extract", str(path), "--candidates"],
                           capture_output=True, text=True, cwd=paths.ROOT, check=True).stdout
    assert "1 candidates" in table and "132件" in table and "why not taken" in table


def test_the_warehouse_keeps_candidates_and_a_rebuild_reuses_them(tmp_path):
    build_into(tmp_path)
    warehouse = tmp_path / "warehouse.duckdb"

    def snapshot():
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute("SELECT report_id, start_pos, end_pos, quote, reason FROM candidates "
                               "ORDER BY ALL").fetchall()

    first = snapshot()
    assert first, "the bundled reports leave some figures on the table"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for report_id, start, end, quote in con.execute(
                "SELECT c.report_id, c.start_pos, c.end_pos, c.quote FROM candidates c").fetchall():
            text = con.execute("SELECT text FROM reports WHERE report_id = ?", [report_id]).fetchone()[0]
            assert text[start:end] == quote
    summary = build_into(tmp_path)
    assert summary.reused == 5 and summary.extracted == 0
    assert snapshot() == first


def test_gates_change_nothing_but_speed():
    """A metric's gate words only skip rules that could not match: the facts and candidates
    are the same without them, on the bundled reports and every corpus beside the project."""
    from etl.read import read_document

    files = sorted(paths.REPORTS.glob("*.txt"))
    for corpus in ("dev", "dev2"):
        files += sorted((paths.SHARED / "corpus" / corpus).glob("*.txt"))
    assert files
    for path in files:
        doc = read_document(path)
        info = ReportInfo(file=path.name, cities=("潍坊",), year=2023)
        assert extract(doc, info) == extract(doc, info, gates=False), path
