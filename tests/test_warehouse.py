"""`python -m etl build`: what the warehouse holds after building the bundled reports."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl import paths, warehouse
from etl.catalogue import load_catalogue
from etl.extract import EXTRACTOR_VERSION
from etl.schema import SCHEMA_VERSION, built_schema
from tests.conftest import DECISIONS_CSV, build_into, copy_reports, make_data_dir

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("cities", "reports", "metrics", "facts", "extracted_facts", "curation", "data_quality", "build_info")
VIEWS = ("metric_values", "conflicts", "coverage")


@pytest.fixture
def con(built_warehouse):
    with duckdb.connect(str(built_warehouse), read_only=True) as c:
        yield c


def rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


# ----------------------------------------------------------------------------- tables


def test_every_table_is_filled(con):
    counts = {t: rows(con, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}
    assert all(counts.values()), counts
    assert counts["reports"] == 5
    assert counts["metrics"] == len(load_catalogue().metrics)
    assert counts["cities"] == len(paths.CITIES.read_text(encoding="utf-8").splitlines()) - 1


def test_reports_keep_sha256_and_decoded_text(con):
    for report_id, sha, length, text, version in rows(
            con, "SELECT report_id, sha256, length, text, extractor_version FROM reports"):
        data = (paths.REPORTS / report_id).read_bytes()
        assert sha == hashlib.sha256(data).hexdigest()
        assert text == data.decode("utf-8") and length == len(text)
        assert version == EXTRACTOR_VERSION


def test_manifest_fields_reach_the_reports_table(con):
    assert rows(con, "SELECT cities, year, published FROM reports WHERE report_id = ?",
                "002_eda6335d30b56289.txt") == [("淄博;潍坊;济宁;临沂;日照", 2023, "2023-07-14")]


def test_every_stated_quote_is_the_text_at_its_span(con):
    mismatched = rows(con, """
        SELECT f.fact_id FROM facts f JOIN reports r USING (report_id)
        WHERE f.kind = 'stated' AND f.quote <> substr(r.text, f.start_pos + 1, f.end_pos - f.start_pos)""")
    assert mismatched == []
    assert rows(con, "SELECT count(*) FROM facts WHERE kind = 'stated'")[0][0] > 20


def test_metrics_carry_category_names(con):
    assert rows(con, "SELECT name_zh, category, category_zh, category_en FROM metrics WHERE metric = ?",
                "proposals.filed") == [("立案数", "proposals", "提案", "Proposals")]


def test_fact_kinds_and_statuses(con):
    kinds = dict(rows(con, "SELECT kind, count(*) FROM facts GROUP BY kind"))
    assert set(kinds) == {"stated", "derived", "curated"}
    statuses = dict(rows(con, "SELECT status, count(*) FROM facts GROUP BY status"))
    assert statuses["rejected"] == 1 and statuses["corrected"] == 1


def test_derived_facts_name_their_inputs(con):
    (value, inputs, note), = rows(con, """
        SELECT value, derived_from, note FROM facts
        WHERE kind = 'derived' AND metric = 'proposals.filing_rate' AND city = '忻州'""")
    assert value == 85.6  # 374 / 437
    input_values = rows(con, "SELECT metric, value FROM facts WHERE list_contains(?, fact_id) ORDER BY metric",
                        inputs)
    assert input_values == [("proposals.filed", 374.0), ("proposals.submitted", 437.0)]
    assert "374" in note and "437" in note


def test_extracted_facts_keep_the_values_before_curation(con):
    assert rows(con, """SELECT value FROM extracted_facts
                        WHERE report_id = '001_1ad1d8ee1b532a59.txt' AND metric = 'consultation.activities'""") == [(63.0,)]
    assert rows(con, """SELECT value, status FROM facts
                        WHERE report_id = '001_1ad1d8ee1b532a59.txt' AND metric = 'consultation.activities'""") == [
        (64.0, "corrected")]


def test_build_info_names_versions(con):
    info = dict(rows(con, "SELECT key, value FROM build_info"))
    assert info["extractor_version"] == EXTRACTOR_VERSION
    assert info["catalogue_version"] == str(load_catalogue().version)
    assert "built_at" in info


# ----------------------------------------------------------------------------- views


def test_metric_values_prefers_a_curated_figure_and_flags_the_conflict(con):
    assert rows(con, """SELECT value, kind, has_conflict, len(fact_ids) FROM metric_values
                        WHERE city = '菏泽' AND year = 2024 AND metric = 'info.collected'""") == [
        (2900.0, "curated", True, 2)]


def test_planted_curated_figure_is_in_conflicts(con):
    assert rows(con, """SELECT list_sort([value_a, value_b]), list_sort([kind_a, kind_b]) FROM conflicts
                        WHERE city = '菏泽' AND metric = 'info.collected'""") == [([2887.0, 2900.0], ["curated", "stated"])]


def test_two_reports_disagreeing_is_a_conflict(con):
    # The 忻州 work report and its proposals report give two figures for the parties' proposals.
    assert rows(con, "SELECT list_sort([value_a, value_b]) FROM conflicts WHERE city = '忻州'") == [([41.0, 43.0],)]


def test_metric_values_never_shows_a_rejected_fact(con):
    assert rows(con, "SELECT count(*) FROM metric_values WHERE city = '日照' AND metric = 'consultation.activities'") \
        == [(0,)]
    assert rows(con, "SELECT count(*) FROM coverage WHERE city = '日照'") == [(0,)]


def test_coverage_counts_facts_by_kind(con):
    assert rows(con, """SELECT n_facts, n_stated, n_derived, n_curated FROM coverage
                        WHERE city = '菏泽' AND year = 2024 AND metric = 'info.collected'""") == [(2, 1, 0, 1)]


def test_data_quality_holds_the_checks(con):
    found = dict(rows(con, "SELECT check_name, count(*) FROM data_quality GROUP BY check_name"))
    assert found["conflict"] == 2
    assert found["city_has_facts"] >= 1


def test_curation_table_records_every_outcome(con):
    outcomes = dict(rows(con, "SELECT decision_id, outcome FROM curation"))
    assert outcomes == {"t-confirm": "applied", "t-reject": "applied", "t-correct": "applied",
                        "t-stale": "stale", "t-unmatched": "unmatched", "t-add": "applied",
                        "t-conflict": "applied"}


# ----------------------------------------------------------------------------- rebuilding


def snapshot(path: Path) -> dict[str, list]:
    """Sorted rows of every table and view; left out: the build time, and where the
    reports were read from (a copy in another folder is the same report)."""
    with duckdb.connect(str(path), read_only=True) as c:
        out = {name: sorted(map(repr, c.execute(f"SELECT * FROM {name}").fetchall())) for name in TABLES + VIEWS}
        out["build_info"] = sorted(map(repr, c.execute("SELECT * FROM build_info WHERE key <> 'built_at'").fetchall()))
        out["reports"] = sorted(map(repr, c.execute("SELECT * EXCLUDE (path) FROM reports").fetchall()))
    return out


def test_building_again_gives_identical_results(tmp_path):
    first = build_into(tmp_path)
    before = snapshot(tmp_path / "warehouse.duckdb")
    second = build_into(tmp_path)  # incremental: reuses every report
    assert (first.extracted, second.extracted, second.reused) == (5, 0, 5)
    assert snapshot(tmp_path / "warehouse.duckdb") == before


def test_a_full_build_in_another_process_gives_identical_results(tmp_path, built_warehouse):
    # Another process has another string-hash seed: set iteration order must not leak into rows.
    data = tmp_path / "data"
    data.mkdir()
    (data / "curation").mkdir()
    (data / "curation" / "decisions.csv").write_text(DECISIONS_CSV, encoding="utf-8")
    shutil.copy(paths.CITIES, data / "cities.csv")
    copy_reports(data)
    env = dict(os.environ, ZX_DATA_DIR=str(data), ZX_WAREHOUSE=str(data / "warehouse.duckdb"),
               PYTHONHASHSEED="12345")
    done = subprocess.run([sys.executable, "-m", "etl", "build", "--full"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert snapshot(data / "warehouse.duckdb") == snapshot(built_warehouse)


def test_curation_survives_a_rebuild(tmp_path):
    build_into(tmp_path)
    build_into(tmp_path)
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as c:
        assert rows(c, "SELECT value FROM facts WHERE fact_id = 'curated:t-add'") == [(600.0,)]
        assert rows(c, "SELECT count(*) FROM facts WHERE status = 'rejected'") == [(1,)]
        assert rows(c, "SELECT count(*) FROM facts WHERE status = 'corrected' AND value = 64") == [(1,)]


def test_only_a_changed_report_is_extracted_again(tmp_path):
    reports = copy_reports(tmp_path)
    build_into(tmp_path, reports=reports)
    path = reports / "001_1ad1d8ee1b532a59.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("组织63场协商会", "组织65场协商会"), encoding="utf-8")
    summary = build_into(tmp_path, reports=reports)
    assert (summary.extracted, summary.reused) == (1, 4)
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as c:
        # The correction expected 63: now stale, and the new figure stands.
        assert rows(c, "SELECT outcome FROM curation WHERE decision_id = 't-correct'") == [("stale",)]
        assert rows(c, """SELECT value FROM metric_values WHERE city = '淄博' AND year = 2023
                          AND metric = 'consultation.activities'""") == [(65.0,)]


def test_a_changed_manifest_row_means_extracting_again(tmp_path):
    reports = copy_reports(tmp_path)
    build_into(tmp_path, reports=reports)
    manifest = reports / "manifest.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("菏泽,山东,prefecture,2024",
                                                                     "菏泽,山东,prefecture,2023"), encoding="utf-8")
    summary = build_into(tmp_path, reports=reports)
    assert (summary.extracted, summary.reused) == (1, 4)
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as c:
        assert rows(c, "SELECT DISTINCT year FROM facts WHERE city = '菏泽' AND kind = 'stated'") == [(2023,)]


def test_full_build_reuses_nothing(tmp_path):
    build_into(tmp_path)
    assert build_into(tmp_path, full=True).reused == 0


# ----------------------------------------------------------------------------- bad inputs


def test_unreadable_missing_and_unlisted_reports_are_reported_and_the_build_goes_on(tmp_path):
    reports = copy_reports(tmp_path)
    (reports / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a real pdf")
    (reports / "unlisted.txt").write_text((reports / "004_1980ab8869d1f400.txt").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    (reports / "003_473e228851eed44d.txt").unlink()
    with open(reports / "manifest.csv", "a", encoding="utf-8") as fh:
        fh.write("broken.pdf,潍坊,山东,prefecture,2023,work_report,,,,2024-01\n")
    lines: list[str] = []
    summary = build_into(tmp_path, reports=reports, log=lines.append)

    assert any(line.startswith(f"error: {reports / 'broken.pdf'}: corrupt PDF") for line in lines), lines
    assert f"error: {reports / '003_473e228851eed44d.txt'}: listed in the manifest but missing" in lines
    assert any(line.startswith(f"warning: {reports / 'unlisted.txt'}: not in the manifest; detected city 忻州")
               for line in lines), lines
    # 000, 001, 002, 004 and unlisted.txt; errors: broken.pdf and the missing 003
    assert (summary.reports, summary.unreadable, summary.errors) == (5, 1, 2)
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as c:
        assert dict(rows(c, """SELECT check_name, report_id FROM data_quality
                               WHERE severity = 'error' OR check_name = 'unlisted_report'""")) == {
            "unreadable_report": "broken.pdf", "missing_report": "003_473e228851eed44d.txt",
            "unlisted_report": "unlisted.txt"}
        assert rows(c, "SELECT cities, guessed FROM reports WHERE report_id = 'unlisted.txt'")[0][0] == "忻州"
        assert rows(c, "SELECT count(*) FROM facts WHERE report_id = 'unlisted.txt'")[0][0] > 5


def test_a_decisions_file_that_cannot_be_read_stops_the_build_before_any_harm(tmp_path):
    build_into(tmp_path)
    before = (tmp_path / "warehouse.duckdb").read_bytes()
    with pytest.raises(warehouse.BuildError, match="missing column"):
        build_into(tmp_path, decisions="action,fact_id\nreject,x\n")
    assert (tmp_path / "warehouse.duckdb").read_bytes() == before


def test_progress_lines_on_long_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(warehouse, "PROGRESS_EVERY", 2)
    lines: list[str] = []
    build_into(tmp_path, log=lines.append)
    assert [line for line in lines if line.startswith("progress:")] == [
        "progress: 2/5 reports (2 extracted, 0 reused)",
        "progress: 4/5 reports (4 extracted, 0 reused)",
        "progress: 5/5 reports (5 extracted, 0 reused)",
    ]


# ----------------------------------------------------------------------------- the command


def run_etl(*args: str, data: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, ZX_DATA_DIR=str(data), ZX_WAREHOUSE=str(data / "warehouse.duckdb"))
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A data folder like data/: bundled reports, the city table, the test decisions."""
    return make_data_dir(tmp_path)


