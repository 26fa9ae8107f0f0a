"""The fast paths of extraction change no result.

`with_first_chars` puts a look-ahead for a pattern's possible first characters in front
of a rule that opens with a look-behind or an optional word; `anchors` are the words a
rule's match must hold; `gate_words` finds the words that open a metric's rules;
`_spans` finds sentences from their breaks; `Offsets` keeps the map back to the original
as runs. Each is checked against its plain form on text of our own, generated text, and
every sentence of the shared corpora when they are present.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.catalogue import load_catalogue, with_first_chars
from etl.document import Offsets
from etl.paths import SHARED

CATALOGUE = load_catalogue()


def _plain(rule_pattern: re.Pattern) -> re.Pattern:
    source = rule_pattern.pattern
    return re.compile(source[source.index("])") + 2:]) if source.startswith("(?=[") else rule_pattern


@pytest.mark.parametrize(("source", "first"), [
    (r"(?<![不未])立案(?P<slot>#)件", "立"),
    (r"(?:提交|提出|的)?(?:集体)?提案#件", "提的集"),
    (r"(?<!和)(?:委员)?联名提案", "委联"),
])
def test_a_loose_opening_gets_a_look_ahead_for_its_first_characters(source, first):
    got = with_first_chars(source)
    assert got.startswith("(?=[") and got.endswith("])" + source)
    assert set(got[4:-len(source) - 2]) == set(first)


@pytest.mark.parametrize("source", [
    r"立案(?P<slot>#)件",            # opens with a word: the engine already skips to it
    r"(?:被)?[^，。]{0,4}采用#",      # may open with any character
    r"(?:了)?",                      # may match nothing
    r"(?i)(?:x)?abc",               # case-insensitive: first characters are not literal
])
def test_other_patterns_are_left_alone(source):
    assert with_first_chars(source) == source


def _corpus_sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("corpus/dev*/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("reports/*.txt"))]
    masked = [re.sub(r"\d+(?:\.\d+)?", "#", t) for t in texts]
    return [s for t in masked for s in re.split(r"[。\n]", t) if s.strip()]


OWN = ["经审查立案并交办#件，其中委员联名提案#件，集体提案#件，不予立案#件。",
       "各民主党派提出提案#件，满意和基本满意率达#%，基本满意的#件。",
       "共收到提案#件，和联名提案#件；委员工作室#个，立案的#件提案全部办复。"]


def test_rules_with_a_look_ahead_match_as_their_plain_patterns():
    sentences = OWN + _corpus_sentences()
    changed = [r for r in CATALOGUE.rules if r.pattern is not _plain(r.pattern)]
    assert changed, "no rule was given a look-ahead: the test would check nothing"
    for rule in changed:
        plain = _plain(rule.pattern)
        for s in sentences:
            assert [m.span() for m in rule.pattern.finditer(s)] == [m.span() for m in plain.finditer(s)], (rule.name, s)


ALPHABET = "立案提交出的集体委员联名和个人满意基本率不未予拟审查正式#件%，。"


@settings(max_examples=300)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_look_aheads_change_no_match_on_any_text(text):
    for rule in CATALOGUE.rules:
        plain = _plain(rule.pattern)
        if plain is not rule.pattern:
            assert [m.span() for m in rule.pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300)
@given(st.text(alphabet="编报送上呈委员工作室提案协商对口界别重点立案，", max_size=40))
def test_gate_words_open_the_rules_a_full_scan_opens(text):
    every = {text[i:i + len(w)] for w in {w for m in CATALOGUE.metrics for w in m.gate}
             for i in range(len(text)) if text.startswith(w, i)}
    found = {w for _, w in CATALOGUE.gate_words(text)}
    for with_figures in (True, False):
        assert CATALOGUE.rules_opened_by(frozenset(found), with_figures) == \
            CATALOGUE.rules_opened_by(frozenset(every), with_figures)


@settings(max_examples=300)
@given(st.integers(0, 60).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 4)), max_size=6), max_size=4))))
def test_offsets_follow_successive_deletions(case):
    n, passes = case
    reference, offsets = list(range(n)), Offsets(n)
    for raw in passes:
        spans, pos = [], 0
        for start, width in sorted(raw):  # sorted, non-overlapping spans within the current text
            start = max(start, pos)
            end = min(start + width, len(reference))
            if start < end:
                spans.append((start, end))
                pos = end
        for start, end in reversed(spans):
            del reference[start:end]
        offsets = offsets.delete(spans)
        assert len(offsets) == len(reference)
        assert list(offsets) == reference
        assert [offsets[i] for i in range(len(reference))] == reference


@pytest.mark.parametrize(("source", "expected"), [
    (r"(?P<slot>#)件(?:已|被)?立案(?:的)?提案", {"#", "件", "立案", "提案"}),
    (r"(?:收到|提交)(?:了)?提案共(?P<slot>#)件", {"提案共", "#", "件"}),
    (r"(?<!基本)满意(?:率|度)", {"满意"}),
    (r"(?:被)?[^，]{0,4}(?:采用|录用)", set()),
])
def test_anchors_are_the_plain_runs_every_match_holds(source, expected):
    from etl.catalogue import anchors
    assert set(anchors(source)) == expected


@settings(max_examples=300)
@given(st.text(alphabet=ALPHABET + "收到了共占率的", max_size=40))
def test_a_rule_matches_only_text_holding_its_anchors(text):
    for rule in CATALOGUE.rules:
        if rule.pattern.search(text):
            assert all(a in text for a in rule.anchors), (rule.name, text)


@settings(max_examples=500)
@given(st.text(alphabet="提案件。！？!?\n，；a ", max_size=60))
def test_sentence_spans_are_the_matches_of_the_sentence_pattern(text):
    from etl.extract import SENTENCE_RE, _spans
    assert list(_spans(text)) == [m.span() for m in SENTENCE_RE.finditer(text)]


def _condition_patterns():
    """Every condition pattern of the catalogue the loader gave a look-ahead, with its plain form."""
    found = []
    for rule in CATALOGUE.rules:
        for name in ("context", "topic", "not_context", "not_clause", "not_before", "not_after",
                     "sentence", "not_sentence", "not_following"):
            rx = getattr(rule, name)
            if rx is not None and rx.pattern.startswith("(?=["):
                found.append((f"{rule.name}.{name}", rx, _plain(rx)))
    for group in (CATALOGUE.subjects, CATALOGUE.scope_cues, CATALOGUE.period_cues):
        found += [(k, rx, _plain(rx)) for k, rx in group.items() if rx.pattern.startswith("(?=[")]
    if CATALOGUE.not_context is not None and CATALOGUE.not_context.pattern.startswith("(?=["):
        found.append(("every_rule", CATALOGUE.not_context, _plain(CATALOGUE.not_context)))
    return found


def test_conditions_with_a_look_ahead_find_what_their_plain_patterns_find():
    patterns = _condition_patterns()
    assert patterns, "no condition was given a look-ahead: the test would check nothing"
    sentences = OWN + _corpus_sentences() + ["会议要求各单位确保办复率100%", "按照要求，立案300件", "计划开展协商3次",
                                             "2010年至2012年共收到提案", "发挥界别优势", "各县区政协报送信息"]
    for name, rx, plain in patterns:
        for s in sentences:
            assert [m.span() for m in rx.finditer(s)] == [m.span() for m in plain.finditer(s)], (name, s)
            for pos in range(0, len(s), 7):
                a, b = rx.match(s, pos), plain.match(s, pos)
                assert (a and a.span()) == (b and b.span()), (name, s, pos)
