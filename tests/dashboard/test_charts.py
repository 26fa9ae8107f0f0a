"""The figures: what is drawn, how derived and curated values look, titles and sources."""
import pandas as pd

from dashboard import charts

VALUE_COLUMNS = ("city", "city_en", "year", "metric", "value", "unit", "qualifier", "kind", "period",
                 "report_title", "sentence", "source_url", "note")


def values(*rows):
    return pd.DataFrame([dict(zip(VALUE_COLUMNS, r)) for r in rows])


ROWS = values(
    ("潍坊", "Weifang", 2023, "info.adopted", 460, "篇", "exact", "stated", "year", "潍坊市政协2023年工作综述",
     "被全国政协、省政协采用460篇。", None, None),
    ("菏泽", "Heze", 2024, "info.adopted", 185, "篇", "exact", "derived", "year", "<b>菏泽</b>报告",
     "全国政协采用11篇，省政协采用174篇。", None, None),
    ("淄博", "Zibo", 2023, "info.adopted", 200, "篇", "at_most", "curated", "year", None, None,
     "https://example.org/x", "年鉴"),
)


def bars(fig):
    return [t for t in fig.data if t.type == "bar" and any(x is not None for x in t.x)]


def test_compare_bars_mark_derived_and_curated_values_and_explain_them_in_the_legend():
    fig = charts.compare_bars(ROWS, ["潍坊", "菏泽", "淄博", "忻州"], [2023, 2024], title="T", source="S",
                              axis_title="A")
    by_year = {t.name: t for t in bars(fig)}
    assert list(by_year["2023"].x) == ["潍坊", "淄博"] and list(by_year["2023"].text) == ["460", "近200"]
    assert list(by_year["2023"].marker.pattern.shape) == ["", "."]
    assert list(by_year["2024"].marker.pattern.shape) == ["/"]
    legend = [t.name for t in fig.data if t.showlegend is not False and t.name]
    assert legend == ["2023", "2024", "计算所得", "人工核定（外部来源）"]


def test_compare_bars_keep_a_city_without_values_on_the_axis_as_a_gap_not_a_zero():
    fig = charts.compare_bars(ROWS, ["潍坊", "忻州"], [2023], title="T", source="S", axis_title="A")
    assert list(fig.layout.xaxis.categoryarray) == ["潍坊", "忻州"]
    assert all("忻州" not in list(t.x) for t in bars(fig))
    marker = [t for t in fig.data if t.type == "scatter"][0]
    assert list(marker.text) == ["", "（缺失）"]


def test_hover_shows_value_qualifier_kind_report_and_sentence_escaped():
    fig = charts.compare_bars(ROWS, ["菏泽"], [2024], title="T", source="S", axis_title="A")
    [heze] = bars(fig)
    assert list(heze.customdata[0])[:5] == ["185篇", "确数", "计算所得", "&lt;b&gt;菏泽&lt;/b&gt;报告",
                                            "全国政协采用11篇，省政协采用174篇。"]
    assert "customdata[4]" in heze.hovertemplate


def test_trend_lines_break_at_missing_years():
    grid = pd.DataFrame({"city": ["潍坊"] * 3, "city_en": ["Weifang"] * 3, "year": [2021, 2022, 2023],
                         "value": [500, None, 571], "unit": ["件"] * 3, "qualifier": ["exact", None, "exact"],
                         "kind": ["stated", None, "derived"], "report_title": [None] * 3,
                         "sentence": [None] * 3, "source_url": [None] * 3, "note": [None] * 3})
    fig = charts.trend_lines(grid, ["潍坊"], [2021, 2022, 2023], title="T", source="S", axis_title="A")
    connector, line = fig.data
    assert list(line.y) == [500, None, 571] and line.connectgaps is False
    assert list(line.marker.symbol) == ["circle", "circle", "circle-open"]
    # a dashed connector bridges the missing year, without points or hover of its own
    assert list(connector.x) == [2021, 2023] and connector.line.dash == "dash"
    assert connector.mode == "lines" and connector.hoverinfo == "skip" and connector.showlegend is False
    # the city's name at the line's end, in its colour; no legend needed
    [end] = [a for a in fig.layout.annotations if a.text == "潍坊"]
    assert (end.x, end.y) == (2023, 571) and end.font.color == line.line.color
    assert fig.layout.showlegend is False


