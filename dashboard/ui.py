"""Pieces every page uses: names in the visitor's language, the common filters, charts."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard import charts, data, highlight, provenance, state
from dashboard.formatting import as_written, unit_label
from dashboard.i18n import current_lang, t
from dashboard.labels import category_name, city_name, metric_name, value_label

SCOPES = ("committee", "citywide")
KINDS = ("stated", "derived", "curated", "external")
LEVELS = ("province", "municipality", "prefecture", "county", "district")
HEADLINE_METRICS = ("proposals.filed", "proposals.satisfaction_rate", "info.adopted")


# --------------------------------------------------------------------------- names

def metrics() -> pd.DataFrame:
    return data.metric_catalogue()


def metric_names() -> dict[str, str]:
    lang = current_lang()
    return {r["metric"]: metric_name(r, lang) for r in metrics().to_dict("records")}


def metric_with_category() -> dict[str, str]:
    """'提案 · 立案数': metric pickers list metrics grouped by category, in catalogue order."""
    lang = current_lang()
    return {r["metric"]: f"{category_name(r, lang)} · {metric_name(r, lang)}"
            for r in metrics().to_dict("records")}


def metric_row(metric: str) -> dict:
    rows = metrics()
    found = rows[rows["metric"] == metric]
    return found.iloc[0].to_dict() if len(found) else {"metric": metric, "unit": "", "higher_is_better": True}


def category_colours() -> list[tuple[str, str]]:
    """(category name, highlight colour) of each category, in catalogue order."""
    lang = current_lang()
    return [(category_name(r, lang), highlight.CATEGORY_COLOURS.get(r["category"], highlight.OTHER_COLOUR))
            for r in metrics().drop_duplicates("category").to_dict("records")]


def axis_title(metric: str) -> str:
    row, lang = metric_row(metric), current_lang()
    unit = unit_label(row.get("unit") or "", lang)
    return f"{metric_name(row, lang)}（{unit}）" if lang == "zh" else f"{metric_name(row, lang)} ({unit})"


def cities() -> pd.DataFrame:
    return data.cities_with_data()


def city_names() -> dict[str, str]:
    lang = current_lang()
    return {r.city: city_name(r.city, r.english, lang) for r in cities().itertuples()}


def source_line() -> str:
    built = data.build_info().get("built_at", "")[:10]
    return t("chart.source", built=built)


# --------------------------------------------------------------------------- filters

def years_filter(years: Sequence[int], default: Sequence[int], container=None) -> list[int]:
    return state.multiselect("years", t("filter.years"), list(years), default=default,
                             container=container, placeholder=t("filter.all_hint"))


def cities_filter(default: Sequence[str], container=None, label_key: str = "filter.cities",
                  help_key: str | None = None, levels: Sequence[str] | None = None) -> list[str]:
    """Cities to show; with `levels`, only committees of those levels are offered."""
    names = peer_labels() if levels is not None else city_names()
    if levels:
        table = cities()
        allowed = set(table.loc[table["level"].isin(list(levels)), "city"])
        names = {c: n for c, n in names.items() if c in allowed}
    return state.multiselect("cities", t(label_key), list(names), default=[c for c in default if c in names],
                             container=container,
                             format_func=names.get, placeholder=t("filter.search_hint"),
                             help=t(help_key) if help_key else None)


def metric_filter(default: str, container=None) -> str:
    labels = metric_with_category()
    return state.selectbox("metric", t("filter.metric"), list(labels), default=default,
                           container=container, format_func=labels.get)


def level_filter(container=None) -> list[str]:
    """Committee levels to compare; by default prefecture-level city committees only."""
    labels = {lv: t(f"level.{lv}") for lv in LEVELS}
    return state.multiselect("peers", t("filter.peers"), list(LEVELS), default=["prefecture"],
                             container=container, format_func=labels.get, help=t("filter.peers_help"),
                             placeholder=t("filter.all_hint"))


def peer_labels(rows: pd.DataFrame | None = None) -> dict[str, str]:
    """City names in the visitor's language; a committee that is not prefecture-level says its
    level and parent ('邹城（县级·济宁）'), so it is never mistaken for a peer city."""
    from dashboard.ranking import peer_label

    lang = current_lang()
    table = cities()
    known = data.city_table()
    english = dict(zip(known["city"], known["english"]))
    def parent(name):
        return city_name(name, english.get(name), lang) if isinstance(name, str) and name else None
    return {r.city: peer_label(city_name(r.city, r.english, lang), r.level, parent(r.parent), lang)
            for r in table.itertuples()}


def scope_filter(container=None) -> str:
    labels = {s: t(f"scope.{s}") for s in SCOPES}
    return state.radio("scope", t("filter.scope"), list(SCOPES), default="committee",
                       container=container, format_func=labels.get)


# --------------------------------------------------------------------------- output

def show_chart(fig, filename: str) -> None:
    """A plotly figure, full width, with the toolbar's PNG download named `filename`."""
    from dashboard.frame_view import plotly_config

    st.plotly_chart(fig, width="stretch", config=plotly_config(filename, current_lang()))


def _labels() -> dict[str, str]:
    return {c: t(f"col.{c}") for c in (
        "city", "province", "year", "metric", "category", "value", "unit", "qualifier", "scope",
        "period", "kind", "report", "quote", "sentence", "source_url", "shown", "rank", "metric_id",
        "conflict", "note", "link", "fact_id", "fact_ids", "report_id")}


