"""The number parser: Arabic and Chinese numerals, magnitudes, percents and qualifiers."""
import pytest
from hypothesis import given, strategies as st

from etl.numbers import find_figures, parse_chinese_integer, parse_number


@pytest.mark.parametrize("text, value", [
    ("十三", 13), ("十", 10), ("两", 2), ("一百二十", 120), ("一百零五", 105),
    ("三千四百", 3400), ("两万三千", 23000), ("1.1万", 11000), ("3万", 30000),
    ("2.2万", 22000), ("百分之九十五", 95), ("99%", 99), ("99％", 99), ("93.6", 93.6),
    ("1,234", 1234), ("0", 0), ("十一", 11), ("二十", 20), ("一千", 1000), ("千", 1000),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "三五", "abc", "一二三", "万万"])
def test_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text, value, unit, qualifier", [
    ("共收到提案571件", 571, "件", "exact"),
    ("收集信息4300余条", 4300, "条", "at_least"),
    ("满意率达99%以上", 99, "%", "at_least"),
    ("参加活动120多人次", 120, "人次", "at_least"),
    ("约78万平方米的项目涉及约3万人", 30000, "人", "about"),
    ("走访近200家企业", 200, "家", "at_most"),
    ("共计逾3000篇", 3000, "篇", "at_least"),
    ("超过500件", 500, "件", "at_least"),
    ("突破10万次", 100000, "次", "at_least"),
    ("将近300条", 300, "条", "at_most"),
    ("不足50篇", 50, "篇", "at_most"),
    ("不到40项", 40, "项", "at_most"),
    ("60人左右", 60, "人", "about"),
    ("专题协商十三项", 13, "项", "exact"),
    ("满意率百分之九十五", 95, "%", "exact"),
    ("采用率99％", 99, "%", "exact"),
    ("开展两次调研", 2, "次", "exact"),
    ("满意率达九成以上", 90, "%", "at_least"),
    ("立案率九成一左右", 91, "%", "about"),
    ("近八成", 80, "%", "at_most"),
    ("一年收200来篇", 200, "篇", "about"),
    ("超百场学习研讨", 100, "场", "at_least"),
    ("全国政协采用一条，", 1, "条", "exact"),      # 一 closing a counting verb's clause
])
def test_find_one_figure(text, value, unit, qualifier):
    figures = find_figures(text)
    assert [(f.value, f.unit, f.qualifier) for f in figures][-1:] == [(value, unit, qualifier)]


@pytest.mark.parametrize("text", [
    "2023年6月19日召开",            # dates
    "十三届八次常委会会议",           # ordinals of sessions
    "市政协五届三次会议",
    "第一次会议", "第3次会议",
    '聚焦"3510"发展目标',           # names with digits
    "“11353”工作部署",
    "1532文化产业园",
    "新闻热线0533-5355377",          # phone numbers
    "每年领办1-2件重点提案",          # a range
    "一件件翔实的提案，一场场协商",      # rhetoric
    "办理好一件重点提案",              # an article, not a count
    "采用一条建议",                   # 一 before its noun: an article
    "不满意提案二次协商",              # a second round
    "京ICP备08100501号",
    "增长3.5个百分点",                # a change of a rate
    "这一制度一成不变",                # an idiom, not a tenth
    "第九成员单位",                    # an ordinal
])
def test_not_figures(text):
    assert find_figures(text) == []


def test_figure_spans_cover_qualifiers_and_unit():
    text = "共收集信息1800余篇，满意率99%以上"
    a, b = find_figures(text)
    assert text[a.start:a.end] == "1800余篇"
    assert text[a.num_start:a.num_end] == "1800"
    assert text[b.start:b.end] == "99%以上"


@given(st.integers(min_value=0, max_value=99_999_999))
def test_chinese_numerals_round_trip(n):
    assert parse_chinese_integer(to_chinese(n)) == n


@given(st.integers(min_value=2, max_value=10**7), st.sampled_from(["件", "篇", "条", "项", "次"]))
def test_arabic_figures_round_trip(n, unit):
    figures = find_figures(f"共有{n}{unit}。")
    assert [(f.value, f.unit) for f in figures] == [(n, unit)] or n >= 10**6


@given(st.text(max_size=200))
def test_find_figures_never_raises_and_spans_are_inside(text):
    for f in find_figures(text):
        assert 0 <= f.start <= f.num_start < f.num_end <= f.end <= len(text)


def to_chinese(n: int) -> str:
    """Write n in Chinese numerals the usual way (test helper, independent of the parser)."""
    digits = "零一二三四五六七八九"
    if n == 0:
        return "零"

    def below_10k(x: int, leading: bool) -> str:
        out, zero = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // value % 10
            if d:
                if zero:
                    out += "零"
                    zero = False
                out += ("" if (value == 10 and d == 1 and not out and leading) else digits[d]) + unit
            elif out:
                zero = True
        return out

    high, low = divmod(n, 10_000)
    if not high:
        return below_10k(low, True)
    text = below_10k(high, True) + "万"
    if low:
        text += ("零" if low < 1000 else "") + below_10k(low, False)
    return text