def test_trend_lines_without_an_inner_gap_have_no_connector():
    grid = pd.DataFrame({"city": ["潍坊"] * 3, "city_en": ["Weifang"] * 3, "year": [2021, 2022, 2023],
                         "value": [None, 500, 571], "unit": ["件"] * 3, "qualifier": [None, "exact", "exact"],
                         "kind": [None, "stated", "stated"], "report_title": [None] * 3,
                         "sentence": [None] * 3, "source_url": [None] * 3, "note": [None] * 3})
    fig = charts.trend_lines(grid, ["潍坊"], [2021, 2022, 2023], title="T", source="S", axis_title="A")
    assert len(fig.data) == 1


def test_a_city_has_one_colour_in_every_chart_and_every_selection():
    from dashboard.palette import city_colour

    ranked = ROWS.assign(rank=[1, 3, 2]).sort_values("rank")
    ranking = charts.ranking_bars(ranked, title="T", source="", axis_title="A")
    colour = dict(zip([y.split(". ")[1] for y in ranking.data[0].y], ranking.data[0].marker.color))
    for cities in (["潍坊", "菏泽", "淄博"], ["淄博", "潍坊"]):
        fig = charts.compare_bars(ROWS, cities, [2023, 2024], title="T", source="", axis_title="A")
        for trace in bars(fig):
            for city, c in zip(trace.x, trace.marker.color):
                assert c == colour[city] == city_colour(city)
    assert len({city_colour(c) for c in ("潍坊", "淄博", "菏泽", "忻州")}) == 4


def test_values_are_written_as_the_report_wrote_them():
    rows = ROWS.assign(quote=["采用460篇", None, "被采用信息近200篇"], rank=[1, 3, 2]).sort_values("rank")
    fig = charts.ranking_bars(rows, title="T", source="", axis_title="A")
    assert list(fig.data[0].text) == ["460", "近200", "185"]
    assert fig.data[0].customdata[1][0] == "近200篇"


def test_ranking_bars_best_on_top_with_ranks_in_the_labels():
    ranked = ROWS.assign(rank=[1, 3, 2]).sort_values("rank")
    fig = charts.ranking_bars(ranked, title="T", source="S", axis_title="A", lang="en")
    assert list(fig.data[0].y) == ["1. Weifang", "2. Zibo", "3. Heze"]
    assert list(fig.data[0].text) == ["460", "nearly 200", "185"]
    assert fig.layout.yaxis.autorange == "reversed"


def test_a_figure_drawn_for_a_page_leaves_its_sources_to_the_frame():
    fig = charts.compare_bars(ROWS, ["潍坊"], [2023], title="标题", source="", axis_title="A")
    assert not [a for a in fig.layout.annotations if "来源" in (a.text or "")]


def test_every_figure_has_its_title_and_a_source_line():
    heat = pd.DataFrame({"city": ["潍坊"], "metric": ["m"], "value": [1.0], "unit": ["件"],
                         "qualifier": ["exact"], "scaled": [1.0]})
    figures = [
        charts.compare_bars(ROWS, ["潍坊"], [2023], title="标题", source="来源：x", axis_title="A"),
        charts.ranking_bars(ROWS.assign(rank=[1, 2, 3]), title="标题", source="来源：x", axis_title="A"),
        charts.scaled_heatmap(heat, ["潍坊"], ["m"], {"m": "指标"}, {"潍坊": "潍坊"}, title="标题",
                              source="来源：x", colourbar_title="c"),
        charts.coverage_heatmap(pd.DataFrame({"指标": [2]}, index=["潍坊"]), title="标题", source="来源：x",
                                colourbar_title="c", max_years=3),
    ]
    for fig in figures:
        assert fig.layout.title.text == "标题"
        assert [a.text for a in fig.layout.annotations] == ["来源：x"]


def test_png_download_is_on_the_toolbar():
    assert charts.png_config("compare_x")["toImageButtonOptions"] == {"format": "png", "filename": "compare_x", "scale": 2}
