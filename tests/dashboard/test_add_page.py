"""The 添加报告 page, run with AppTest on a data folder of its own per test: files uploaded
through the page's st.file_uploader, checked, saved, and seen on the other pages after the
rebuild; refusals that change nothing; and a rebuild killed midway that the app survives."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import tomllib
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from dashboard import adding, auth, data
from dashboard.labels import md_plain
from etl import add, paths
from etl.warehouse import build
from helpers import ROOT, drawn_bars, figures, new_report, open_page, texts
from tests.conftest import DECISIONS_CSV, build_into, copy_reports, quiet, start_paused_build

RIZHAO = ("日照市政协2024年工作报告\n2025-01-10\n"
          "一年来，市政协共收到提案338件，经审查立案323件，所有提案均已办复，满意率达98.6%。\n"
          "收集社情民意信息1200余篇，被全国政协采用8篇。\n")
HOSTILE = ("日照市政协2024年工作报告\n一年来，市政协共收到提案338件，经审查立案323件。"
           "<script>alert(1)</script>\n<img src=x onerror=alert(2)>被全国政协采用8篇。\n")


@dataclass
class Site:
    data: Path
    reports: Path
    decisions: Path
    warehouse: Path

    def digests(self) -> dict:
        files = [self.warehouse, self.reports / "manifest.csv", self.decisions]
        return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files} | {
            "listing": sorted(p.name for p in self.reports.iterdir())}

    def values(self, sql: str, *params) -> list[tuple]:
        with duckdb.connect(":memory:") as con:   # ATTACH: never a cached instance of an older file
            con.execute("ATTACH ? AS w (READ_ONLY)", [str(self.warehouse)])
            con.execute("USE w")
            return con.execute(sql, params).fetchall()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The bundled reports, the test decisions and the warehouse built from them, once."""
    folder = tmp_path_factory.mktemp("add_site")
    build_into(folder, reports=copy_reports(folder))
    return folder


@pytest.fixture
def site(built_site, tmp_path, monkeypatch) -> Site:
    """A data folder of this test's own, like data/, and the app pointed at it."""
    folder = tmp_path / "data"
    shutil.copytree(built_site / "reports", folder / "reports")
    (folder / "curation").mkdir()
    shutil.copy(built_site / "decisions.csv", folder / "curation" / "decisions.csv")
    shutil.copy(built_site / "warehouse.duckdb", folder / "warehouse.duckdb")
    shutil.copy(paths.CITIES, folder / "cities.csv")
    for name, value in {"DATA": folder, "REPORTS": folder / "reports", "MANIFEST": folder / "reports" / "manifest.csv",
                        "CURATION": folder / "curation", "CITIES": folder / "cities.csv",
                        "WAREHOUSE": folder / "warehouse.duckdb"}.items():
        monkeypatch.setattr(paths, name, value)
    monkeypatch.setattr(auth, "current_editor", lambda: "测试编辑")   # signed in (tests of the sign-in: test_review.py)
    return Site(folder, folder / "reports", folder / "curation" / "decisions.csv", folder / "warehouse.duckdb")


def upload(at, *files: tuple[str, bytes]):
    """Files dropped on the page's uploader, then the run that follows."""
    for name, content in files:
        at.file_uploader[0].upload(name, content, "text/plain")
    return at.run()


def file_ids(at) -> list[str]:
    return [f.file_id for f in at.file_uploader[0].value]


def save_buttons(at) -> list:
    return [b for b in at.button if str(b.key).startswith("add:save:")]


def report_html(at) -> str:
    """The last report text on the page, as the HTML it is rendered from."""
    return [m.value for m in at.markdown if 'class="zx-report"' in m.value][-1]


def link_queries(at) -> dict[str, dict]:
    """page (its URL path) -> query parameters, of each page link on the page."""
    from urllib.parse import parse_qs

    return {link.proto.page: {k: v if len(v) > 1 else v[0] for k, v in parse_qs(link.proto.query_string).items()}
            for link in at.get("page_link")}


def no_trouble(at) -> bool:
    return not at.exception and not at.error


