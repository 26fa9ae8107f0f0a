"""What leaders see is guarded: implausible values are held until an analyst confirms
them, added reports wait for an editor's review, exports are inert, and the same report in
another encoding or format is a duplicate."""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys

import duckdb
import openpyxl
import pandas as pd
import pytest

from etl import paths
from etl.add import AddError, prepare, save
from etl.export import inert, to_csv_bytes, to_xlsx_bytes
from etl.holds import plausible_bounds
from etl.review import ReviewError, decide, with_review
from etl.warehouse import build
from tests.conftest import DECISIONS_CSV, copy_reports, quiet

IMPLAUSIBLE = ("日照市政协2024年工作报告\n一年来，市政协共收到提案338件，经审查立案50000件，"
               "所有提案均已办复，满意率达150%。\n")
RIZHAO = ("日照市政协2024年工作报告\n2025-01-10\n"
          "一年来，市政协共收到提案338件，经审查立案323件，所有提案均已办复，满意率达98.6%。\n")


def rows(warehouse, sql, *params):
    with duckdb.connect(":memory:") as con:
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(warehouse)])
        con.execute("USE w")
        return con.execute(sql, params).fetchall()


@pytest.fixture
def site(tmp_path):
    reports = copy_reports(tmp_path)
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(DECISIONS_CSV, encoding="utf-8")
    site = {"reports": reports, "curation": decisions, "warehouse": tmp_path / "warehouse.duckdb"}
    build(reports, warehouse=site["warehouse"], curation=decisions, cities=paths.CITIES, log=quiet)
    return site


def rebuild(site, **kw):
    return build(site["reports"], warehouse=site["warehouse"], curation=site["curation"], cities=paths.CITIES,
                 log=quiet, **kw)


# ----------------------------------------------------------------------------- implausible values


def test_every_metric_has_plausible_bounds_in_the_catalogue_and_rates_stop_at_100():
    from etl.catalogue import load_catalogue

    bounds = plausible_bounds()
    catalogue = load_catalogue()
    assert set(bounds) == {m.id for m in catalogue.metrics}
    assert all(bounds[m.id] == (0, 100) for m in catalogue.metrics if m.unit == "%")


def test_a_rate_over_100_and_an_impossible_count_are_held_until_confirmed(site):
    (site["reports"] / "rizhao.txt").write_text(IMPLAUSIBLE, encoding="utf-8")
    with open(site["reports"] / "manifest.csv", "a", encoding="utf-8") as fh:
        fh.write("rizhao.txt,日照,山东,prefecture,2024,work_report,日照市政协2024年工作报告,,,2025-01\n")
    summary = rebuild(site)
    assert summary.held == 2
    held = dict(rows(site["warehouse"], "SELECT metric, status FROM facts WHERE report_id = 'rizhao.txt'"))
    assert held["proposals.satisfaction_rate"] == held["proposals.filed"] == "held"
    assert held["proposals.submitted"] == "active"
    shown = {m for (m,) in rows(site["warehouse"], "SELECT metric FROM metric_values WHERE city = '日照'")}
    assert "proposals.satisfaction_rate" not in shown and "proposals.filed" not in shown
    assert "proposals.filing_rate" not in shown                       # nothing derived from a held figure
    assert "proposals.submitted" in shown
    [(message,)] = rows(site["warehouse"], "SELECT message_zh FROM data_quality WHERE check_name = "
                        "'implausible_value' AND metric = 'proposals.satisfaction_rate'")
    assert "超出合理范围0–100" in message and "confirm" in message

    [(fact_id,)] = rows(site["warehouse"], "SELECT fact_id FROM facts WHERE report_id = 'rizhao.txt' "
                        "AND metric = 'proposals.satisfaction_rate'")
    with open(site["curation"], "a", encoding="utf-8") as fh:
        fh.write(f"ok-150,confirm,{fact_id},rizhao.txt,proposals.satisfaction_rate,,,,,150,,,,checked: as printed\n")
    rebuild(site)
    assert rows(site["warehouse"], "SELECT value FROM metric_values WHERE city = '日照' "
                "AND metric = 'proposals.satisfaction_rate'") == [(150.0,)]


