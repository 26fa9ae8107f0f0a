"""Plotly figures for rankings among peers (no Streamlit).

- counts: horizontal bars from zero, best at the top;
- rates: a dot plot on a narrow axis that shows their differences, the axis title saying
  where it starts; a qualified value (`≥99%`) draws the range its words allow;
- the heatmap of scaled positions, where a city alone on a metric is grey, not a leader.

Rank labels come from `dashboard.ranking` (`3`, `并列1`, `2–3`).
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import (KIND_OPACITY, KIND_SYMBOL, ROW_PX, _hover, _hover_template, _label_px, _layout,
                              _pattern, _safe)
from dashboard.i18n import translate
from dashboard.labels import number, value_label
from dashboard.palette import city_colour

BAR_COLOUR = "#2563eb"
UNCERTAIN_COLOUR = "#d97706"     # a value whose place is not certain
ALONE_COLOUR = "#d1d5db"         # neutral: a city alone on a metric
HEATMAP_TEXT_COLUMNS = 8         # more columns than this and the values overlap on a phone


def rate_axis_start(ranked: pd.DataFrame) -> float:
    """Where a rate axis starts: a little below the lowest value, on a round number."""
    low = float(ranked["lo"].min()) if len(ranked) else 0.0
    high = float(ranked["hi"].max()) if len(ranked) else 100.0
    pad = max((high - low) * 0.15, 0.5)
    step = 5 if high - low > 10 else 1
    return max(0.0, math.floor((low - pad) / step) * step)


def ranking_chart(ranked: pd.DataFrame, labels: Sequence[str], *, is_rate: bool, title: str, source: str,
                  axis_title: str, subtitle: str | None = None, lang: str = "zh") -> go.Figure:
    """`ranked` from ranking.rank_values (best first), `labels` one per row ('并列1. 潍坊')."""
    # each city in its own colour (the same on every page); a place the words leave uncertain
    # is outlined in amber
    colours = [city_colour(c) for c in ranked["city"]]
    outline = dict(color=[UNCERTAIN_COLOUR if u else "rgba(0,0,0,0)" for u in ranked["uncertain"]],
                   width=[3 if u else 0 for u in ranked["uncertain"]])
    conflicted = ranked["has_conflict"].fillna(False).astype(bool) if "has_conflict" in ranked else [False] * len(ranked)
    texts = [value_label(r.value, r.unit, r.qualifier, lang, getattr(r, "quote", None)
                         if isinstance(getattr(r, "quote", None), str) else None) + (" *" if c else "")
             for r, c in zip(ranked.itertuples(), conflicted)]
    labels = list(labels)
    if is_rate:
        start = rate_axis_start(ranked)
        end = min(100.0, float(ranked["hi"].max())) if len(ranked) else 100.0
        fig = go.Figure(go.Scatter(
            x=ranked["value"], y=labels, mode="markers+text", text=texts,
            # the label away from the range line: left of an 'at least' value, right otherwise
            textposition=["middle left" if q == "at_least" else "middle right" for q in ranked["qualifier"]],
            cliponaxis=False, textfont=dict(size=12),
            marker=dict(size=11, color=colours, symbol=[KIND_SYMBOL.get(k, "circle") for k in ranked["kind"]],
                        line=dict(width=[3 if u else 1 for u in ranked["uncertain"]],
                                  color=[UNCERTAIN_COLOUR if u else "#1f2937" for u in ranked["uncertain"]])),
            error_x=dict(type="data", symmetric=False, array=(ranked["hi"] - ranked["value"]).tolist(),
                         arrayminus=(ranked["value"] - ranked["lo"]).tolist(), color="#6b7280", thickness=2,
                         width=0),
            customdata=_hover(ranked, lang), hovertemplate=_hover_template(lang, "%{y}"),
        ))
        span = max(end - start, 1.0)
        fig.update_xaxes(title_text=_safe(translate("rank.rate_axis", lang, axis=axis_title, start=number(start))),
                         range=[start, end + span * 0.28], showgrid=True, gridcolor="#e5e7eb", zeroline=False)
    else:
        fig = go.Figure(go.Bar(
            x=ranked["value"], y=labels, orientation="h", text=texts, textposition="outside",
            cliponaxis=False, textfont=dict(size=12),
            marker=dict(color=colours, opacity=[KIND_OPACITY.get(k, 1) for k in ranked["kind"]],
                        pattern=_pattern(ranked["kind"]), line=outline),
            customdata=_hover(ranked, lang), hovertemplate=_hover_template(lang, "%{y}"),
        ))
        top = float(ranked["value"].max()) if len(ranked) else 1.0
        fig.update_xaxes(title_text=_safe(axis_title), range=[0, (top or 1.0) * 1.25])
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    positions = list(ranked["rank_lo"])
    for i in range(1, len(positions)):   # top and bottom: a dashed line where the middle is left out
        if positions[i] > ranked["rank_hi"].iloc[i - 1] + 1:
            fig.add_shape(type="line", xref="paper", x0=0, x1=1, yref="y", y0=i - 0.5, y1=i - 0.5,
                          line=dict(color="#9ca3af", width=1, dash="dash"))
    fig.update_layout(showlegend=False)
    return _layout(fig, title, source, height=150 + ROW_PX * max(len(ranked), 3), top=80, subtitle=subtitle)


def peer_heatmap(cells: pd.DataFrame, cities: Sequence[str], metrics: Sequence[str],
                 metric_names: dict[str, str], city_labels: dict[str, str], *, title: str, source: str,
                 colourbar_title: str, lang: str = "zh",
                 text_columns: int = HEATMAP_TEXT_COLUMNS) -> go.Figure:
    """Cities (rows) × metrics (columns) coloured by position among the cities that have the
    metric; a cell whose city is alone on the metric is grey and says so. Values are written
    in the cells only up to `text_columns` columns (beyond, they overlap on a phone): hover."""
    alone_text = translate("rank.alone_cell", lang)
    row_of = {c: i for i, c in enumerate(cities)}
    column_of = {m: j for j, m in enumerate(metrics)}
    grids = {part: [[None] * len(metrics) for _ in cities] for part in ("scaled", "label", "hover", "grey")}
    for r in cells.itertuples():         # one pass, no pivot: a pivot per part took seconds at 300 cities
        i, j = row_of.get(r.city), column_of.get(r.metric)
        if i is None or j is None or grids["label"][i][j] is not None:
            continue
        label = value_label(r.value, r.unit, r.qualifier, lang)
        grids["label"][i][j] = label
        if r.alone:
            grids["grey"][i][j], grids["hover"][i][j] = 1.0, f"{label} · {alone_text}"
        else:
            grids["scaled"][i][j] = float(r.scaled)
            grids["hover"][i][j] = f"{label} · {number(round(float(r.scaled), 2))}"
    grid = grids.__getitem__
    x = [metric_names.get(m, m) for m in metrics]
    y = [city_labels.get(c, c) for c in cities]
    text = [["" if v is None else v for v in row] for row in grid("label")]
    template = "%{text}" if len(metrics) <= text_columns else ""
    fig = go.Figure()
    fig.add_trace(go.Heatmap(
        z=grid("scaled"), x=x, y=y, text=text, texttemplate=template, textfont=dict(size=10),
        customdata=grid("hover"), colorscale="Blues", zmin=0, zmax=1, xgap=2, ygap=2, hoverongaps=False,
        # the colour bar under the grid, not beside it: on a phone every column keeps its width
        colorbar=dict(title=dict(text=_safe(colourbar_title), side="right"), orientation="h", thickness=10,
                      x=0, xanchor="left", y=0, yanchor="top", ypad=8, lenmode="pixels", len=220,
                      tickfont=dict(size=10)),
        hovertemplate="%{y} · %{x}<br>%{customdata}<extra></extra>", name="scaled"))
    fig.add_trace(go.Heatmap(
        z=grid("grey"), x=x, y=y, text=text, texttemplate=template, textfont=dict(size=10, color="#374151"),
        customdata=grid("hover"), colorscale=[[0, ALONE_COLOUR], [1, ALONE_COLOUR]], zmin=0, zmax=1,
        showscale=False, xgap=2, ygap=2, hoverongaps=False, name=alone_text,
        hovertemplate="%{y} · %{x}<br>%{customdata}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", automargin=True)
    # every column named, even on a phone (plotly would drop every other label)
    fig.update_xaxes(side="top", tickangle=-90, automargin=True, tickmode="array", tickvals=x, ticktext=x,
                     tickfont=dict(size=10))
    top = 70 + _label_px(x, size=10)
    return _layout(fig, title, source, height=top + 110 + ROW_PX * max(len(cities), 4), bottom=100, top=top)


def compare_dots(values: pd.DataFrame, cities: Sequence[str], years: Sequence[int], labels: dict[str, str], *,
                 title: str, source: str, axis_title: str, lang: str = "zh") -> go.Figure:
    """Rates of chosen cities and years as dots on a narrow axis (bars from zero would all
    look alike): cities along x, a dot per year, the range a qualifier allows as a line."""
    from dashboard.charts import _grey, year_opacity
    from dashboard.ranking import value_interval

    values = values[values["city"].isin(cities) & values["year"].isin(years)]
    bounds = [value_interval(float(v), q, True) for v, q in zip(values["value"], values["qualifier"])]
    values = values.assign(lo=[b[0] for b in bounds], hi=[b[1] for b in bounds])
    shade = year_opacity(years)
    x_of = {c: labels.get(c, c) for c in cities}
    fig = go.Figure()
    for year in sorted(years):
        rows = values[values["year"] == year]
        fig.add_trace(go.Scatter(
            name=str(year), x=[x_of[c] for c in rows["city"]], y=rows["value"], mode="markers+text",
            text=[value_label(r.value, r.unit, r.qualifier, lang, r.quote if isinstance(getattr(r, "quote", None), str)
                              else None) for r in rows.itertuples()],
            textposition="middle right", cliponaxis=False, textfont=dict(size=11),
            marker=dict(size=11, color=[city_colour(c) for c in rows["city"]], opacity=shade[year],
                        symbol=[KIND_SYMBOL.get(k, "circle") for k in rows["kind"]],
                        line=dict(width=1, color=_grey(1.0))),
            error_y=dict(type="data", symmetric=False, array=(rows["hi"] - rows["value"]).tolist(),
                         arrayminus=(rows["value"] - rows["lo"]).tolist(), color="#6b7280", width=0),
            customdata=_hover(rows, lang), hovertemplate=_hover_template(lang, f"%{{x}} · {year}")))
    fig.add_trace(go.Scatter(x=[x_of[c] for c in cities], y=[None] * len(cities), mode="markers",
                             showlegend=False, hoverinfo="skip"))   # keeps every chosen city on the axis
    start = rate_axis_start(values) if len(values) else 0.0
    fig.update_yaxes(title_text=_safe(translate("rank.rate_axis", lang, axis=axis_title, start=number(start))),
                     range=[start, 100.5], showgrid=True, gridcolor="#e5e7eb", zeroline=False)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=[x_of[c] for c in cities],
                     automargin=True)
    fig.update_layout(scattermode="group", legend=dict(orientation="h", y=1.0, x=1, xanchor="right",
                                                       yanchor="bottom"))
    return _layout(fig, title, source, height=460, bottom=80, top=90)
