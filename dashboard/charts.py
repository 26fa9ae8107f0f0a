"""Plotly figures for the pages: rows in, a figure with a title and a source line out.

No Streamlit here. Every figure says what, where and when in its title and where its
numbers come from in a line at the bottom; the page shows it with the toolbar's PNG button.
"""
from __future__ import annotations

import html
import textwrap
import unicodedata
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard import provenance
from dashboard.formatting import as_written
from dashboard.i18n import translate
from dashboard.labels import city_name, number, value_label
from dashboard.palette import city_colour

# What tells a derived or curated value from a stated one, on bars and on markers.
KIND_PATTERN = {"stated": "", "derived": "/", "curated": ".", "external": "."}
KIND_SYMBOL = {"stated": "circle", "derived": "circle-open", "curated": "diamond", "external": "square"}
KIND_OPACITY = {"stated": 1.0, "derived": 0.75, "curated": 0.9, "external": 0.85}

ROW_PX = 26          # height of one bar or one heatmap row
FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"


def _safe(text) -> str:
    """Text from the reports is escaped before plotly's hover (which reads a little HTML)."""
    return "" if text is None or (isinstance(text, float) and pd.isna(text)) else html.escape(str(text))


def _wrapped(text, width: int = 28) -> str:
    return "<br>".join(textwrap.wrap(_safe(text), width)) if text else ""


def _layout(fig: go.Figure, title: str, source: str, height: int, bottom: int = 70, top: int = 60,
            subtitle: str | None = None) -> go.Figure:
    fig.update_layout(
        title=dict(text=_safe(title), x=0, xanchor="left", y=1, yanchor="top", yref="container",
                   pad=dict(t=14, l=4), font=dict(size=16),
                   subtitle=dict(text=_safe(subtitle), font=dict(size=12, color="#4b5563")) if subtitle else None),
        height=height, margin=dict(l=10, r=10, t=top, b=bottom),
        font=dict(family=FONT),
    )
    # A click selects a value (and opens its sentence): plotly.js fails on a selection of a trace
    # with text unless selected/unselected say how the text looks, so they are always given.
    for kind in ("bar", "scatter"):
        fig.update_traces(selected=dict(textfont=dict(color="#111827")),
                          unselected=dict(textfont=dict(color="#9ca3af"), marker=dict(opacity=0.35)),
                          selector=dict(type=kind))
    if source:   # pages draw their sources under the chart (dashboard.frame_view) and pass none
        fig.add_annotation(text=_safe(source), xref="paper", yref="paper", x=0, y=0, xanchor="left",
                           yanchor="top", yshift=-(bottom - 22), showarrow=False,
                           font=dict(size=11, color="#6b7280"))
    return fig


def _label_px(labels, size: int = 12) -> int:
    """About how long the longest label is drawn, in pixels (CJK characters are twice as wide)."""
    def width(text: str) -> float:
        return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in str(text))
    return int(max((width(label) for label in labels), default=0) * size) + 10


def _get(r, name):
    value = getattr(r, name, None)
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def _hover(rows: pd.DataFrame, lang: str) -> list[list[str]]:
    """Per value: as written, qualifier, kind, source, sentence; then (not shown) the report
    id, the fact id and the outside URL, which a click uses to open the sentence."""
    kind = {k: translate(f"kind.{k}", lang) for k in KIND_PATTERN}
    qualifier = {k: translate(f"qualifier.{k}", lang) for k in ("exact", "at_least", "about", "at_most")}
    return [[
        as_written(r.value, _get(r, "unit"), _get(r, "qualifier"), _get(r, "quote"), lang),
        qualifier.get(_get(r, "qualifier"), _get(r, "qualifier") or ""),
        kind.get(_get(r, "kind"), _get(r, "kind") or "") if _get(r, "provenance") != "user"
        else f"{kind.get(_get(r, 'kind'), _get(r, 'kind'))} · {translate('provenance.user', lang)}",
        _safe(provenance.describe_row(r._asdict(), lang)),
        _wrapped(_get(r, "sentence") or ""),
        _get(r, "report_id") or "", _get(r, "fact_id") or "", _get(r, "source_url") or "",
    ] for r in rows.itertuples()]


