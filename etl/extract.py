"""Figures + cue words -> facts, sentence by sentence.

A fact is one mention of a catalogue metric: its value and qualifier, whose work it counts
(scope), which span of time (period), the city and year, and the exact span of the
original text it came from. The rules are data (etl/metrics.yaml); this module applies
them and decides the things every rule shares: subject, scope, period, city, derivation.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from pathlib import Path
from dataclasses import dataclass, field, replace
from functools import lru_cache

from etl.catalogue import BULLETS, Catalogue, Rule, load_catalogue
from etl.document import Document, Offsets
from etl.fastre import compile_skipping
from etl.numbers import Figure, find_figures, parse_number
from etl.read import ENDS_WITH_FIGURE
from etl.reports import SECTION_RE, ReportInfo
from etl.tables import Tables, read_tables

def _source_version() -> str:
    """The extractor's version: a digest of the code that decides facts, so that a rebuild
    re-extracts every report whenever that code changes (the catalogue is keyed apart)."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("extract.py", "numbers.py", "read.py", "reports.py", "catalogue.py", "document.py"):
        digest.update((here / name).read_bytes())
    return "1+" + digest.hexdigest()[:10]


EXTRACTOR_VERSION = _source_version()

SENTENCE_RE = re.compile(r"[^。！？!?\n]+[。！？!?]*")
CLAUSE_BREAK = re.compile(r"[，,；;：:]")
# A sentence that only lists parts of something said just before ("其中，…", "在立案提案中，…")
# reads the previous sentence as its context.
CONTINUES_RE = re.compile(
    r"^\s*[“\"「『（(]?(?:(?:据了解|据统计|据悉|另外|此外|同时)[，,]?)?"
    r"(?:其中|在[^，,。]{0,16}中[，,]|[^，,。]{0,8}提案中[，,]|(?:从|在)?(?:全部|所有|上述|这些)[^，,。]{0,10}中)")

# Bodies that adopt information; one body alone names a metric, several make a total.
# A city's (or prefecture's) committee adopting pieces is a body above a county's committee,
# and no higher body for the city's own: a part of the total (alone, in a county's report, the
# total itself: BELOW_CITY_BODIES).
_PARTY_AND_STATE = r"省委|省政府|中办|国办|中央|市委|市政府|国家|部委"
_PREFECTURE_BODY = r"(?<![区县])(?:市|州|盟)政协|地区政协"
ADOPTION_BODIES = {
    "national": re.compile(r"全国(?:政协|(?=[、和及与][^，,。；;]{0,4}政协))"),   # 全国、省政协: two bodies
    "provincial": re.compile(r"省政协|自治区政协|省(?=[、和及与]?市政协)"),   # 省市政协: two bodies
    "other": re.compile(_PARTY_AND_STATE + "|" + _PREFECTURE_BODY),
}
# In a district or county of a municipality (北京, 上海, 天津, 重庆) the 市政协 is the
# provincial-level committee (contract v1.1).
MUNICIPALITIES = ("北京", "上海", "天津", "重庆")
# In a county's or district's report the city's (prefecture's) committee is the body just above:
# when it alone adopted, its count is the pieces adopted above (被州政协采用四十六条), unless the
# sentence adds other adopters up to a sum
BELOW_CITY_BODIES = {"national": ADOPTION_BODIES["national"], "provincial": ADOPTION_BODIES["provincial"],
                     "prefecture": re.compile(_PREFECTURE_BODY),
                     "other": re.compile(_PARTY_AND_STATE)}
MUNICIPAL_BODIES = {**ADOPTION_BODIES,
                    "provincial": re.compile(r"省政协|自治区政协|(?<![区县])市政协"),
                    "other": re.compile(_PARTY_AND_STATE)}
ADOPTION_TOTAL = re.compile(r"省级以上|上级|各级|国家级|以上")
# A county's or district's own party committee or government is no body above the committee:
# what it takes up (另有8篇被区委《每日要情》刊用) is no adoption, and no part of one
LOCAL_BODIES = re.compile(r"(?:区|县|旗)(?:委|政府)(?!员)")
ADOPTION_METRIC = {"national": "info.adopted_national", "provincial": "info.adopted_provincial"}
# A sentence that names the year of the work it counts ("2022年，市政协收到提案500件"); not
# a deadline (截至2023年…), a span (2019年以来), a comparison (较2022年的860篇), nor, for what
# follows it, a trend's start
# (从2018年的94.2%提高到今年的98.7%: 2018 is the year of 94.2% only).
STATED_YEAR_RE = compile_skipping(
    r"(?<![截至到—\-~～较比与])(?<!\d)((?:19|20)\d\d)年(?!以来|来|前|后|间|起|至|到|—|-|底以来|初以来|的[\d.]+%[\s\S])")
YEARS_BACK = 10
YEARS_AHEAD = 2
# words of what is to come after a year ahead of the report's (2025年，区政协将……; 2025年目标; 2025年协商工作计划)
FUTURE_RE = re.compile(r"将|计划|目标|力争|预计|拟|要|提出")
# "去年" as the time of the work, not a comparison (比去年, 较去年同期), a span (去年以来) nor
# where a trend set out from (由去年的88.1%提高到93.2%, as a named year's: 从2019年的93.5%……);
# 去年 is the year before the text's, 上年 (上年度, 上一年) the year before the one it tells of
LAST_YEAR_RE = compile_skipping(r"(?<![比较同与和])去年(?!以来|底以来|的[\d.]+%[\s\S])")
# "the past year", said from the day of publication (a report read out in January 2024 says it of
# 2023, and so does the news of the 2024 session)
PAST_YEAR_RE = compile_skipping(r"过去(?:的)?一年(?!多|半)")
PRECEDING_YEAR_RE = compile_skipping(r"(?<![比较同与和])(?:上年度|上一年度|上一年|上年(?!底))(?!以来|底以来|的[\d.]+%[\s\S])")


@dataclass(frozen=True)
class Fact:
    file: str
    city: str | None
    year: int | None
    metric: str
    value: float
    qualifier: str
    scope: str
    period: str
    derived: bool
    start: int           # span in the original decoded text
    end: int
    quote: str
    rule: str
    unit: str = ""
    derived_from: tuple[str, ...] = ()
    sentence: str = ""   # the whole sentence, original text, for a reader
    id: str = field(default="")

    def as_dict(self) -> dict:
        value = int(self.value) if float(self.value).is_integer() else round(self.value, 4)
        return {
            "id": self.id, "file": self.file, "city": self.city, "year": self.year,
            "metric": self.metric, "value": value, "unit": self.unit, "qualifier": self.qualifier,
            "scope": self.scope, "period": self.period, "derived": self.derived,
            "derived_from": list(self.derived_from), "start": self.start, "end": self.end,
            "quote": self.quote, "sentence": self.sentence, "rule": self.rule,
        }


def fact_id(file: str, metric: str, start: int, end: int, derived: bool = False) -> str:
    key = f"{file}|{metric}|{start}|{end}|{int(derived)}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@dataclass
class _Sentence:
    start: int
    text: str
    masked: str
    mask_map: Offsets              # masked index -> index in document text
    figures: dict[int, Figure]     # masked index of '#' -> figure
    previous: str                  # the sentence before, when this one continues it
    following: str = ""            # the text right after the sentence, for `not_following`
    rules: tuple[Rule, ...] = ()   # the rules that can match in it
    last: str = ""                 # the sentence before, always: what a `context` may read
    window: str = ""               # the text before the sentence (CONTEXT_WINDOW characters): what a `topic` may read
    blocked_somewhere: bool = False  # the catalogue's every-rule not_context occurs in the sentence (or its context)
    # a subject no rule takes (a lower committee) is named in it (or its context); None: not yet
    # looked for (looked for when a match needs it: the pattern of those subjects is slow to scan)
    other_body: bool | None = False
    list_line: bool = False          # it is a line of a list (see _in_list): a rule of `line` reads it
    heading: str = ""                # the heading above a list it is a line of (▶对比2023年, 六、2025年目标)


