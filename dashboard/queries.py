"""Every question the dashboard asks the warehouse, as named, parameterised queries.

Plain functions: a DuckDB connection (or cursor) and parameters in, a DataFrame out. This is
the only module with SQL and it does not import Streamlit, so it can be tested and
benchmarked on its own; `dashboard.data` wraps these functions in Streamlit's caches.

A list parameter left as None does not filter; an empty list matches nothing.
"""
from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

Con = duckdb.DuckDBPyConnection


def _run(con: Con, sql: str, **params) -> pd.DataFrame:
    return con.execute(sql, params).df()


def _plain(value):
    """numpy scalars (from pandas) as the Python values DuckDB binds."""
    return value.item() if hasattr(value, "item") else value


def _listed(values: Sequence | None) -> list | None:
    return None if values is None else [_plain(v) for v in values]


# --------------------------------------------------------------------------- catalogue

def metric_catalogue(con: Con) -> pd.DataFrame:
    """The metrics table in display order (category, then the catalogue's order)."""
    return _run(con, """
        SELECT metric, name_zh, name_en, unit, category, category_zh, category_en,
               higher_is_better, description, sort_order
        FROM metrics
        ORDER BY sort_order, metric
    """)


def cities_with_data(con: Con) -> pd.DataFrame:
    """Cities that have at least one value, with what the cities table knows of them."""
    return _run(con, """
        WITH present AS (
            SELECT city, count(*) AS n_values, min(year) AS first_year, max(year) AS last_year
            FROM metric_values GROUP BY city
        )
        SELECT p.city, c.full_name, c.pinyin, c.english, c.province, c.level, c.parent,
               p.n_values, p.first_year, p.last_year
        FROM present p LEFT JOIN cities c ON c.name = p.city
        ORDER BY coalesce(c.pinyin, p.city), p.city
    """)


def city_table(con: Con) -> pd.DataFrame:
    """Every city the warehouse knows (with data or not), by province, prefectures first."""
    return _run(con, """
        SELECT name AS city, full_name, pinyin, english, province, level, parent
        FROM cities
        ORDER BY province, CASE WHEN level IN ('municipality', 'prefecture') THEN 0 ELSE 1 END,
                 pinyin, name
    """)


def years_with_data(con: Con) -> list[int]:
    return [int(y) for y in _run(con, "SELECT DISTINCT year FROM metric_values ORDER BY year")["year"]]


def build_info(con: Con) -> dict[str, str]:
    rows = _run(con, "SELECT key, value FROM build_info ORDER BY key")
    return dict(zip(rows["key"], rows["value"]))


# --------------------------------------------------------------------------- values

_VALUE_COLUMNS = """
    v.city, c.english AS city_en, coalesce(c.province, r.province) AS province,
    coalesce(c.level, r.level) AS level, c.parent, v.year, v.metric,
    m.name_zh, m.name_en, m.category, m.category_zh, m.category_en, m.higher_is_better,
    m.sort_order, v.scope, v.period, v.value, v.unit, v.qualifier, v.kind, v.has_conflict,
    v.report_id, v.report_title, r.source AS report_source, r.published, r.url AS report_url,
    v.quote, v.sentence, v.source_url, v.note, v.fact_id, v.fact_ids,
    v.source_title, v.source_published
"""

_VALUE_FROM = """
    FROM metric_values v
    LEFT JOIN metrics m ON m.metric = v.metric
    LEFT JOIN cities c ON c.name = v.city
    LEFT JOIN reports r ON r.report_id = v.report_id
"""