# --------------------------------------------------------------------------- the happy path

def test_an_uploaded_report_is_saved_and_its_figures_are_on_compare_after_the_rebuild(site):
    name, content = new_report()
    assert site.values("SELECT * FROM metric_values WHERE city = '济宁' AND year = 2017") == []
    at = upload(open_page("add_report"), (name, content))
    assert no_trouble(at), [e.value for e in at.error]
    [fid] = file_ids(at)
    assert at.selectbox(key=f"add:city:{fid}").value == "济宁"
    assert at.selectbox(key=f"add:city:{fid}").label == "城市（自动识别）"
    assert at.number_input(key=f"add:year:{fid}").value == 2017
    assert at.selectbox(key=f"add:level:{fid}").value == "prefecture"
    assert at.text_input(key=f"add:published:{fid}").value == "2018-01-18"
    figures_found = at.data_editor[0].value
    assert {"立案数", "提交提案数"} <= set(figures_found["metric"]) and "696" in set(figures_found["shown"])
    assert figures_found["keep"].all()
    assert report_html(at).count('<mark id="fact-') == len(figures_found)

    save_buttons(at)[0].click().run()
    assert no_trouble(at), [e.value for e in at.error]
    [saved] = at.success
    assert saved.value.startswith(f"已保存为 {md_plain(name)}：")
    assert (site.reports / name).read_bytes() == content
    assert (site.reports / "manifest.csv").read_text(encoding="utf-8").splitlines()[-1].startswith(
        f"{name},济宁,山东,prefecture,2017,")

    links = link_queries(at)
    assert links["compare"] == {"cities": "济宁", "years": "2017", "metric": "proposals.filed",
                                                   "scope": "committee"}
    assert links["sources"] == {"report": name}
    # 待审核: on no leaders' page until an editor approves it on this page
    assert site.values("SELECT * FROM metric_values WHERE city = '济宁' AND year = 2017") == []
    assert at.button(key=f"review:approve:{name}")
    at.button(key=f"review:approve:{name}").click().run()
    assert no_trouble(at) and any(s.value.startswith("已审核通过") for s in at.success)
    compare = open_page("compare", links["compare"])
    assert no_trouble(compare) and not compare.warning
    assert drawn_bars(figures(compare)[0]) == {("济宁", "2017"): 696}
    sources = open_page("sources", links["sources"])
    assert no_trouble(sources) and "696" in report_html(sources)


def test_the_same_session_sees_the_new_report_on_every_page_without_restarting(site):
    name, content = new_report()
    at = open_page("overview", {"year": "2017"})
    at.switch_page("dashboard/pages/add_report.py").run()
    save_buttons(upload(at, (name, content)))[0].click().run()
    assert at.success
    at.button(key=f"review:approve:{name}").click().run()
    at.switch_page("dashboard/pages/compare.py")
    at.query_params = {"cities": "济宁", "years": "2017", "metric": "proposals.filed"}
    at.run()
    assert drawn_bars(figures(at)[0]) == {("济宁", "2017"): 696}


def test_a_corrected_city_and_year_prepare_the_report_again(site):
    at = upload(open_page("add_report"), ("nocity.txt", "本报讯 2024年共收到提案100件，立案90件。".encode("utf-8")))
    [fid] = file_ids(at)
    [refused] = at.error
    assert "原文中没有找到城市，请在上方“城市”中选择" in refused.value and "--city" not in refused.value
    assert at.selectbox(key=f"add:city:{fid}").value is None
    assert at.number_input(key=f"add:year:{fid}").value == 2024        # what was detected is kept
    assert not save_buttons(at)
    at.selectbox(key=f"add:city:{fid}").set_value("日照").run()
    assert no_trouble(at)
    assert at.selectbox(key=f"add:city:{fid}").label == "城市"         # given, no longer guessed
    assert at.selectbox(key=f"add:level:{fid}").value == "prefecture"  # from the city table
    at.number_input(key=f"add:year:{fid}").set_value(2023).run()
    assert at.number_input(key=f"add:year:{fid}").value == 2023
    save_buttons(at)[0].click().run()
    assert at.success
    assert site.values("SELECT value, status FROM facts WHERE city = '日照' AND year = 2023 "
                       "AND metric = 'proposals.filed' AND report_id = 'nocity.txt'") == [(90.0, "pending")]


