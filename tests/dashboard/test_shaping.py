"""The pandas steps between queries and charts."""
import pandas as pd

from dashboard.shaping import (best_first, full_grid, leaders_first, missing_pairs, most_reported,
                               scaled_by_metric, split_periods, top_and_bottom)


def frame(rows, columns=("city", "year", "metric", "value", "period")):
    return pd.DataFrame(rows, columns=list(columns))


def test_term_and_part_year_figures_are_split_from_yearly_ones():
    yearly, other = split_periods(frame([("淄博", 2023, "m", 480, "year"), ("淄博", 2023, "m", 2300, "term"),
                                         ("菏泽", 2024, "m", 300, "partial")]))
    assert yearly["value"].tolist() == [480]
    assert other["period"].tolist() == ["term", "partial"]


def test_missing_pairs_are_the_chosen_city_years_without_a_value():
    values = frame([("潍坊", 2022, "m", 1, "year"), ("潍坊", 2023, "m", 2, "year")])
    assert missing_pairs(values, ["潍坊", "忻州"], [2023, 2022]) == [("忻州", 2022), ("忻州", 2023)]


def test_top_and_bottom_keep_ranks_and_respect_lower_is_better():
    values = frame([(f"c{i:02d}", 2023, "m", i, "year") for i in range(30)])
    shown = top_and_bottom(values, 3)
    assert shown["city"].tolist() == ["c29", "c28", "c27", "c02", "c01", "c00"]
    assert shown["rank"].tolist() == [1, 2, 3, 28, 29, 30]
    assert best_first(values, higher_is_better=False)["city"].iloc[0] == "c00"
    assert len(top_and_bottom(values.head(5), 3)) == 5


def test_scaled_by_metric_is_zero_to_one_per_metric_and_flips_lower_is_better():
    values = frame([("a", 2023, "up", 10, "year"), ("b", 2023, "up", 30, "year"), ("c", 2023, "up", 20, "year"),
                    ("a", 2023, "down", 1, "year"), ("b", 2023, "down", 3, "year"),
                    ("a", 2023, "flat", 5, "year"), ("b", 2023, "flat", 5, "year")])
    scaled = scaled_by_metric(values, {"up": True, "down": False, "flat": True})
    assert dict(zip(zip(scaled["city"], scaled["metric"]), scaled["scaled"])) == {
        ("a", "up"): 0.0, ("b", "up"): 1.0, ("c", "up"): 0.5,
        ("a", "down"): 1.0, ("b", "down"): 0.0, ("a", "flat"): 1.0, ("b", "flat"): 1.0}
    assert leaders_first(scaled) == ["a", "b", "c"]  # a and b tie on the mean and the count


def test_full_grid_has_a_row_per_city_and_year_with_gaps_as_nan():
    grid = full_grid(frame([("潍坊", 2022, "m", 540, "year")]), ["潍坊", "忻州"], [2022, 2023])
    assert grid[["city", "year"]].values.tolist() == [["潍坊", 2022], ["潍坊", 2023], ["忻州", 2022], ["忻州", 2023]]
    assert grid["value"].isna().tolist() == [False, True, True, True]


def test_most_reported_breaks_ties_by_name():
    values = frame([("b", 1, "m", 1, "year"), ("a", 1, "m", 1, "year"), ("c", 1, "m", 1, "year"),
                    ("c", 2, "m", 1, "year")])
    assert most_reported(values, 2) == ["c", "a"]