def metric_values(
    con: Con,
    *,
    years: Sequence[int] | None = None,
    cities: Sequence[str] | None = None,
    metrics: Sequence[str] | None = None,
    provinces: Sequence[str] | None = None,
    levels: Sequence[str] | None = None,
    categories: Sequence[str] | None = None,
    scopes: Sequence[str] | None = None,
    periods: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The chosen value of each city, year, metric, scope and period, with names and source."""
    return _run(con, f"""
        SELECT {_VALUE_COLUMNS}
        {_VALUE_FROM}
        WHERE ($years::INTEGER[] IS NULL OR list_contains($years::INTEGER[], v.year))
          AND ($cities::VARCHAR[] IS NULL OR list_contains($cities::VARCHAR[], v.city))
          AND ($metrics::VARCHAR[] IS NULL OR list_contains($metrics::VARCHAR[], v.metric))
          AND ($provinces::VARCHAR[] IS NULL
               OR list_contains($provinces::VARCHAR[], coalesce(c.province, r.province)))
          AND ($levels::VARCHAR[] IS NULL
               OR list_contains($levels::VARCHAR[], coalesce(c.level, r.level)))
          AND ($categories::VARCHAR[] IS NULL OR list_contains($categories::VARCHAR[], m.category))
          AND ($scopes::VARCHAR[] IS NULL OR list_contains($scopes::VARCHAR[], v.scope))
          AND ($periods::VARCHAR[] IS NULL OR list_contains($periods::VARCHAR[], v.period))
          AND ($kinds::VARCHAR[] IS NULL OR list_contains($kinds::VARCHAR[], v.kind))
        ORDER BY v.year, coalesce(c.pinyin, v.city), v.city, m.sort_order, v.metric,
                 v.scope, v.period
    """, years=_listed(years), cities=_listed(cities), metrics=_listed(metrics),
        provinces=_listed(provinces), levels=_listed(levels), categories=_listed(categories),
        scopes=_listed(scopes), periods=_listed(periods), kinds=_listed(kinds))


def cities_per_year(con: Con) -> pd.DataFrame:
    """How many cities have at least one yearly figure, per year."""
    return _run(con, """
        SELECT year, count(DISTINCT city) AS n_cities
        FROM metric_values WHERE period = 'year'
        GROUP BY year ORDER BY year
    """)


def peer_counts(con: Con, *, metric: str, levels: Sequence[str] | None = None,
                provinces: Sequence[str] | None = None) -> pd.DataFrame:
    """Per year: how many committees of `levels` (None: all) have a rankable value of `metric`
    (one year's work of the committee itself)."""
    return _run(con, """
        SELECT v.year, count(DISTINCT v.city) AS n_cities
        FROM metric_values v LEFT JOIN cities c ON c.name = v.city
        WHERE v.metric = $metric AND v.period = 'year' AND v.scope = 'committee'
          AND ($levels::VARCHAR[] IS NULL OR list_contains($levels::VARCHAR[], c.level))
          AND ($provinces::VARCHAR[] IS NULL OR list_contains($provinces::VARCHAR[], c.province))
        GROUP BY v.year ORDER BY v.year
    """, metric=metric, levels=_listed(levels), provinces=_listed(provinces))


def city_ranks(
    con: Con, *, city: str, year: int, cities: Sequence[str] | None = None, scope: str = "committee"
) -> pd.DataFrame:
    """Where `city` ranks on each metric for `year` among `cities` (None: all cities).

    Rank 1 is the best: the highest value, or the lowest where lower is better.
    """
    return _run(con, """
        WITH ranked AS (
            SELECT v.city, v.metric, v.value, v.qualifier,
                   rank() OVER (PARTITION BY v.metric ORDER BY
                       CASE WHEN coalesce(m.higher_is_better, true) THEN -v.value ELSE v.value END
                   ) AS rank,
                   count(*) OVER (PARTITION BY v.metric) AS n_cities,
                   m.sort_order
            FROM metric_values v LEFT JOIN metrics m ON m.metric = v.metric
            WHERE v.year = $year AND v.scope = $scope AND v.period = 'year'
              AND ($cities::VARCHAR[] IS NULL OR list_contains($cities::VARCHAR[], v.city)
                   OR v.city = $city)
        )
        SELECT metric, value, qualifier, rank, n_cities FROM ranked
        WHERE city = $city
        ORDER BY sort_order, metric
    """, city=city, year=_plain(year), cities=_listed(cities), scope=scope)


# --------------------------------------------------------------------------- reports

def reports(con: Con, *, city: str | None = None) -> pd.DataFrame:
    """Reports (without their text), optionally those about `city`, newest first."""
    return _run(con, """
        SELECT report_id, cities, province, year, doc_type, title, source, url, published,
               length, kind,
               (SELECT count(*) FROM facts f
                 WHERE f.report_id = r.report_id AND f.status <> 'rejected') AS n_facts
        FROM reports r
        WHERE $city::VARCHAR IS NULL
           OR list_contains(string_split(r.cities, ';'), $city::VARCHAR)
           OR EXISTS (SELECT 1 FROM facts f WHERE f.report_id = r.report_id AND f.city = $city::VARCHAR)
        ORDER BY year DESC, published DESC NULLS LAST, report_id
    """, city=city)


def report_text(con: Con, *, report_id: str) -> str | None:
    rows = _run(con, "SELECT text FROM reports WHERE report_id = $report_id", report_id=report_id)
    return None if rows.empty else rows["text"].iloc[0]


def report_facts(con: Con, *, report_id: str) -> pd.DataFrame:
    """Every fact extracted from one report, in text order, with its metric's category."""
    return _run(con, """
        SELECT f.fact_id, f.city, f.year, f.metric, m.name_zh, m.name_en, m.category,
               f.value, f.unit, f.qualifier, f.scope, f.period, f.kind, f.status,
               f.start_pos, f.end_pos, f.quote, f.sentence, f.rule
        FROM facts f LEFT JOIN metrics m ON m.metric = f.metric
        WHERE f.report_id = $report_id
        ORDER BY f.start_pos NULLS LAST, f.end_pos, f.metric, f.fact_id
    """, report_id=report_id)


# --------------------------------------------------------------------------- quality

def coverage(con: Con, *, years: Sequence[int] | None = None, cities: Sequence[str] | None = None) -> pd.DataFrame:
    """Per city and metric: in how many of `years` a fact exists, and how many facts."""
    return _run(con, """
        SELECT city, metric, count(DISTINCT year) AS n_years, sum(n_facts) AS n_facts
        FROM coverage
        WHERE ($years::INTEGER[] IS NULL OR list_contains($years::INTEGER[], year))
          AND ($cities::VARCHAR[] IS NULL OR list_contains($cities::VARCHAR[], city))
        GROUP BY city, metric
        ORDER BY city, metric
    """, years=_listed(years), cities=_listed(cities))


def conflicts(con: Con, *, years: Sequence[int] | None = None, cities: Sequence[str] | None = None) -> pd.DataFrame:
    """Pairs of facts that give one city, year, metric, scope and period different values.

    `chosen` names the fact the metric_values view shows on charts.
    """
    return _run(con, """
        SELECT k.*, v.fact_id AS chosen
        FROM conflicts k
        LEFT JOIN metric_values v USING (city, year, metric, scope, period)
        LEFT JOIN metrics m ON m.metric = k.metric
        WHERE ($years::INTEGER[] IS NULL OR list_contains($years::INTEGER[], k.year))
          AND ($cities::VARCHAR[] IS NULL OR list_contains($cities::VARCHAR[], k.city))
        ORDER BY k.year DESC, k.city, m.sort_order, k.metric, k.fact_a, k.fact_b
    """, years=_listed(years), cities=_listed(cities))


def quality_checks(con: Con) -> pd.DataFrame:
    return _run(con, """
        SELECT check_name, severity, city, year, metric, report_id, message, message_zh
        FROM data_quality
        ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, check_name, city, year, metric
    """)


def curation_decisions(con: Con) -> pd.DataFrame:
    return _run(con, """
        SELECT decision_id, action, city, year, metric, scope, period, value, qualifier,
               expect, fact_id, report_id, source_url, note, outcome, message
        FROM curation
        ORDER BY decision_id
    """)