@dataclass
class _Match:
    rule: Rule
    value: float
    qualifier: str
    unit: str
    start: int                     # span in document text
    end: int
    sentence: _Sentence
    figure: Figure | None
    metric: str
    part_of: str | None = None     # the metric of a sum this figure is one part of
    emit: bool = True              # False for a part that is no catalogue fact of its own
    lone: bool = False             # a part that is the total when no other part is in its sentence


def extract_facts(doc: Document, report: ReportInfo, catalogue: Catalogue | None = None) -> list[Fact]:
    """Every fact of the catalogue's metrics in `doc`, stated and derived, in text order."""
    return extract(doc, report, catalogue)[0]


def extract(doc: Document, report: ReportInfo, catalogue: Catalogue | None = None, *, gates: bool = True
            ) -> tuple[list[Fact], list[Candidate]]:
    """The facts of `doc`, and the figures left on the table: every figure with a countable
    unit in a sentence that names a catalogue noun, that yields no fact (with the reason)."""
    catalogue = catalogue or load_catalogue()
    text = doc.text
    figures = find_figures(text)
    # (a table's header names its columns: years, the term so far, a target and what was done
    # (指标2023年2022年, 项目2023年本届以来累计, 年度目标完成情况), or a column of units (单位数量)
    tables = read_tables(text, report.year)
    figures = _with_table_figures(figures, tables)
    sections = _sections(text, report)
    matches: list[_Match] = []
    left: list[Candidate] = []
    bodies = adoption_bodies(report)
    own = OwnCommittee(report.cities, report.level)
    own = replace(own, other_sections=_other_sections(text, own, catalogue))
    for sentence in _sentences(text, figures, catalogue, gates):
        found, blocked = _match_sentence(sentence, catalogue, bodies, own, tables=bool(tables))
        matches.extend(found)
        left.extend(_left_on_table(doc, report, catalogue, sentence, found, blocked, sections))
    facts = _to_facts(doc, report, catalogue, matches, sections, tables, own.below_a_city)
    facts, other_years = _of_the_report_year(facts, report)
    left.extend(other_years)
    return sorted(facts, key=lambda f: (f.start, f.end, f.metric, f.derived)), sorted(left, key=lambda c: c.start)


def _with_table_figures(figures: list[Figure], tables: Tables) -> list[Figure]:
    """The figures with a table's (see etl/tables.py) added in text order, where none overlaps,
    and without those of the columns set aside (a target, another year's)."""
    if not tables:
        return figures
    figures = [f for f in figures if f.start not in tables.set_aside]
    taken = [(f.start, f.end) for f in figures]
    added = [r for r in tables.figures if not any(a < r.end and r.start < b for a, b in taken)]
    return sorted(figures + added, key=lambda f: f.start)


def _of_the_report_year(facts: list[Fact], report: ReportInfo) -> tuple[list[Fact], list[Candidate]]:
    """A report's facts are of its year (or its term). A figure the text dates to another year
    (去年……满意率96.8% in a report of its own year, 2016年立案118件 in a review of 2018) is
    kept as a candidate that says so: a figure filed under the wrong year is worse than none,
    and nothing else in a report's row says which year a fact is of."""
    if report.year is None:
        return facts, []
    kept, moved = [], []
    for f in facts:
        if f.year is None or f.year == report.year or f.period == "term":
            kept.append(f)
        else:
            moved.append(Candidate(
                file=f.file, city=f.city, year=f.year, value=f.value, unit=f.unit, qualifier=f.qualifier,
                start=f.start, end=f.end, quote=f.quote, sentence=f.sentence, noun=f.metric,
                reason=f"{f.rule}: of another year ({f.year})"))
    return kept, moved


@dataclass(frozen=True)
class Candidate:
    """A figure with a countable unit, in a sentence naming a catalogue noun, that gave no fact."""
    file: str
    city: str | None
    year: int | None
    value: float
    unit: str
    qualifier: str
    start: int           # span of the figure in the original decoded text
    end: int
    quote: str
    sentence: str
    noun: str            # the catalogue noun nearest the figure
    reason: str          # the blocking condition of a rule that framed it, or "no frame"

    def as_dict(self) -> dict:
        value = int(self.value) if float(self.value).is_integer() else round(self.value, 4)
        return {"file": self.file, "city": self.city, "year": self.year, "value": value, "unit": self.unit,
                "qualifier": self.qualifier, "start": self.start, "end": self.end, "quote": self.quote,
                "sentence": self.sentence, "noun": self.noun, "reason": self.reason}


def _left_on_table(doc, report, catalogue, s: _Sentence, found: list[_Match], blocked: dict[int, str],
                   sections) -> list[Candidate]:
    if not s.figures or catalogue.candidate_nouns is None:
        return []
    taken = {c.figure.start for c in found if c.figure is not None}
    units = catalogue.candidate_units
    left = [(pos, fig) for pos, fig in s.figures.items() if fig.start not in taken and fig.unit in units]
    if not left:
        return []
    nouns = [(m.start(), m.group(0)) for m in catalogue.candidate_nouns.finditer(s.text)]
    if not nouns:
        return []
    out = []
    sentence = None
    for pos, fig in left:
        at = fig.start - s.start
        noun = min(nouns, key=lambda n: abs(n[0] - at))[1]
        o_start, o_end = doc.to_original(fig.start, fig.end)
        if sentence is None:
            s_start, s_end = doc.to_original(s.start, s.start + len(s.text.rstrip()))
            sentence = doc.original[s_start:s_end]
        out.append(Candidate(
            file=report.file, city=_city_at(sections, fig.start, report), year=report.year,
            value=fig.value, unit=fig.unit, qualifier=fig.qualifier, start=o_start, end=o_end,
            quote=doc.original[o_start:o_end], sentence=sentence, noun=noun,
            reason=blocked.get(pos, "no frame")))
    return out


MAX_SENTENCE = 400  # longer runs without a full stop are cut at clause breaks


