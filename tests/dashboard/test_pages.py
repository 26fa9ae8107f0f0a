"""Every page, run with streamlit.testing's AppTest on the fixture warehouse."""
from __future__ import annotations

import io
import os
import shutil
import threading

import duckdb
import filelock
import pandas as pd
import pytest

from dashboard.pages import PAGES
from etl import export, paths
from etl.schema import SCHEMA_VERSION, built_schema
from etl.warehouse import lock_path
from helpers import ROOT, cards, chart_titles, drawn_bars, figures, open_page, texts, widget

pytestmark = pytest.mark.usefixtures("dash_env")


# --------------------------------------------------------------------------- every page

def test_every_page_file_is_registered_once():
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "dashboard" / "pages").glob("*.py")
                   if p.name != "__init__.py")
    assert sorted(p.file for p in PAGES) == files
    assert len({p.slug for p in PAGES}) == len(PAGES)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", [p.slug for p in PAGES])
def test_every_page_renders_without_exceptions_or_warnings(page, lang):
    at = open_page(page, {"lang": lang})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning and not at.error
    assert at.title[0].value


def test_chinese_by_default_and_english_a_switch_away():
    at = open_page("compare")
    assert at.title[0].value == "城市对比"
    assert widget(at, "selectbox", "指标").format_func("proposals.filed") == "提案 · 立案数"
    widget(at, "radio", "语言 / Language").set_value("en").run()
    assert at.title[0].value == "Compare cities"
    assert widget(at, "selectbox", "Metric").format_func("proposals.filed") == "Proposals · Proposals filed"
    assert figures(at)[0].layout.yaxis.title.text == "Proposals filed (items)"
    assert at.query_params["lang"] == "en"


# --------------------------------------------------------------------------- overview

def test_overview_cards_name_the_leader_its_value_and_coverage_never_a_sum_or_median():
    at = open_page("overview", {"year": "2023"})
    assert cards(at) == {"参与比较的委员会": "3", "立案数最多": "潍坊 571件",
                         "满意率最高": "淄博、潍坊", "采用信息数最多": "潍坊 460件"}
    assert {m.delta for m in at.metric} == {"2023年"}
    notes = [c.value for c in at.caption][1:4]             # after the note on the default year
    assert notes == ["2023年；3市中3市有此数据", "2023年；3市中2市有此数据；顺序不确定：淄博 100%、潍坊 99%以上",
                         "2023年；3市中3市有此数据"]
    assert not any(word in m.label + m.value for m in at.metric for word in ("合计", "中位数"))
    widget(at, "selectbox", "年份").set_value(2022).run()
    assert cards(at) == {"参与比较的委员会": "2", "立案数最多": "潍坊 540件", "满意率": "潍坊 98%",
                         "采用信息数": "潍坊 约420件"}
    assert at.caption[2].value == "2022年；2市中1市有此数据；仅此一市有数据，无从比较"
    assert at.query_params["year"] == "2022"


def test_overview_ranks_every_headline_metric_and_shows_who_leads_where():
    at = open_page("overview", {"year": "2023"})
    filed, satisfaction, adopted, heatmap = figures(at)
    assert list(filed.data[0].y) == ["1. 潍坊", "2. 淄博", "3. 忻州"]
    assert filed.data[0].type == "bar" and filed.layout.xaxis.range[0] == 0      # counts: bars from zero
    assert list(satisfaction.data[0].y) == ["1–2. 淄博", "1–2. 潍坊"]           # ≥99% vs 100%: order unknown
    assert satisfaction.data[0].type == "scatter" and satisfaction.layout.xaxis.range[0] > 90
    assert list(satisfaction.data[0].text) == ["100%", "99%以上"]
    assert list(adopted.data[0].text) == ["460", "近200", "85"]
    titles = chart_titles(at)       # above each chart, where a phone wraps them instead of cutting
    assert titles[0] == ("立案数 · 2023年", "3 个城市")
    assert list(heatmap.data[0].y) == ["潍坊", "淄博", "忻州"]     # by mean scaled position
    assert titles[-1] == ("各城市相对位置 · 潍坊、淄博、忻州 · 2023年", None)
    assert filed.layout.title.text is None
    assert "无此数据：忻州" in texts(at)                             # the peer without a satisfaction rate