def test_title_publisher_url_and_date_can_be_corrected_and_reach_the_manifest(site):
    at = upload(open_page("add_report"), ("rizhao.txt", RIZHAO.encode("utf-8")))
    [fid] = file_ids(at)
    assert at.text_input(key=f"add:published:{fid}").value == "2025-01-10"   # from the text
    at.text_input(key=f"add:published:{fid}").set_value("2025-13-01").run()
    assert md_plain("发布日期 2025-13-01 应写作") in at.error[0].value and not save_buttons(at)
    at.text_input(key=f"add:published:{fid}").set_value("2025-01-12").run()
    at.text_input(key=f"add:title:{fid}").set_value("日照市政协常委会工作报告").run()
    at.text_input(key=f"add:source:{fid}").set_value("日照日报").run()
    at.text_input(key=f"add:url:{fid}").set_value("https://example.org/rizhao-2024").run()
    assert no_trouble(at)
    save_buttons(at)[0].click().run()
    assert at.success
    row = (site.reports / "manifest.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert row == ("rizhao.txt,日照,山东,prefecture,2024,,日照市政协常委会工作报告,日照日报,"
                   "https://example.org/rizhao-2024,2025-01-12,user,pending")


# --------------------------------------------------------------------------- refusals change nothing

def test_a_duplicate_is_refused_naming_the_report_already_there_and_nothing_changes(site):
    before = site.digests()
    existing = site.reports / "003_473e228851eed44d.txt"
    at = upload(open_page("add_report"), ("菏泽-copy.txt", existing.read_bytes()))
    assert not at.exception
    [refused] = at.error
    assert refused.value == "未添加：" + md_plain("菏泽-copy.txt：同一份报告已经存在，文件名为 003_473e228851eed44d.txt")
    assert not save_buttons(at) and not at.data_editor
    assert site.digests() == before


def test_a_report_added_in_this_session_is_a_duplicate_the_second_time(site):
    name, content = new_report()
    at = open_page("add_report")
    save_buttons(upload(at, (name, content)))[0].click().run()
    after_first = site.digests()
    upload(at, ("again.txt", content))
    [refused] = at.error
    assert f"已经存在，文件名为 {md_plain(name)}" in refused.value
    assert site.digests() == after_first


def test_a_duplicate_that_arrived_after_the_preview_is_refused_at_save(site):
    name, content = new_report()
    at = upload(open_page("add_report"), (name, content))
    # Meanwhile someone else adds the same report (another session, or the command line).
    add.save(add.prepare("elsewhere.txt", content), log=quiet)
    before = site.digests()
    save_buttons(at)[0].click().run()
    assert not at.exception and not at.success
    [refused] = at.error
    assert "已经存在，文件名为 elsewhere" in refused.value
    assert site.digests() == before


@pytest.mark.parametrize("max_mb", [20, 0.01])
def test_bad_files_get_one_error_line_each_the_good_one_goes_on_and_nothing_changes(site, monkeypatch, max_mb):
    monkeypatch.setattr(paths, "MAX_REPORT_MB", max_mb)
    before = site.digests()
    bad = [("junk.txt", bytes(range(256)) * 20), ("empty.txt", b""),
           ("big.txt", ("日照市政协2024年工作报告。" * 1000).encode("utf-8"))]
    at = upload(open_page("add_report"), *bad, ("rizhao.txt", RIZHAO.encode("utf-8")))
    assert not at.exception
    errors = [e.value for e in at.error]
    expected = {"junk": "not a text", "empty": "empty file"} | ({"big": "文件过大"} if max_mb < 1 else {})
    assert len(errors) == len(expected)
    for stem, reason in expected.items():
        [line] = [e for e in errors if e.startswith("未添加：" + md_plain(f"{stem}.txt："))]
        assert md_plain(reason) in line and "\n" not in line
    assert len(save_buttons(at)) == 4 - len(expected)                    # rizhao (and big) go on
    assert site.digests() == before


