"""Pages compare like with like (AppTest): a county never ranks among prefecture cities unless
the level filter says so, `≥99%` and `99.33%` are no order, no card is a sum, a city alone on a
metric is not coloured as a leader, published figures show their page."""
from __future__ import annotations

import pytest
from conftest import fixture_tables, write_warehouse

from etl import paths
from helpers import cards, figures, open_page, texts, titled_figures, widget

PAGE_URL = "https://example.org/jining-2023"


@pytest.fixture(scope="module")
def peer_warehouse(tmp_path_factory):
    """The fixture warehouse plus 济宁 (a prefecture, one published figure) and 邹城, a
    county-level city under 济宁 whose satisfaction rate is 99.33 % in 2023."""
    tables = fixture_tables()
    tables["cities"] += [
        dict(name="济宁", full_name="济宁市", pinyin="jining", english="Jining", province="山东",
             level="prefecture", parent=None),
        dict(name="邹城", full_name="邹城市", pinyin="zoucheng", english="Zoucheng", province="山东",
             level="county", parent="济宁"),
    ]
    common = dict(report_id=None, unit="%", qualifier="exact", scope="committee", period="year",
                  derived_from=None, start_pos=None, end_pos=None, status="active")
    tables["facts"] += [
        dict(common, fact_id="C02", city="邹城", year=2023, metric="proposals.satisfaction_rate", value=99.33,
             kind="curated", quote=None, sentence=None, rule="curation:D9",
             source_url="https://example.org/zoucheng-2023", note="委员满意率99.33%"),
        dict(common, fact_id="E01", city="济宁", year=2023, metric="proposals.filed", value=696.0, unit="件",
             kind="external", quote="立案696件", sentence="立案696件", rule="external:pages.jsonl:1",
             source_url=PAGE_URL, note="pages.jsonl:1", source_title="济宁政协网", source_published="2024-01-18"),
    ]
    return write_warehouse(tmp_path_factory.mktemp("peers") / "warehouse.duckdb", tables)


@pytest.fixture(autouse=True)
def peers_env(peer_warehouse, monkeypatch):
    monkeypatch.setattr(paths, "WAREHOUSE", peer_warehouse)


def ranking_labels(at, title_start: str) -> list[str]:
    [fig] = [f for title, f in titled_figures(at) if title.startswith(title_start)]
    return list(fig.data[0].y)


def test_a_county_is_not_ranked_among_prefecture_cities_by_default():
    at = open_page("overview", {"year": "2023"})
    assert not at.exception
    assert ranking_labels(at, "满意率") == ["1–2. 淄博", "1–2. 潍坊"]
    assert "邹城" not in str([f.to_dict() for f in figures(at)])
    assert cards(at)["参与比较的委员会"] == "4"                  # 潍坊, 淄博, 忻州, 济宁


def test_with_counties_in_the_filter_the_county_is_ranked_and_labelled_with_its_level_and_parent():
    at = open_page("overview", {"year": "2023"})
    widget(at, "multiselect", "同级比较（委员会级别）").set_value(["prefecture", "county"]).run()
    # 淄博 100 is above 邹城 99.33; 潍坊's 99%以上 could be anywhere from 99 to 100
    assert ranking_labels(at, "满意率") == ["1–2. 淄博", "2–3. 邹城（县级·济宁）", "1–3. 潍坊"]
    assert at.query_params["peers"] == ["prefecture", "county"]


def test_at_least_99_and_99_33_are_shown_as_an_uncertain_order_with_the_range_drawn():
    at = open_page("overview", {"year": "2023", "peers": ["prefecture", "county"]})
    [fig] = [f for title, f in titled_figures(at) if title.startswith("满意率")]
    dots = fig.data[0]
    assert dots.type == "scatter" and list(dots.text) == ["100%", "99.33%", "99%以上"]
    assert list(dots.error_x.array) == pytest.approx([0, 0, 1]) and list(dots.error_x.arrayminus) == [0, 0, 0]
    assert fig.layout.xaxis.title.text == "满意率（%）·自98%起" and fig.layout.xaxis.range[0] == 98  # narrow, labelled
    assert "顺序不确定" in texts(at) and "横轴不从零开始" in texts(at) and "横线表示" in texts(at)


def test_no_headline_card_is_a_sum_or_a_median_across_cities():
    at = open_page("overview", {"year": "2023"})
    filed = {"潍坊": 571, "淄博": 480, "忻州": 374, "济宁": 696}
    assert cards(at)["立案数最多"] == "济宁 696件"
    assert all(str(sum(filed.values())) not in m.value for m in at.metric)
    assert not any(word in f"{m.label}{m.value}{m.delta}" for m in at.metric for word in ("合计", "中位数", "总计"))
    assert "2023年；4市中4市有此数据" in texts(at)


