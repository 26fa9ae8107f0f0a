"""etl.derive: figures implied by stated ones, never beside a stated one."""
from __future__ import annotations

import pytest

from etl.catalogue import load_catalogue
from etl.derive import derive_facts
from tests.conftest import fact

CATALOGUE = load_catalogue()


def derived(*facts) -> dict[str, tuple]:
    return {f["metric"]: (f["value"], f["qualifier"], f["derived_from"]) for f in derive_facts(list(facts), CATALOGUE)}


def test_filing_rate_is_filed_over_submitted_to_one_decimal():
    out = derive_facts([fact("proposals.submitted", 437), fact("proposals.filed", 374)], CATALOGUE)
    assert [(f["metric"], f["value"], f["qualifier"], f["kind"], f["derived_from"]) for f in out] == [
        ("proposals.filing_rate", 85.6, "exact", "derived", ["proposals.filed=374", "proposals.submitted=437"])]
    assert out[0]["note"] == "derived: proposals.filed 374 ÷ proposals.submitted 437 × 100 = 85.6"
    assert out[0]["rule"] == "derive:filing_rate" and out[0]["quote"] is None


def test_no_filing_rate_beside_a_stated_one():
    assert derived(fact("proposals.submitted", 437), fact("proposals.filed", 374),
                   fact("proposals.filing_rate", 85)) == {}


def test_no_filing_rate_when_filed_exceeds_submitted():
    assert derived(fact("proposals.submitted", 300), fact("proposals.filed", 374)) == {}


def test_an_approximate_input_makes_an_approximate_rate():
    assert derived(fact("proposals.submitted", 400, qualifier="at_least"),
                   fact("proposals.filed", 300))["proposals.filing_rate"][:2] == (75.0, "about")


def test_adopted_total_is_at_least_national_plus_provincial():
    assert derived(fact("info.adopted_national", 11), fact("info.adopted_provincial", 174)) == {
        "info.adopted": (185.0, "at_least", ["info.adopted_national=11", "info.adopted_provincial=174"])}


def test_no_second_total_beside_the_extractors_own_sum():
    made_by_extractor = fact("info.adopted", 187, kind="derived", derived_from=["a", "b", "c"])
    assert derived(fact("info.adopted_national", 11), fact("info.adopted_provincial", 174), made_by_extractor) == {}


@pytest.mark.parametrize("stated, expected", [
    (("proposals.by_members", 333), ("proposals.collective", 41.0)),
    (("proposals.collective", 41), ("proposals.by_members", 333.0)),
])
def test_members_and_collective_complement_each_other(stated, expected):
    out = derived(fact("proposals.filed", 374), fact(*stated))
    assert {m: v[0] for m, v in out.items()} == dict([expected])


def test_no_complement_when_both_parts_are_stated():
    assert derived(fact("proposals.filed", 374), fact("proposals.by_members", 333),
                   fact("proposals.collective", 41)) == {}


def test_no_complement_that_would_be_zero_or_negative():
    assert derived(fact("proposals.filed", 300), fact("proposals.by_members", 333)) == {}


def test_two_different_stated_inputs_are_a_conflict_not_a_basis():
    assert derived(fact("proposals.submitted", 437), fact("proposals.submitted", 440, fact_id="s2"),
                   fact("proposals.filed", 374)) == {}


def test_the_same_value_stated_twice_is_one_input_the_first_in_the_text():
    out = derived(fact("proposals.submitted", 437, start_pos=90, fact_id="late"),
                  fact("proposals.submitted", 437, start_pos=10, fact_id="early"), fact("proposals.filed", 374))
    assert out["proposals.filing_rate"][2] == ["proposals.filed=374", "early"]


@pytest.mark.parametrize("apart", [
    {"report_id": "r2"}, {"year": 2022}, {"city": "潍坊"}, {"scope": "citywide"}, {"period": "term"},
])
def test_inputs_must_share_report_city_year_scope_and_period(apart):
    assert derived(fact("proposals.submitted", 437), fact("proposals.filed", 374, **apart)) == {}


def test_rejected_and_curated_facts_are_no_inputs():
    assert derived(fact("proposals.submitted", 437, status="rejected"), fact("proposals.filed", 374)) == {}
    assert derived(fact("proposals.submitted", 437, kind="curated", report_id=None),
                   fact("proposals.filed", 374, kind="curated", report_id=None)) == {}


def test_a_corrected_input_counts_with_its_corrected_value():
    assert derived(fact("proposals.submitted", 400, status="corrected"),
                   fact("proposals.filed", 374))["proposals.filing_rate"][0] == 93.5


def test_derived_ids_are_stable_and_distinct():
    inputs = [fact("proposals.submitted", 437), fact("proposals.filed", 374), fact("proposals.by_members", 333)]
    ids = [f["fact_id"] for f in derive_facts(inputs, CATALOGUE)]
    assert ids == [f["fact_id"] for f in derive_facts(list(reversed(inputs)), CATALOGUE)]
    assert len(set(ids)) == 2