def test_overview_province_filter_narrows_every_part():
    at = open_page("overview", {"year": "2023", "province": "山西"})
    assert cards(at)["参与比较的委员会"] == "1"
    assert list(figures(at)[0].data[0].y) == ["1. 忻州"]


# --------------------------------------------------------------------------- compare

def test_compare_draws_yearly_values_with_qualifiers_and_lists_gaps_and_term_figures_apart():
    at = open_page("compare", {"metric": "proposals.filed", "cities": ["淄博", "忻州"], "years": ["2022", "2023"]})
    [fig] = figures(at)
    assert drawn_bars(fig) == {("淄博", "2022"): 450, ("淄博", "2023"): 480, ("忻州", "2023"): 374}
    assert "2300" not in str([t.text for t in fig.data])          # the whole-term figure is not a bar
    assert chart_titles(at) == [("立案数 · 淄博、忻州 · 2022–2023年", None)]
    assert "以下城市/年份没有此项数字（图中留空，不是零）：忻州 2022" in texts(at)
    term, yearly = [d.value for d in at.dataframe]      # the chart's own table waits in its tab
    at.session_state["tabs:compare"] = "表格"
    at.run()
    drawn = at.dataframe[0].value
    assert drawn[["城市", "年份", "数值"]].values.tolist() == [["淄博", 2022, 450], ["忻州", 2023, 374],
                                                                ["淄博", 2023, 480]]
    assert not figures(at)                               # only the open tab is drawn
    assert term[["city", "year", "shown", "period"]].values.tolist() == [["淄博", 2023, "2300件", "整届任期"]]
    assert yearly["shown"].tolist() == ["450件", "374件", "480件"]


def test_compare_filters_change_what_is_drawn():
    at = open_page("compare", {"metric": "proposals.filed", "cities": ["淄博"], "years": ["2023"]})
    assert drawn_bars(figures(at)[0]) == {("淄博", "2023"): 480}
    widget(at, "selectbox", "指标").set_value("info.collected").run()
    widget(at, "multiselect", "城市").select("潍坊").run()
    [fig] = figures(at)
    assert drawn_bars(fig) == {("淄博", "2023"): 4300, ("潍坊", "2023"): 6637}
    assert [t.text for t in fig.data if t.type == "bar" and t.text][0] == ("6637", "4300余")
    assert at.query_params["cities"] == ["淄博", "潍坊"] and at.query_params["metric"] == "info.collected"


def test_compare_scope_switch_shows_citywide_figures():
    at = open_page("compare", {"metric": "consultation.activities", "cities": ["潍坊"], "years": ["2023"]})
    assert drawn_bars(figures(at)[0]) == {("潍坊", "2023"): 37}
    widget(at, "radio", "统计口径").set_value("citywide").run()
    assert drawn_bars(figures(at)[0]) == {("潍坊", "2023"): 60}
    assert [t.text for t in figures(at)[0].data if t.type == "bar" and t.text][0] == ("60余",)


def test_compare_derived_values_are_hatched_and_named_in_the_legend():
    at = open_page("compare", {"metric": "info.adopted", "cities": ["菏泽", "潍坊"], "years": ["2023", "2024"]})
    [fig] = figures(at)
    [heze] = [t for t in fig.data if t.type == "bar" and list(t.x) == ["菏泽"]]
    assert list(heze.marker.pattern.shape) == ["/"] and list(heze.customdata[0])[2] == "计算所得"
    assert "计算所得" in [t.name for t in fig.data]


# --------------------------------------------------------------------------- trends

def test_trends_break_lines_where_a_year_is_missing():
    at = open_page("trends", {"metric": "proposals.filed", "cities": ["潍坊", "菏泽"]})
    [fig] = figures(at)
    lines = {t.name: list(t.y) for t in fig.data}
    assert lines == {"潍坊": [540, 571, None], "菏泽": [None, None, 560]}
    assert all(t.connectgaps is False for t in fig.data)
    assert chart_titles(at) == [("立案数 历年走势 · 潍坊、菏泽 · 2022–2024年", None)]