def test_the_default_year_is_the_latest_with_enough_peers_and_the_page_says_why():
    at = open_page("overview")
    assert widget(at, "selectbox", "年份").value == 2023
    assert "默认显示 2023 年：这是至少 4 个同级委员会报告了立案数的最近一年（4 个）。 更晚的年份数据太少：2024（1）。" \
        in texts(at)


def test_each_ranking_names_the_peers_without_the_figure():
    at = open_page("overview", {"year": "2023"})
    assert "无此数据：济宁、忻州" in texts(at)                    # satisfaction rate
    assert "无此数据：济宁" in texts(at)                          # information adopted


def test_a_city_alone_on_a_metric_is_grey_and_says_so_not_coloured_as_a_leader():
    at = open_page("overview", {"year": "2023"})
    heatmap = figures(at)[-1]
    scaled, grey = heatmap.data[0], heatmap.data[1]
    rows, columns = list(scaled.y), list(scaled.x)
    cell = rows.index("潍坊"), columns.index("报送信息数")            # only 潍坊 has info.submitted in 2023
    assert scaled.z[cell[0]][cell[1]] is None
    assert grey.z[cell[0]][cell[1]] == 1 and grey.colorscale[0][1] == grey.colorscale[-1][1]
    assert "仅一市有数据" in grey.customdata[cell[0]][cell[1]]
    shared = columns.index("立案数")
    assert grey.z[rows.index("济宁")][shared] is None and scaled.z[rows.index("济宁")][shared] == 1.0


def test_a_published_figure_shows_its_page_date_and_quote_wherever_it_is_drawn():
    at = open_page("compare", {"metric": "proposals.filed", "cities": ["济宁", "潍坊"], "years": ["2023"]})
    [fig] = figures(at)
    [bar] = [t for t in fig.data if t.type == "bar" and t.x is not None and list(t.x) == ["济宁", "潍坊"]]
    hover = list(bar.customdata[0])
    assert hover[2] == "公开发布的数字（网页）" and hover[3] == "济宁政协网 · 2024-01-18" and "立案696件" in hover[4]
    assert list(bar.marker.pattern.shape)[0] == "."
    table = at.dataframe[-1].value
    jining = table[table["city"] == "济宁"].iloc[0]
    assert (jining["report"], jining["quote"], jining["source_url"]) == ("济宁政协网 · 2024-01-18", "立案696件", PAGE_URL)


def test_compare_and_trends_offer_prefecture_committees_by_default():
    at = open_page("compare", {"metric": "proposals.satisfaction_rate"})
    [cities] = [m for m in at.multiselect if m.label == "城市"]
    assert "邹城" not in cities.options and "济宁" in cities.options
    at = open_page("trends", {"peers": ["prefecture", "county"], "metric": "proposals.satisfaction_rate",
                              "cities": ["邹城", "潍坊"]})
    assert {t.name for t in figures(at)[0].data} == {"邹城（县级·济宁）", "潍坊"}


def test_compare_draws_rates_as_dots_on_a_narrow_axis():
    at = open_page("compare", {"metric": "proposals.satisfaction_rate", "cities": ["淄博", "潍坊"],
                               "years": ["2022", "2023"]})
    [fig] = figures(at)
    assert {t.type for t in fig.data} == {"scatter"}
    assert fig.layout.yaxis.range[0] >= 90 and fig.layout.yaxis.title.text.startswith("满意率（%）·自")


def test_the_city_profile_ranks_among_committees_of_its_level():
    at = open_page("city", {"city": "邹城", "year": "2023"})
    ranks = at.dataframe[0].value
    assert ranks.values.tolist() == [["满意率", "99.33%", "仅一市有数据"]]     # no other county has one
    at = open_page("city", {"city": "济宁", "year": "2023"})
    assert at.dataframe[0].value.values.tolist() == [["立案数", "696", "第1名 / 共4市"]]


def test_a_value_whose_sources_disagree_is_marked_in_the_ranking_and_the_headline():
    at = open_page("overview", {"year": "2024"})             # 菏泽's report says 560 and 565 filed
    [fig] = [f for title, f in titled_figures(at) if title.startswith("立案数")]
    assert list(fig.data[0].text) == ["565 *"] or list(fig.data[0].text) == ["560 *"]
    assert "来源之间数值不一致，图中为默认采用的数字" in texts(at) and "来源之间数值不一致（见“数据质量”页）" in texts(at)


def test_in_english_the_county_keeps_its_level_and_parent_in_english():
    at = open_page("overview", {"lang": "en", "year": "2023", "peers": ["prefecture", "county"]})
    assert ranking_labels(at, "Satisfaction rate") == ["1–2. Zibo", "2–3. Zoucheng (county, Jining)", "1–3. Weifang"]
    assert cards(at)["Most proposals filed"] == "Jining 696"