def value_columns() -> dict[str, st.column_config.Column]:
    """Column labels (in the visitor's language) for the tables of values_table()."""
    labels = _labels()
    return {
        **{c: st.column_config.TextColumn(label) for c, label in labels.items()},
        "year": st.column_config.NumberColumn(labels["year"], format="%d"),
        "value": st.column_config.NumberColumn(labels["value"]),
        "source_url": st.column_config.LinkColumn(labels["source_url"]),
    }


def export_columns() -> dict[str, st.column_config.Column]:
    """Column labels for the export's table (etl.export.values_frame), ids kept as they are."""
    labels = _labels()
    return {
        **value_columns(),
        "metric": st.column_config.TextColumn(labels["metric_id"]),
        "metric_zh": st.column_config.TextColumn(labels["metric"]),
        "metric_en": st.column_config.TextColumn(labels["metric"]),
        "category_zh": st.column_config.TextColumn(labels["category"]),
        "category_en": st.column_config.TextColumn(labels["category"]),
        "has_conflict": st.column_config.CheckboxColumn(labels["conflict"]),
        "level": st.column_config.TextColumn(t("filter.level")),
        "parent": st.column_config.TextColumn(t("col.parent")),
        "source": st.column_config.TextColumn(labels["report"]),
        "url": st.column_config.LinkColumn(labels["link"]),
    }


def values_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Metric values as people read them: names, the value as the text claims it, its source."""
    lang = current_lang()
    names, cities_ = metric_names(), city_names()
    return pd.DataFrame({
        "city": [cities_.get(c, c) for c in rows["city"]],
        "year": rows["year"].astype(int),
        "metric": [names.get(m, m) for m in rows["metric"]],
        "shown": [as_written(r.value, r.unit, r.qualifier, r.quote if isinstance(r.quote, str) else None, lang)
                  for r in rows.itertuples()],
        "kind": [t(f"kind.{k}") for k in rows["kind"]],
        "period": [t(f"period.{p}") for p in rows["period"]],
        "scope": [t(f"scope.{s}") for s in rows["scope"]],
        "report": [provenance.describe_row(r, lang) for r in rows.to_dict("records")],
        "quote": rows["quote"].fillna(""),      # never an analyst's note: that is for analysts
        "source_url": rows["source_url"].fillna(""),
    })


def show_values_table(rows: pd.DataFrame, height: int | str = "auto") -> None:
    st.dataframe(values_table(rows), hide_index=True, width="stretch", height=height,
                 column_config=value_columns())


def listed_pairs(pairs: Sequence[tuple[str, int]], limit: int = 30) -> str:
    """'潍坊 2022、淄博 2021' (at most `limit`, then how many more)."""
    lang = current_lang()
    names = city_names()
    items = [f"{names.get(c, c)} {y}" for c, y in pairs[:limit]]
    if len(pairs) > limit:
        items.append(f"… (+{len(pairs) - limit})")
    return ("、" if lang == "zh" else ", ").join(items)


def coverage_line(coverage: pd.DataFrame, years: Sequence[int], shown: int = 6) -> str:
    """'40 个城市年份中有 23 个有数字（2017–2024年）。缺得最多：淄博 2/8 年、…' — a line, not a list."""
    from dashboard.labels import years_phrase

    lang = current_lang()
    names = city_names()
    have, total = int(coverage["n_years"].sum()), int(coverage["n_span"].sum())
    line = t("trends.coverage", have=have, total=total, years=years_phrase(years, lang))
    gaps = coverage[coverage["n_years"] < coverage["n_span"]]
    if gaps.empty:
        return line + t("trends.coverage_full")
    items = [t("trends.coverage_city", city=names.get(r.city, r.city), n=r.n_years, span=r.n_span)
             for r in gaps.head(shown).itertuples()]
    more = t("trends.coverage_more", n=len(gaps) - shown) if len(gaps) > shown else ""
    return line + t("trends.coverage_gaps", items=("、" if lang == "zh" else ", ").join(items)) + more


def readable(table: pd.DataFrame, note_source: bool = False) -> pd.DataFrame:
    """A table for people in the interface language: codes (qualifier, scope, period, kind,
    action, outcome, unit) as words, cities by their name in that language, nothing shown as
    `None`. With `note_source`, an analyst's note (which may hold internal ids) gives way to
    the outside page's description. The downloads keep the codes; this is only what is shown."""
    from dashboard.frame import _label

    lang = current_lang()
    out = table.copy()
    english = dict(zip(data.city_table()["city"], data.city_table()["english"]))
    for column in out.columns:
        if column == "city":
            out[column] = [city_name(c, english.get(c), lang) if isinstance(c, str) else "" for c in out[column]]
        elif column in ("qualifier", "scope", "period", "kind", "action", "outcome", "severity"):
            out[column] = [_label(column, v, lang) for v in out[column]]
        elif column == "unit":
            out[column] = [unit_label(v, lang) for v in out[column]]
        elif column == "metric" and "metric_zh" not in out.columns:   # the export keeps its id column
            names = metric_names()
            out[column] = [names.get(m, m) if isinstance(m, str) else "" for m in out[column]]
    if note_source and "note" in out.columns and "source_url" in out.columns:
        out["note"] = [provenance.describe(provenance.source_of({"source_url": u}, lang), lang)
                       if isinstance(u, str) and u else "" for u in table["source_url"]]
    for column in out.columns:
        if out[column].isna().any():
            values = out[column]
            whole = pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all()
            out[column] = [("" if pd.isna(v) else (str(int(v)) if whole else v)) for v in values]
    return out
