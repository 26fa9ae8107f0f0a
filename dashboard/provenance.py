"""Where the values on a page come from, said under its charts: 报告原文 (a published
report), 用户添加 (a report added by a user and approved by an editor), 外部来源 (an
analyst's figure from outside the reports). Plain functions over metric_values rows."""
from __future__ import annotations

import pandas as pd

from dashboard.i18n import translate
from dashboard.labels import value_label

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
