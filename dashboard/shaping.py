"""Plain pandas steps between a query's rows and a chart or table (no Streamlit, no SQL)."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def split_periods(values: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(one year's figures, whole-term and part-year figures): only the first are plotted by year."""
    is_year = values["period"] == "year"
    return values[is_year].reset_index(drop=True), values[~is_year].reset_index(drop=True)


def most_reported(values: pd.DataFrame, n: int) -> list[str]:
    """The `n` cities with the most values (ties by name): a default choice of cities."""
    counts = values.groupby("city").size().reset_index(name="n")
    return counts.sort_values(["n", "city"], ascending=[False, True])["city"].head(n).tolist()


def missing_pairs(values: pd.DataFrame, cities: Sequence[str], years: Sequence[int]) -> list[tuple[str, int]]:
    """The (city, year) pairs among those chosen that have no value: gaps, never zeros."""
    present = set(zip(values["city"], values["year"].astype(int)))
    return [(c, int(y)) for c in cities for y in sorted(years) if (c, int(y)) not in present]


def best_first(values: pd.DataFrame, higher_is_better: bool = True) -> pd.DataFrame:
    """Rows ordered best first (ties by city name, so the order is stable)."""
    return values.sort_values(["value", "city"], ascending=[not higher_is_better, True],
                              kind="mergesort").reset_index(drop=True)


def top_and_bottom(values: pd.DataFrame, n: int, higher_is_better: bool = True) -> pd.DataFrame:
    """The best `n` and the worst `n` rows (all rows when there are no more than 2n), best first,
    with each row's `rank` among all rows."""
    ranked = best_first(values, higher_is_better)
    ranked.insert(0, "rank", range(1, len(ranked) + 1))
    if len(ranked) <= 2 * n:
        return ranked
    return pd.concat([ranked.head(n), ranked.tail(n)]).reset_index(drop=True)


def scaled_by_metric(values: pd.DataFrame, higher_is_better: dict[str, bool]) -> pd.DataFrame:
    """Each value's position among the cities for its metric: 0 the worst, 1 the best.

    Min-max per metric, flipped where lower is better; a metric where every city has the same
    value scales to 1 for all. Adds a column `scaled`.
    """
    out = values.copy()
    grouped = out.groupby("metric")["value"]
    low, high = grouped.transform("min"), grouped.transform("max")
    span = (high - low).where(high > low)
    scaled = ((out["value"] - low) / span).fillna(1.0)
    flip = ~out["metric"].map(higher_is_better).fillna(True).astype(bool)
    out["scaled"] = scaled.where(~flip, 1 - scaled).where(span.notna(), 1.0)
    return out


def leaders_first(scaled: pd.DataFrame) -> list[str]:
    """Cities by their mean scaled position, then by how many metrics they report."""
    per_city = scaled.groupby("city")["scaled"].agg(["mean", "count"]).reset_index()
    per_city = per_city.sort_values(["mean", "count", "city"], ascending=[False, False, True],
                                    kind="mergesort")
    return per_city["city"].tolist()


def full_grid(values: pd.DataFrame, cities: Sequence[str], years: Sequence[int]) -> pd.DataFrame:
    """One row per chosen city and year, the value missing (NaN) where there is none."""
    grid = pd.DataFrame([(c, int(y)) for c in cities for y in sorted(years)], columns=["city", "year"])
    return grid.merge(values.assign(year=values["year"].astype(int)), on=["city", "year"], how="left")


def coverage_summary(values: pd.DataFrame, cities: Sequence[str], years: Sequence[int]) -> pd.DataFrame:
    """Per chosen city: in how many of `years` it has a figure (city, n_years, n_span, missing),
    fewest first, so a one-line summary can name the gaps that matter."""
    present = values.assign(year=values["year"].astype(int)).groupby("city")["year"].apply(set).to_dict()
    span = sorted(int(y) for y in years)
    rows = [(c, len(present.get(c, set()) & set(span)), len(span),
             [y for y in span if y not in present.get(c, set())]) for c in cities]
    out = pd.DataFrame(rows, columns=["city", "n_years", "n_span", "missing"])
    return out.sort_values(["n_years", "city"], kind="mergesort").reset_index(drop=True)


def peer_median(values: pd.DataFrame, exclude: str | None = None) -> pd.DataFrame:
    """Median of the peers' values per metric and year (metric, year, median, n_cities),
    leaving out `exclude` (the city being compared with them)."""
    peers = values if exclude is None else values[values["city"] != exclude]
    if peers.empty:
        return pd.DataFrame(columns=["metric", "year", "median", "n_cities"])
    out = peers.groupby(["metric", "year"])["value"].agg(["median", "count"]).reset_index()
    return out.rename(columns={"count": "n_cities"}).assign(year=lambda d: d["year"].astype(int))
