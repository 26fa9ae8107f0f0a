"""dashboard.queries on the fixture warehouse: whole results compared, row by row."""
from dashboard import queries


def rows(frame, *columns):
    return [tuple(r) for r in frame[list(columns)].itertuples(index=False)]


def test_cities_with_data_lists_only_cities_that_have_values(dash_con):
    cities = queries.cities_with_data(dash_con)
    assert rows(cities, "city", "province", "n_values") == [
        ("菏泽", "山东", 6), ("潍坊", "山东", 11), ("忻州", "山西", 4), ("淄博", "山东", 6)]


def test_city_table_lists_every_city_with_data_or_not_prefectures_before_counties(dash_con):
    assert rows(queries.city_table(dash_con), "city", "province", "level") == [
        ("菏泽", "山东", "prefecture"), ("潍坊", "山东", "prefecture"), ("淄博", "山东", "prefecture"),
        ("寿光", "山东", "county"), ("忻州", "山西", "prefecture")]


def test_years_with_data(dash_con):
    assert queries.years_with_data(dash_con) == [2022, 2023, 2024]


def test_metric_values_of_one_metric_pick_curated_then_stated_and_keep_periods_apart(dash_con):
    filed = queries.metric_values(dash_con, metrics=["proposals.filed"])
    assert rows(filed, "city", "year", "period", "value", "kind", "has_conflict") == [
        ("潍坊", 2022, "year", 540, "stated", False),
        ("淄博", 2022, "year", 450, "curated", False),
        ("潍坊", 2023, "year", 571, "stated", False),
        ("忻州", 2023, "year", 374, "stated", False),
        ("淄博", 2023, "term", 2300, "stated", False),
        ("淄博", 2023, "year", 480, "stated", False),
        ("菏泽", 2024, "year", 560, "stated", True),   # 560 and 565 in one report: first in text
    ]


def test_metric_values_filters_combine(dash_con):
    chosen = queries.metric_values(dash_con, years=[2023], cities=["潍坊", "淄博"],
                                   categories=["info"], kinds=["stated"])
    assert rows(chosen, "city", "metric", "value", "qualifier") == [
        ("潍坊", "info.collected", 6637, "exact"),
        ("潍坊", "info.submitted", 1109, "exact"),
        ("潍坊", "info.adopted", 460, "exact"),
        ("淄博", "info.collected", 4300, "at_least"),
        ("淄博", "info.adopted", 200, "at_most"),
    ]


def test_metric_values_by_province_level_scope_and_period(dash_con):
    assert rows(queries.metric_values(dash_con, provinces=["山西"]), "city").count(("忻州",)) == 4
    assert queries.metric_values(dash_con, provinces=["山西"])["city"].unique().tolist() == ["忻州"]
    assert queries.metric_values(dash_con, levels=["county"]).empty
    citywide = queries.metric_values(dash_con, scopes=["citywide"])
    assert rows(citywide, "city", "year", "metric", "value", "qualifier") == [
        ("潍坊", 2023, "consultation.activities", 60, "at_least")]
    not_yearly = queries.metric_values(dash_con, periods=["term", "partial"])
    assert rows(not_yearly, "city", "metric", "period", "value") == [
        ("淄博", "proposals.filed", "term", 2300), ("菏泽", "proposals.submitted", "partial", 300)]


def test_an_empty_list_matches_nothing(dash_con):
    assert queries.metric_values(dash_con, cities=[]).empty


def test_a_rejected_fact_is_never_a_value(dash_con):
    assert queries.metric_values(dash_con, metrics=["proposals.key"]).empty


def test_derived_and_curated_values_carry_their_origin(dash_con):
    heze = queries.metric_values(dash_con, cities=["菏泽"], metrics=["info.adopted"]).iloc[0]
    assert (heze["value"], heze["kind"], list(heze["fact_ids"])) == (185, "derived", ["D01"])
    zibo = queries.metric_values(dash_con, cities=["淄博"], years=[2022]).iloc[0]
    assert (zibo["kind"], zibo["source_url"], zibo["report_id"]) == (
        "curated", "https://example.org/zibo-2022-proposals", None)


def test_cities_per_year(dash_con):
    assert rows(queries.cities_per_year(dash_con), "year", "n_cities") == [(2022, 2), (2023, 3), (2024, 1)]


def test_city_ranks_best_is_one_among_the_cities_in_view(dash_con):
    everyone = queries.city_ranks(dash_con, city="淄博", year=2023)
    assert rows(everyone, "metric", "value", "rank", "n_cities") == [
        ("proposals.filed", 480, 2, 3),
        ("proposals.satisfaction_rate", 100, 1, 2),
        ("info.collected", 4300, 2, 3),
        ("info.adopted", 200, 2, 3),
    ]
    two = queries.city_ranks(dash_con, city="淄博", year=2023, cities=["忻州"])
    assert rows(two, "metric", "rank", "n_cities")[0] == ("proposals.filed", 1, 2)


def test_reports_of_a_city_newest_first_with_fact_counts(dash_con):
    assert rows(queries.reports(dash_con, city="潍坊"), "report_id", "n_facts") == [
        ("wf2023.txt", 8), ("wf2022.txt", 3)]
    assert len(queries.reports(dash_con)) == 5


def test_report_text_and_its_facts_in_text_order(dash_con):
    text = queries.report_text(dash_con, report_id="hz2024.txt")
    facts = queries.report_facts(dash_con, report_id="hz2024.txt")
    assert all(text[f.start_pos:f.end_pos] == f.quote for f in facts.itertuples())
    assert rows(facts, "fact_id", "kind") == [
        ("F17", "stated"), ("F18", "stated"), ("F19", "stated"), ("D01", "derived"),
        ("F20", "stated"), ("F21", "stated"), ("F22", "stated")]
    assert queries.report_text(dash_con, report_id="nope.txt") is None


def test_coverage_counts_years_per_city_and_metric(dash_con):
    coverage = queries.coverage(dash_con, cities=["淄博"])
    assert rows(coverage, "metric", "n_years", "n_facts") == [
        ("info.adopted", 1, 1), ("info.collected", 1, 1), ("proposals.filed", 2, 3),
        ("proposals.satisfaction_rate", 1, 1)]


def test_conflicts_name_the_fact_the_charts_use(dash_con):
    conflicts = queries.conflicts(dash_con)
    assert rows(conflicts, "city", "year", "metric", "value_a", "value_b", "quote_a", "quote_b", "chosen") == [
        ("菏泽", 2024, "proposals.filed", 560, 565, "立案提案560件", "立案提案565件", "F17")]
    assert queries.conflicts(dash_con, years=[2023]).empty


def test_quality_checks_warnings_first_and_curation_in_decision_order(dash_con):
    assert rows(queries.quality_checks(dash_con), "check_name", "severity") == [
        ("filed_le_submitted", "warning"), ("conflict", "info")]
    assert rows(queries.curation_decisions(dash_con), "decision_id", "outcome") == [
        ("D1", "applied"), ("D2", "applied"), ("D3", "unmatched")]


def test_build_info(dash_con):
    assert queries.build_info(dash_con)["built_at"] == "2025-02-01T08:00:00"


def test_every_query_is_reachable_from_the_pages_through_the_cache():
    import inspect

    from dashboard import data

    public = {name for name, fn in inspect.getmembers(queries, inspect.isfunction)
              if fn.__module__ == queries.__name__ and not name.startswith("_")}
    assert public == set(data._QUERIES) - {"export_values"}
    assert all(callable(getattr(data, name)) for name in data._QUERIES)