def test_the_uploader_takes_report_types_and_the_size_limit_of_the_etl(site):
    at = open_page("add_report")
    [uploader] = at.file_uploader
    assert sorted(uploader.allowed_type) == [".docx", ".htm", ".html", ".pdf", ".txt", "text/plain"]
    assert uploader.accept_multiple_files
    assert uploader.proto.max_upload_size_mb == adding.upload_limit_mb() == 20
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == adding.upload_limit_mb()


# --------------------------------------------------------------------------- ticking

def test_an_unticked_figure_becomes_a_reject_decision_and_is_rejected_in_the_warehouse(site):
    at = upload(open_page("add_report"), ("rizhao.txt", RIZHAO.encode("utf-8")))
    [fid] = file_ids(at)
    table = at.data_editor[0].value
    row = table.index[table["metric"] == "全国政协采用数"][0]
    fact_id = table.loc[row, "fact_id"]
    at.session_state[f"add:facts:{fid}"] = {"edited_rows": {int(row): {"keep": False}}, "added_rows": [],
                                            "deleted_rows": []}
    at.run()
    assert f'<mark id="fact-{fact_id}" style="background:none;border-bottom:2px dotted' in report_html(at)
    save_buttons(at)[0].click().run()
    assert no_trouble(at)
    assert "其中 1 个记为不采用" in at.success[0].value
    assert f"upload-rizhao-1,reject,{fact_id},rizhao.txt,info.adopted_national," in site.decisions.read_text(encoding="utf-8")
    assert site.values("SELECT status FROM facts WHERE fact_id = ?", fact_id) == [("rejected",)]
    assert site.values("SELECT count(*) FROM metric_values WHERE city = '日照' AND metric = 'info.adopted_national'") == [(0,)]
    assert site.values("SELECT value, status FROM facts WHERE city = '日照' AND year = 2024 "
                       "AND metric = 'proposals.filed'") == [(323.0, "pending")]


# --------------------------------------------------------------------------- safety

def test_report_text_and_names_are_shown_escaped_never_as_html(site):
    at = upload(open_page("add_report"), ("<img src=x onerror=alert(3)>.txt", HOSTILE.encode("utf-8")))
    assert no_trouble(at)
    html = report_html(at)
    assert "<script" not in html and "<img" not in html
    assert "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;" in html
    assert "&#60;img src=x onerror=alert&#40;2&#41;&#62;" in html
    assert html.count("<mark ") == len(at.data_editor[0].value) == 2     # the figures are still marked
    shown = "\n".join([texts(at), *[h.value for h in at.subheader]])
    assert "<img" not in shown.replace("\\<img", "")         # the file name: Markdown-escaped


def test_an_unexpected_failure_is_one_error_line_never_a_traceback(site, monkeypatch):
    before = site.digests()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full\nTraceback (most recent call last): ...")

    at = upload(open_page("add_report"), ("rizhao.txt", RIZHAO.encode("utf-8")))
    monkeypatch.setattr("etl.warehouse.build", broken)
    save_buttons(at)[0].click().run()
    assert not at.exception and not at.success
    assert [e.value for e in at.error] == ["未保存，所有文件保持原样：disk full"]
    assert site.digests() == before
    monkeypatch.setattr(adding, "prepare_upload", broken)
    at = upload(open_page("add_report"), ("rizhao.txt", RIZHAO.encode("utf-8")))
    assert not at.exception
    assert [e.value for e in at.error] == ["处理此文件时出错：disk full"]