# ----------------------------------------------------------------------------- review


def test_an_added_report_is_pending_then_approved_or_rejected(site):
    p = prepare("rizhao.txt", RIZHAO.encode("utf-8"), reports_dir=site["reports"], warehouse=site["warehouse"])
    save(p, reports_dir=site["reports"], curation=site["curation"], warehouse=site["warehouse"], log=quiet)
    query = "SELECT value, provenance FROM metric_values WHERE city = '日照' AND metric = 'proposals.filed'"
    assert rows(site["warehouse"], query) == []
    assert rows(site["warehouse"], "SELECT check_name, severity FROM data_quality WHERE report_id = 'rizhao.txt'"
                ) == [("pending_review", "info")]
    with pytest.raises(ReviewError, match="not in the manifest"):
        decide("nothere.txt", "approve", reports_dir=site["reports"], curation=site["curation"],
               warehouse=site["warehouse"], log=quiet)
    decide("rizhao.txt", "approve", by="王编辑", reports_dir=site["reports"], curation=site["curation"],
           warehouse=site["warehouse"], log=quiet)
    assert rows(site["warehouse"], query) == [(323.0, "user")]
    assert rows(site["warehouse"], "SELECT origin, review FROM reports WHERE report_id = 'rizhao.txt'"
                ) == [("user", "approved")]
    with pytest.raises(ReviewError, match="not awaiting review"):
        decide("rizhao.txt", "reject", reports_dir=site["reports"], curation=site["curation"],
               warehouse=site["warehouse"], log=quiet)
    # the bundled reports stay 报告原文, the dev corpus figures 外部来源
    assert dict(rows(site["warehouse"], "SELECT provenance, count(*) > 0 FROM metric_values GROUP BY 1")) == {
        "report": True, "user": True, "external": True}


def test_a_rejected_report_is_never_shown(site):
    p = prepare("rizhao.txt", RIZHAO.encode("utf-8"), reports_dir=site["reports"])
    save(p, reports_dir=site["reports"], curation=site["curation"], warehouse=site["warehouse"], log=quiet)
    decide("rizhao.txt", "reject", reports_dir=site["reports"], curation=site["curation"],
           warehouse=site["warehouse"], log=quiet)
    assert rows(site["warehouse"], "SELECT count(*) FROM metric_values WHERE city = '日照'") == [(0,)]
    assert {s for (s,) in rows(site["warehouse"], "SELECT status FROM facts WHERE report_id = 'rizhao.txt'")} == {
        "rejected"}


def test_with_review_sets_one_row_and_widens_an_old_manifest():
    text = "file,city,year\na.txt,日照,2024\nb.txt,临沂,2024\n"
    out = list(csv.DictReader(io.StringIO(with_review(text, "b.txt", "approved", "王"))))
    assert [(r["file"], r["review"], r["reviewed_by"]) for r in out] == [("a.txt", "", ""), ("b.txt", "approved", "王")]


def test_the_review_command_lists_and_approves(site, tmp_path):
    p = prepare("rizhao.txt", RIZHAO.encode("utf-8"), reports_dir=site["reports"])
    save(p, reports_dir=site["reports"], curation=site["curation"], warehouse=site["warehouse"], log=quiet)
    data = tmp_path / "data"
    data.mkdir()
    os.replace(site["reports"], data / "reports")
    (data / "curation").mkdir()
    os.replace(site["curation"], data / "curation" / "decisions.csv")
    shutil.copytree(paths.EXTERNAL, data / "external")  # the site was built with these and the city table
    shutil.copy(paths.CITIES, data / "cities.csv")
    env = dict(os.environ, ZX_DATA_DIR=str(data), ZX_WAREHOUSE=str(site["warehouse"]))

    def etl(*args):
        return subprocess.run([sys.executable, "-m", "etl", "review", *args], cwd=paths.ROOT, env=env,
                              capture_output=True, text=True, timeout=120)

    listed = etl()
    assert listed.returncode == 0 and listed.stdout.startswith("rizhao.txt\t日照\t2024")
    approved = etl("--approve", "rizhao.txt", "--by", "王编辑")
    assert approved.returncode == 0, approved.stderr
    assert "0 report(s) awaiting review" in etl().stderr