def _hover_template(lang: str, first: str) -> str:
    return (f"<b>{first}</b><br>%{{customdata[0]}} (%{{customdata[1]}})<br>"
            f"{translate('chart.hover_kind', lang)}: %{{customdata[2]}}<br>"
            f"{translate('chart.hover_report', lang)}: %{{customdata[3]}}<br>"
            f"%{{customdata[4]}}<extra></extra>")


def year_opacity(years: Sequence[int]) -> dict[int, float]:
    """Older years lighter, the newest solid: a city keeps its colour, its years their shade."""
    years = sorted(years)
    if len(years) == 1:
        return {years[0]: 1.0}
    return {y: round(0.4 + 0.6 * i / (len(years) - 1), 3) for i, y in enumerate(years)}


def _grey(opacity: float) -> str:
    """The dark grey #374151 at `opacity` on white, as a solid colour (a legend swatch ignores
    a trace's opacity)."""
    mixed = [round(255 - (255 - c) * opacity) for c in (0x37, 0x41, 0x51)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _shown(r, lang: str) -> str:
    return value_label(r.value, _get(r, "unit"), _get(r, "qualifier"), lang, _get(r, "quote"))


def ranking_bars(ranked: pd.DataFrame, *, title: str, source: str, axis_title: str,
                 subtitle: str | None = None, lang: str = "zh") -> go.Figure:
    """Horizontal bars, best at the top, each in its city's colour; `ranked` has rank, city,
    city_en, value, unit, qualifier (and quote: the value is written as the report wrote it).

    Made for a narrow column: what and when in the title, where in the subtitle.
    """
    labels = [f"{r.rank}. {city_name(r.city, r.city_en, lang)}" for r in ranked.itertuples()]
    fig = go.Figure(go.Bar(
        x=ranked["value"], y=labels, orientation="h",
        text=[_shown(r, lang) for r in ranked.itertuples()],
        textposition="outside", cliponaxis=False, textfont=dict(size=12),
        marker=dict(color=[city_colour(c) for c in ranked["city"]],
                    opacity=[KIND_OPACITY.get(k, 1) for k in ranked["kind"]],
                    pattern=_pattern(ranked["kind"])),
        customdata=_hover(ranked, lang), hovertemplate=_hover_template(lang, "%{y}"),
    ))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title_text=_safe(axis_title), range=[0, float(ranked["value"].max() or 1) * 1.3])
    ranks = list(ranked["rank"])
    for i in range(1, len(ranks)):
        if ranks[i] != ranks[i - 1] + 1:  # top and bottom: a dashed line where the middle is left out
            fig.add_shape(type="line", xref="paper", x0=0, x1=1, yref="y", y0=i - 0.5, y1=i - 0.5,
                          line=dict(color="#9ca3af", width=1, dash="dash"))
    return _layout(fig, title, source, height=150 + ROW_PX * max(len(ranked), 3), top=80, subtitle=subtitle)


def _pattern(kinds) -> dict:
    """Hatching for derived values, dots for curated ones, drawn over the bar's own colour."""
    # (bgcolor given: left out, plotly.js takes the bar's colour list for it and warns that an
    # array is no colour, once per bar and redraw)
    return dict(shape=[KIND_PATTERN.get(k, "") for k in kinds], fillmode="overlay",
                fgcolor="#0f172a", fgopacity=0.6, size=7, solidity=0.3, bgcolor="rgba(0,0,0,0)")