def test_a_swapped_warehouse_is_new_to_the_caches_even_with_the_same_size_and_time(tmp_path):
    old, new = tmp_path / "warehouse.duckdb", tmp_path / "warehouse.duckdb.tmp-1"
    old.write_bytes(b"a" * 100)
    new.write_bytes(b"b" * 100)
    stat = old.stat()
    os.utime(new, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    before = data.signature(old)
    new.replace(old)
    assert data.signature(old) != before


# --------------------------------------------------------------------------- a rebuild killed midway

NEW_FIGURE = DECISIONS_CSV.replace(
    "t-confirm,confirm,,000_20fc046ed607ab7a.txt,proposals.filed,,,,,571,,,,checked against the paper",
    "t-confirm,correct,,000_20fc046ed607ab7a.txt,proposals.filed,,,,,580,,571,,a newer figure")


def test_a_rebuild_killed_midway_leaves_the_app_serving_the_previous_warehouse(site):
    weifang_2023 = {"metric": "proposals.filed", "cities": "潍坊", "years": "2023"}
    at = open_page("compare", weifang_2023)
    assert drawn_bars(figures(at)[0]) == {("潍坊", "2023"): 571}
    site.decisions.write_text(NEW_FIGURE, encoding="utf-8")
    proc = start_paused_build(site.data, site.warehouse)
    try:
        assert list(site.data.glob("warehouse.duckdb.tmp-*"))     # the new warehouse, half done
        at.run()
        assert no_trouble(at)
        assert drawn_bars(figures(at)[0]) == {("潍坊", "2023"): 571}
        assert "数据仓库正在重建，暂时显示旧版本数据。" in texts(at)
        other = open_page("overview", {"year": "2023"})                   # a new visitor, meanwhile
        assert no_trouble(other) and other.metric
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    at.run()
    assert no_trouble(at)
    assert drawn_bars(figures(at)[0]) == {("潍坊", "2023"): 571}         # the previous warehouse
    assert "数据仓库正在重建" not in texts(at)                          # a leftover, not a build
    build(site.reports, warehouse=site.warehouse, curation=site.decisions, log=quiet)
    at.run()
    assert drawn_bars(figures(at)[0]) == {("潍坊", "2023"): 580}         # the next build, no restart


def test_saving_while_another_build_runs_waits_then_is_refused_and_puts_every_file_back(site, monkeypatch):
    monkeypatch.setattr(add, "WAIT_SECONDS", 0.5)
    at = upload(open_page("add_report"), ("rizhao.txt", RIZHAO.encode("utf-8")))
    proc = start_paused_build(site.data, site.warehouse)
    try:
        before = site.digests()
        save_buttons(at)[0].click().run()
        assert not at.exception and not at.success
        [refused] = at.error
        assert refused.value.startswith("未保存，所有文件保持原样：another build is still running after 0\\.5 s")
        assert site.digests() == before
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()


def test_a_hostile_upload_ends_in_one_line_quickly_and_changes_nothing(site, tmp_path):
    """The page reads uploads with the same limits as the command line, in a child process."""
    import time

    from tests import hostile

    before = site.digests()
    at = open_page("add_report")
    for key in ("nested_html", "docx_bomb", "many_pages_pdf"):
        name, make, reason = hostile.FILES[key]
        at.file_uploader[0].upload(name, make(tmp_path / name).read_bytes(), "application/octet-stream")
    started = time.monotonic()
    at.run(timeout=60)
    assert time.monotonic() - started < 10 * 3
    assert not at.exception and not save_buttons(at)
    errors = [e.value for e in at.error]
    assert len(errors) == 3 and all("\n" not in e for e in errors), errors
    for (name, _, reason), error in zip((hostile.FILES[k] for k in ("nested_html", "docx_bomb", "many_pages_pdf")),
                                        errors):
        assert error.startswith("未添加：") and md_plain(reason) in error, error
    assert site.digests() == before


def test_a_crafted_upload_name_is_one_escaped_error_not_an_exception(site):
    before = site.digests()
    at = upload(open_page("add_report"), ("evil.txt\n.exe", RIZHAO.encode("utf-8")),
                ("bad\x1b[31m.txt", bytes(range(256)) * 8))
    assert not at.exception
    messages = [e.value for e in at.error]
    assert any("bad\\\\x1b\\[31m\\.txt" in m and "not a text" in m for m in messages), messages
    assert all("\x1b" not in m for m in messages)
    assert all("\x1b" not in h.value and "\n" not in h.value for h in at.subheader)
    assert site.digests() == before