def test_build_command_prints_a_summary(data_dir):
    done = run_etl("build", data=data_dir)
    assert done.returncode == 0, done.stderr
    assert "reports    5 (5 extracted, 0 reused, 0 unreadable)" in done.stderr
    assert "curated, 0 external (1 rejected)" in done.stderr
    assert "conflicts  2" in done.stderr
    assert "unmatched: no fact proposals.key = 99" in done.stderr  # a warning, not silence
    assert (data_dir / "warehouse.duckdb").is_file()


def test_build_if_missing_keeps_an_existing_warehouse(data_dir):
    (data_dir / "warehouse.duckdb").write_bytes(b"not rebuilt")
    done = run_etl("build", "--if-missing", data=data_dir)
    assert done.returncode == 0
    assert (data_dir / "warehouse.duckdb").read_bytes() == b"not rebuilt"


def test_build_if_missing_rebuilds_a_warehouse_built_by_another_version(data_dir):
    assert run_etl("build", data=data_dir).returncode == 0
    path = data_dir / "warehouse.duckdb"
    kept = run_etl("build", "--if-missing", data=data_dir)
    assert kept.returncode == 0 and "not rebuilding" in kept.stderr
    with duckdb.connect(str(path)) as con:   # as an older program left it
        con.execute("UPDATE build_info SET value = 'older' WHERE key = 'schema_version'")
    done = run_etl("build", "--if-missing", data=data_dir)
    assert done.returncode == 0, done.stderr
    assert "built by another version of this program; rebuilding" in done.stderr
    assert built_schema(path) == SCHEMA_VERSION


