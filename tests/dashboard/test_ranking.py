"""dashboard.ranking: peers, orders the words allow, headlines that are true."""
import math

import pandas as pd
import pytest

from dashboard import ranking


def rows(*items, **common) -> pd.DataFrame:
    """(city, value, qualifier) tuples as value rows."""
    return pd.DataFrame([dict(city=c, value=float(v), qualifier=q, **common) for c, v, q in items])


def order(ranked: pd.DataFrame) -> list[tuple]:
    return [(r.city, ranking.rank_label(r.rank_lo, r.rank_hi, r.tie)) for r in ranked.itertuples()]


# --------------------------------------------------------------------------- intervals and order

@pytest.mark.parametrize("value, qualifier, is_rate, expected", [
    (571, "exact", False, (571, 571)),
    (99, "at_least", True, (99, 100)),          # 99%以上: up to 100, never beyond
    (100, "about", True, (90, 100)),
    (4300, "at_least", False, (4300, 5160)),    # 4300余
    (200, "at_most", False, (160, 200)),        # 近200
    (60, "about", False, (54, 66)),             # 约60
])
def test_a_value_is_the_range_its_words_allow(value, qualifier, is_rate, expected):
    assert ranking.value_interval(value, qualifier, is_rate) == pytest.approx(expected)


def test_at_least_99_and_99_33_cannot_be_ordered():
    ranked = ranking.rank_values(rows(("潍坊", 99, "at_least"), ("邹城", 99.33, "exact"), ("A", 95, "exact")),
                                 higher_is_better=True, is_rate=True)
    assert order(ranked) == [("邹城", "1–2"), ("潍坊", "1–2"), ("A", "3")]
    assert ranked["uncertain"].tolist() == [True, True, False] and not ranked["tie"].any()


def test_equal_exact_values_are_a_tie_not_an_order():
    ranked = ranking.rank_values(rows(("B", 100, "exact"), ("A", 100, "exact"), ("C", 98, "exact")),
                                 is_rate=True)
    assert order(ranked) == [("A", "并列1"), ("B", "并列1"), ("C", "3")]
    assert ranking.rank_label(1, 2, True, "en") == "=1"


def test_nearly_200_and_190_are_uncertain_but_far_values_keep_their_order():
    ranked = ranking.rank_values(rows(("a", 200, "at_most"), ("b", 190, "exact"), ("c", 500, "exact"),
                                      ("d", 85, "exact")))
    assert order(ranked) == [("c", "1"), ("a", "2–3"), ("b", "2–3"), ("d", "4")]


def test_where_lower_is_better_the_lowest_is_first():
    ranked = ranking.rank_values(rows(("a", 3, "exact"), ("b", 1, "exact"), ("c", 2, "exact")),
                                 higher_is_better=False)
    assert order(ranked) == [("b", "1"), ("c", "2"), ("a", "3")]


def test_top_and_bottom_keep_each_rows_rank():
    ranked = ranking.rank_values(rows(*[(f"c{i:02d}", 100 - i, "exact") for i in range(30)]))
    shown = ranking.top_and_bottom(ranked, 5)
    assert [r for r in shown["rank_lo"]] == [1, 2, 3, 4, 5, 26, 27, 28, 29, 30]


# --------------------------------------------------------------------------- peers and coverage

def test_peers_are_prefecture_committees_by_default_and_only_yearly_committee_figures_rank():
    values = pd.DataFrame([
        dict(city="潍坊", level="prefecture", period="year", scope="committee"),
        dict(city="邹城", level="county", period="year", scope="committee"),
        dict(city="淄博", level="prefecture", period="term", scope="committee"),
        dict(city="菏泽", level="prefecture", period="partial", scope="committee"),
        dict(city="济宁", level="prefecture", period="year", scope="citywide"),
    ])
    assert ranking.peers(values)["city"].tolist() == ["潍坊", "淄博", "菏泽", "济宁"]
    assert ranking.peers(values, ["prefecture", "county"])["city"].tolist() == ["潍坊", "邹城", "淄博", "菏泽", "济宁"]
    assert ranking.peers(values, None)["city"].tolist() == values["city"].tolist()
    assert ranking.rankable(values)["city"].tolist() == ["潍坊", "邹城"]


def test_a_county_or_district_says_its_level_and_parent():
    assert ranking.peer_label("潍坊", "prefecture", None) == "潍坊"
    assert ranking.peer_label("邹城", "county", "济宁") == "邹城（县级·济宁）"
    assert ranking.peer_label("Zoucheng", "county", "Jining", "en") == "Zoucheng (county, Jining)"
    assert ranking.peer_label("牡丹区", "district", "菏泽") == "牡丹区（区级·菏泽）"
    assert ranking.peer_label("黑龙江", "province", None) == "黑龙江（省级）"