def compare_bars(values: pd.DataFrame, cities: Sequence[str], years: Sequence[int], *,
                 title: str, source: str, axis_title: str, lang: str = "zh",
                 labels: dict[str, str] | None = None) -> go.Figure:
    """Grouped bars: cities along x, each in its own colour, one bar per year (older years
    lighter, always in time order); a missing value is an empty slot.

    Derived values are hatched, curated ones dotted; the legend names the years (by shade)
    and explains the patterns, with entries that hold no data.
    """
    values = values[values["city"].isin(cities) & values["year"].isin(years)]
    x_labels = {c: c for c in cities}
    if lang == "en" and "city_en" in values:
        x_labels.update({r.city: city_name(r.city, r.city_en, lang) for r in values.itertuples()})
    x_labels.update({c: labels[c] for c in cities if labels and c in labels})  # '邹城（县级·济宁）'
    shade = year_opacity(years)
    fig = go.Figure()
    for year in sorted(years):
        rows = values[values["year"] == year]
        fig.add_trace(go.Bar(  # the legend entry of the year, its shade in grey
            name=str(year), x=[None], y=[None], offsetgroup=str(year),
            marker=dict(color=_grey(shade[year])), legendgroup=str(year), hoverinfo="skip"))
        fig.add_trace(go.Bar(
            name=str(year), x=[x_labels[c] for c in rows["city"]], y=rows["value"],
            offsetgroup=str(year), legendgroup=str(year), showlegend=False,
            text=[_shown(r, lang) for r in rows.itertuples()],
            textposition="outside", cliponaxis=False,
            marker=dict(color=[city_colour(c) for c in rows["city"]], opacity=shade[year],
                        pattern=_pattern(rows["kind"])),
            customdata=_hover(rows, lang), hovertemplate=_hover_template(lang, f"%{{x}} · {year}"),
        ))
    for kind in ("derived", "curated", "external"):
        if (values["kind"] == kind).any():
            fig.add_trace(go.Bar(
                name=translate(f"kind.{kind}", lang), x=[None], y=[None],
                offsetgroup=str(sorted(years)[0]), hoverinfo="skip",
                marker=dict(color="#cbd5e1", pattern=_pattern([kind]) | dict(shape=KIND_PATTERN[kind]))))
    without = [c for c in cities if c not in set(values["city"])]
    fig.add_trace(go.Scatter(  # keeps every chosen city on the axis; says so where none has a value
        x=[x_labels[c] for c in cities], y=[0 if c in without else None for c in cities],
        mode="text", text=[translate("chart.gap", lang) if c in without else "" for c in cities],
        textposition="top center", textfont=dict(color="#9ca3af"), showlegend=False, hoverinfo="skip"))
    fig.update_xaxes(categoryorder="array", categoryarray=[x_labels[c] for c in cities],
                     type="category", automargin=True)
    top = float(values["value"].max()) if len(values) else 1.0
    fig.update_yaxes(title_text=_safe(axis_title), range=[0, top * 1.15])
    fig.update_layout(barmode="group", bargap=0.25, legend=dict(orientation="h", y=1.0, x=1,
                                                                xanchor="right", yanchor="bottom"))
    return _layout(fig, title, source, height=460, bottom=80, top=90)


def _has_inner_gap(present) -> bool:
    """Whether a missing year lies between two present ones."""
    if present.sum() < 2:
        return False
    first, last = present.argmax(), len(present) - 1 - present[::-1].argmax()
    return not present[first:last + 1].all()