# --------------------------------------------------------------------------- city profile

def test_city_profile_shows_figures_by_year_ranks_and_reports():
    at = open_page("city", {"city": "淄博", "year": "2023"})
    ranks, by_year, details = (d.value for d in at.dataframe)
    assert ranks.values.tolist() == [["立案数", "480", "第2名 / 共3市"], ["满意率", "100%", "第1–2名 / 共2市"],
                                     ["收集信息数", "4300余", "第2名 / 共3市"], ["采用信息数", "近200", "第2名 / 共3市"]]
    assert "2023 年在比较范围内的排名（3 个城市）" in [h.value for h in at.subheader]
    # the city's metrics over the years, next to its peers' median
    [fig] = figures(at)
    zibo = [t for t in fig.data if t.name == "淄博" and t.mode == "lines+markers"]
    assert [list(t.y) for t in zibo] == [[450, 480], [None, 100], [None, 4300], [None, 200]]
    medians = [t for t in fig.data if t.legendgroup == "median"]
    assert list(medians[0].x) == [2022, 2023] and list(medians[0].y) == [540, 472.5]   # 潍坊 540; 潍坊 571 忻州 374
    at.session_state["tabs:city"] = "表格"
    at.run()
    assert len(at.dataframe[1].value) == 5          # the chart's table: its five committee figures
    assert by_year.loc["立案数"].tolist() == ["450件", "480件"]
    assert len(details) == 6 and "整届任期" in details["period"].tolist()
    [report] = at.expander
    assert "2023 淄博政协这一年" in report.label
    assert "<script>alert('x')</script>" in report.text[0].value      # st.text: shown, never run


def test_city_profile_ranks_among_the_cities_chosen_elsewhere():
    at = open_page("compare", {"cities": ["淄博", "忻州"], "years": ["2023"]})
    at.switch_page("dashboard/pages/city.py").run()
    ranks = at.dataframe[0].value
    assert ranks.values.tolist()[0] == ["立案数", "480", "第1名 / 共2市"]


def test_city_profile_ranks_nothing_against_itself():
    at = open_page("compare", {"cities": ["菏泽"], "years": ["2024"]})
    at.switch_page("dashboard/pages/city.py").run()
    ranks = at.dataframe[0].value
    assert "共1市" not in str(ranks.values.tolist()) and "1 / 1" not in str(ranks.values.tolist())
    assert ranks.values.tolist()[0][2] == "仅一市有数据"


# --------------------------------------------------------------------------- explorer

def read_back(name: str, data: bytes) -> pd.DataFrame:
    if name.endswith(".csv"):
        return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    if name.endswith(".xlsx"):
        return pd.read_excel(io.BytesIO(data))
    return pd.read_parquet(io.BytesIO(data))


def test_explorer_downloads_are_exactly_the_filtered_rows(dash_downloads, dash_con):
    at = open_page("explorer", {"years": "2023", "cities": ["潍坊", "淄博"], "kinds": "stated"})
    table = at.dataframe[0].value
    expected = export.values_frame(dash_con, ["潍坊", "淄博"], [2023], None)
    expected = expected[expected["kind"] == "stated"].reset_index(drop=True)
    assert len(table) == len(expected) == 13
    # shown for people: the same rows, codes as words, the analysts' notes left to the download
    assert table[["year", "metric", "value"]].values.tolist() == expected[["year", "metric", "value"]].values.tolist()
    assert set(table["qualifier"]) <= {"确数", "以上/余", "约数", "近/不足"} and set(table["scope"]) == {"市政协", "全市各级政协"}
    assert set(table["kind"]) == {"报告原文"} and "note" not in table.columns
    assert "None" not in table.astype(str).values
    names = sorted(dash_downloads)
    assert names == ["zhengxie_metric_values_2023_潍坊-淄博.csv", "zhengxie_metric_values_2023_潍坊-淄博.parquet",
                     "zhengxie_metric_values_2023_潍坊-淄博.xlsx"]
    csv = dash_downloads[names[0]]()
    assert csv == export.to_csv_bytes(expected) and csv.startswith("\ufeff".encode())
    for name in names:
        back = read_back(name, dash_downloads[name]())
        assert back[["city", "year", "metric", "value", "qualifier"]].values.tolist() == \
            expected[["city", "year", "metric", "value", "qualifier"]].values.tolist(), name


