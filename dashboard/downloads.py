"""What the Explorer's downloads are called and how they are typed (no Streamlit here).

The bytes themselves come from etl.export (to_csv_bytes, to_xlsx_bytes, to_parquet_bytes),
the same functions as `python -m etl export`, so a page download and a CLI export of the
same rows are the same bytes.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

FORMATS = {  # extension: MIME type
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}


def _years_part(years: Sequence[int] | None) -> str:
    if not years:
        return "all-years"
    years = sorted(set(int(y) for y in years))
    if len(years) > 2 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return "_".join(str(y) for y in years)


def _cities_part(cities: Sequence[str] | None, shown: int = 3) -> str:
    if cities is None:
        return "all-cities"
    if len(cities) > shown:
        return f"{len(cities)}-cities"
    return "-".join(cities) or "no-cities"


def download_name(ext: str, *, years: Sequence[int] | None = None, cities: Sequence[str] | None = None,
                  metrics: Sequence[str] | None = None, table: str = "metric_values") -> str:
    """`zhengxie_metric_values_2023_潍坊-淄博.csv`: what, which years, which cities (and the
    metric when exactly one is chosen).

    Streamlit sends a non-ASCII name RFC 5987-encoded (filename*=utf-8''…), so Chinese city
    names can stay; anything but letters, digits, '-', '_' and '.' becomes '_'.
    """
    parts = ["zhengxie", table, _years_part(years), _cities_part(cities)]
    if metrics and len(metrics) == 1:
        parts.append(metrics[0])
    stem = re.sub(r"[^\w.\-]+", "_", "_".join(parts))
    return f"{stem}.{ext}"