def trend_lines(grid: pd.DataFrame, cities: Sequence[str], years: Sequence[int], *,
                title: str, source: str, axis_title: str, lang: str = "zh",
                labels: dict[str, str] | None = None) -> go.Figure:
    """One line per city over the years, in the city's colour, its name at the line's end.

    A missing year is no point: the solid line stops there and a thin dashed connector (drawn
    first, without hover) bridges the gap, so the eye follows the city without taking the
    connector for a figure.
    """
    fig = go.Figure()
    ends = []
    for city in cities:
        rows = grid[grid["city"] == city].sort_values("year")
        present = rows["value"].notna()
        english = rows["city_en"].dropna().iloc[0] if "city_en" in rows and rows["city_en"].notna().any() else None
        name, colour = (labels or {}).get(city) or city_name(city, english, lang), city_colour(city)
        if _has_inner_gap(present.to_numpy()):
            fig.add_trace(go.Scatter(
                name=name, x=rows["year"][present], y=rows["value"][present], mode="lines",
                line=dict(color=colour, width=1.2, dash="dash"), opacity=0.7, connectgaps=True,
                showlegend=False, hoverinfo="skip", legendgroup=city))
        fig.add_trace(go.Scatter(
            name=name, x=rows["year"],
            y=[v if ok else None for v, ok in zip(rows["value"], present)],
            mode="lines+markers+text" if len(cities) <= 4 else "lines+markers",
            connectgaps=False, line=dict(color=colour, width=2), legendgroup=city,
            text=[_shown(r, lang) if ok else "" for r, ok in zip(rows.itertuples(), present)],
            textposition="top center",
            marker=dict(size=9, symbol=[KIND_SYMBOL.get(k, "circle") if ok else "circle"
                                        for k, ok in zip(rows["kind"], present)]),
            customdata=[c if ok else ["", "", "", "", translate("chart.gap", lang), "", "", ""]
                        for c, ok in zip(_hover(rows.fillna({"value": 0}), lang), present)],
            hovertemplate=_hover_template(lang, f"{_safe(name)} · %{{x}}"),
        ))
        if present.any():
            last = rows[present].iloc[-1]
            ends.append((int(last["year"]), float(last["value"]), name, colour))
    for year, value, name, colour in ends:   # the city's name where its line ends
        fig.add_annotation(x=year, y=value, text=_safe(name), showarrow=False, xanchor="left",
                           xshift=8, yshift=-10 if len(cities) <= 4 else 0,
                           font=dict(size=12, color=colour))
    label_room = _label_px([e[2] for e in ends]) + 12
    span = sorted(years)
    ticks = span[::-1][::-(-len(span) // 9)][::-1]      # at most about nine year labels, the last always
    fig.update_xaxes(tickmode="array", tickvals=ticks, ticktext=[str(y) for y in ticks],
                     range=[min(years) - 0.5, max(years) + 0.5])
    fig.update_yaxes(title_text=_safe(axis_title), rangemode="tozero")
    fig.update_layout(showlegend=False, margin=dict(r=label_room))
    fig = _layout(fig, title, source, height=480)
    fig.update_layout(margin=dict(r=label_room))
    return fig


def city_over_years(values: pd.DataFrame, medians: pd.DataFrame, metrics: Sequence[str],
                    titles: dict[str, str], city: str, years: Sequence[int], *, title: str, source: str,
                    median_name: str, lang: str = "zh", columns: int = 2) -> go.Figure:
    """One small chart per metric: the city's values over the years (its colour; a missing
    year breaks the line, a dotted connector bridges it) next to its peers' median (grey,
    dashed). Only years with a figure get a point; no zeros are drawn."""
    from plotly.subplots import make_subplots

    rows = -(-len(metrics) // columns) or 1
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=[_safe(titles[m]) for m in metrics],
                        vertical_spacing=min(0.12, 0.5 / rows), horizontal_spacing=0.1)
    colour, span = city_colour(city), sorted(int(y) for y in years)
    # Traces and axes are gathered first and handed to plotly at once: placing them one by one
    # (add_trace/update_xaxes with row and col) costs plotly a search of the grid each time.
    traces, at_rows, at_cols, axes = [], [], [], {}
    step = -(-len(span) // 5)     # at most about five year labels: small charts stay legible on a phone
    ticks = span[::-1][::step][::-1]
    for i, metric in enumerate(metrics):
        row, col = i // columns + 1, i % columns + 1
        mine = values[values["metric"] == metric].assign(year=lambda d: d["year"].astype(int))
        grid = pd.DataFrame({"year": span}).merge(mine, on="year", how="left")
        present = grid["value"].notna()
        med = medians[medians["metric"] == metric].sort_values("year")
        placed = [go.Scatter(
            x=med["year"], y=med["median"], mode="lines+markers", name=median_name, legendgroup="median",
            showlegend=i == 0, line=dict(color="#9ca3af", width=1.5, dash="dash"), marker=dict(size=5),
            hovertemplate=f"{_safe(median_name)} · %{{x}}: %{{y}}<extra></extra>")]
        if _has_inner_gap(present.to_numpy()):
            placed.append(go.Scatter(x=grid["year"][present], y=grid["value"][present], mode="lines",
                                     line=dict(color=colour, width=1.2, dash="dash"), showlegend=False,
                                     hoverinfo="skip", legendgroup="city"))
        placed.append(go.Scatter(
            x=grid["year"], y=[v if ok else None for v, ok in zip(grid["value"], present)],
            mode="lines+markers", name=city_name(city, grid["city_en"].dropna().iloc[0] if grid["city_en"].notna().any()
                                                 else None, lang),
            legendgroup="city", showlegend=i == 0, connectgaps=False, line=dict(color=colour, width=2),
            marker=dict(size=8, symbol=[KIND_SYMBOL.get(k, "circle") if ok else "circle"
                                        for k, ok in zip(grid["kind"], present)]),
            customdata=[c if ok else ["", "", "", "", translate("chart.gap", lang), "", "", ""]
                        for c, ok in zip(_hover(grid.fillna({"value": 0}), lang), present)],
            hovertemplate=_hover_template(lang, f"{_safe(titles[metric])} · %{{x}}")))
        traces += placed
        at_rows += [row] * len(placed)
        at_cols += [col] * len(placed)
        n = "" if i == 0 else str(i + 1)   # make_subplots numbers the axes row by row
        axes[f"yaxis{n}"] = dict(rangemode="tozero")
        axes[f"xaxis{n}"] = dict(tickmode="array", tickvals=ticks, ticktext=[str(y) for y in ticks], tickangle=0,
                                 range=[span[0] - 0.5, span[-1] + 0.5])
    fig.add_traces(traces, rows=at_rows, cols=at_cols)
    fig.update_layout(axes)
    fig.update_annotations(font=dict(size=12))
    height, top, bottom = 150 + 230 * rows, 130, 70
    # the legend above the first row's subplot titles, not over them
    fig.update_layout(legend=dict(orientation="h", x=0, xanchor="left", yanchor="bottom",
                                  y=1 + 34 / (height - top - bottom)))
    return _layout(fig, title, source, height=height, top=top, bottom=bottom)


HEATMAP_TEXT_COLUMNS = 18   # with more columns a cell is too narrow for its value: hover only


def scaled_heatmap(scaled: pd.DataFrame, cities: Sequence[str], metrics: Sequence[str],
                   metric_names: dict[str, str], city_names: dict[str, str], *,
                   title: str, source: str, colourbar_title: str, lang: str = "zh") -> go.Figure:
    """Cities (rows, leaders first) × metrics (columns), coloured by the scaled position; each
    cell shows its value as the text claims it (when the columns are wide enough)."""
    labels = [_shown(r, lang) for r in scaled.itertuples()]
    cells = scaled.assign(label=labels, hover=[f"{label} · {number(round(float(s), 2))}"
                                               for label, s in zip(labels, scaled["scaled"])])
    wide = cells.pivot_table(index="city", columns="metric", values=["scaled", "label", "hover"],
                             aggfunc="first").reindex(index=list(cities))
    grid = {part: wide[part].reindex(columns=list(metrics)) if part in wide else None
            for part in ("scaled", "label", "hover")}
    z = [[None if pd.isna(v) else float(v) for v in row] for row in grid["scaled"].values]
    text = [["" if pd.isna(v) else v for v in row] for row in grid["label"].values]
    gap = translate("chart.gap", lang)
    hover = [[gap if pd.isna(v) else v for v in row] for row in grid["hover"].values]
    fig = go.Figure(go.Heatmap(
        z=z, x=[metric_names[m] for m in metrics], y=[city_names[c] for c in cities],
        text=text, texttemplate="%{text}" if len(metrics) <= HEATMAP_TEXT_COLUMNS else "",
        textfont=dict(size=10), customdata=hover,
        colorscale="Blues", zmin=0, zmax=1, xgap=2, ygap=2, hoverongaps=False,
        colorbar=dict(title=dict(text=_safe(colourbar_title)), thickness=12, lenmode="pixels",
                      len=max(90, min(240, ROW_PX * len(cities)))),
        hovertemplate="%{y} · %{x}<br>%{customdata}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(side="top", tickangle=-90, automargin=True)
    top = 70 + _label_px(metric_names[m] for m in metrics)   # the title, then the upright labels
    return _layout(fig, title, source, height=top + 60 + ROW_PX * max(len(cities), 4), bottom=50, top=top)


def coverage_heatmap(matrix: pd.DataFrame, *, title: str, source: str, colourbar_title: str,
                     max_years: int) -> go.Figure:
    """Cities × metrics, coloured by how many of the chosen years have a figure (blank: none)."""
    z = matrix.where(matrix > 0)
    fig = go.Figure(go.Heatmap(
        z=z.values.tolist(), x=list(matrix.columns), y=list(matrix.index),
        text=[[str(int(v)) if v else "" for v in row] for row in matrix.values], texttemplate="%{text}",
        textfont=dict(size=10), colorscale="Greens", zmin=0, zmax=max(max_years, 1),
        xgap=2, ygap=2, hoverongaps=False,
        colorbar=dict(title=dict(text=_safe(colourbar_title)), thickness=12, lenmode="pixels",
                      len=max(90, min(240, ROW_PX * len(matrix)))),
        hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(side="top", tickangle=-90, automargin=True)
    top = 70 + _label_px(matrix.columns)
    return _layout(fig, title, source, height=top + 60 + ROW_PX * max(len(matrix), 4), bottom=50, top=top)


def png_config(filename: str) -> dict:
    """plotly config for st.plotly_chart: the toolbar's camera saves a PNG named `filename`."""
    return {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}}