def _spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans (the matches of SENTENCE_RE, listed in one pass). A run with no full
    stop (tables, broken text) is cut into pieces so that the work per figure stays bounded."""
    spans = [m.span() for m in SENTENCE_RE.finditer(text)]
    if all(end - start <= MAX_SENTENCE for start, end in spans):
        return spans
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if end - start > MAX_SENTENCE:
            _cut(text, start, end, out)
        else:
            out.append((start, end))
    return out


def _cut(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while end - start > MAX_SENTENCE:
        cut = max(text.rfind(p, start, start + MAX_SENTENCE) for p in "；;，,、 ")
        cut = cut + 1 if cut > start else start + MAX_SENTENCE
        spans.append((start, cut))
        start = cut
    spans.append((start, end))


FOLLOWING = 160     # characters after a sentence that `not_following` reads
CONTEXT_WINDOW = 200  # characters before a sentence where a rule's `topic` may be found (a list
                      # of "——办复率100%" lines under a heading about proposals)
CARRY = 200         # longest run of unfinished lines a sentence carries as its context
TERMINAL = "。！？!?；;"


def _sentences(text: str, figures: list[Figure], catalogue: Catalogue, gates: bool = True):
    """Sentences with their figures masked, and the rules that can match in each. A line
    that ends without a full stop (a line break inside a sentence, an infographic's heading)
    carries over as the next one's context, so "围绕……等⏎提出提案369件" still reads its
    topic. With gates, only sentences with a gate word or a figure are looked at, and of
    those a sentence no rule could match and with no candidate is skipped."""
    spans = _spans(text)
    if not spans:
        return
    starts = [start for start, _ in spans]
    figs: dict[int, list[Figure]] = {}
    for fig in figures:
        i = bisect.bisect_right(starts, fig.start) - 1
        if i >= 0 and fig.end <= spans[i][1]:
            figs.setdefault(i, []).append(fig)
    if not gates or catalogue.has_ungated_rules:
        looked_at = range(len(spans))
    else:  # a sentence with a figure, or with a word that opens a rule reading none
        phrases = catalogue.phrase_gates
        looked_at = sorted(figs.keys() | {
            bisect.bisect_right(starts, m.start()) - 1 for m in (phrases.finditer(text) if phrases else ())} - {-1})
    nouns = catalogue.candidate_nouns
    every_rule = catalogue.not_context
    other_bodies = catalogue.not_subject_gate   # (looked for in a sentence only when a match needs it)
    for i in looked_at:
        s_start, s_end = spans[i]
        sentence_figs = figs.get(i, [])
        raw = text[s_start:s_end]
        if not gates:
            rules = catalogue.rules if sentence_figs else catalogue.phrase_rules
        else:
            # Gate words hold no punctuation, so each lies inside one sentence.
            words = frozenset(w for _, w in catalogue.gate_words(text, s_start, s_end))
            rules = catalogue.rules_opened_by(words, bool(sentence_figs), "｜" in raw or "|" in raw)
        if rules or (sentence_figs and nouns is not None and nouns.search(raw)):
            masked, mask_map, slots = _mask(text, s_start, s_end, sentence_figs)
            previous = text[starts[i - 1]:spans[i - 1][1]] if i else ""
            context = _carried(text, spans, i) or (previous if CONTINUES_RE.match(raw) else "")
            is_list = bool(context or sentence_figs) and _is_list_line(raw)
            if context and is_list:
                # a line of a list of labels and figures: the lines before it that end in a
                # figure said their own piece (重点提案9件) and block nothing in it; what they
                # are about (收集信息1126条) is still read by a rule's `context`
                context, previous = _carried(text, spans, i, listed=True), context
            blocked = every_rule is not None and every_rule.search(context + raw) is not None
            listed = bool(sentence_figs) and raw.rstrip()[-1:] not in TERMINAL and _in_list(text, spans, i)
            yield _Sentence(s_start, raw, masked, mask_map, slots, context, text[s_end:s_end + FOLLOWING],
                            tuple(rules), previous, text[max(0, s_start - CONTEXT_WINDOW):s_start], blocked,
                            None if rules and other_bodies is not None else False, listed,
                            _list_heading(text, spans, i) if is_list and sentence_figs else "")


# An infographic's line with its figure first and its label after a bar (195件｜……提交的提案)
FIGURE_FIRST_RE = re.compile(r"\s*(?:\d+(?:\.\d+)?[余多]?[^\d\s｜|]{0,3}|全部[^｜|\d]{0,6})\s*[｜|]")


# An infographic's line of a label, a colon and a short value in words (★答复情况：全部办复)
LABEL_VALUE_RE = re.compile(rf"\s*{BULLETS}[ \t]*[^，,。；;：:\n]{{1,12}}[：:][ \t]*[^，,。；;：:！？!?\n]{{1,12}}$")
# An infographic's line with its figure first and its label after a space (528件 收到提案, which
# the reader has run together: 528件收到提案)
FIGURE_LEAD_RE = re.compile(r"\s*[↑↓+\-]?\d+(?:\.\d+)?[余多]?(?:人次|篇次|场次|件次|[件篇条项次个场%％])[ \t]*[^\d\s，,。；;！？!?：:]{2,16}$")


# A list's line marked as one: a bullet first, or a colon between its label and figure
LIST_MARK_RE = re.compile(rf"\s*(?:{BULLETS}|[^。；;，,！？!?：:\n]{{1,20}}[：:]\s*\d)")


def _in_list(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """Whether sentence i is a line of a list: a line of a label and a figure (see
    _is_list_line) marked as such (a bullet, a colon), or a line beside another of the kind
    (委员个人、联名提案 140件⏎党派团体界别提案 23件). A line of prose that ends in a figure
    (……等⏎提出提案369件) is not."""
    start, end = spans[i]
    line = text[start:end]
    if not _whole_line(text, start, end) or not _is_list_line(line):
        return False
    if LIST_MARK_RE.match(line):
        return True
    for j in (i - 1, i + 1):
        if 0 <= j < len(spans):
            a, b = spans[j]
            between = text[b:start] if j < i else text[end:a]
            if between.count("\n") == 1 and not between.strip() and _is_list_line(text[a:b]) \
                    and _whole_line(text, a, b):
                return True
    return False


def _whole_line(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole line, give or take the spaces around it."""
    line_end = text.find("\n", end)
    return (start == 0 or not text[text.rfind("\n", 0, start) + 1:start].strip()) and \
        not text[end:line_end if line_end >= 0 else len(text)].strip()


HEADING_MAX = 30   # characters: a list's heading is a short line


def _list_heading(text: str, spans: list[tuple[int, int]], i: int) -> str:
    """The heading of the list whose line sentence i is: the first line above the list's
    lines before it, when it is short and ends no sentence (▶对比2023年, 六、2025年目标)."""
    for j in range(i - 1, max(-1, i - 16), -1):
        line = text[spans[j][0]:spans[j][1]].strip()
        if not line or _is_list_line(line):
            continue
        return line if len(line) <= HEADING_MAX and line[-1] not in TERMINAL else ""
    return ""


def _is_list_line(line: str) -> bool:
    """Whether a line is one of a list of labels and figures: it ends in a figure, opens
    with one before a bar, or is a bulleted label with its value after a colon."""
    return (ENDS_WITH_FIGURE.search(line) is not None or FIGURE_FIRST_RE.match(line) is not None
            or LABEL_VALUE_RE.match(line) is not None or FIGURE_LEAD_RE.match(line) is not None)


def _carried(text: str, spans: list[tuple[int, int]], i: int, listed: bool = False) -> str:
    """The unfinished lines right before sentence i (no full stop, no blank line after),
    joined: the last CARRY characters of them. When sentence i is a line of a list of labels
    and figures (listed: it ends in a figure, 提案人满意率99.1%, or opens with one, 98.9%｜……),
    a line before it of the same kind said its own piece (重点提案9件) and is not carried."""
    parts, total = [], 0
    for j in range(i - 1, -1, -1):
        start, end = spans[j]
        stripped = text[start:end].rstrip()
        if not stripped or stripped[-1] in TERMINAL or text[end:end + 2] == "\n\n" or (
                listed and _is_list_line(stripped)):
            break
        parts.append(stripped)
        total += len(stripped)
        if total >= CARRY:
            break
    return "".join(reversed(parts))[-CARRY:]


def _mask(text: str, s_start: int, s_end: int, figs: list[Figure]):
    """The sentence with each figure's number (and qualifier words) replaced by '#'.

    The unit and any trailing qualifier stay in place so patterns can read `#件`, `#%以上`.
    """
    parts, starts, origins, slots = [], [], [], {}
    at, pos = 0, s_start  # at: length of the masked text so far; pos: where the document text resumes
    for f in figs:
        if f.start > pos:
            parts.append(text[pos:f.start])
            starts.append(at)
            origins.append(pos)
            at += f.start - pos
        slots[at] = f
        parts.append("#")
        starts.append(at)
        origins.append(f.start)
        at += 1
        unit_start = f.num_end
        while unit_start < f.end and text[unit_start] in "余多来":
            unit_start += 1
        if f.unit == "%" and text[f.num_end:f.num_end + 1] not in ("%", "％"):   # (百分之九十五, 九成: no sign written)
            parts.append("%")
            starts.append(at)
            origins.append(f.num_end - 1)
            at += 1
            unit_start = f.num_end
        pos = unit_start
    if s_end > pos:
        parts.append(text[pos:s_end])
        starts.append(at)
        origins.append(pos)
        at += s_end - pos
    # masked index -> index in the document text, one entry per piece
    return "".join(parts), Offsets(at, starts or [0], origins or [s_start]), slots


def _match_sentence(sentence: _Sentence, catalogue: Catalogue, bodies: dict[str, re.Pattern] = ADOPTION_BODIES,
                    own: OwnCommittee | None = None, tables: bool = True) -> tuple[list[_Match], dict[int, str]]:
    """The rules' matches in the sentence, and for figures a rule framed but a condition
    blocked, why (masked position of the figure -> reason)."""
    found, blocked = [], {}
    masked = sentence.masked
    for rule in sentence.rules:
        if rule.row and not tables:
            continue   # (a table's rows: only in a text that has one)
        if rule.line and not sentence.list_line:
            continue   # (a list's line: only on one)
        missing = False
        for anchor in rule.anchors:  # words every match holds
            if anchor not in masked:
                missing = True
                break
        if missing:
            continue
        for m in rule.pattern.finditer(masked):
            match = _match(rule, m, sentence, catalogue, bodies, own)
            if isinstance(match, str):
                slot = m.start("slot") if "slot" in rule.pattern.groupindex and m.group("slot") else None
                if slot is not None:
                    blocked.setdefault(slot, f"{rule.name}: {match}")
            else:
                found.append(match)
    if catalogue.respectively is not None and ("分别" in masked or "均" in masked):
        found.extend(_respectively(sentence, catalogue))
    if len(found) > 1 and ("含" in sentence.text or "其中" in sentence.text):
        found = _without_inclusions(found, sentence)
    return found, blocked


def _respectively(s: _Sentence, catalogue: Catalogue) -> list[_Match]:
    """Names listed, then their figures in the same order: 办复率、满意率分别为100%和98.6%;
    专题协商、对口协商、界别协商分别为4场、15场、9场. Every name must be one the catalogue lists
    (`listed`), and there must be as many figures as names; else nothing is read. After 均 (办复率、
    满意率均达100%) one figure is every name's."""
    resp = catalogue.respectively
    masked = s.masked
    out = []
    markers = [(m, False) for m in resp.marker.finditer(masked)]
    if resp.both is not None and "均" in masked:
        markers += [(m, True) for m in resp.both.finditer(masked)]
    for marker, shared in markers:
        clause_start = _clause_start(masked, marker.start())
        names = resp.separator.split(masked[clause_start:marker.start()])
        metrics = []
        for i, name in enumerate(names):
            found = None
            for m in catalogue.metrics:
                hit = m.listed.search(name) if m.listed is not None else None
                # the first name may follow the clause's other words (提案办复率); the others stand alone
                if hit and hit.end() == len(name) and (i == 0 or hit.start() == 0):
                    found = m
                    break
            if found is None and resp.others is not None and resp.others.fullmatch(name.strip()):
                metrics.append(None)  # a name of no metric (基本满意率): its figure is passed over
                continue
            if found is None:
                metrics = []
                break
            metrics.append(found)
        if len(metrics) < 2 or not any(metrics):
            continue
        end = len(masked)
        for stop in "，,；;。":
            cut = masked.find(stop, marker.end())
            if cut != -1:
                end = min(end, cut)
        slots = [pos for pos in sorted(s.figures) if marker.end() <= pos < end]
        if shared and len(slots) == 1:
            slots = slots * len(metrics)
        if len(slots) != len(metrics):
            continue
        if resp.not_context is not None and resp.not_context.search(s.previous + _unmask(s, 0, marker.start())):
            continue
        for metric, pos in zip(metrics, slots):
            figure = s.figures[pos]
            if metric is not None and figure.is_rate != metric.is_rate:
                break
        else:
            for metric, pos in zip(metrics, slots):
                if metric is None:
                    continue
                figure = s.figures[pos]
                start = s.mask_map[clause_start]
                out.append(_Match(resp.rule(metric.id), figure.value, figure.qualifier, figure.unit,
                                  min(start, figure.start), figure.end, s, figure, metric.id))
    return out


def _without_inclusions(found: list[_Match], s: _Sentence) -> list[_Match]:
    """A figure in brackets of what the figure before them includes, read as that figure's own
    metric, is a part of it (集体提案33件（含党派团体提案27件）, 立案578件（其中会后补充立案2件）);
    of another metric it stands
    (立案217件（含重点提案10件）)."""
    text = s.text
    ends = {(c.metric, c.end - s.start) for c in found}
    kept = []
    for c in found:
        rel = c.start - s.start
        i = max(text.rfind("（含", 0, rel), text.rfind("(含", 0, rel), text.rfind("（其中", 0, rel),
                text.rfind("(其中", 0, rel))
        if (i > 0 and text.find("）", i, rel) == -1 and text.find(")", i, rel) == -1
                and any((c.metric, e) in ends for e in range(i - 2, i + 1))):
            continue
        kept.append(c)
    return kept


def _blocker(name: str, rx: re.Pattern, text: str) -> str | None:
    hit = rx.search(text)
    return f"{name} '{hit.group(0)[-12:]}'" if hit else None


def _match(rule: Rule, m: re.Match, s: _Sentence, catalogue: Catalogue,
           bodies: dict[str, re.Pattern] = ADOPTION_BODIES, own: OwnCommittee | None = None) -> _Match | str:
    """The match as a fact-to-be, or the reason a condition of the rule refuses it."""
    in_sentence = None   # the sentence up to the end of the match, made when a condition reads it
    if rule.context is not None or rule.not_context is not None:
        in_sentence = _unmask(s, 0, m.end())
        so_far = s.previous + in_sentence
        # what the text is about may have been said in the sentence before (立案提案300件。办复率100%)
        if rule.context is not None and not rule.context.search((s.previous or s.last) + so_far):
            return "context missing"
        if rule.not_context is not None and (why := _blocker("not_context", rule.not_context, so_far)):
            return why
    if rule.topic is not None:
        in_sentence = in_sentence if in_sentence is not None else _unmask(s, 0, m.end())
        if not rule.topic.search(s.window + in_sentence):
            return "topic missing"
    if s.blocked_somewhere:  # what no rule may follow is in the sentence: is it before this match?
        in_sentence = in_sentence if in_sentence is not None else _unmask(s, 0, m.end())
        if why := _blocker("every rule's not_context", catalogue.not_context, s.previous + in_sentence):
            return why
    if rule.sentence is not None and not rule.sentence.search(s.text):
        return "sentence missing"
    if rule.not_sentence is not None and (why := _blocker("not_sentence", rule.not_sentence, s.text)):
        return why
    if rule.not_following is not None and (
            why := _blocker("not_following", rule.not_following, _unmask(s, m.end(), len(s.masked)) + s.following)):
        return why
    if rule.following is not None and not rule.following.search(
            _unmask(s, m.end(), len(s.masked)) + s.following):
        return "following missing"
    if rule.not_after is not None and rule.not_after.match(s.masked, m.end()):
        return "not_after"
    if rule.not_clause is not None or rule.not_before is not None:
        clause_start = _clause_start(s.masked, m.start())
        if rule.not_clause is not None and (
                why := _blocker("not_clause", rule.not_clause, _unmask(s, clause_start, m.end()))):
            return why
        if rule.not_before is not None and (
                why := _blocker("not_before", rule.not_before, _unmask(s, clause_start, m.start()))):
            return why
    # (the subjects no rule takes need the nearest subject only where one of them is named)
    if rule.subject or rule.not_subject or _names_other_body(s, catalogue):
        upto = m.start()
        if "body" in rule.pattern.groupindex and (body := m.group("body")) and (cut := body.rfind("被")) > 0:
            upto = m.start("body") + cut   # who was adopted, before 被, may name the subject
        subject = _nearest_subject(s.previous + _unmask(s, 0, upto), catalogue)
        if rule.subject and subject not in rule.subject:
            return f"subject {subject or 'none'}"
        if subject is not None and (subject in rule.not_subject or subject in catalogue.not_subject) and not (
                subject in ("whole_province", "higher_committee") and own is not None and own.level == "province"):
            return f"subject {subject}"   # (the province's committees are a provincial report's own)
    if own is not None and own.other_sections and (other := own.section_at(s.start)):
        return f"subject {other}"
    if own is not None and catalogue.named_committee is not None and ("政协" in s.text or "政协" in s.previous):
        # up to the figure: a frame may take the committee in (【高要区政协】社情民意信息被省政协采用11条)
        upto = m.start("slot") if "slot" in rule.pattern.groupindex and m.group("slot") is not None else m.start()
        if other := own.other_named(s.previous + "\n" + _unmask(s, 0, upto), catalogue.named_committee):
            return f"subject {other}"

    start = s.mask_map[m.start()]
    end = s.mask_map[m.end() - 1] + 1
    figure = None
    if "slot" in rule.pattern.groupindex and m.group("slot") is not None:
        figure = s.figures[m.start("slot")]
        value, qualifier, unit = figure.value, figure.qualifier, figure.unit
        # The quote takes the whole figure: its unit and a trailing 以上/左右 too.
        start, end = min(start, figure.start), max(end, figure.end)
    elif rule.value is not None:
        value, qualifier, unit = float(rule.value), "exact", "%"
    else:
        return "no value"

    metric, part_of, emit, lone = rule.metric, None, True, False
    if rule.adoption:
        body = m.group("body") if "body" in rule.pattern.groupindex else ""
        named = _adopted_by(body or "", bodies)
        metric, part_of, emit = _adoption_metric(body or "", bodies, named)
        lone = part_of is not None and not emit and named == ["prefecture"] and not _other_adopters_near(s, m)
    elif rule.part_of:
        metric, part_of, emit = rule.part_of, rule.part_of, False
    if (unit == "%") != catalogue.metric(metric).is_rate:
        return "unit"
    if unit != "%" and not float(value).is_integer():
        return "not a whole count"   # an average (人均提交提案1.1件), never a count
    return _Match(rule, value, qualifier, unit, start, end, s, figure, metric, part_of, emit, lone)


@dataclass(frozen=True)
class OwnCommittee:
    """The report's committee: its places (one city, or the cities of a feature) and level."""
    cities: tuple[str, ...]
    level: str = ""
    other_sections: tuple[tuple[int, int, str], ...] = ()   # (start, end, committee) of others' sections

    def other_place(self, label: str) -> str | None:
        """The place a heading label names (【陵川县】), when it is a county or city other than
        the report's own; None for the report's own or for a label that is no place (【结语】)."""
        name = label.strip()
        if self._is_own(name):
            return None
        if _is_county_level(name) or _known_place(name):
            return name
        if 2 <= len(name) <= 6 and name[-1] in "县旗" and not set(name[:-1]) & _NOT_A_PLACE_WORDS:
            # a county's label the list lacks (【贡山县】: officially 贡山独龙族怒族自治县), or one the
            # conversion of traditional characters changed (乾縣 -> 干县)
            return name
        return None

    def _is_own(self, name: str) -> bool:
        """Whether a place's name is the report's own (邳州 for 邳州市, 寿光市 for 寿光)."""
        return any(name == c or name.startswith(c) or c.startswith(name) for c in self.cities)

    def section_at(self, pos: int) -> str | None:
        """The other committee whose section holds `pos`, if any."""
        for start, end, other in self.other_sections:
            if start <= pos < end:
                return other
        return None

    def other_named(self, before: str, named: re.Pattern, heading: bool = False) -> str | None:
        """The other committee that `before` names last, by its place (晋中市政协 in a county's
        report, a label 【端州区政协】), or as the city committee's members in a district's or
        county's report (市政协委员); None when the last one named is the report's own, or is
        no place anyone can tell."""
        last = None
        for last in named.finditer(before):
            pass
        if last is None or not self.cities:
            return None
        place = last.group("label") or last.group("place")
        # (a one-character place names a county with its level: 浚县 is not 浚县's neighbour 浚滨)
        named = place if place is None or len(place) > 1 else place + before[last.end() - 3:last.end() - 2]
        if place and self._is_own(named):
            return None
        if place and (last.group("label") or _known_place(place) or _county_named(place, before, last.end())
                      or (heading and len(named) > 1)):   # a section's heading names a place, no phrase
            return named
        if last.group("higher") or before.startswith("市政协委员", last.end() - 3):
            return "市政协委员" if self.below_a_city else None
        return None

    @property
    def below_a_city(self) -> bool:
        """Whether a 市政协 is the committee above this one: in a district, or in a county that
        is no city itself (a county-level city's own committee is its 市政协)."""
        if self.level == "district":
            return True
        if self.level != "county" or len(self.cities) != 1:
            return False
        city = _city(self.cities[0])
        # (a county the list of places lacks is known by its own name: 休宁县)
        return (city.full_name if city is not None else self.cities[0]).endswith(("县", "旗"))


def _other_sections(text: str, own: OwnCommittee, catalogue: Catalogue) -> tuple[tuple[int, int, str], ...]:
    """In one committee's report, the sections headed by another committee (a county's round-up
    of its neighbours: `寿阳县政协：……`) are that committee's, up to the next committee's
    heading; a heading of the report's own committee takes the text back."""
    if len(own.cities) != 1 or catalogue.named_committee is None:
        return ()
    heads = []
    if "政协：" in text or "政协:" in text or "政协】" in text or "政协]" in text:
        heads += [(m.start(), own.other_named(m.group(0).lstrip(" \t【[■□◆◇●○▍▌★☆▲△•")[:-1], catalogue.named_committee,
                                              heading=True)) for m in SECTION_RE.finditer(text)]
    if "】" in text or "]" in text:   # a label heading its line: 【陵川县】, 【结语】
        heads += [(m.start(), own.other_place(m.group("label"))) for m in LABEL_LINE_RE.finditer(text)]
    markers = set()
    for m in COMMITTEE_LINE_RE.finditer(text) if "政协\n" in text else ():
        # (a county the list of places lacks still heads its section: 乾縣政協, converted to 干县政协)
        heads.append((m.start(), own.other_named(m.group("name"), catalogue.named_committee)
                      or own.other_place(m.group("name")[:-2])))
        if m.group("marker"):
            markers.add(m.group("marker"))
    for colon in (m.end() for pattern in PLACE_COLON_RES for m in pattern.finditer(text)):
        # 二、永新县：…… (tried only at a line holding 县：)
        m = PLACE_HEADING_RE.match(text, text.rfind("\n", 0, colon - 1) + 1)
        if m is not None and m.end() == colon:
            heads.append((m.start(), own.other_place(m.group("label"))))
            if m.group("marker"):
                markers.add(m.group("marker"))
    if not any(other for _, other in heads):
        return ()   # (most reports: no heading of another committee)
    for marker in markers:   # the sibling headings, whatever they name, end the sections before them
        kind = "numeral" if marker.endswith("、") and not marker[0].isdigit() else (
            "digits" if marker[0].isdigit() else None)
        pattern = SIBLING_HEADINGS[kind] if kind else re.compile(rf"(?m)^[ \t]*{re.escape(marker)}")
        heads += [(m.start(), None) for m in pattern.finditer(text)]
    # one heading read by two patterns (【淳安县政协】: a label line and a committee's heading) is one
    at: dict[int, str | None] = {}
    for pos, other in heads:
        at[pos] = at.get(pos) or other
    heads = sorted(at.items())
    return tuple((start, heads[i + 1][0] if i + 1 < len(heads) else len(text), other)
                 for i, (start, other) in enumerate(heads) if other)


# Characters of words a label may end in 县 with, that name no county (【本县】, 【全县】, 【各县】)
_NOT_A_PLACE_WORDS = frozenset("本全各该我此其两三四五六七八九十县")
# A heading that is a bracketed label alone on its line (【陵川县】)
# (a title may follow the label on its line, with no figure and no full stop: 【龙胜各族自治县】"梯田上的议事厅")
LABEL_LINE_RE = re.compile(r"(?m)^[ \t]*[【\[](?P<label>[\u4e00-\u9fff]{2,10})[】\]][^\n。！？!?\d]{0,30}$")
# (a colon after 县区市旗, found by one pattern per colon: each opens with its literal, which the
# engine scans for in a tight loop, where a class costs a call per character)
PLACE_COLON_RES = tuple(re.compile(f"{colon}(?<=[县区市旗]{colon})") for colon in "：:")
# A line that opens with a county's or city's name and a colon, numbered, bulleted or not (二、永新县：……, ■ 遂溪县：……)
PLACE_HEADING_RE = re.compile(
    r"[ \t]*(?:(?P<marker>[一二三四五六七八九十]+、|\d+[.、．]|[■□◆◇●○▍▌★☆▲△•])[ \t]*)?"
    r"(?P<label>[\u4e00-\u9fff]{1,8}?[市县区旗])[：:]")
# The lines that open with the marker of such a heading: the headings of its sibling sections
# (◆全州合计 ends ◆舟曲县's section), by the kind of marker
# A line that is a committee's name alone, bulleted or not (■ 武功县政协): its section's heading
COMMITTEE_LINE_RE = re.compile(
    r"(?m)^[ \t]*(?P<marker>[■□◆◇●○▍▌★☆▲△•])?[ \t]*(?P<name>[\u4e00-\u9fff]{2,10}?政协)[ \t]*$")
SIBLING_HEADINGS = {"numeral": re.compile(r"(?m)^[ \t]*[一二三四五六七八九十]+、"),
                    "digits": re.compile(r"(?m)^[ \t]*\d+[.、．](?!\d)")}


def _county_named(place: str, before: str, end: int) -> bool:
    """A county-level division named with its committee (沙河市政协, 惠民县政协), though the
    product does not show it: the place with the level before 政协 is an official name."""
    return _is_county_level(place + before[end - 3:end - 2])


def _is_county_level(full_name: str) -> bool:
    try:
        from etl.cities import is_county_level_name
    except ImportError:
        return False
    return is_county_level_name(full_name)


def _city(name: str):
    try:
        from etl.cities import city_by_name
    except ImportError:
        return None
    return city_by_name(name)


def _known_place(name: str) -> bool:
    return _city(name) is not None


def adoption_bodies(report: ReportInfo) -> dict[str, re.Pattern]:
    """The adopting bodies as the report's committee sees them."""
    if report.level not in ("district", "county"):
        return ADOPTION_BODIES
    below_municipality = any(report.province.startswith(m) for m in MUNICIPALITIES)
    return MUNICIPAL_BODIES if below_municipality else BELOW_CITY_BODIES


# a higher committee adopting, beside the city's committee (a list's next line: 被省政协采用 12 篇)
_HIGHER_ADOPTS = re.compile(r"(?:全国|省|自治区)(?:级)?政协[^。；;，,]{0,8}?(?:采用|录用|刊用|刊发)")


def _other_adopters_near(s: _Sentence, m: re.Match) -> bool:
    """Whether the sentence, or its paragraph's lines around it, names a higher adopter too."""
    after = _unmask(s, m.end(), len(s.masked)) + s.following.split("\n\n", 1)[0]
    before = s.window[-100:].rsplit("\n\n", 1)[-1] + _unmask(s, 0, m.start())
    return _HIGHER_ADOPTS.search(after) is not None or _HIGHER_ADOPTS.search(before) is not None


def _adopted_by(body: str, bodies: dict[str, re.Pattern]) -> list[str]:
    body = body.rsplit("被", 1)[-1]   # 市政协被省政协采用: the adopter follows 被
    return [name for name, rx in bodies.items() if rx.search(body)]


def _adoption_metric(body: str, bodies: dict[str, re.Pattern] = ADOPTION_BODIES,
                     named: list[str] | None = None) -> tuple[str, str | None, bool]:
    """Who adopted the pieces decides the metric: (metric, part of, emitted as a fact).

    The national or the provincial committee alone: its own metric, and a part of the
    total. Another body alone (省委): only a part of the total. A county's or district's own
    party committee or government alone (区委): nothing. Several bodies, or none named
    (`有85篇被采用`): the stated total.
    """
    named = _adopted_by(body, bodies) if named is None else named
    if not named and LOCAL_BODIES.search(body):
        return "info.adopted", None, False
    if len(named) == 1 and not ADOPTION_TOTAL.search(body):
        if named[0] in ADOPTION_METRIC:
            return ADOPTION_METRIC[named[0]], "info.adopted", True
        return "info.adopted", "info.adopted", False
    return "info.adopted", None, True


def _unmask(s: _Sentence, a: int, b: int) -> str:
    """The document text under masked positions [a, b)."""
    if a >= b:
        return ""
    start = s.mask_map[a] - s.start
    end = s.mask_map[b - 1] + 1 - s.start
    return s.text[start:end]


def _clause_start(masked: str, pos: int) -> int:
    for i in range(pos - 1, -1, -1):
        if CLAUSE_BREAK.match(masked[i]):
            return i + 1
    return 0


def _names_other_body(s: _Sentence, catalogue: Catalogue) -> bool:
    """Whether the sentence (or its context) names a subject no rule takes, looked for once."""
    if s.other_body is None:
        gate = catalogue.not_subject_gate
        s.other_body = gate is not None and gate.search(s.previous + s.text) is not None
    return s.other_body


# Who sent the pieces received (收到各县（市、区）政协、各民主党派和委员报送的社情民意信息): the
# senders of a relative clause are no agents of what the sentence goes on to say
RECEIVED_FROM = re.compile(r"(?:收到|收集|汇总|接收|征集)(?:了)?[^，,。；;]{0,40}?(?:报送|提交|提出|反映|上报|撰写|编报)的")
# …and a subject right before its own relative clause (农工党市委会和定陶区政协联合报送的信息被……圈阅)
# (a verb of its own before the relative clause's makes the subject that verb's: 社会法制委员会收集委员反映的信息)
RELATIVE_AFTER = re.compile(r"(?:(?!收集|收到|征集|汇集|汇总)[^，,。；;#\d]){0,16}?(?:报送|提交|提出|反映|上报|撰写|编报)(?:上来|上去|过来|来)?的")


_CLAUSE_BREAKS = re.compile(r"[，,；;：:]")
_PART_ENDS = re.compile(r"[；;]")


def _nearest_subject(before: str, catalogue: Catalogue) -> str | None:
    best, best_key = None, (-1, 0)
    senders = [m.span() for m in RECEIVED_FROM.finditer(before) if _CLAUSE_BREAKS.search(before, m.end())] \
        if "的" in before else []   # (only once the sentence has gone on past the relative clause)
    for name, rx in catalogue.subjects.items():
        for m in rx.finditer(before):
            if senders and any(a <= m.start() and m.end() <= b for a, b in senders):
                continue
            if "的" in before[m.end():m.end() + 20] and RELATIVE_AFTER.match(before, m.end()) and (
                    _CLAUSE_BREAKS.search(before, m.end())):
                continue
            if "其中" in before[max(before.rfind(ch, 0, m.start()) for ch in "，,；;：:") + 1:m.start()] \
                    and _PART_ENDS.search(before, m.end()):
                continue   # (the agent of a part, 其中民主党派报送1900篇；, acts no further than its part)
            if max(before.rfind("（", 0, m.start()), before.rfind("(", 0, m.start())) > max(
                    before.rfind("）", 0, m.start()), before.rfind(")", 0, m.start())) and (
                    "）" in before[m.end():] or ")" in before[m.end():]):
                continue   # (… or of a part in brackets: 收到信息1128篇（含民主党派、工商联214篇）)
            if before.rfind("“", 0, m.start()) > before.rfind("”", 0, m.start()) and "”" in before[m.end():]:
                continue   # (a name in quotes acts in nothing: 建立“委员+信息员+联络组”信息网络)
            key = (m.end(), m.end() - m.start())
            if key > best_key:
                best, best_key = name, key
    return best


def _to_facts(doc, report, catalogue, matches, sections, tables: Tables = Tables(),
              below_a_city: bool = False) -> list[Fact]:
    """The matches as facts (a figure in a table's column of the term is the term's, one in
    the report year's column the year's: the header says so, whatever the row)."""
    facts: list[Fact] = []
    seen: set[tuple[str, int]] = set()
    phrases: list[tuple[str, int, int]] = []   # rates said in words, one fact per phrase
    parts: dict[tuple[int, str], list[_Match]] = {}
    stated_in_sentence: set[tuple[int, str]] = set()
    for c in matches:
        key = (c.metric, c.figure.start if c.figure else c.start, c.emit)
        if key in seen:
            continue
        seen.add(key)
        if c.figure is None:  # two rules reading one phrase (所有提案均已答复完毕) make one fact
            if any(m == c.metric and c.start < e and s < c.end for m, s, e in phrases):
                continue
            phrases.append((c.metric, c.start, c.end))
        if c.part_of is not None:
            parts.setdefault((c.sentence.start, c.part_of), []).append(c)
        if not c.emit:
            continue
        fact = _fact(doc, report, catalogue, c, sections, c.metric, tables)
        if fact.scope == "citywide" and below_a_city and CITY_LEVELS_RE.search(
                c.sentence.previous + c.sentence.text[: c.end - c.sentence.start]):
            continue   # (全市各级政协 in a district's report: the city's levels, not the district's)
        facts.append(fact)
        if c.part_of is None:
            stated_in_sentence.add((c.sentence.start, c.metric))
    by_span = {(f.metric, f.start, f.end): f for f in facts}
    for (s_start, metric), group in parts.items():
        if (s_start, metric) in stated_in_sentence:
            continue
        unique = {(c.figure.start if c.figure else c.start): c for c in group}
        if len(unique) < 2:
            (c,) = unique.values()
            if c.lone:   # (the city's committee alone adopted, in a county's report: the total above)
                facts.append(_fact(doc, report, catalogue, c, sections, metric, tables))
            continue
        members = sorted(unique.values(), key=lambda c: c.start)
        facts.append(_derived(doc, report, catalogue, metric, members, sections, by_span))
    return facts


# The levels of a whole city named (全市各级政协, 市县两级): in a district's report, the city's
CITY_LEVELS_RE = re.compile(r"全市(?:各级政协|政协系统|共有)|市(?:县区|区县)|市县(?:区)?两级|[省市]市县三级")


def _fact(doc, report, catalogue, c: _Match, sections, metric: str, tables: Tables = Tables()) -> Fact:
    o_start, o_end = doc.to_original(c.start, c.end)
    s_start, s_end = doc.to_original(c.sentence.start, c.sentence.start + len(c.sentence.text.rstrip()))
    in_sentence = c.sentence.text[: c.end - c.sentence.start]
    before = c.sentence.previous + in_sentence
    if c.figure is not None and c.figure.start in tables.cells:   # a table's column: its header says whose
        period = "term" if c.figure.start in tables.terms else ("partial" if report.year_incomplete else "year")
    else:
        period = _period(before, report, catalogue)
    if period == "term" and STATED_YEAR_RE.search(in_sentence, _clause_begin(in_sentence)):
        period = "year"   # a year named in the figure's own clause: 五年来……，2021年立案312件、2022年立案328件
    return Fact(
        file=report.file, city=_city_at(sections, c.start, report),
        year=report.year if period == "term" else (
            _session_year(in_sentence, doc.text, report.year, _published_year(report))
            or _stated_year(c.sentence.heading + "\n" + in_sentence if c.sentence.heading else in_sentence,
                            report.year, _published_year(report), _published_late(report))),
        metric=metric, value=c.value, qualifier=c.qualifier,
        scope=tables.scopes.get(c.figure.start) if c.figure is not None and c.figure.start in tables.scopes
        else _scope(before, catalogue), period=period,
        derived=False, start=o_start, end=o_end, quote=doc.original[o_start:o_end],
        rule=c.rule.name, unit=c.unit or catalogue.metric(metric).unit,
        sentence=doc.original[s_start:s_end], id=fact_id(report.file, metric, o_start, o_end),
    )


def _derived(doc, report, catalogue, metric, members: list[_Match], sections, by_span) -> Fact:
    inputs = []
    for c in members:
        o = doc.to_original(c.start, c.end)
        stated = by_span.get((c.metric, *o))
        inputs.append(stated.id if stated else f"span:{o[0]}-{o[1]}")
    first, last = members[0], members[-1]
    o_start, _ = doc.to_original(first.start, first.end)
    _, o_end = doc.to_original(last.start, last.end)
    qualifiers = {c.qualifier for c in members} - {"exact"}
    qualifier = qualifiers.pop() if len(qualifiers) == 1 else ("exact" if not qualifiers else "about")
    base = _fact(doc, report, catalogue, first, sections, metric)
    return replace(
        base, value=float(sum(c.value for c in members)), qualifier=qualifier, derived=True,
        start=o_start, end=o_end, quote=doc.original[o_start:o_end], rule=f"{metric}#sum",
        derived_from=tuple(inputs), unit=catalogue.metric(metric).unit,
        id=fact_id(report.file, metric, o_start, o_end, derived=True),
    )


def _clause_begin(text: str) -> int:
    """Where the last clause of `text` begins (after its last comma, semicolon, colon or 、)."""
    return max(text.rfind(ch) for ch in "，,；;：:、") + 1


# Words of the present, after a year named before them: the count is the report's
NOW_RE = re.compile(r"目前|现在|如今|至今|截至目前|现有|现已")
# A figure inside a comparison with an earlier year is that year's (与上一年度立案263件相比,
# 较2022年的860篇); a comparison said first and closed (与上年相比，……) leaves the figure its own
COMPARED_RE = re.compile(r"(?:与|跟|同|较|比)(?:(?P<preceding>上一?年度?|前一年)|(?P<last>去年)|(?P<year>(?:19|20)\d\d)年)(?!以来)")
COMPARISON_CLOSED = re.compile(r"相比|相较|比较|对比")


def _stated_year(in_sentence: str, report_year: int | None, published_year: int | None = None,
                 published_late: bool = False) -> int | None:
    """The year the sentence names for the work, if it is one of the report's recent years;
    the year before publication when it speaks of last year (去年，……满意率为96.8%): a text
    published in 2015 about 2014 says 去年 of 2014, one published in the year it covers of
    the year before; the year before the report's when it speaks of the preceding year
    (上年提交提案191件, 上一年度)."""
    if report_year is None:
        return None
    clause = in_sentence[_clause_begin(in_sentence):]
    if (compared := COMPARED_RE.search(clause)) and not COMPARISON_CLOSED.search(clause, compared.end()):
        if compared.group("year"):
            return int(compared.group("year"))
        if compared.group("preceding"):
            return report_year - 1
        return (published_year if published_year and published_year > report_year else report_year) - 1
    found = list(STATED_YEAR_RE.finditer(in_sentence))
    if found and NOW_RE.search(in_sentence, found[-1].end()):
        return report_year   # (2018年建成首批委员工作室5个，目前全市委员工作室达到15个: now is the report's year)
    named = [int(m.group(1)) for m in found]
    if named and report_year - YEARS_BACK <= named[-1] <= report_year:
        return named[-1]
    if named and named[-1] <= report_year + YEARS_AHEAD and FUTURE_RE.search(in_sentence, found[-1].end()):
        return named[-1]   # (a year after the report's, with words of what is to come: a plan)
    if PRECEDING_YEAR_RE.search(in_sentence):
        return report_year - 1
    if LAST_YEAR_RE.search(in_sentence):
        now = published_year if published_year and published_year > report_year else report_year
        return now - 1
    if published_year and PAST_YEAR_RE.search(in_sentence):
        # (过去一年, in a session's news of January: the year before it; of December: the year ending)
        return published_year if published_late else published_year - 1
    return report_year


# A session named by its ordinals (十届三次会议, 第九届委员会第二次会议), and the one before
# the session a text speaks at (上次会议以来的250件立案提案已全部办复).
SESSION_RE = compile_skipping(
    r"(?:第)?(?P<term>[一二三四五六七八九十]{1,3}|\d{1,2})届(?:(?:(?!常务)[^，,。；;\d]){0,8}?委员会第)?"
    r"(?P<session>[一二三四五六七八九十]{1,3}|\d{1,2})次(?:全体)?会议")
PREVIOUS_SESSION_RE = compile_skipping(r"上(?:一)?次(?:全体)?(?:会议|大会)|上届(?:会议|大会)")


def _ordinal(text: str) -> int | None:
    value = parse_number(text)
    return int(value) if value is not None else None


def _sessions(text: str) -> tuple[tuple[int, int], ...]:
    """(term, session) of every session the text names, in order."""
    found = []
    for m in SESSION_RE.finditer(text):
        term, session = _ordinal(m.group("term")), _ordinal(m.group("session"))
        if term and session:
            found.append((term, session))
    return tuple(found)


# A session still to come: prepared for, or to be held (要组织好……十届三次会议的筹备工作, 即将召开的……)
_COMING_BEFORE = re.compile(r"(?:筹备|即将|将于|将要|拟于|迎接)[^，,。；;]{0,12}$")
_COMING_AFTER = re.compile(r"(?:的)?(?:筹备|召开前|即将召开|将于)")


@lru_cache(maxsize=4)
def _document_sessions(text: str) -> tuple[tuple[int, int], ...]:
    """(term, session) of the sessions a document names as held (not one to come), read once
    for all its facts (a sentence's are read each time: they would push the documents out of
    the cache)."""
    found = []
    for m in SESSION_RE.finditer(text):
        term, session = _ordinal(m.group("term")), _ordinal(m.group("session"))
        if not (term and session) or _COMING_AFTER.match(text, m.end()) \
                or _COMING_BEFORE.search(text[max(0, m.start() - 16):m.start()]):
            continue
        found.append((term, session))
    return tuple(found)


# A session's running count, told while it meets (截至目前，大会秘书处已收到提案200余件)
RUNNING_COUNT_RE = re.compile(r"截至[^。；;]{0,10}?(?:大会|本次会议|本届会议|会议)(?:秘书处|提案组|提案审查委员会)?[^，,。；;]{0,6}?收到")


def _session_year(in_sentence: str, text: str, report_year: int | None, published_year: int | None) -> int | None:
    """The year of an earlier session's proposals, in a text that speaks at a later one.

    Only a text of the session's own year speaks so (news of a session, published in the year
    the report is of): its report year is the session's, and the session before it, named
    (上次会议以来, or by ordinals lower than the latest the text names), was a year earlier per
    session. A work report speaks of the year since the last session as its own year."""
    if report_year is not None and published_year and published_year > report_year \
            and RUNNING_COUNT_RE.search(in_sentence):
        return published_year   # (a session's running count, in a review of the year before it: the session's)
    if report_year is None or published_year != report_year:
        return None
    named = _sessions(in_sentence)
    if named:
        term, session = named[-1]
        latest = max((s for t, s in _document_sessions(text) if t == term), default=session)
        return report_year - (latest - session) if latest > session else None
    if PREVIOUS_SESSION_RE.search(in_sentence):
        return report_year - 1
    return None


def _published_year(report: ReportInfo) -> int | None:
    m = re.match(r"(\d{4})", report.published or "")
    return int(m.group(1)) if m else None


def _published_late(report: ReportInfo) -> bool:
    """Whether the text came out in the last quarter of its year (a December session's news),
    when 过去一年 is the year ending, not the one before."""
    m = re.match(r"\d{4}-(\d{1,2})", report.published or "")
    return m is not None and int(m.group(1)) >= 10


# The city committee named on its own (市政协, not 全市政协系统 or 县市区政协): after a
# citywide cue it takes the count back to the committee (全市政协系统报送3200篇，市政协报送860篇;
# …24个，其中，市政协委员工作室7个).
OWN_BODY = compile_skipping(r"(?<![全各县区级）)])市政协(?!系统)")


def _scope(before: str, catalogue: Catalogue) -> str:
    for scope, rx in catalogue.scope_cues.items():
        cues = [m.end() for m in rx.finditer(before)]
        if not cues:
            continue
        own = [m.start() for m in OWN_BODY.finditer(before)]
        if own and own[-1] >= cues[-1]:
            continue
        return scope
    return "committee"


def _period(before: str, report: ReportInfo, catalogue: Catalogue) -> str:
    for period, rx in catalogue.period_cues.items():
        if rx.search(before):
            return period
    if report.year_incomplete:
        return "partial"
    return "year"


def _sections(text: str, report: ReportInfo) -> list[tuple[int, str]]:
    """(start, city) of each city's section, for reports that cover several cities."""
    if len(report.cities) < 2:
        return []
    found = []
    for m in SECTION_RE.finditer(text):
        city = _match_city(m.group("city"), report.cities)
        if city:
            found.append((m.start(), city))
    return found


def _match_city(name: str, cities: tuple[str, ...]) -> str | None:
    for city in cities:
        if name == city or name.startswith(city) or name.endswith(city):
            return city
    return None


def _city_at(sections: list[tuple[int, str]], pos: int, report: ReportInfo) -> str | None:
    if not sections:
        return report.cities[0] if len(report.cities) == 1 else None
    city = None
    for start, name in sections:
        if start > pos:
            break
        city = name
    return city