# ----------------------------------------------------------------------------- duplicates by content


@pytest.mark.parametrize("encode", [
    lambda text: text.encode("utf-32"),
    lambda text: text.encode("utf-16"),
    lambda text: text.encode("gb18030"),
    lambda text: text.encode("utf-8").replace("立案".encode(), b"\x00" + "立案".encode(), 1),
    lambda text: ("<html><body><p>" + text.replace("\n", "</p><p>") + "</p></body></html>").encode("utf-8"),
], ids=["utf-32", "utf-16", "gb18030", "one-nul", "html"])
def test_the_same_text_in_another_encoding_or_format_is_a_duplicate(site, encode):
    p = prepare("rizhao.txt", RIZHAO.encode("utf-8"), reports_dir=site["reports"])
    save(p, reports_dir=site["reports"], curation=site["curation"], warehouse=site["warehouse"], log=quiet)
    with pytest.raises(AddError, match="the same text is already there as rizhao.txt"):
        prepare("again.txt", encode(RIZHAO), reports_dir=site["reports"], warehouse=site["warehouse"])


def test_a_docx_copy_of_a_report_is_a_duplicate(site, tmp_path):
    import docx

    document = docx.Document()
    for line in RIZHAO.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    p = prepare("rizhao.txt", RIZHAO.encode("utf-8"), reports_dir=site["reports"])
    save(p, reports_dir=site["reports"], curation=site["curation"], warehouse=site["warehouse"], log=quiet)
    with pytest.raises(AddError, match="already there as rizhao.txt"):
        prepare("rizhao.docx", buffer.getvalue(), reports_dir=site["reports"], warehouse=site["warehouse"])


# ----------------------------------------------------------------------------- inert exports


FORMULA_TITLE = '=HYPERLINK("http://x", "点击查看")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_cell_that_starts_like_a_formula_is_neutralised(start):
    assert inert(start + "1+1") == "'" + start + "1+1"
    assert inert("潍坊") == "潍坊" and inert(-3.5) == -3.5


def test_a_formula_from_report_text_is_inert_in_csv_and_xlsx():
    frame = pd.DataFrame({"source": [FORMULA_TITLE, "潍坊日报"], "quote": ["+86 536", "立案571件"],
                          "value": [-1.0, 571.0]})
    back = pd.read_csv(io.BytesIO(to_csv_bytes(frame)), encoding="utf-8-sig")
    assert list(back["source"]) == ["'" + FORMULA_TITLE, "潍坊日报"]
    assert list(back["quote"]) == ["'+86 536", "立案571件"]
    assert list(back["value"]) == [-1.0, 571.0]                     # numbers stay numbers
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    cells = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert cells[0][0] == "'" + FORMULA_TITLE and sheet["A2"].data_type == "s"
    assert all(not (isinstance(v, str) and v.startswith("=")) for row in cells for v in row)


def test_the_export_command_writes_the_title_inert(site, tmp_path):
    (site["reports"] / "x.txt").write_text(RIZHAO, encoding="utf-8")
    with open(site["reports"] / "manifest.csv", "a", encoding="utf-8") as fh:
        fh.write(f'x.txt,日照,山东,prefecture,2024,work_report,"{FORMULA_TITLE.replace(chr(34), chr(34) * 2)}",,,2025-01\n')
    rebuild(site)
    env = dict(os.environ, ZX_WAREHOUSE=str(site["warehouse"]))
    done = subprocess.run([sys.executable, "-m", "etl", "export", "--city", "日照", "-o", "-"], cwd=paths.ROOT,
                          env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text and '"=HYPERLINK' not in text
