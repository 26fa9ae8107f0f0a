"""Numbers as the reports wrote them (`4300余篇`, `99%以上`, `近200件`), in either language.

The warehouse keeps a value, its unit, a qualifier (exact, at_least, about, at_most) and the
quote it was read from. The quote says how the report wrote it: which word marked the
precision (余, 多, 以上, 近, 约, 超过 …), where it stood, how many decimals a rate had,
whether the number was in 万. `as_written` keeps those; without a quote (a curated or a
derived figure) the qualifier's usual Chinese form is used. English gets English units and
thousands separators. No Streamlit here.
"""
from __future__ import annotations

import math
import re

# The units of the catalogue in English (a count's noun); `%` stays `%`.
UNITS_EN = {"件": "items", "篇": "pieces", "次": "times", "项": "items", "个": "units",
            "篇次": "instances", "%": "%", "人": "people", "期": "issues", "条": "items"}

_PREFIX = "将近|接近|不足|不到|大约|超过|近|约|逾|超"
_SUFFIX = "余|多|以上|左右|以下|上下"
_FIGURE = re.compile(
    rf"(?P<pre>{_PREFIX})?(?:达到|达)?(?P<num>[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)"
    rf"(?P<mag>万|千|亿)?(?P<pct>[%％])?(?P<post>{_SUFFIX})?")
_MAGNITUDE = {None: 1, "千": 1_000, "万": 10_000, "亿": 100_000_000}
_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．％", "0123456789,.%")
_AT_LEAST_PREFIX = {"超过", "逾", "超"}
_AT_MOST_PREFIX = {"将近", "接近", "近", "不足", "不到"}


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def unit_label(unit: str | None, lang: str = "zh") -> str:
    """件 -> 件 (zh) / items (en); an unknown unit is shown as it is."""
    if not unit or not isinstance(unit, str):
        return ""
    return UNITS_EN.get(unit, unit) if lang == "en" else unit


def grouped(text: str, lang: str = "zh") -> str:
    """Thousands separators as readers expect: English 4,300; Chinese only from five digits
    (4300, 12,345), the way reports and newspapers print them."""
    whole, dot, decimals = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    if len(whole) > (3 if lang == "en" else 4):
        whole = f"{int(whole):,}"
    return f"{sign}{whole}{dot}{decimals}"


def plain_number(value: float, decimals: int | None = None) -> str:
    """571 -> '571'; 93.6 -> '93.6'; with `decimals`, exactly that many (98.60 stays 98.60)."""
    if _missing(value):
        return ""
    if decimals is not None:
        return f"{float(value):.{decimals}f}"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def written_form(value: float, quote: str | None) -> dict | None:
    """How `quote` writes `value`: {'pre', 'num', 'mag', 'post'} (strings, '' when absent), or
    None when no figure in the quote is the value (Chinese numerals, another figure)."""
    if _missing(value) or not isinstance(quote, str) or not quote:
        return None
    for m in _FIGURE.finditer(quote):
        text = m.group("num").translate(_FULL_WIDTH).replace(",", "")
        try:
            number = float(text) * _MAGNITUDE[m.group("mag")]
        except ValueError:
            continue
        if math.isclose(number, float(value), rel_tol=1e-9, abs_tol=1e-9):
            return {"pre": m.group("pre") or "", "num": text, "mag": m.group("mag") or "",
                    "post": m.group("post") or ""}
    return None


def _decimals(text: str) -> int:
    return len(text.partition(".")[2])


def as_written(value: float, unit: str | None, qualifier: str | None, quote: str | None = None,
               lang: str = "zh", with_unit: bool = True) -> str:
    """The value as the report wrote it.

    zh: `4300余篇`, `99%以上`, `近200件`, `约420篇`, `1.2万篇`, `98.60%` (the decimals the text
    gave); without a quote `4300余篇` / `99%以上` / `近200件` / `约78次` from the qualifier.
    en: `4,300+ pieces`, `≥99%`, `nearly 200 items`, `about 420 pieces`.
    `with_unit=False` leaves out a count's unit (a chart whose axis names it); `%` always stays.
    """
    if _missing(value):
        return ""
    is_rate = unit == "%"
    form = written_form(value, quote)
    if form is not None and form["mag"] and lang == "zh":
        digits = form["num"]
    elif form is not None and not form["mag"]:
        digits = plain_number(value, _decimals(form["num"]))
    else:
        digits = plain_number(value)
    if lang == "en":
        return _english(grouped(plain_number(value, _decimals(form["num"])) if form and not form["mag"]
                                else plain_number(value), "en"),
                        unit, qualifier, is_rate, with_unit)
    shown = grouped(digits, "zh") + (form["mag"] if form and form["mag"] else "")
    unit_text = "%" if is_rate else ((unit or "") if with_unit else "")
    if form is not None and (form["pre"] or form["post"]):
        pre, post = form["pre"], form["post"]
        if is_rate:
            return f"{pre}{shown}%{post}"
        return f"{pre}{shown}{post}{unit_text}"
    if qualifier == "at_least":
        return f"{shown}%以上" if is_rate else f"{shown}余{unit_text}"
    if qualifier == "at_most":
        return f"近{shown}{unit_text}"
    if qualifier == "about":
        return f"约{shown}{unit_text}"
    return f"{shown}{unit_text}"


def _english(shown: str, unit, qualifier, is_rate: bool, with_unit: bool) -> str:
    tail = "%" if is_rate else (f" {unit_label(unit, 'en')}" if with_unit and unit else "")
    if qualifier == "at_least":
        return f"≥{shown}%" if is_rate else f"{shown}+{tail}"
    if qualifier == "at_most":
        return f"nearly {shown}{tail}"
    if qualifier == "about":
        return f"about {shown}{tail}"
    return f"{shown}{tail}"
