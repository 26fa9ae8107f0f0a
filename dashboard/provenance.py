"""Where a chart's values come from, said the way a person would say it.

A stated or derived value rests on a report: its title, publisher and publication date
("潍坊市政协2023年工作综述 · 2024-01"). A curated value rests on a page outside the reports:
data/curation/sources.csv says who published it and when ("大众网淄博 · 2017-02-20"); a page
that file does not know is named by its host. Never a corpus id or a curation note.

`chart_sources(rows)` lists the distinct sources behind the rows a chart draws, complete, in
date order; `source_lines` writes them for a figure, `sources_table` for a download.

`caption(values)` says under a page which kind of source its values rest on: 报告原文 (a
published report), 用户添加 (a report added by a user and approved by an editor), 外部来源
(a figure from outside the reports). Only `caption` touches Streamlit.
"""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from dashboard.i18n import translate
from dashboard.labels import value_label
from etl import paths

SOURCES_FILE = paths.CURATION / "sources.csv"


@dataclass(frozen=True)
class Source:
    key: str                 # report id, or the URL of an outside page
    title: str               # the report's or page's title ('' when unknown)
    publisher: str           # who published it ('' when unknown)
    published: str           # 'YYYY-MM-DD', 'YYYY-MM' or ''
    url: str                 # '' when none is known
    report_id: str           # '' for an outside page
    outside: bool            # a curated figure's page rather than a report


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


@lru_cache(maxsize=4)
def _outside_pages(path: str) -> dict[str, dict[str, str]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return {row["url"].strip(): row for row in csv.DictReader(f) if row.get("url")}
    except OSError:
        return {}


def outside_page(url: str, lang: str = "zh", sources_file: str | Path = SOURCES_FILE) -> tuple[str, str, str]:
    """(title, publisher, published) of an outside page; an unknown page is named by its host."""
    row = _outside_pages(str(sources_file)).get(url.strip())
    if row is None:
        return "", urlparse(url).hostname or url, ""
    publisher = _text(row.get("publisher_en" if lang == "en" else "publisher_zh")) or \
        _text(row.get("publisher_zh")) or (urlparse(url).hostname or "")
    return _text(row.get("title")), publisher, _text(row.get("published"))


def source_of(row, lang: str = "zh", sources_file: str | Path = SOURCES_FILE) -> Source:
    """The source of one metric_values row (a dict or a namedtuple with the query's columns)."""
    get = row.get if isinstance(row, dict) else (lambda k, d=None: getattr(row, k, d))
    report_id, title = _text(get("report_id")), _text(get("report_title"))
    if report_id or title:
        return Source(key=report_id or title, title=title, publisher=_text(get("report_source")),
                      published=_text(get("published")), url=_text(get("report_url")),
                      report_id=report_id, outside=False)
    url = _text(get("source_url"))
    if url:
        title, publisher, published = outside_page(url, lang, sources_file)
        # a published figure (kind external) carries its page's own title and date
        page_title, page_date = _text(get("source_title")), _text(get("source_published"))
        if page_title and publisher == (urlparse(url).hostname or url):
            publisher = ""            # the page's title says more than its host
        return Source(key=url, title=page_title or title, publisher=publisher, published=page_date or published,
                      url=url, report_id="", outside=True)
    return Source(key="", title="", publisher="", published="", url="", report_id="", outside=True)


def describe(source: Source, lang: str = "zh") -> str:
    """'潍坊市政协2023年工作综述 · 潍坊日报 · 2024-01'; '大众网淄博 · 2017-02-20'."""
    parts = [p for p in (source.title, source.publisher, source.published) if p]
    if not parts:
        return translate("source.unknown", lang)
    if source.title and source.publisher and source.publisher in source.title:
        parts.remove(source.publisher)
    return " · ".join(dict.fromkeys(parts))


def describe_row(row, lang: str = "zh") -> str:
    return describe(source_of(row, lang), lang)


def chart_sources(rows: pd.DataFrame, lang: str = "zh") -> list[Source]:
    """The distinct sources of `rows`, reports first then outside pages, each by date."""
    found: dict[str, Source] = {}
    for row in rows.to_dict("records"):
        source = source_of(row, lang)
        found.setdefault(source.key, source)
    return sorted(found.values(), key=lambda s: (s.outside, s.published or "9999", describe(s, lang)))


def source_lines(sources: list[Source], lang: str = "zh", width: int = 60) -> list[str]:
    """'来源：A；B；C' broken into lines of at most about `width` CJK characters, no source
    split across lines, none left out."""
    head = translate("source.label", lang)
    sep = "；" if lang == "zh" else "; "
    names = [describe(s, lang) for s in sources] or [translate("source.unknown", lang)]
    lines, line = [], head
    for i, name in enumerate(names):
        piece = name + (sep if i < len(names) - 1 else "")
        if line != head and _width(line + piece) > width:
            lines.append(line.rstrip())
            line = ""
        line += piece
    lines.append(line)
    return lines


def _width(text: str) -> float:
    import unicodedata

    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in text)


def sources_table(sources: list[Source], lang: str = "zh") -> pd.DataFrame:
    """One row per source, for a download's sources sheet."""
    col = (lambda k: translate(f"source.col.{k}", lang))
    kind = {False: translate("source.kind.report", lang), True: translate("source.kind.outside", lang)}
    return pd.DataFrame({
        col("title"): [s.title or describe(s, lang) for s in sources],
        col("publisher"): [s.publisher for s in sources],
        col("published"): [s.published for s in sources],
        col("kind"): [kind[s.outside] for s in sources],
        col("url"): [s.url for s in sources],
        col("report_id"): [s.report_id for s in sources],
    })


# ---------------------------------------------------------------- provenance of a page's values

ORDER = ("report", "user", "external")
SHOWN_USER_VALUES = 8


def provenance_line(values: pd.DataFrame, lang: str = "zh") -> str | None:
    """`数据来源：报告原文 40 · 用户添加 3 · 外部来源 12`, or None without values."""
    if values.empty or "provenance" not in values:
        return None
    counts = values["provenance"].fillna("report").value_counts()
    parts = [f"{translate(f'provenance.{p}', lang)} {int(counts[p])}" for p in ORDER if p in counts]
    return translate("provenance.note", lang, counts=" · ".join(parts)) if parts else None


def user_values_line(values: pd.DataFrame, names: dict[str, str], cities: dict[str, str],
                     lang: str = "zh") -> str | None:
    """The user-added values on the page by city and metric (the first few), or None."""
    if values.empty or "provenance" not in values:
        return None
    mine = values[values["provenance"] == "user"]
    if mine.empty:
        return None
    shown = [f"{cities.get(r.city, r.city)} {names.get(r.metric, r.metric)} "
             f"{value_label(r.value, r.unit, r.qualifier, lang)}" for r in mine.head(SHOWN_USER_VALUES).itertuples()]
    more = len(mine) - len(shown)
    return translate("provenance.user_values", lang, values="、".join(shown) + (f" …(+{more})" if more else ""))


def caption(values: pd.DataFrame) -> None:
    """The page's provenance lines, as captions (text, never HTML)."""
    import streamlit as st

    from dashboard import ui
    from dashboard.i18n import current_lang
    from dashboard.labels import md_plain

    lang = current_lang()
    for line in (provenance_line(values, lang), user_values_line(values, ui.metric_names(), ui.city_names(), lang)):
        if line:
            st.caption(md_plain(line))
