"""What a report says about itself when no manifest row describes it."""
import pytest

from etl.reports import ReportInfo, detect_info, info_from_row, split_cities


@pytest.mark.parametrize("text, city, year, level", [
    ("日照市政协十一届三次会议提案立案323件\n发布时间：2024-01-15\n本次大会共收到提案338件。", "日照", 2024, "prefecture"),
    ("中国人民政治协商会议第十六届菏泽市委员会常务委员会工作报告\n发表时间: 2025-01-09\n"
     "2024年主要工作\n曹县政协探索过程式协商。曹县政协推动……鄄城县政协助力……", "菏泽", 2024, "prefecture"),
    ("邹城市人民政府关于市政协十一届二次会议提案办理情况通报\n发文日期 2023-10-31\n共提交提案149件。", "邹城", 2023, "county"),
    ("忻州市政协2023年工作综述\n一年来，市政协……", "忻州", 2023, "prefecture"),
])
def test_detects_city_year_level(text, city, year, level):
    info = detect_info("r.txt", text)
    assert (info.city, info.year, info.level) == (city, year, level)
    assert "city" in info.guessed and "year" in info.guessed


def test_a_work_report_read_early_in_the_year_covers_the_year_before():
    text = "政协潍坊市委员会常务委员会工作报告\n2024年1月10日\n过去一年，市政协共收到提案500件。"
    assert detect_info("r.txt", text).year == 2023


def test_session_news_counts_the_year_of_the_session():
    text = "2017-02-27 来源：齐鲁网\n潍坊市政协十三届一次会议期间共收到提案398件。"
    assert detect_info("r.txt", text).year == 2017


def test_sections_make_a_multi_city_feature():
    text = ("政协奋进新征程\n2023-07-14\n淄博市政协：打造协商品牌\n……\n"
            "潍坊市政协：知情明政\n……\n济宁市政协：济事商量\n……")
    assert detect_info("r.txt", text).cities == ("淄博", "潍坊", "济宁")


def test_a_text_naming_no_city_guesses_none():
    info = detect_info("r.txt", "本报讯 记者从市政协会议上获悉，共提交提案187件。")
    assert info.city is None and "city" not in info.guessed


def test_manifest_row():
    info = info_from_row("a.txt", {"city": "淄博;潍坊", "year": "2023", "published": "2023-07-14"})
    assert info.cities == ("淄博", "潍坊") and info.city is None and info.year == 2023
    assert split_cities("淄博；潍坊、济宁") == ("淄博", "潍坊", "济宁")


@pytest.mark.parametrize("published, incomplete", [
    ("2023-07-14", True), ("2024-01", False), ("2023-12-22", False), ("2023", False), ("", False)])
def test_year_incomplete(published, incomplete):
    assert ReportInfo(file="a", cities=("x",), year=2023, published=published).year_incomplete is incomplete