def test_build_reports_option_reads_another_folder(data_dir, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(data_dir / "reports" / "004_1980ab8869d1f400.txt", other / "x.txt")
    (other / "manifest.csv").write_text("file,city,province,level,year,doc_type,title,source,url,published\n"
                                        "x.txt,忻州,山西,prefecture,2022,work_report,t,,,2023-01\n", encoding="utf-8")
    done = run_etl("build", "--reports", str(other), data=data_dir)
    assert "reports    1 (1 extracted" in done.stderr
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as c:
        assert rows(c, "SELECT report_id, year FROM reports") == [("x.txt", 2022)]


def test_check_command_prints_the_report_and_passes_without_invalid_decisions(data_dir):
    run_etl("build", data=data_dir)
    done = run_etl("check", data=data_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "conflict (2)" in done.stdout
    assert "stale      t-stale" in done.stdout
    assert "0 invalid decisions" in done.stdout


def test_check_command_fails_on_an_invalid_decision_added_since_the_build(data_dir):
    run_etl("build", data=data_dir)
    with open(data_dir / "curation" / "decisions.csv", "a", encoding="utf-8") as fh:
        fh.write("t-bad,add,,,proposals.filed,火星,2023,,,10,,,,\n")
    done = run_etl("check", data=data_dir)
    assert done.returncode == 1
    assert "invalid    t-bad (line 9): unknown city '火星'" in done.stdout


def test_build_command_refuses_a_missing_reports_folder_and_keeps_the_warehouse(data_dir):
    run_etl("build", data=data_dir)
    before = (data_dir / "warehouse.duckdb").read_bytes()
    done = run_etl("build", "--reports", str(data_dir / "typo"), data=data_dir)
    assert (done.returncode, done.stderr) == (2, f"error: {data_dir / 'typo'}: no such folder\n")
    assert (data_dir / "warehouse.duckdb").read_bytes() == before


def test_check_command_without_a_warehouse(data_dir):
    done = run_etl("check", data=data_dir)
    assert done.returncode == 2 and "run `python -m etl build` first" in done.stderr
