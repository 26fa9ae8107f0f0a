"""etl.checks: each check finds its problem, and stays quiet on sound figures."""
from __future__ import annotations

import pytest

from etl import checks
from etl.catalogue import load_catalogue
from tests.conftest import fact

CATALOGUE = load_catalogue()


def report(**fields) -> dict:
    row = {"report_id": "r1", "cities": "忻州", "year": 2023, "published": "2024-01"}
    row.update(fields)
    return row


def found(check, facts, reports=(report(),)) -> list[tuple]:
    return [(r["check_name"], r["fact_ids"], r["message"]) for r in check(list(facts), list(reports), CATALOGUE)]


def test_rate_outside_0_100():
    assert found(checks.rate_range, [fact("proposals.reply_rate", 101, fact_id="a"),
                                     fact("proposals.reply_rate", 100)]) == [
        ("rate_range", ["a"], "proposals.reply_rate = 101%: a rate must be within 0–100")]


def test_filed_more_than_submitted():
    assert found(checks.filed_le_submitted, [fact("proposals.filed", 440, fact_id="f"),
                                             fact("proposals.submitted", 437, fact_id="s")]) == [
        ("filed_le_submitted", ["f", "s"],
         "proposals.filed 440 > proposals.submitted 437: more proposals filed than submitted")]
    assert found(checks.filed_le_submitted, [fact("proposals.filed", 374), fact("proposals.submitted", 437)]) == []


def test_filed_and_submitted_from_different_reports_are_not_compared():
    assert found(checks.filed_le_submitted, [fact("proposals.filed", 440),
                                             fact("proposals.submitted", 437, report_id="r2")]) == []


def test_information_adopted_more_than_sent_up():
    assert [r[1] for r in found(checks.adopted_le_submitted, [fact("info.adopted", 500, fact_id="a"),
                                                              fact("info.submitted", 328, fact_id="s")])] == [["a", "s"]]
    assert found(checks.adopted_le_submitted, [fact("info.adopted", 85), fact("info.submitted", 328)]) == []


def test_national_plus_provincial_more_than_the_total():
    facts = [fact("info.adopted_national", 11, fact_id="n"), fact("info.adopted_provincial", 174, fact_id="p")]
    assert found(checks.adoption_parts_le_total, facts + [fact("info.adopted", 150, fact_id="t")]) == [
        ("adoption_parts_le_total", ["n", "p", "t"], "national 11 + provincial 174 = 185 > info.adopted 150")]
    assert found(checks.adoption_parts_le_total, facts + [fact("info.adopted", 187)]) == []


@pytest.mark.parametrize("bad, message", [
    (fact("proposals.satisfaction_rate", 100, qualifier="at_least"),
     "proposals.satisfaction_rate = 100 at_least: a rate cannot be more than 100%"),
    (fact("proposals.key", 0, qualifier="at_most"), "proposals.key = 0 at_most: a figure cannot be less than 0"),
    (fact("proposals.key", 12.5), "proposals.key = 12.5 exact: an exact count must be a whole number"),
])
def test_qualifier_that_cannot_hold(bad, message):
    assert [r[2] for r in found(checks.qualifier_consistent, [bad])] == [message]


def test_sound_qualifiers_pass():
    assert found(checks.qualifier_consistent, [fact("proposals.satisfaction_rate", 99, qualifier="at_least"),
                                               fact("proposals.reply_rate", 100),
                                               fact("proposals.filing_rate", 93.6)]) == []


def test_report_year_far_from_its_publication():
    assert found(checks.year_near_published, [], [report(year=2019, published="2024-01")]) == [
        ("year_near_published", [], "covers 2019 but was published 2024-01: check the year")]
    assert found(checks.year_near_published, [], [report(year=2022, published="2024-01"),
                                                  report(year=2023, published="")]) == []


def test_city_listed_in_the_manifest_without_facts():
    feature = report(cities="淄博;潍坊;济宁")
    facts = [fact("proposals.key", 40, city="济宁")]
    assert [(r["city"], r["report_id"]) for r in checks.city_has_facts(facts, [feature], CATALOGUE)] == [
        ("淄博", "r1"), ("潍坊", "r1")]


def test_conflicting_figures_one_row_per_group():
    facts = [fact("parties.proposals", 41, fact_id="b"), fact("parties.proposals", 43, fact_id="a"),
             fact("parties.proposals", 41, fact_id="c", report_id="r2"),
             fact("parties.proposals", 45, fact_id="d", kind="derived")]  # derived figures never conflict
    assert found(checks.conflicts, facts) == [("conflict", ["a", "b", "c"], "parties.proposals has 2 values: 41, 43")]


def test_rejected_facts_are_not_checked():
    assert found(checks.rate_range, [fact("proposals.reply_rate", 101, status="rejected")]) == []


def test_run_checks_runs_every_check():
    facts = [fact("proposals.reply_rate", 101), fact("proposals.filed", 440), fact("proposals.submitted", 437)]
    names = {r["check_name"] for r in checks.run_checks(facts, [report(year=2019)], CATALOGUE)}
    assert names == {"rate_range", "filed_le_submitted", "year_near_published"}


def test_every_check_says_it_in_chinese_too():
    facts = [fact("proposals.reply_rate", 101), fact("proposals.filed", 440), fact("proposals.submitted", 437),
             fact("info.adopted", 500), fact("info.submitted", 328), fact("info.adopted_national", 300),
             fact("info.adopted_provincial", 300), fact("proposals.key", 12.5),
             fact("parties.proposals", 41), fact("parties.proposals", 43, report_id="r2")]
    rows = checks.run_checks(facts, [report(year=2019, cities="忻州;淄博")], CATALOGUE)
    assert {r["check_name"] for r in rows} == {
        "rate_range", "filed_le_submitted", "adopted_le_submitted", "adoption_parts_le_total",
        "qualifier_consistent", "year_near_published", "city_has_facts", "conflict"}
    for r in rows:
        assert r["message_zh"] and any("\u4e00" <= ch <= "\u9fff" for ch in r["message_zh"]), r
    assert {r["message_zh"] for r in rows if r["check_name"] == "rate_range"} == {"比率为101%，应在0–100之间"}
