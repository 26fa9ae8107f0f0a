"""Figures in Chinese report text: the one number parser of the project.

A *figure* is a number with its unit and what the text claims about its precision:
`4300余条` -> 4300, 条, at_least; `近200家` -> 200, 家, at_most; `99%以上` -> 99, %,
at_least; `百分之九十五` -> 95, %; tenths said as 成: `九成以上` -> 90, %, at_least; `九成一` -> 91, %.
Dates, ordinals, ranges, years and numbers without a counting unit are not figures of any
metric and are never returned.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from etl.fastre import compile_skipping

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

# Qualifier words of the catalogue (spec/metrics.md, "Value conventions").
PREFIX_QUALIFIERS = {
    "将近": "at_most", "接近": "at_most", "不到": "at_most", "不足": "at_most", "近": "at_most",
    "大约": "about", "约": "about",
    "超过": "at_least", "突破": "at_least", "逾": "at_least", "超": "at_least",
}
INNER_QUALIFIERS = {"余": "at_least", "多": "at_least", "来": "about"}  # between number and unit: 4300余条, 200来篇
SUFFIX_QUALIFIERS = {"以上": "at_least", "多": "at_least", "左右": "about", "上下": "about", "余": "at_least"}

# Counting units, longest first so 篇次 wins over 篇.
UNITS = ("个百分点", "人次", "篇次", "场次", "件次", "条次", "项次", "批次",
         "件", "篇", "条", "项", "次", "场", "个", "处", "家", "期", "份", "名", "人", "%", "％")

_CN_NUM = "零〇一二两三四五六七八九十百千万亿"
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN_DIGITS = "零〇一二三四五六七八九"
# a Chinese number, with decimals said digit by digit: 九十点六 (90.6)
_NUMBER = rf"(?:{_ARABIC}(?:[万亿])?|[{_CN_NUM}]+(?:点[{_CN_DIGITS}]+)?)"
_PREFIX = "|".join(sorted(PREFIX_QUALIFIERS, key=len, reverse=True))
_UNIT = "|".join(re.escape(u) for u in UNITS)
_SUFFIX = "|".join(sorted(SUFFIX_QUALIFIERS, key=len, reverse=True))

# (Compiled to skip ahead to the characters a figure can start with: etl.fastre.)
FIGURE_RE = compile_skipping(
    rf"(?P<prefix>{_PREFIX})?"
    rf"(?:百分之(?P<pct>{_NUMBER})|(?P<tenths>[一二三四五六七八九]成(?!不变)[一二三四五六七八九]?)"
    rf"|(?P<num>{_NUMBER})(?P<inner>[余多来])?(?P<unit>{_UNIT}))"
    rf"(?P<suffix>{_SUFFIX})?"
)

_ARABIC_NUMBER = re.compile(rf"({_ARABIC})([万亿]?)")

# What around a number makes it not a figure of a metric.
_ORDINAL_BEFORE = "第届每前后这那同唯之"  # the character right before the number
_RANGE_AROUND = "-—–~～至到"
_SESSION_AFTER = re.compile(r"^(?:次)?(?:会议|常委会|全会|全体会议|主席会议|党组会议|全委会)")
_REDUPLICATED = re.compile(r"^([件篇条项次场个处家份名])\1")


class Figure(NamedTuple):  # a tuple: made tens of thousands of times a second
    start: int          # span of the whole figure, qualifiers and unit included
    end: int
    value: float
    unit: str           # "%" for percentages
    qualifier: str      # exact | at_least | about | at_most
    num_start: int      # span of the number itself
    num_end: int
    chinese: bool       # written in Chinese numerals

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"


def parse_chinese_integer(s: str) -> int | None:
    """`十三` -> 13, `一百二十` -> 120, `两万三千` -> 23000, `三五` -> None (not a number)."""
    if not s or any(ch not in DIGITS and ch not in SMALL_UNITS and ch not in BIG_UNITS for ch in s):
        return None
    total, section, digit = 0, 0, None
    for i, ch in enumerate(s):
        if ch in BIG_UNITS and i and s[i - 1] in BIG_UNITS:
            return None  # 万万: not a number
        if ch in DIGITS:
            if digit is not None and digit != 0 and DIGITS[ch] != 0:
                return None  # two digits in a row without a unit: 三五 (a name), not a number
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            if section == 0:
                section = 1
            total += section * BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(s: str) -> float | None:
    """A number written in Arabic or Chinese numerals, with 万/亿 magnitudes and percent.

    `1.1万` -> 11000, `3万` -> 30000, `百分之九十五` -> 95, `99%` -> 99, `十三` -> 13,
    `九十点六` -> 90.6.
    Returns None for anything that is not one number.
    """
    s = s.strip()
    if not s:
        return None
    if s.startswith("百分之"):
        return parse_number(s[3:])
    s = s.rstrip("%％")
    m = _ARABIC_NUMBER.fullmatch(s)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= BIG_UNITS[m.group(2)]
        return value
    whole, point, decimals = s.partition("点")
    n = parse_chinese_integer(whole)
    if n is None:
        return None
    if point:
        if not decimals or any(ch not in _CN_DIGITS for ch in decimals):
            return None
        return float(f"{n}.{''.join(str(DIGITS[ch]) for ch in decimals)}")
    return float(n)


def _qualifier(prefix: str | None, inner: str | None, suffix: str | None) -> str:
    for word, table in ((prefix, PREFIX_QUALIFIERS), (inner, INNER_QUALIFIERS), (suffix, SUFFIX_QUALIFIERS)):
        if word and table.get(word):
            return table[word]
    return "exact"


_GROUPS = tuple(FIGURE_RE.groupindex[g] for g in ("prefix", "pct", "num", "inner", "unit", "suffix", "tenths"))


def find_figures(text: str) -> list[Figure]:
    """Every figure of `text`, left to right, non-overlapping."""
    figures = []
    i_pct, i_num = _GROUPS[1], _GROUPS[2]
    for m in FIGURE_RE.finditer(text):
        prefix, pct, raw, inner, unit, suffix, tenths = m.group(*_GROUPS)
        regs = m.regs  # every group's span in one attribute: far cheaper than a call per span
        if tenths is not None:
            # 九成 (90%), 九成一 (91%): a share in tenths, as one speaks
            value = DIGITS[tenths[0]] * 10.0 + (DIGITS[tenths[2]] if len(tenths) == 3 else 0)
            before = text[max(0, regs[0][0] - 1):regs[0][0]]
            if before and (before in _CN_NUM or before in _ORDINAL_BEFORE):
                continue
            start, end = regs[0]
            qualifier = ("exact" if prefix is None and suffix is None else _qualifier(prefix, None, suffix))
            figures.append(Figure(start, end, value, "%", qualifier, regs[_GROUPS[6]][0], regs[_GROUPS[6]][1], True))
            continue
        if pct is not None:
            raw, unit = pct, "%"
            num_start, num_end = regs[i_pct]
            lead = regs[0][0]  # 百分之 is no ordinal's 之
        elif unit == "个百分点":
            continue  # a change in a rate, never a rate
        else:
            num_start, num_end = regs[i_num]
            lead = num_start
            if unit == "％":
                unit = "%"
        value = float(raw) if raw.isascii() and raw.isdigit() else parse_number(raw)
        if value is None:
            continue
        chinese = not raw[0].isdigit()
        if _is_not_a_count(text, num_start, num_end, raw, unit, text[max(0, lead - 2):lead], chinese):
            continue
        qualifier = ("exact" if prefix is None and inner is None and suffix is None
                     else _qualifier(prefix, inner, suffix))
        start, end = regs[0]
        figures.append(Figure(start, end, value, unit, qualifier, num_start, num_end, chinese))
    return figures


# 一 is a count after a verb that counts pieces, closing its clause (全国政协采用一条，)
_ONE_AFTER = ("采用", "录用", "刊用", "批示", "立案", "报送", "上报", "收到", "提交", "监督", "协商")
_ONE_UNITS = ("条", "篇", "件", "篇次", "项", "次")
_CLAUSE_END = frozenset("，,。；;、）)")
# … or a single piece that a body then adopted or a leader endorsed (有一条关于……的信息被省政协采用)
_ONE_BEFORE_PASSIVE = ("有", "其中", "另有", "还有")
_ONE_PASSIVE = re.compile(r"[^。；;！？!?]{0,40}?(?:被|获|得到)[^。；;，,]{0,20}?(?:采用|录用|刊用|刊发|刊载|批示|圈阅)")


def _counts_one(text: str, after: int, unit: str, before: str) -> bool:
    """Whether 一 with its unit (ending at `after`) is a count: after a verb that counts pieces,
    closing its clause (全国政协采用一条，), or a single piece a body then adopted or a leader
    endorsed (有一条关于……的信息被省政协采用)."""
    if unit not in _ONE_UNITS:
        return False
    return (before.endswith(_ONE_AFTER) and text[after:after + 1] in _CLAUSE_END) or (
        before.endswith(_ONE_BEFORE_PASSIVE) and _ONE_PASSIVE.match(text, after) is not None)


def _is_not_a_count(text, num_start, num_end, raw, unit, before, chinese) -> bool:
    last = before[-1:]
    if last and last in _ORDINAL_BEFORE:
        return True
    if last and last in _RANGE_AROUND and before[:-1][-1:].isdigit():
        return True  # the second half of `1-2件`
    nxt = text[num_end:num_end + 1]
    if nxt and nxt in "-—–~～" and text[num_end + 1:num_end + 2].isdigit():
        return True  # the first half of a range
    if chinese:
        if last and last in _CN_NUM:
            return True  # inside a longer Chinese numeral word
        if raw == "一" and not _counts_one(text, num_end + len(unit), unit, before):
            return True  # 一个, 一项: an article, not a count worth a metric (but 全国政协采用一条，)
        if raw == "二" and unit in ("次", "场次", "批次"):
            return True  # 二次协商 is a second round, not two
    elif last in ("'", "’", ".") or last.isdigit():
        return True
    if unit == "次" and _SESSION_AFTER.match(text[num_end + 1:num_end + 8]):
        return True  # 十三届八次常委会: an ordinal of a meeting
    if unit != "%" and _REDUPLICATED.match(text[num_end:num_end + 2]):
        return True  # 一件件, 一场场: rhetoric, not a count
    if not chinese and unit != "%" and len(raw.replace(",", "").split(".")[0]) >= 7:
        return True  # phone and licence numbers
    return False