def test_explorer_filters_narrow_the_table(dash_downloads):
    at = open_page("explorer", {"years": ["2022", "2023", "2024"]})
    assert len(at.dataframe[0].value) == 27
    dash_downloads.clear()
    widget(at, "multiselect", "省份").select("山西").run()
    assert set(at.dataframe[0].value["city"]) == {"忻州"}
    assert sorted(dash_downloads)[0] == "zhengxie_metric_values_2022-2024_忻州.csv"
    widget(at, "multiselect", "类别").select("info").run()
    assert at.dataframe[0].value["metric"].tolist() == ["info.collected", "info.adopted"]
    widget(at, "multiselect", "数值来源").select("curated").run()
    assert at.dataframe[0].value.empty


# --------------------------------------------------------------------------- sources

def test_sources_highlight_every_figure_and_show_a_report_with_script_escaped():
    at = open_page("sources", {"report": "zb2023.txt"})
    report = [m.value for m in at.markdown if 'class="zx-report"' in m.value][-1]
    assert "<script" not in report
    assert "&#60;script&#62;alert&#40;&#39;x&#39;&#41;&#60;/script&#62;" in report
    assert report.count('<mark id="fact-F') == 5                  # F12–F16, all active
    assert "2023 淄博政协这一年<script>" not in texts(at)          # the title is escaped in captions too


def test_sources_choosing_a_figure_shows_its_sentence_and_outlines_it():
    at = open_page("sources", {"report": "hz2024.txt", "fact": "F21"})
    context, report = [m.value for m in at.markdown if 'class="zx-report"' in m.value]
    assert "立案提案565件" in context and "outline" in context
    assert 'id="fact-F21" style="background:#fde68a;padding:0 2px;border-radius:3px;outline' in report
    assert "(#fact-F21)" in texts(at)                              # the jump link


def test_sources_list_the_numbers_that_were_not_taken():
    at = open_page("sources", {"report": "wf2023.txt"})
    [untaken] = [e for e in at.expander if "未被采用" in e.label]
    assert untaken.label == "原文中未被采用的数字（1）"
    assert "【12期】" in untaken.text[0].value


# --------------------------------------------------------------------------- data quality

def test_quality_shows_coverage_conflicts_side_by_side_checks_and_curation():
    at = open_page("quality")
    coverage = figures(at)[0]
    assert list(coverage.data[0].y)[:1] == ["潍坊"]              # the best-covered city first
    assert "菏泽 · 2024 · 立案数 · 市政协 · 全年" in texts(at)
    assert "立案提案560件" in texts(at) and "立案提案565件" in texts(at)
    assert "**560** · 报告原文 ✓ 图表采用" in texts(at)
    checks, decisions = (d.value for d in at.dataframe)
    assert checks["check_name"].tolist() == ["立案数大于提交数", "数值冲突"]       # in the interface language
    assert decisions["outcome"].tolist() == ["已应用", "已应用", "未找到对应数字"]


# --------------------------------------------------------------------------- URL state

def test_a_link_reproduces_the_view():
    first = open_page("compare", {"metric": "info.collected", "cities": ["潍坊", "忻州"], "years": ["2023"],
                                  "scope": "committee"})
    link = dict(first.query_params)
    again = open_page("compare", link)
    assert drawn_bars(figures(again)[0]) == drawn_bars(figures(first)[0]) == {
        ("潍坊", "2023"): 6637, ("忻州", "2023"): 1800}
    assert again.query_params == link


def test_filters_carry_over_between_pages():
    at = open_page("compare", {"metric": "info.adopted", "cities": ["潍坊", "忻州"]})
    at.switch_page("dashboard/pages/trends.py").run()
    assert widget(at, "multiselect", "城市").value == ["潍坊", "忻州"]
    assert widget(at, "selectbox", "指标").value == "info.adopted"
    at.switch_page("dashboard/pages/explorer.py").run()
    assert set(at.dataframe[0].value["city"]) <= {"潍坊", "忻州"}


