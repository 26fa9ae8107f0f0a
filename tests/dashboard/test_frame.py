"""What travels with a chart: its table, sources said as a person would, CSV, XLSX, PNG, SVG."""
import io

import openpyxl
import pandas as pd
import pytest

from dashboard import charts, frame, provenance

ROWS = pd.DataFrame([
    dict(city="潍坊", city_en="Weifang", year=2023, metric="info.collected", value=6637.0, unit="篇",
         qualifier="exact", scope="committee", period="year", kind="stated", report_id="wf2023.txt",
         report_title="潍坊市政协2023年工作综述", report_source=None, published="2024-01", report_url=None,
         quote="收集社情民意信息6637篇", sentence="共收集社情民意信息6637篇。", source_url=None,
         note=None, fact_id="F01"),
    dict(city="淄博", city_en="Zibo", year=2023, metric="info.collected", value=4300.0, unit="篇",
         qualifier="at_least", scope="committee", period="year", kind="stated", report_id="zb2023.txt",
         report_title="2023 淄博政协这一年", report_source="淄博日报", published="2024-01-08", report_url=None,
         quote="收集社情民意信息4300余条", sentence="收集社情民意信息4300余条。", source_url=None,
         note=None, fact_id="F02"),
    dict(city="淄博", city_en="Zibo", year=2016, metric="info.collected", value=332.0, unit="篇",
         qualifier="exact", scope="committee", period="year", kind="curated", report_id=None,
         report_title=None, report_source=None, published=None, report_url=None, quote=None, sentence=None,
         source_url="http://zibo.dzwww.com/zbxw/201702/t20170220_15566702.htm",
         note="dev corpus d003; external figure", fact_id="curated:dev-d003-2"),
])
NAMES = {"info.collected": "收集信息数"}


def test_sources_are_said_as_a_person_would_never_by_corpus_id():
    said = [provenance.describe_row(r) for r in ROWS.to_dict("records")]
    assert said == ["潍坊市政协2023年工作综述 · 2024-01", "2023 淄博政协这一年 · 淄博日报 · 2024-01-08",
                    "大众网淄博 · 2017-02-20"]
    assert provenance.describe_row(ROWS.iloc[2].to_dict(), "en") == "Dazhong Net Zibo · 2017-02-20"
    assert provenance.describe_row({"source_url": "https://example.org/page"}) == "example.org"
    assert provenance.describe_row({}) == "来源不详"


def test_every_source_of_a_chart_is_listed_once_reports_first_and_the_lines_leave_none_out():
    sources = provenance.chart_sources(pd.concat([ROWS, ROWS]))
    assert [s.key for s in sources] == ["wf2023.txt", "zb2023.txt", ROWS.iloc[2]["source_url"]]
    lines = provenance.source_lines(sources, width=20)
    assert lines[0].startswith("来源：") and len(lines) > 1
    joined = "".join(lines)
    assert all(provenance.describe(s) in joined for s in sources)


def test_the_chart_table_holds_exactly_the_drawn_values_with_chinese_headers_and_words_for_codes():
    table = frame.drawn_table(ROWS, "zh", NAMES)
    back = pd.read_csv(io.BytesIO(frame.csv_bytes(table)), encoding="utf-8-sig")
    assert list(back.columns[:5]) == ["城市", "年份", "指标", "数值", "显示值"]
    assert back[["城市", "年份", "数值"]].values.tolist() == [["潍坊", 2023, 6637], ["淄博", 2023, 4300],
                                                          ["淄博", 2016, 332]]
    assert back["显示值"].tolist() == ["6637篇", "4300余篇", "332篇"]
    assert back["来源类型"].tolist() == ["报告原文", "报告原文", "人工核定（外部来源）"]
    text = back.fillna("").astype(str).to_string()
    for internal in ("dev corpus", "external figure", "at_least", "committee", "None", "curated"):
        assert internal not in text
    english = frame.drawn_table(ROWS, "en", {"info.collected": "Information collected"})
    assert english["City"].tolist() == ["Weifang", "Zibo", "Zibo"]
    assert english["Shown as"].tolist()[1] == "4,300+ pieces" and english["Unit"].tolist()[0] == "pieces"


def test_xlsx_has_data_sources_and_notes_sheets_with_a_frozen_header():
    catalogue = pd.DataFrame([dict(metric="info.collected", name_zh="收集信息数", name_en="Information collected",
                                   unit="篇", description="Pieces of social-conditions information collected.")])
    sources = provenance.chart_sources(ROWS)
    book = openpyxl.load_workbook(io.BytesIO(frame.xlsx_bytes(
        frame.drawn_table(ROWS, "zh", NAMES), provenance.sources_table(sources), frame.notes_table(ROWS, "zh", catalogue))))
    assert book.sheetnames == ["数据", "来源", "说明"]
    data, src, notes = (book[n] for n in book.sheetnames)
    assert data.freeze_panes == "A2" and data["A1"].value == "城市" and data["D2"].value == 6637
    assert [src.cell(r, 1).value for r in range(2, 5)] == ["潍坊市政协2023年工作综述", "2023 淄博政协这一年",
                                                           "大众网淄博 · 2017-02-20"]
    assert src.cell(4, 5).value.startswith("http://zibo.dzwww.com/")
    terms = [notes.cell(r, 1).value for r in range(2, notes.max_row + 1)]
    assert "收集信息数（篇）" in terms and "以上/余" in terms and "计算所得" in terms


def test_citation_names_the_chart_its_sources_and_the_build():
    line = frame.citation("收集信息数 · 2023年", provenance.chart_sources(ROWS), "2026-11-30")
    assert line == ("收集信息数 · 2023年。数据来源：潍坊市政协2023年工作综述 · 2024-01；"
                    "2023 淄博政协这一年 · 淄博日报 · 2024-01-08；大众网淄博 · 2017-02-20。政协履职数据，构建于 2026-11-30。")


def _figure():
    ranked = ROWS.assign(rank=[1, 2, 3])
    return charts.ranking_bars(ranked, title="收集信息数 · 2023年", source="", axis_title="收集信息数（篇）")


def test_the_screen_figure_leaves_its_title_to_the_frame_and_the_export_prints_every_source():
    fig = _figure()
    screen = frame.for_screen(fig)
    assert screen.layout.title.text is None and fig.layout.title.text == "收集信息数 · 2023年"
    lines = provenance.source_lines(provenance.chart_sources(ROWS), width=30)
    exported = frame.with_sources(fig, lines)
    [note] = [a for a in exported.layout.annotations if "来源" in a.text]
    assert note.text.count("<br>") == len(lines) - 1 and "大众网淄博" in note.text
    assert exported.layout.height > fig.layout.height and exported.layout.title.text == fig.layout.title.text


@pytest.mark.skipif(not frame.images_available(), reason="needs kaleido and a Chromium")
def test_png_and_svg_carry_the_real_source_lines():
    lines = provenance.source_lines(provenance.chart_sources(ROWS), width=70)
    exported = frame.with_sources(_figure(), lines)
    svg = frame.image_bytes(exported, "svg").decode("utf-8")
    assert "大众网淄博" in svg and "潍坊市政协2023年工作综述" in svg and "各市政协工作报告" not in svg
    png = frame.image_bytes(exported, "png")
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
