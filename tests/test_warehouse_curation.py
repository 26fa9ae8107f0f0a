"""etl.curation: analysts' decisions, each with an outcome, none dropped silently."""
from __future__ import annotations

import csv

import pytest

from etl import paths
from etl.catalogue import load_catalogue
from etl.cities import load_cities
from etl.curation import COLUMNS, Decision, Known, apply_decisions, read_decisions, validate
from tests.conftest import fact

CATALOGUE = load_catalogue()
KNOWN = Known(metrics={m.id: m.unit for m in CATALOGUE.metrics},
              cities={"忻州": "忻州", "忻州市": "忻州", "邹城": "邹城"}, reports=frozenset({"r1", "r2"}))
FACTS = [fact("proposals.filed", 374, fact_id="f-filed"), fact("proposals.submitted", 437, fact_id="f-sub"),
         fact("info.adopted", 85, fact_id="f-adopted", report_id="r2")]


def apply(*decisions: Decision, facts=FACTS):
    out, outcomes = apply_decisions(facts, list(decisions), KNOWN)
    return {f["fact_id"]: f for f in out}, [(o.outcome, o.message) for o in outcomes]


# ----------------------------------------------------------------------------- actions


def test_confirm_keeps_the_fact_and_says_so():
    facts, outcomes = apply(Decision("c1", "confirm", fact_id="f-filed", note="checked"))
    assert outcomes == [("applied", "confirm applied to fact (by fact_id f-filed)")]
    assert (facts["f-filed"]["status"], facts["f-filed"]["note"]) == ("active", "confirmed by c1; checked")


def test_reject_sets_the_status():
    facts, outcomes = apply(Decision("c1", "reject", fact_id="f-filed"))
    assert outcomes[0][0] == "applied" and facts["f-filed"]["status"] == "rejected"


def test_correct_changes_value_and_qualifier_and_keeps_the_old_value_in_the_note():
    facts, outcomes = apply(Decision("c1", "correct", fact_id="f-filed", value="375", qualifier="about", expect="374"))
    f = facts["f-filed"]
    assert outcomes[0][0] == "applied"
    assert (f["value"], f["qualifier"], f["status"]) == (375.0, "about", "corrected")
    assert f["note"] == "corrected by c1: qualifier exact → about; value 374 → 375"


def test_correct_can_move_a_fact_to_another_metric():
    facts, _ = apply(Decision("c1", "correct", fact_id="f-adopted", metric="info.submitted", expect="85"))
    assert facts["f-adopted"]["metric"] == "info.submitted"


def test_correct_with_an_outdated_expect_is_stale_and_not_applied():
    facts, outcomes = apply(Decision("c1", "correct", fact_id="f-filed", value="380", expect="370"))
    assert outcomes == [("stale", "expected 370 but the fact now says 374 (by fact_id f-filed); review the decision")]
    assert facts["f-filed"]["value"] == 374.0 and facts["f-filed"]["status"] == "active"


def test_add_makes_a_curated_fact_outside_the_reports():
    facts, outcomes = apply(Decision("c1", "add", metric="proposals.filed", city="忻州市", year="2021", value="350",
                                     period="term", source_url="https://example.org/a", note="yearbook"))
    added = facts["curated:c1"]
    assert outcomes == [("applied", "added a curated figure")]
    assert {k: added[k] for k in ("report_id", "city", "year", "value", "unit", "qualifier", "scope", "period",
                                  "kind", "rule", "source_url", "note")} == {
        "report_id": None, "city": "忻州", "year": 2021, "value": 350.0, "unit": "件", "qualifier": "exact",
        "scope": "committee", "period": "term", "kind": "curated", "rule": "curation:c1",
        "source_url": "https://example.org/a", "note": "yearbook"}


def test_the_facts_passed_in_are_not_changed():
    before = [dict(f) for f in FACTS]
    apply(Decision("c1", "reject", fact_id="f-filed"))
    assert FACTS == before


# ----------------------------------------------------------------------------- matching


def test_a_decision_survives_a_new_fact_id_by_report_metric_and_value():
    facts, outcomes = apply(Decision("c1", "reject", fact_id="old-id", report="r1", metric="proposals.filed",
                                     value="374"))
    assert outcomes == [("applied", "reject applied to fact (fact_id old-id no longer exists; "
                                    "matched by report r1, metric proposals.filed and value 374)")]
    assert facts["f-filed"]["status"] == "rejected"


def test_correct_falls_back_on_expect_not_on_the_new_value():
    facts, outcomes = apply(Decision("c1", "correct", report="r1", metric="proposals.filed", value="380",
                                     expect="374"))
    assert outcomes[0][0] == "applied" and facts["f-filed"]["value"] == 380.0


def test_fallback_finds_the_figure_with_another_value_as_stale():
    _, outcomes = apply(Decision("c1", "correct", fact_id="gone", report="r1", metric="proposals.filed",
                                 value="380", expect="370"))
    assert outcomes[0][0] == "stale"


