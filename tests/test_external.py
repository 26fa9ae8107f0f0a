"""Published figures from outside the reports (data/external/): read, checked, loaded as kind
`external` after the reports' own facts, conflicts shown, the bundled reports' facts untouched."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import build_into, make_data_dir, quiet
from etl import paths
from etl.catalogue import load_catalogue
from etl.external import read_external
from etl.warehouse import build

METRICS = {m.id: m.unit for m in load_catalogue().metrics}
CITIES = {"潍坊": "潍坊", "潍坊市": "潍坊", "淄博": "淄博", "邹城": "邹城"}

PAGE = {"city": "潍坊", "province": "山东", "level": "prefecture", "year": 2023, "metric": "proposals.filed",
        "value": 560, "qualifier": "exact", "scope": "committee", "period": "year",
        "quote": "立案提案560件", "url": "https://example.org/weifang-2023", "title": "潍坊政协网",
        "published": "2024-01-20"}


def lines(*rows) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n"


def query(path: Path, sql: str, *params) -> list[tuple]:
    with duckdb.connect(":memory:") as con:
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(path)])
        con.execute("USE w")
        return con.execute(sql, list(params)).fetchall()


# --------------------------------------------------------------------------- reading

def test_each_line_becomes_an_external_fact_with_its_page_and_quote(tmp_path):
    (tmp_path / "pages.jsonl").write_text(lines(PAGE, dict(PAGE, city="潍坊市", year=2022, value=540)),
                                          encoding="utf-8")
    read = read_external([tmp_path / "pages.jsonl"], metrics=METRICS, cities=CITIES)
    assert read.problems == []
    first, second = read.facts
    assert (first["kind"], first["report_id"], first["city"], first["value"], first["unit"]) == \
        ("external", None, "潍坊", 560.0, "件")
    assert (first["source_url"], first["source_title"], first["source_published"], first["quote"]) == \
        ("https://example.org/weifang-2023", "潍坊政协网", "2024-01-20", "立案提案560件")
    assert second["city"] == "潍坊"                    # a full name is read as the short one
    assert first["fact_id"] != second["fact_id"] and first["fact_id"].startswith("external:")


def test_a_bad_line_is_one_message_naming_file_line_and_reason_and_the_others_are_kept(tmp_path):
    (tmp_path / "pages.jsonl").write_text(lines(
        PAGE,
        "{not json",
        dict(PAGE, city="某市"),
        dict(PAGE, metric="proposals.made_up"),
        dict(PAGE, url=""),
        dict(PAGE, qualifier="roughly"),
        dict(PAGE, value=-3),
        dict(PAGE, year="2023"),
        dict(PAGE, url="ftp://example.org/x"),
        PAGE,                                           # the same figure from the same page again
        "",
        dict(PAGE, year=2021),
    ), encoding="utf-8")
    read = read_external([tmp_path / "pages.jsonl"], metrics=METRICS, cities=CITIES)
    assert [f["year"] for f in read.facts] == [2023, 2021]
    assert read.problems == [
        "pages.jsonl:2: not JSON (Expecting property name enclosed in double quotes)",
        "pages.jsonl:3: unknown city '某市' (not in data/cities.csv or data/external/committees.csv)",
        "pages.jsonl:4: unknown metric 'proposals.made_up'",
        "pages.jsonl:5: missing url",
        "pages.jsonl:6: unknown qualifier 'roughly' (one of exact, at_least, about, at_most)",
        "pages.jsonl:7: value -3 is not a number",
        "pages.jsonl:8: year '2023' is not a year",
        "pages.jsonl:9: url 'ftp://example.org/x' is not a web address",
        "pages.jsonl:10: the same figure from the same page is listed twice; kept the first",
    ]
    assert all("\n" not in p for p in read.problems)


# --------------------------------------------------------------------------- the build

@pytest.fixture
def page_folder(tmp_path) -> Path:
    """Published figures: one that disagrees with 潍坊's report (571 filed in 2023), one that
    agrees with it (620 submitted), one the reports lack, a county from committees.csv."""
    folder = tmp_path / "external"
    folder.mkdir()
    (folder / "pages.jsonl").write_text(lines(
        PAGE,
        dict(PAGE, metric="proposals.submitted", value=620, quote="收到提案620件"),
        dict(PAGE, year=2019, value=500, quote="立案提案500件"),
        dict(PAGE, city="某县", year=2023, value=90, quote="立案90件"),
    ), encoding="utf-8")
    (folder / "committees.csv").write_text(
        "name,full_name,pinyin,english,province,level,parent\n"
        "某县,某县,Mouxian,Mouxian,山东,county,潍坊\n"
        "潍坊,潍坊市,Weifang,Weifang,山东,prefecture,\n", encoding="utf-8")   # already known: skipped
    return folder


def report_facts(path: Path) -> list[tuple]:
    return query(path, "SELECT * EXCLUDE (source_title, source_published) FROM facts "
                       "WHERE report_id IS NOT NULL ORDER BY fact_id")


def test_the_bundled_reports_facts_are_the_same_with_or_without_published_figures(tmp_path, page_folder):
    build_into(tmp_path / "without")
    log: list[str] = []
    build_into(tmp_path / "with", external=page_folder, log=log.append)
    without, with_pages = tmp_path / "without" / "warehouse.duckdb", tmp_path / "with" / "warehouse.duckdb"
    assert report_facts(with_pages) == report_facts(without) and len(report_facts(without)) > 30
    assert query(with_pages, "SELECT count(*) FROM facts WHERE kind = 'external'") == [(4,)]
    assert any("某县" not in line and "潍坊 is already in the city table" in line for line in log)
    assert query(with_pages, "SELECT level, parent FROM cities WHERE name = '某县'") == [("county", "潍坊")]


def test_the_reports_figure_wins_and_the_disagreement_is_a_conflict_on_record(tmp_path, page_folder):
    build_into(tmp_path, external=page_folder)
    wh = tmp_path / "warehouse.duckdb"
    chosen = query(wh, "SELECT value, kind, has_conflict FROM metric_values WHERE city = '潍坊' AND year = 2023 "
                       "AND metric = 'proposals.filed' AND scope = 'committee' AND period = 'year'")
    assert chosen == [(571.0, "stated", True)]
    pairs = query(wh, "SELECT value_a, value_b, kind_a, kind_b, url_a, url_b FROM conflicts "
                      "WHERE city = '潍坊' AND year = 2023 AND metric = 'proposals.filed'")
    assert [sorted([(a, ka, ua), (b, kb, ub)], key=str) for a, b, ka, kb, ua, ub in pairs] == \
        [[(560.0, "external", "https://example.org/weifang-2023"), (571.0, "stated", None)]]
    [(message, message_zh)] = query(wh, "SELECT message, message_zh FROM data_quality "
                                        "WHERE check_name = 'source_conflict'")
    assert "571" in message and "560" in message and "https://example.org/weifang-2023" in message
    assert "report's figure is shown" in message and "默认采用报告数字" in message_zh
    # agreeing and new figures: no conflict; the page's figure shows where the reports are silent
    assert query(wh, "SELECT value, kind, source_url FROM metric_values WHERE city = '潍坊' AND year = 2019 "
                     "AND metric = 'proposals.filed'") == [(500.0, "external", "https://example.org/weifang-2023")]
    assert query(wh, "SELECT has_conflict FROM metric_values WHERE city = '潍坊' AND year = 2023 "
                     "AND metric = 'proposals.submitted'") == [(False,)]


def test_etl_check_reports_every_conflict_between_a_report_and_a_published_figure(tmp_path, page_folder):
    data = make_data_dir(tmp_path)
    shutil.copytree(page_folder, data / "external")
    env = dict(os.environ, ZX_DATA_DIR=str(data), ZX_WAREHOUSE=str(data / "warehouse.duckdb"))
    run = lambda *a: subprocess.run([sys.executable, "-m", "etl", *a], cwd=paths.ROOT, env=env,  # noqa: E731
                                    capture_output=True, text=True)
    assert run("build").returncode == 0
    done = run("check")
    assert "source_conflict (1)" in done.stdout, done.stdout
    [line] = [ln for ln in done.stdout.splitlines() if "https://example.org/weifang-2023" in ln]
    assert "潍坊 2023" in line and "571" in line and "560" in line
    # a bad line in the published figures: named by `check`, the rest still read
    with open(data / "external" / "pages.jsonl", "a", encoding="utf-8") as fh:
        fh.write("{broken\n")
    done = run("check")
    assert "pages.jsonl:5: not JSON" in done.stdout and "source_conflict (1)" in done.stdout


# --------------------------------------------------------------------------- the shipped data

@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    """The bundled reports, the real decisions and the real published figures."""
    folder = tmp_path_factory.mktemp("shipped")
    log: list[str] = []
    build(paths.REPORTS, warehouse=folder / "warehouse.duckdb", curation=paths.CURATION / "decisions.csv",
          cities=paths.CITIES, external=paths.EXTERNAL, log=log.append)
    assert not [line for line in log if "external" in line and "warning" in line], log
    return folder / "warehouse.duckdb"


def test_every_published_line_is_loaded(shipped):
    n_lines = sum(1 for p in sorted(paths.EXTERNAL.glob("*.jsonl"))
                  for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
    assert query(shipped, "SELECT count(*) FROM facts WHERE kind = 'external'") == [(n_lines,)]
    assert query(shipped, "SELECT count(*) FROM facts WHERE kind = 'external' AND (quote IS NULL "
                          "OR source_url IS NULL)") == [(0,)]


def test_the_shipped_data_compares_enough_committees(shipped):
    [(committees,)] = query(shipped, "SELECT count(DISTINCT city) FROM metric_values")
    assert committees >= 60
    best = query(shipped, """
        SELECT v.year, count(DISTINCT v.city) FROM metric_values v JOIN cities c ON c.name = v.city
        WHERE v.metric = 'proposals.filed' AND v.period = 'year' AND v.scope = 'committee'
          AND c.level = 'prefecture' GROUP BY v.year ORDER BY 2 DESC, 1 DESC LIMIT 1""")
    assert best[0][1] >= 10
    [(with_trend,)] = query(shipped, """
        SELECT count(*) FROM (SELECT v.city FROM metric_values v JOIN cities c ON c.name = v.city
        WHERE v.metric = 'proposals.filed' AND v.period = 'year' AND v.scope = 'committee'
          AND c.level = 'prefecture' GROUP BY v.city HAVING count(DISTINCT v.year) >= 3)""")
    assert with_trend >= 6


def test_every_value_knows_its_committees_level_and_a_county_or_district_its_parent(shipped):
    assert query(shipped, "SELECT DISTINCT v.city FROM metric_values v LEFT JOIN cities c ON c.name = v.city "
                          "WHERE c.level IS NULL") == []
    assert query(shipped, "SELECT DISTINCT v.city FROM metric_values v JOIN cities c ON c.name = v.city "
                          "WHERE c.level IN ('county', 'district') AND coalesce(c.parent, '') = ''") == []
    assert query(shipped, "SELECT level, parent FROM cities WHERE name IN ('邹城', '大理市') ORDER BY name") == \
        [("county", "大理"), ("county", "济宁")]


def test_the_shipped_reports_facts_are_those_of_a_build_without_published_figures(shipped, tmp_path):
    build(paths.REPORTS, warehouse=tmp_path / "warehouse.duckdb", curation=paths.CURATION / "decisions.csv",
          cities=paths.CITIES, external=tmp_path / "none", log=quiet)
    assert report_facts(shipped) == report_facts(tmp_path / "warehouse.duckdb")


def test_two_pages_that_disagree_are_a_conflict_naming_each_page(tmp_path):
    from etl import checks

    (tmp_path / "pages.jsonl").write_text(lines(PAGE, dict(PAGE, value=575, url="https://example.org/other")),
                                          encoding="utf-8")
    read = read_external([tmp_path / "pages.jsonl"], metrics=METRICS, cities=CITIES)
    [row] = checks.conflicts(read.facts, [], load_catalogue())
    assert row["check_name"] == "conflict"
    assert "560: https://example.org/weifang-2023" in row["message"] and "575: https://example.org/other" in row["message"]
