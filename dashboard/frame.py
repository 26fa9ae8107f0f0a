"""What travels with a chart (in the spirit of Our World in Data's grapher): the data it draws
as a table, its sources, a citation, and downloads of each (CSV with a BOM, XLSX with data,
sources and notes sheets, the image as PNG and SVG with the sources printed under it).

Plain functions, no Streamlit: dashboard/frame_view.py lays them out as 图表 / 表格 / 来源 /
下载 tabs.
"""
from __future__ import annotations

import copy
import io
import re
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard import provenance
from dashboard.formatting import as_written, unit_label
from dashboard.i18n import translate
from dashboard.labels import city_name

# The columns of a chart's table, in order; headers come from i18n (col.*).
TABLE_COLUMNS = ("city", "year", "metric", "value", "shown", "unit", "qualifier", "scope", "period",
                 "kind", "report", "source_url", "quote")

IMAGE_FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
TABLE_FORMATS = {"csv": "text/csv",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _label(prefix: str, code, lang: str) -> str:
    if not isinstance(code, str) or not code:
        return ""
    try:
        return translate(f"{prefix}.{code}", lang)
    except KeyError:
        return code


def drawn_table(rows: pd.DataFrame, lang: str = "zh", metric_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The values a chart draws, one row each, headed in `lang`: codes become words, the value
    stays a number (for arithmetic) and `shown` is the value as the report wrote it."""
    names = metric_names or {}
    records = rows.to_dict("records")
    table = pd.DataFrame({
        "city": [city_name(r["city"], r.get("city_en"), lang) for r in records],
        "year": [int(r["year"]) for r in records],
        "metric": [names.get(r["metric"], r["metric"]) for r in records],
        "value": [float(r["value"]) for r in records],
        "shown": [as_written(r["value"], r.get("unit"), r.get("qualifier"), r.get("quote"), lang) for r in records],
        "unit": [unit_label(r.get("unit"), lang) for r in records],
        "qualifier": [_label("qualifier", r.get("qualifier"), lang) for r in records],
        "scope": [_label("scope", r.get("scope"), lang) for r in records],
        "period": [_label("period", r.get("period"), lang) for r in records],
        "kind": [_label("kind", r.get("kind"), lang) for r in records],
        "report": [provenance.describe_row(r, lang) for r in records],
        "source_url": [provenance.source_of(r, lang).url for r in records],
        "quote": [r.get("sentence") if isinstance(r.get("sentence"), str) else "" for r in records],
    }, columns=list(TABLE_COLUMNS))
    return table.rename(columns={c: translate(f"col.{c}", lang) for c in TABLE_COLUMNS})


def csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM, so Excel shows the Chinese."""
    return table.to_csv(index=False, float_format="%.10g").encode("utf-8-sig")


def notes_table(rows: pd.DataFrame, lang: str = "zh", catalogue: pd.DataFrame | None = None) -> pd.DataFrame:
    """What the metrics drawn mean, then what each qualifier and kind of value means."""
    col = (lambda k: translate(f"notes.col.{k}", lang))
    items: list[tuple[str, str]] = []
    if catalogue is not None:
        drawn = set(rows["metric"])
        for r in catalogue.to_dict("records"):
            if r["metric"] in drawn:
                name = r.get("name_en" if lang == "en" else "name_zh") or r["metric"]
                unit = unit_label(r.get("unit"), lang)
                items.append((f"{name}（{unit}）" if lang == "zh" else f"{name} ({unit})",
                              r.get("description") or ""))
    for q in ("exact", "at_least", "about", "at_most"):
        items.append((_label("qualifier", q, lang), translate(f"notes.qualifier.{q}", lang)))
    for k in ("stated", "derived", "curated"):
        items.append((_label("kind", k, lang), translate(f"notes.kind.{k}", lang)))
    items.append((translate("notes.gaps_term", lang), translate("notes.gaps", lang)))
    return pd.DataFrame(items, columns=[col("term"), col("meaning")])


def xlsx_bytes(table: pd.DataFrame, sources: pd.DataFrame, notes: pd.DataFrame, lang: str = "zh") -> bytes:
    """Three sheets: the data (header row frozen), the sources, the notes."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

    def clean(df: pd.DataFrame) -> pd.DataFrame:
        return df.apply(lambda c: c.map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v))

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for key, df in (("data", table), ("sources", sources), ("notes", notes)):
            name = translate(f"sheet.{key}", lang)
            clean(df).to_excel(writer, index=False, sheet_name=name)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "A2"
            for i, column in enumerate(df.columns, 1):
                longest = max([len(str(column))] + [len(str(v)) for v in df[column].head(200)])
                sheet.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest * 1.6 + 2))
    return buf.getvalue()


def citation(title: str, sources: list[provenance.Source], built: str, lang: str = "zh") -> str:
    """One line to quote the chart by: what, from which reports, when built."""
    names = "；".join(provenance.describe(s, lang) for s in sources) if lang == "zh" else \
        "; ".join(provenance.describe(s, lang) for s in sources)
    return translate("frame.citation", lang, title=_plain(title), sources=names or translate("source.unknown", lang),
                     built=built)


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", str(text or ""))


SOURCE_LINE_PX = 16
TITLE_PX = 50


def for_screen(fig: go.Figure) -> go.Figure:
    """The figure as a page shows it: the frame writes the title above it in HTML (which wraps
    on a phone, where plotly's title would be cut off), so the figure drops its own."""
    out = go.Figure(fig)
    top = int(out.layout.margin.t if out.layout.margin.t is not None else 80)
    out.update_layout(title=None, margin=dict(t=max(30, top - TITLE_PX)),
                      height=max(200, int(out.layout.height or 450) - (top - max(30, top - TITLE_PX))))
    return out


def with_sources(fig: go.Figure, lines: list[str], width_px: int = 900) -> go.Figure:
    """A copy of `fig` for a PNG or SVG: every source line printed under the chart, the
    bottom margin and height grown to hold them, the on-screen-only parts left as they are."""
    import html

    out = go.Figure(copy.deepcopy(fig.to_dict()))
    below = int(out.layout.margin.b if out.layout.margin.b is not None else 60)
    extra = SOURCE_LINE_PX * len(lines) + 12
    out.add_annotation(text="<br>".join(html.escape(line) for line in lines), xref="paper", yref="paper",
                       x=0, y=0, xanchor="left", yanchor="top", yshift=-(below - 8),
                       showarrow=False, align="left", font=dict(size=11, color="#4b5563"))
    out.update_layout(margin=dict(b=below + extra), height=int(out.layout.height or 450) + extra,
                      width=width_px)
    return out


def image_bytes(fig: go.Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG (plotly's kaleido, which drives the system's Chromium)."""
    return fig.to_image(format=fmt, scale=2 if fmt == "png" else 1)


def images_available() -> bool:
    """Whether kaleido is installed and can find a Chromium to draw with."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    import shutil

    return any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome", "chrome"))
