"""Tables for people: metric values (or every fact) as CSV, Excel or Parquet.

Two steps the dashboard shares with `python -m etl export`, so a download from a page and
a file from the command line are the same bytes for the same rows:

- `values_frame(con, …)` / `facts_frame(con, …)`: the rows, filtered, with the metric's
  Chinese and English names, its unit, qualifier, kind and source;
- `to_csv_bytes(df)`, `to_xlsx_bytes(df)`, `to_parquet_bytes(df)`: pure, DataFrame in,
  bytes out. CSV carries a BOM so Excel reads the Chinese as UTF-8.
"""
from __future__ import annotations

import io
from collections.abc import Sequence

import duckdb
import pandas as pd

# The filters every query takes: NULL means "all".
_FILTERS = """
    ($cities::VARCHAR[] IS NULL OR list_contains($cities::VARCHAR[], v.city))
    AND ($years::INTEGER[] IS NULL OR list_contains($years::INTEGER[], v.year))
    AND ($metrics::VARCHAR[] IS NULL OR list_contains($metrics::VARCHAR[], v.metric))
"""

VALUES_SQL = f"""
SELECT v.city, c.english AS city_en, c.level, c.parent, v.year, v.metric, m.name_zh AS metric_zh,
       m.name_en AS metric_en, m.category_zh, m.category_en, v.value, v.unit, v.qualifier, v.scope, v.period,
       v.kind, v.has_conflict, coalesce(v.report_title, v.source_title, v.source_url, r.url) AS source,
       coalesce(v.source_url, r.url) AS url, v.quote, v.note,
       v.fact_id, array_to_string(v.fact_ids, ';') AS fact_ids, v.report_id
FROM metric_values v
JOIN metrics m USING (metric)
LEFT JOIN cities c ON c.name = v.city
LEFT JOIN reports r ON r.report_id = v.report_id
WHERE {_FILTERS}
ORDER BY m.sort_order, v.city, v.year, v.scope, v.period
"""

FACTS_SQL = f"""
SELECT v.city, c.english AS city_en, c.level, c.parent, v.year, v.metric, m.name_zh AS metric_zh,
       m.name_en AS metric_en, m.category_zh, m.category_en, v.value, v.unit, v.qualifier, v.scope, v.period,
       v.kind, v.status, coalesce(r.title, v.source_title, v.source_url, r.url) AS source, coalesce(v.source_url, r.url) AS url,
       v.quote, v.sentence, v.note, v.fact_id, array_to_string(v.derived_from, ';') AS derived_from,
       v.report_id, v.start_pos, v.end_pos, v.rule
FROM facts v
JOIN metrics m USING (metric)
LEFT JOIN cities c ON c.name = v.city
LEFT JOIN reports r ON r.report_id = v.report_id
WHERE {_FILTERS}
ORDER BY m.sort_order, v.city NULLS LAST, v.year NULLS LAST, v.report_id NULLS LAST, v.start_pos, v.fact_id
"""


def _params(cities, years, metrics) -> dict:
    return {"cities": list(cities) if cities else None, "years": [int(y) for y in years] if years else None,
            "metrics": list(metrics) if metrics else None}


def values_frame(con: duckdb.DuckDBPyConnection, cities: Sequence[str] | None = None,
                 years: Sequence[int] | None = None, metrics: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per city, year, metric, scope and period (the metric_values view)."""
    return con.execute(VALUES_SQL, _params(cities, years, metrics)).df()


def facts_frame(con: duckdb.DuckDBPyConnection, cities: Sequence[str] | None = None,
                years: Sequence[int] | None = None, metrics: Sequence[str] | None = None) -> pd.DataFrame:
    """Every fact, including derived, curated and rejected ones (see `status`)."""
    return con.execute(FACTS_SQL, _params(cities, years, metrics)).df()


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark: without it Excel shows the Chinese as mojibake."""
    return df.to_csv(index=False, float_format="%.10g").encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet_name: str = "data") -> bytes:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # Control characters from a decoded report would make openpyxl refuse the cell.
    clean = df.apply(lambda col: col.map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v)
                     if col.dtype == object or pd.api.types.is_string_dtype(col) else col)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        clean.to_excel(writer, index=False, sheet_name=sheet_name)
    return buf.getvalue()


def to_parquet_bytes(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False, engine="pyarrow")
    return buf.getvalue()


FORMATS = {"csv": to_csv_bytes, "xlsx": to_xlsx_bytes, "parquet": to_parquet_bytes}
