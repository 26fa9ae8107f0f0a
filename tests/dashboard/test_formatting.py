"""Numbers as the reports wrote them, and one colour per city."""
import pytest

from dashboard.formatting import as_written, grouped, unit_label, written_form
from dashboard.palette import PALETTE, city_colour, city_colours


@pytest.mark.parametrize("value, unit, qualifier, quote, shown", [
    (4300, "篇", "at_least", "收集社情民意信息4300余篇", "4300余篇"),
    (4300, "篇", "at_least", "收集社情民意信息4300多条", "4300多篇"),
    (99, "%", "at_least", "提案满意和基本满意率达99%以上", "99%以上"),
    (200, "件", "at_most", "被采用信息近200篇", "近200件"),
    (420, "篇", "about", "采用信息约420篇", "约420篇"),
    (60, "次", "at_least", "超过60次", "超过60次"),
    (98.6, "%", "exact", "满意率达98.60%", "98.60%"),          # the decimals the text gave
    (93.6, "%", "exact", "办复率93.6%", "93.6%"),
    (12000, "篇", "exact", "报送信息1.2万篇", "1.2万篇"),
    (571, "件", "exact", "立案571件", "571件"),
    (12345, "件", "exact", "立案12345件", "12,345件"),         # grouped from five digits
    (4300, "篇", "at_least", None, "4300余篇"),                # no quote: the qualifier's usual words
    (99, "%", "at_least", None, "99%以上"),
    (200, "件", "at_most", None, "近200件"),
    (78, "次", "about", None, "约78次"),
    (85.58441558, "%", "exact", None, "85.58%"),
])
def test_as_written_in_chinese(value, unit, qualifier, quote, shown):
    assert as_written(value, unit, qualifier, quote, "zh") == shown


@pytest.mark.parametrize("value, unit, qualifier, quote, shown", [
    (4300, "篇", "at_least", "4300余篇", "4,300+ pieces"),
    (99, "%", "at_least", "99%以上", "≥99%"),
    (200, "件", "at_most", "近200件", "nearly 200 items"),
    (420, "篇", "about", "约420篇", "about 420 pieces"),
    (98.6, "%", "exact", "98.60%", "98.60%"),
    (12000, "篇", "exact", "1.2万篇", "12,000 pieces"),
])
def test_as_written_in_english_with_english_units(value, unit, qualifier, quote, shown):
    assert as_written(value, unit, qualifier, quote, "en") == shown


def test_a_chart_label_leaves_out_a_count_s_unit_but_keeps_percent():
    assert as_written(4300, "篇", "at_least", "4300余篇", with_unit=False) == "4300余"
    assert as_written(99, "%", "at_least", "99%以上", with_unit=False) == "99%以上"


def test_the_quote_s_figure_must_be_the_value():
    assert written_form(571, "收到提案620件，立案571件") == {"pre": "", "num": "571", "mag": "", "post": ""}
    assert written_form(571, "收到提案620件") is None
    assert written_form(float("nan"), "571件") is None


def test_grouping_and_units():
    assert [grouped("4300"), grouped("4300", "en"), grouped("12345"), grouped("1234.5", "en")] == \
        ["4300", "4,300", "12,345", "1,234.5"]
    assert [unit_label("件", "en"), unit_label("件", "zh"), unit_label("%", "en"), unit_label(None)] == \
        ["items", "件", "%", ""]


def test_a_city_s_colour_depends_on_the_city_alone(tmp_path):
    cities = tmp_path / "cities.csv"
    cities.write_text("name,full_name\n潍坊,潍坊市\n淄博,淄博市\n菏泽,菏泽市\n", encoding="utf-8")
    colours = city_colours(["潍坊", "淄博", "菏泽"], cities)
    assert colours == city_colours(["菏泽", "潍坊", "淄博"], cities)           # any order, any selection
    assert list(colours.values()) == list(PALETTE[:3])                        # neighbours differ
    assert city_colour("不在名录", cities) == city_colour("不在名录", cities) in PALETTE
    assert len(set(PALETTE)) == len(PALETTE)
