"""How values, names and lists are written on the dashboard (plain functions, no Streamlit)."""
from __future__ import annotations

import math
from collections.abc import Sequence

from dashboard.formatting import as_written
from dashboard.i18n import translate


def number(value: float) -> str:
    """571 -> '571', 93.6 -> '93.6', 99.25 -> '99.25'; no exponent, no separators."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def value_label(value: float, unit: str | None, qualifier: str | None, lang: str = "zh",
                quote: str | None = None) -> str:
    """A value as the text claims it, without a count's unit: `99%以上`, `4300余`, `近200`
    (zh) / `≥99%`, `4,300+`, `nearly 200` (en); with the quote, the report's own words and
    decimals (dashboard.formatting.as_written)."""
    return as_written(value, unit, qualifier, quote, lang, with_unit=False)


def metric_name(row, lang: str = "zh") -> str:
    """A metrics row's (or dict's) name in `lang`, falling back to the id."""
    name = row.get("name_zh" if lang == "zh" else "name_en")
    return name if isinstance(name, str) and name else row.get("metric", "")


def category_name(row, lang: str = "zh") -> str:
    name = row.get("category_zh" if lang == "zh" else "category_en")
    return name if isinstance(name, str) and name else row.get("category", "")


def city_name(name: str, english: str | None, lang: str = "zh") -> str:
    return english if lang == "en" and isinstance(english, str) and english else name


def listing(items: Sequence[str], lang: str = "zh") -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def cities_phrase(names: Sequence[str], lang: str = "zh", shown: int = 3) -> str:
    """'潍坊、淄博' or '潍坊、淄博、菏泽等 12 个城市' — where a chart's figures come from."""
    names = list(names)
    if len(names) <= shown:
        return listing(names, lang)
    head = listing(names[:2], lang)
    if lang == "zh":
        return head + translate("chart.n_more", lang, n=len(names))
    return f"{head} {translate('chart.n_more', lang, n=len(names) - 2)}"


def years_phrase(years: Sequence[int], lang: str = "zh") -> str:
    """'2023年'; '2021、2023年' for a few years; '2008–2025年' for a run or a longer list."""
    years = sorted(set(int(y) for y in years))
    if not years:
        return ""
    if len(years) > 3 or (len(years) > 1 and years == list(range(years[0], years[-1] + 1))):
        text = f"{years[0]}–{years[-1]}"
    else:
        text = listing([str(y) for y in years], lang)
    return text + ("年" if lang == "zh" else "")


_MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|$:~<>")


def md_plain(text: str) -> str:
    """Text for a Streamlit label or caption (which read Markdown), shown as written."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in str(text))