def test_a_decision_matching_nothing_is_unmatched():
    _, outcomes = apply(Decision("c1", "reject", report="r1", metric="proposals.key", value="12"))
    assert outcomes == [("unmatched", "no fact proposals.key = 12 in report r1")]
    _, outcomes = apply(Decision("c1", "reject", fact_id="gone"))
    assert outcomes == [("unmatched", "fact_id gone no longer exists; no report and metric to match by")]


def test_decisions_apply_in_file_order():
    facts, outcomes = apply(Decision("c1", "correct", fact_id="f-filed", value="375", expect="374"),
                            Decision("c2", "correct", fact_id="f-filed", value="376", expect="375"))
    assert [o for o, _ in outcomes] == ["applied", "applied"] and facts["f-filed"]["value"] == 376.0


# ----------------------------------------------------------------------------- invalid


@pytest.mark.parametrize("decision, message", [
    (Decision("c1", "delete", fact_id="f-filed"), "unknown action 'delete' (one of confirm, reject, correct, add)"),
    (Decision("c1", "add", metric="proposals.made_up", city="忻州", year="2023", value="1"),
     "unknown metric 'proposals.made_up' (not in etl/metrics.yaml)"),
    (Decision("c1", "add", metric="proposals.filed", city="火星", year="2023", value="1"),
     "unknown city '火星' (not in data/cities.csv)"),
    (Decision("c1", "reject", report="r9.txt", metric="proposals.filed"), "unknown report 'r9.txt' (not in data/reports/)"),
    (Decision("c1", "add", metric="proposals.filed", city="忻州", year="2023"), "add needs value"),
    (Decision("c1", "add", metric="proposals.filed", city="忻州", year="23", value="1"), "year '23' is not a year"),
    (Decision("c1", "add", metric="proposals.filed", city="忻州", year="2023", value="many"),
     "value 'many' is not a number"),
    (Decision("c1", "add", metric="proposals.filed", city="忻州", year="2023", value="1", qualifier="roughly"),
     "unknown qualifier 'roughly' (one of exact, at_least, about, at_most)"),
    (Decision("c1", "correct", fact_id="f-filed", value="375"), "correct needs expect: the value the fact has now"),
    (Decision("c1", "correct", fact_id="f-filed", expect="374"),
     "correct changes nothing: give a new value, metric, qualifier, scope or period"),
    (Decision("c1", "reject"), "reject needs a fact_id, or a report and a metric"),
])
def test_invalid_decisions_say_why(decision, message):
    assert validate(decision, KNOWN) == message
    facts, outcomes = apply(decision)
    assert outcomes == [("invalid", message)]
    assert facts == {f["fact_id"]: f for f in FACTS}


# ----------------------------------------------------------------------------- the file


def write(path, text, bom=False):
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_reading_tolerates_excels_bom_blank_rows_and_missing_columns(tmp_path):
    path = write(tmp_path / "d.csv", "id,action,fact_id,note\r\nc1,reject,f-filed,重复\r\n,,,\r\n", bom=True)
    assert read_decisions(path) == [Decision("c1", "reject", fact_id="f-filed", note="重复", line=2)]


def test_repeated_and_missing_ids_become_invalid_decisions(tmp_path):
    path = write(tmp_path / "d.csv", "id,action,fact_id\nc1,reject,f-filed\nc1,confirm,f-sub\n,confirm,f-sub\n")
    decisions = read_decisions(path)
    assert [d.id for d in decisions] == ["c1", "c1@line3", "row@line4"]
    assert [validate(d, KNOWN) for d in decisions] == [
        None, *["no id, or an id used by an earlier row: give each decision its own id"] * 2]


def test_a_missing_file_is_an_error_and_the_header_alone_means_no_decisions(tmp_path):
    with pytest.raises(ValueError, match="none.csv: missing"):
        read_decisions(tmp_path / "none.csv")
    assert read_decisions(write(tmp_path / "d.csv", ",".join(COLUMNS) + "\n")) == []


def test_a_file_without_the_id_column_is_refused(tmp_path):
    with pytest.raises(ValueError, match="missing column"):
        read_decisions(write(tmp_path / "d.csv", "action,fact_id\nreject,x\n"))


def test_the_committed_decisions_file_is_all_valid():
    """data/curation/decisions.csv: the columns in order, and every row valid."""
    path = paths.CURATION / "decisions.csv"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        assert tuple(next(csv.reader(fh))) == COLUMNS
    known = Known(metrics=KNOWN.metrics, cities={c.name: c.name for c in load_cities()},
                  reports=frozenset(p.name for p in paths.REPORTS.iterdir()))
    decisions = read_decisions(path)
    assert decisions and [d.id for d in decisions if validate(d, known)] == []


def test_without_a_city_table_cities_are_not_checked():
    unchecked = Known(metrics=KNOWN.metrics, cities={}, reports=KNOWN.reports)
    assert validate(Decision("c1", "add", metric="proposals.filed", city="火星", year="2023", value="1"), unchecked) is None