def test_peers_without_the_figure_are_named_in_order():
    assert ranking.missing_peers(["潍坊", "淄博", "忻州", "淄博"], ["淄博"]) == ["潍坊", "忻州"]


# --------------------------------------------------------------------------- default year

def test_the_default_year_is_the_latest_with_enough_peers_and_says_which_later_years_were_passed():
    choice = ranking.default_year({2022: 12, 2023: 8, 2024: 3, 2025: 2}, min_peers=5)
    assert (choice.year, choice.n_peers, choice.wanted, choice.later) == (2023, 8, 5, ((2024, 3), (2025, 2)))


def test_with_few_peers_anywhere_the_latest_best_covered_year():
    assert ranking.default_year({2021: 2, 2023: 3, 2024: 1}).year == 2023
    assert ranking.default_year({}).year is None


# --------------------------------------------------------------------------- headlines

def text(r) -> str:
    return f"{r.value:g}"


def test_the_headline_names_the_leader_and_how_many_peers_have_the_figure():
    ranked = ranking.rank_values(rows(("潍坊", 571, "exact"), ("淄博", 480, "exact")))
    head = ranking.headline(ranked, n_peers=4, value_text=text)
    assert (head.leaders, head.values, head.n_with, head.n_peers) == (("潍坊",), ("571",), 2, 4)
    assert not (head.tie or head.uncertain or head.alone)


def test_an_uncertain_first_place_names_every_city_that_may_be_first():
    ranked = ranking.rank_values(rows(("淄博", 100, "exact"), ("潍坊", 99, "at_least"), ("A", 90, "exact")),
                                 is_rate=True)
    head = ranking.headline(ranked, n_peers=3, value_text=text)
    assert head.leaders == ("淄博", "潍坊") and head.uncertain and not head.tie


def test_a_city_alone_leads_nobody():
    head = ranking.headline(ranking.rank_values(rows(("菏泽", 11, "exact"))), n_peers=5, value_text=text)
    assert head.alone and head.n_with == 1 and head.n_peers == 5
    assert ranking.headline(ranking.rank_values(rows()), 5, text) is None


# --------------------------------------------------------------------------- heatmap

def test_a_city_alone_on_a_metric_has_no_position_and_does_not_lead():
    values = pd.DataFrame([
        dict(city="潍坊", metric="proposals.filed", value=571.0),
        dict(city="淄博", metric="proposals.filed", value=480.0),
        dict(city="菏泽", metric="proposals.filed", value=400.0),
        dict(city="菏泽", metric="info.adopted_national", value=11.0),
        dict(city="菏泽", metric="info.adopted_provincial", value=174.0),
    ])
    cells = ranking.scaled_cells(values, {"proposals.filed": True})
    alone = cells[cells["alone"]]
    assert sorted(alone["metric"]) == ["info.adopted_national", "info.adopted_provincial"]
    assert alone["scaled"].map(math.isnan).all()
    assert ranking.leaders_first(cells) == ["潍坊", "淄博", "菏泽"]


def test_one_citys_ranks_over_all_metrics_are_those_of_the_full_rankings():
    import random

    rng = random.Random(8)
    qualifiers = ["exact", "exact", "at_least", "at_most", "about"]
    records = [dict(city=f"c{i}", metric=m, value=float(rng.choice([90, 95, 99, 99.5, 100]) if m.endswith("rate")
                                                         else rng.randint(50, 80)),
                    unit="%" if m.endswith("rate") else "件", qualifier=rng.choice(qualifiers))
               for i in range(25) for m in ("proposals.filed", "proposals.satisfaction_rate", "members.studios")
               if rng.random() < 0.8]
    values = pd.DataFrame(records)
    higher = {"proposals.filed": True, "proposals.satisfaction_rate": True, "members.studios": False}
    for city in sorted(set(values["city"])):
        mine = ranking.ranks_of(values, city, higher, {"proposals.satisfaction_rate"}).set_index("metric")
        for metric, rows in values.groupby("metric"):
            if city not in set(rows["city"]):
                assert metric not in mine.index
                continue
            full = ranking.rank_values(rows, higher[metric], metric.endswith("rate"))
            expected = full[full["city"] == city].iloc[0]
            got = mine.loc[metric]
            assert (got["rank_lo"], got["rank_hi"], bool(got["tie"]), got["n"]) == \
                (expected["rank_lo"], expected["rank_hi"], bool(expected["tie"]), len(rows)), (city, metric)