@pytest.mark.parametrize("page, query, param, default", [
    ("overview", {"year": "1999"}, "year", "2023"),
    ("compare", {"metric": "no.such.metric"}, "metric", "proposals.filed"),
    ("compare", {"cities": ["潍坊", "北京X"]}, "cities", "潍坊"),
    ("explorer", {"kinds": "guessed"}, "kinds", None),
    ("sources", {"report": "../../etc/passwd"}, "report", "hz2024.txt"),
    ("city", {"lang": "fr"}, "lang", "zh"),
])
def test_invalid_url_values_are_ignored_with_a_notice(page, query, param, default):
    at = open_page(page, query)
    assert not at.exception
    [notice] = at.warning
    assert f"链接参数 {param} 中的无效值已忽略" in notice.value
    assert at.query_params.get(param) == default


# --------------------------------------------------------------------------- the warehouse file

def test_a_rebuilt_warehouse_is_read_without_restarting(tmp_path, monkeypatch, dash_warehouse):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(dash_warehouse, path)
    monkeypatch.setattr(paths, "WAREHOUSE", path)
    at = open_page("overview", {"year": "2023"})
    assert cards(at)["立案数最多"] == "潍坊 571件"
    rebuilt = tmp_path / "warehouse.duckdb.tmp-1"
    shutil.copy(dash_warehouse, rebuilt)
    with duckdb.connect(str(rebuilt)) as con:
        con.execute("UPDATE facts SET value = 600 WHERE fact_id = 'F05'")   # 潍坊 2023 filed: 571 -> 600
    rebuilt.replace(path)                                                    # the builder's atomic swap
    at.run()
    assert cards(at)["立案数最多"] == "潍坊 600件"


def test_a_missing_warehouse_is_built_by_the_app(tmp_path, monkeypatch):
    path = tmp_path / "warehouse.duckdb"
    monkeypatch.setattr(paths, "WAREHOUSE", path)
    at = open_page("overview")
    assert not at.exception and not at.error
    assert path.is_file()
    assert int(cards(at)["参与比较的委员会"]) >= 1


def test_a_warehouse_built_by_another_version_is_rebuilt_not_a_missing_column_error(tmp_path, monkeypatch, dash_warehouse):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(dash_warehouse, path)
    with duckdb.connect(str(path)) as con:   # as an older program left it: no schema version, a column fewer
        con.execute("DELETE FROM build_info WHERE key = 'schema_version'")
        con.execute("DROP VIEW metric_values")
        con.execute("CREATE TABLE metric_values AS SELECT 1 AS metric")
    monkeypatch.setattr(paths, "WAREHOUSE", path)
    at = open_page("overview")
    assert not at.exception and not at.error
    assert built_schema(path) == SCHEMA_VERSION
    assert int(cards(at)["参与比较的委员会"]) >= 1


def test_while_another_process_builds_a_missing_warehouse_the_app_waits_for_it(tmp_path, monkeypatch, dash_warehouse):
    path = tmp_path / "warehouse.duckdb"
    monkeypatch.setattr(paths, "WAREHOUSE", path)
    lock = filelock.FileLock(str(lock_path(path)))
    lock.acquire()

    def finish_the_other_build():
        shutil.copy(dash_warehouse, path)
        lock.release()

    threading.Timer(1.5, finish_the_other_build).start()
    at = open_page("overview", {"year": "2023"})
    assert not at.exception and not at.error
    assert cards(at)["立案数最多"] == "潍坊 571件"                 # the other build's warehouse


def test_while_a_build_runs_the_old_warehouse_is_served(tmp_path, monkeypatch, dash_warehouse):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(dash_warehouse, path)
    (tmp_path / f"warehouse.duckdb.tmp-{os.getpid()}").write_bytes(b"half written")   # a live builder
    monkeypatch.setattr(paths, "WAREHOUSE", path)
    with filelock.FileLock(str(lock_path(path))):
        at = open_page("overview", {"year": "2023"})
    assert cards(at)["立案数最多"] == "潍坊 571件"
    assert "数据仓库正在重建，暂时显示旧版本数据。" in texts(at)
