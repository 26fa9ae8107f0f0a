"""The fast paths of extraction change no result.

`compile_skipping` gives a pattern that opens with a look-around, an optional word or a
group the table of characters a match can start with, so the regex engine skips ahead to
them; `anchors` are the words a
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

from etl.catalogue import load_catalogue
from etl.document import Offsets
from etl.fastre import compile_skipping, is_skipping
from etl.paths import SHARED

CATALOGUE = load_catalogue()


def _plain(pattern: re.Pattern) -> re.Pattern:
    return re.compile(pattern.pattern) if is_skipping(pattern) else pattern


def _every_pattern() -> list[tuple[str, re.Pattern]]:
    """Every pattern of the catalogue: rules, their conditions, subjects and cues."""
    out = []
    for rule in CATALOGUE.rules:
        out += [(f"{rule.name}.{name}", value) for name, value in vars(rule).items() if isinstance(value, re.Pattern)]
    for table in ("subjects", "scope_cues", "period_cues"):
        out += [(f"{table}.{k}", v) for k, v in getattr(CATALOGUE, table).items()]
    from etl import extract, numbers
    return out + [("every_rule.not_context", CATALOGUE.not_context), ("FIGURE_RE", numbers.FIGURE_RE),
                  ("STATED_YEAR_RE", extract.STATED_YEAR_RE), ("LAST_YEAR_RE", extract.LAST_YEAR_RE),
                  ("PRECEDING_YEAR_RE", extract.PRECEDING_YEAR_RE),
                  ("OWN_BODY", extract.OWN_BODY)]


def _matches(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize(("source", "texts"), [
    (r"(?<!和)(?:委员)?联名提案", ["和联名提案委员联名提案", "委员联名提案和委员联名提案"]),
    (r"(?<![不未])立案(?P<slot>#)件", ["立案#件不立案#件未立案#件", "立案立案#件"]),
    (r"(?:提交|提出|的)?(?:集体)?提案#件", ["提交集体提案#件的提案#件", "提出提案#件集体提案#件"]),
    (r"(?=[12])(?:19|20)\d\d", ["2019年1998年3020年"]),
    (r"(?!不)(?:满意|基本)率", ["满意率基本率不满意率"]),
    (r"(?:满意)??(?:满意率|度)", ["满意满意率满意度"]),   # lazy: without the optional part first
    (r"(?<=提案)(?:满意|办复)率(?P<slot>#)", ["提案满意率#办复率#提案办复率#"]),
    (r"(?:的|之)?(?:提案|议案)(?:共)?(?P<slot>#)", ["的提案#之议案共#提案共#"]),
    (r"(?P<body>被)?(?:采用|录用)", ["被采用录用被录用"]),          # a named group in front
    (r"(?<!第)(?P<n>\d+|[一二三])件", ["第3件，12件，三件"]),       # a class of digits
])
def test_a_skipping_pattern_matches_as_the_plain_one(source, texts):
    fast, plain = compile_skipping(source), re.compile(source)
    assert is_skipping(fast) and fast.pattern == source and fast.groupindex == plain.groupindex
    for text in texts:
        assert _matches(fast, text) == _matches(plain, text)
        assert [bool(fast.match(text, i)) for i in range(len(text))] == \
            [bool(plain.match(text, i)) for i in range(len(text))]


@pytest.mark.parametrize("source", [
    r"立案(?P<slot>#)件",          # opens with a word: the engine already skips to it
    r"[^，。]{0,4}采用",            # may open with any character
    r"(?:被)?.采用",                # any character
    r"(?:了)?",                     # may match nothing
    r"(?i)(?:x)?abc",              # flags
    r"(a)?\1b",                    # a back-reference
    r"^(?:被)?采用",                # anchored: the engine tries the start alone, a table would scan on
])
def test_patterns_that_may_start_anywhere_are_compiled_plainly(source):
    assert not is_skipping(compile_skipping(source))


@settings(max_examples=500)
@given(st.text(alphabet="0123456789.,%％一二两三十百千万亿点余多以上近约超过不到第件篇条次项个人名场，。-", max_size=40))
def test_the_figure_pattern_finds_what_its_plain_form_finds(text):
    from etl.numbers import FIGURE_RE
    assert is_skipping(FIGURE_RE)
    assert [m.regs for m in FIGURE_RE.finditer(text)] == [m.regs for m in _plain(FIGURE_RE).finditer(text)]


def test_the_figure_pattern_finds_what_its_plain_form_finds_in_the_corpora():
    from etl.numbers import FIGURE_RE
    texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("corpus/dev*/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("reports/*.txt"))]
    if not texts:
        pytest.skip("../shared is absent")
    for text in texts:
        assert [m.regs for m in FIGURE_RE.finditer(text)] == [m.regs for m in _plain(FIGURE_RE).finditer(text)]


def _corpus_sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("corpus/dev*/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("reports/*.txt"))]
    masked = [re.sub(r"\d+(?:\.\d+)?", "#", t) for t in texts]
    return [s for t in masked for s in re.split(r"[。\n]", t) if s.strip()]


OWN = ["经审查立案并交办#件，其中委员联名提案#件，集体提案#件，不予立案#件。",
       "各民主党派提出提案#件，满意和基本满意率达#%，基本满意的#件。",
       "共收到提案#件，和联名提案#件；委员工作室#个，立案的#件提案全部办复。"]


ALPHABET = "立案提交出的集体委员联名和个人满意基本率不未予拟审查正式#件%，。"


@settings(max_examples=300)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_rewrites_change_no_match_on_any_text(text):
    for name, pattern in _every_pattern():
        plain = _plain(pattern)
        if plain is not pattern:
            assert _matches(pattern, text) == _matches(plain, text), name


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


def test_rewritten_patterns_find_what_their_plain_forms_find_at_every_start():
    patterns = [(name, p, _plain(p)) for name, p in _every_pattern() if p is not _plain(p)]
    assert len(patterns) > 20, "few patterns were rewritten: the test would check little"
    sentences = OWN + _corpus_sentences() + ["会议要求各单位确保办复率100%", "按照要求，立案300件", "计划开展协商3次",
                                             "2010年至2012年共收到提案", "发挥界别优势", "各县区政协报送信息"]
    for name, rx, plain in patterns:
        for s in sentences:
            assert _matches(rx, s) == _matches(plain, s), (name, s)
            for pos in range(0, len(s), 7):
                a, b = rx.match(s, pos), plain.match(s, pos)
                assert (a and a.span()) == (b and b.span()), (name, s, pos)


def test_where_the_gate_of_the_subjects_no_rule_takes_finds_none_none_is_nearest():
    from etl.extract import _nearest_subject
    gate = CATALOGUE.not_subject_gate
    assert gate is not None and CATALOGUE.not_subject
    sentences = _corpus_sentences() + ["各县（市）区政协全年共收到提案1300余件", "全市18个县（区）政协共建成委员工作室",
                                       "砀山、萧县和埇桥区政协当年共立案提案", "我市的省政协委员共提交提案"]
    gated = 0
    for s in sentences:
        if gate.search(s):
            gated += 1
            continue
        for end in range(0, len(s) + 1, 5):
            assert _nearest_subject(s[:end], CATALOGUE) not in CATALOGUE.not_subject, s[:end]
    assert gated >= 4


# The literal-led forms of whole-text patterns (they open with one character, scanned for in a
# tight loop) against the class-led forms they replace.
_SPACE_TEXT = st.text(alphabet="提案 件\n\u3000，。%ab12", max_size=40)


@settings(max_examples=400)
@given(_SPACE_TEXT)
def test_the_space_patterns_without_tabs_find_what_the_tab_forms_find(text):
    from etl import read
    for pattern, without_tabs in read._SPACE_PATTERNS.items():
        assert _matches(without_tabs, text) == _matches(pattern, text), pattern.pattern[:20]


@settings(max_examples=400)
@given(st.text(alphabet="2019年0 ｜|\t\u3000", max_size=30))
def test_the_two_years_pattern_finds_what_its_year_led_form_finds(text):
    from etl.tables import TWO_YEARS_RE
    old = re.compile(r"(?:19|20)\d\d年[｜| \t\u3000]*(?:19|20)\d\d")
    assert [m.end() for m in TWO_YEARS_RE.finditer(text)] == [m.end() for m in old.finditer(text)]


@settings(max_examples=400)
@given(st.text(alphabet="县区市旗：:\n二、永新提案", max_size=30))
def test_the_place_colons_are_the_colons_after_a_place_word(text):
    from etl.extract import PLACE_COLON_RES
    found = sorted(m.end() for pattern in PLACE_COLON_RES for m in pattern.finditer(text))
    assert found == [m.end() for m in re.finditer(r"[县区市旗][：:]", text)]


@settings(max_examples=400)
@given(st.text(alphabet="提案(（)） ab\tāǚ12", max_size=30))
def test_the_pinyin_candidates_are_those_of_the_class_led_pattern(text):
    from etl import read
    found = sorted(m.span() for bracket, p in read._PINYIN_CANDIDATES.items() if bracket in text for m in p.finditer(text))
    old = re.compile(read._PINYIN_CANDIDATES["（"].pattern.replace("（(?<=", "[(（](?<=", 1).replace(
        "]（)", "][(（])", 1))
    assert found == [m.span() for m in old.finditer(text)]
