"""The metric catalogue (etl/metrics.yaml), read into plain objects.

The YAML is the contract with ../shared/spec/metrics.md; this module only loads it and
compiles the rules' patterns, so adding a metric means editing data, not code.
"""
from __future__ import annotations

import re
import re._constants as sre_c  # the parsed form of a pattern, to find its start characters
import re._parser as sre_parse
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from etl import paths
from etl.fastre import compile_skipping

# The pattern shorthands described at the top of metrics.yaml.
SLOT = "#"
SHORT_GAP = "[^，,。；;：:！？!?#\\n]{0,10}"
LONG_GAP = "[^。！？!?#\\n]{0,40}"


@dataclass(frozen=True)
class Rule:
    metric: str
    name: str                 # metric id + index, shown as a fact's `rule`
    pattern: re.Pattern
    value: float | None = None
    context: re.Pattern | None = None
    not_context: re.Pattern | None = None
    not_clause: re.Pattern | None = None
    not_before: re.Pattern | None = None
    not_after: re.Pattern | None = None
    sentence: re.Pattern | None = None
    not_sentence: re.Pattern | None = None
    not_following: re.Pattern | None = None
    following: re.Pattern | None = None
    subject: tuple[str, ...] = ()
    not_subject: tuple[str, ...] = ()
    part_of: str | None = None
    adoption: str | None = None
    anchors: tuple[str, ...] = ()  # words every match contains: a sentence without one is not tried
    topic: re.Pattern | None = None  # what the passage is about: in the sentence or the text just before
    row: bool = False                # reads a table's row (etl/tables.py): tried only in a text with a table
    bar: bool = False                # reads a line with a bar (195件｜……): tried only in a sentence holding one
    line: bool = False               # reads a list's line (★收到提案：189件): tried only on one (extract._in_list)
    gate: tuple[str, ...] = ()       # words that open this rule alone, beside its metric's gate words


@dataclass(frozen=True)
class Metric:
    id: str
    zh: str
    en: str
    unit: str
    category: str
    higher_is_better: bool
    description: str
    cues: tuple[str, ...]
    rules: tuple[Rule, ...]
    gate: tuple[str, ...] = ()   # one of these words is in every match of the rules
    listed: re.Pattern | None = None  # how the metric is named in a list read with 分别 (办复率、满意率分别为…)

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"


@dataclass(frozen=True)
class Respectively:
    """Names listed, then their figures in the same order after a marker (分别为)."""
    marker: re.Pattern
    separator: re.Pattern          # between the names, and between the figures
    not_context: re.Pattern | None = None
    others: re.Pattern | None = None  # names of no metric that may stand in such a list (基本满意率)
    both: re.Pattern | None = None    # one figure for every name listed: 办复率、满意率均达100%

    def rule(self, metric: str) -> Rule:
        """The rule a figure read this way is reported under."""
        return Rule(metric=metric, name=f"{metric}#listed", pattern=self.marker)


@dataclass(frozen=True, eq=False)
class Catalogue:
    version: int
    categories: dict[str, dict[str, str]]
    metrics: tuple[Metric, ...]
    subjects: dict[str, re.Pattern]
    scope_cues: dict[str, re.Pattern]
    period_cues: dict[str, re.Pattern]
    lexicon: dict[str, str] = field(default_factory=dict)
    candidate_nouns: re.Pattern | None = None      # nouns that make a figure a candidate
    candidate_units: frozenset[str] = frozenset()  # units that count (件 篇 条 次 项 个 %)
    respectively: Respectively | None = None        # lists read in order: 办复率、满意率分别为100%和98.6%
    not_context: re.Pattern | None = None           # what no rule's match may follow (a plan, a target)
    not_subject: tuple[str, ...] = ()               # subjects whose counts no rule takes (a lower committee)
    named_committee: re.Pattern | None = None       # a committee named by its place (晋中市政协, 【端州区政协】)
    join_words: frozenset[str] = frozenset()        # other words a line break cannot fall inside of (其中)

    def metric(self, metric_id: str) -> Metric:
        for m in self.metrics:
            if m.id == metric_id:
                return m
        raise KeyError(metric_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.metrics)

    @cached_property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for m in self.metrics for r in m.rules)

    def gate_words(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
        """(position, word) of the gate words in `text`, in order, in one pass.

        The scan takes at each place the longest word and goes on after it, so a word
        inside another is not listed: it need not be, as `rules_opened_by` opens a gate
        whose word lies inside a listed one. Only a word that another may start inside of
        and run past (编报|报送) is looked into again."""
        pattern, overlapped = self._gate_re
        found = [(m.start(), m.group()) for m in pattern.finditer(text, start, len(text) if end is None else end)]
        inside = [(p, m.group()) for start, word in found if word in overlapped
                  for p in range(start + 1, start + len(word)) if (m := pattern.match(text, p))]
        return sorted(found + inside) if inside else found

    @cached_property
    def _gate_re(self) -> tuple[re.Pattern, frozenset[str]]:
        """The gate words as one alternation, longest first (a pattern of literals is
        scanned for in C; a look-ahead at every position costs three times as much), and
        the words that another word may start inside of and run past."""
        words = sorted({w for m in self.metrics for w in (*m.gate, *(g for r in m.rules for g in r.gate))},
                       key=len, reverse=True)
        overlapped = frozenset(w for w in words for p in range(1, len(w))
                               for v in words if v.startswith(w[p:]) and len(v) > len(w) - p)
        return re.compile("|".join(map(re.escape, words))), overlapped

    @lru_cache(maxsize=4096)
    def rules_opened_by(self, words: frozenset[str], with_figures: bool, bar: bool = True) -> tuple[Rule, ...]:
        """The rules the gate words open (a metric's, or a rule's own); those reading a bar only
        where the sentence holds one."""
        kept = set(self.rules if with_figures else self.phrase_rules)
        out = []
        for m in self.metrics:
            opened = not m.gate or any(g in w for g in m.gate for w in words)
            out += [r for r in m.rules if r in kept and (bar or not r.bar)
                    and (opened or (r.gate and any(g in w for g in r.gate for w in words)))]
        return tuple(out)

    @cached_property
    def phrase_gates(self) -> re.Pattern | None:
        """The gate words of metrics with rules that state a value in words: a sentence
        without a figure can only yield a fact if it holds one."""
        words = sorted({w for m in self.metrics if any(r in self.phrase_rules for r in m.rules) for w in m.gate},
                       key=len, reverse=True)
        return re.compile("|".join(map(re.escape, words))) if words else None

    @cached_property
    def wrap_words(self) -> frozenset[str]:
        """The words a line break cannot fall inside of (the reader joins such a break):
        gate words, cue words (专题协商: a break between 专题 and 协商 is inside one) and the
        nouns that make a candidate."""
        nouns = self.candidate_nouns.pattern.split("|") if self.candidate_nouns is not None else []
        return frozenset({w for m in self.metrics for w in (*m.gate, *m.cues)}
                         | {re.sub(r"\\(.)", r"\1", n) for n in nouns} | self.join_words)

    @cached_property
    def not_subject_gate(self) -> re.Pattern | None:
        """Any of the subjects no rule takes: where none is named, the nearest subject cannot
        be one of them (their patterns end in a plain word, so a match in a sentence's start
        is a match in the sentence; one that may end where the text before a frame ends,
        `|$)`, is looked for as if anything may follow it)."""
        if not self.not_subject:
            return None
        return compile_skipping("|".join(f"(?:{self.subjects[n].pattern.replace('|$)', '|)')})"
                                         for n in self.not_subject))

    @cached_property
    def has_ungated_rules(self) -> bool:
        """Whether a metric without gate words has rules: they may match in any sentence."""
        return any(not m.gate and m.rules for m in self.metrics)

    @cached_property
    def figure_rules(self) -> tuple[Rule, ...]:
        """Rules that read a figure: only sentences with a figure need them."""
        return tuple(r for r in self.rules if "slot" in r.pattern.groupindex)

    @cached_property
    def phrase_rules(self) -> tuple[Rule, ...]:
        """Rules that state a value in words (`全部办复`)."""
        return tuple(r for r in self.rules if "slot" not in r.pattern.groupindex)


LEXICON_REF = re.compile(r"\{([A-Z][A-Z_]*)\}")


def expand_lexicon(source: str, lexicon: dict[str, str]) -> str:
    """`{RECEIVE}提案` -> `(?:收到|提交|…)提案`: word classes of the catalogue's lexicon,
    which may name each other. An unknown name is an error of the catalogue."""
    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name not in lexicon:
            raise ValueError(f"metrics.yaml: unknown word class {{{name}}}")
        return "(?:" + expand_lexicon(lexicon[name], lexicon) + ")"
    return LEXICON_REF.sub(sub, source)


def compile_pattern(source: str, lexicon: dict[str, str] | None = None) -> re.Pattern:
    """Expand the shorthands; the last `#` becomes the named group `slot`."""
    expanded = expand_lexicon(source, lexicon or {})
    expanded = expanded.replace("…", LONG_GAP).replace("~", SHORT_GAP)
    # The gap classes contain '#' as a literal inside [...]; mark the slot outside them.
    idx = _last_bare_slot(expanded)
    if idx is not None:
        expanded = expanded[:idx] + "(?P<slot>#)" + expanded[idx + 1:]
    return compile_skipping(expanded)


def anchors(pattern: str) -> tuple[str, ...]:
    """The runs of plain characters that every match of `pattern` contains (`立案`, `#件`),
    outside optional parts and alternatives: a sentence missing one cannot match."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, TypeError, ValueError):
        return ()
    if parsed.state.flags & re.IGNORECASE:
        return ()
    runs: list[str] = []
    _literal_runs(parsed.data, runs)
    return tuple(sorted(set(runs), key=len, reverse=True))


def _literal_runs(items, runs: list[str]) -> None:
    run: list[str] = []
    for op, av in items:
        if op is sre_c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            runs.append("".join(run))
            run = []
        if op is sre_c.SUBPATTERN and not av[1] & re.IGNORECASE:
            _literal_runs(av[-1], runs)  # a group that must match: its own runs hold
        elif op in _REPEATS and av[0] >= 1:
            _literal_runs(av[2], runs)   # repeated at least once
    if run:
        runs.append("".join(run))


_REPEATS = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT)


def _last_bare_slot(pattern: str) -> int | None:
    last, in_class, escaped = None, False, False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == SLOT and not in_class:
            last = i
    return last


# the bullets an infographic's list lines open with
BULLETS = "[★☆●○■□◆◇▪▫•·※▲△√✓◎❖◉➢├└│┣┗]"   # (and a tree's branches: ├ 专题协商 4场)


def parse_catalogue(data: dict) -> Catalogue:
    lexicon = {k: str(v) for k, v in (data.get("lexicon") or {}).items()}

    def _opt(raw: dict, key: str) -> re.Pattern | None:
        return _compiled(raw[key]) if raw.get(key) else None

    def _compiled(source: str) -> re.Pattern:
        return compile_skipping(expand_lexicon(source, lexicon))

    row_units = {str(k): str(v) for k, v in (data.get("row_units") or {}).items()}
    # a category cell a table's row may open with, run into its label once the reader took out
    # the space (信息收集社情民意信息（条）)
    categories = str(data.get("row_categories") or "(?!)")
    metrics = []
    for m in data["metrics"]:
        rules = []
        for i, r in enumerate(m.get("rules") or [], 1):
            pattern = compile_pattern(r["pattern"], lexicon)
            rules.append(Rule(
                metric=m["id"], name=f"{m['id']}#{i}", pattern=pattern, anchors=anchors(pattern.pattern),
                value=r.get("value"), context=_opt(r, "context"), topic=_opt(r, "topic"),
                not_context=_opt(r, "not_context"),
                not_clause=_opt(r, "not_clause"), not_before=_opt(r, "not_before"), not_after=_opt(r, "not_after"),
                sentence=_opt(r, "sentence"), not_sentence=_opt(r, "not_sentence"), not_following=_opt(r, "not_following"), following=_opt(r, "following"), subject=tuple(r.get("subject") or ()),
                not_subject=tuple(r.get("not_subject") or ()), part_of=r.get("part_of"),
                gate=tuple(map(str, r.get("gate") or ())),
                adoption=r.get("adoption"),
            ))
        row = m.get("row") or m.get("listed")
        if row and str(m["unit"]) in row_units:   # a table's row (etl/tables.py): 收到提案（件）#
            units = row_units[str(m["unit"])]
            # a serial number first, a category cell or 其中：; the unit in brackets (a note may
            # follow it: 个，年末数), a note alone (含基本满意: the cells say %) or a cell of its own
            head = (rf"^\s*(?:\d+(?:\.\d+)*)?\s*[｜|.、]?\s*(?:[^\s\d｜|#]{{1,6}}[｜|]|(?:{categories}))?\s*"
                    rf"(?:其中[：:]?)?\s*(?:提案)?(?:按期|按时)?(?:{row})(?:合计|总计)?(?:[（(]合计[）)])?"
                    rf"(?:[（(](?:{units})(?:[，,、][^）)\d#]{{0,8}})?[）)]|[（(][^）)\d#]{{1,10}}[）)]|\s*(?:{units})\s*)?")
            # (an earlier value in brackets may follow a cell: 19（17）146（120）)
            cells = r"[\d.—\-–+%％ \t｜|（）()]"
            # the first column read (the year's), and the last of a row of cells only (the term's)
            for name, tail in (("row", rf"{cells}*?#"), ("row_last", rf"[\d.—\-–+%％ \t｜|（）()#]*#(?={cells}*$)")):
                pattern = compile_pattern(head + tail, lexicon)
                rules.append(Rule(metric=m["id"], name=f"{m['id']}#{name}", pattern=pattern,
                                  anchors=anchors(pattern.pattern), row=True))
            # a rate as the share column of its count's row (项目 件数 占比(%) ⏎ 立案 294 89.4): the
            # row named by the count (`share_of`), the last cell
            if m.get("share_of"):
                share_head = head.replace(f"(?:{row})", f"(?:{m['share_of']})", 1)
                pattern = compile_pattern(share_head + rf"[\d.—\-–+%％ \t｜|（）()#]*#(?={cells}*$)", lexicon)
                rules.append(Rule(metric=m["id"], name=f"{m['id']}#share", pattern=pattern,
                                  anchors=anchors(pattern.pattern), row=True))
            # a list's line of the name, then the figure (★收到提案：189件, ★"界别同心汇"：2个,
            # 委员个人、联名提案 140件), the name in quotes or not: tried only on a line marked as a
            # list's (extract._in_list); a line of prose that opens with the name (……等⏎提出提案369件)
            # is read by the rules of prose; a change or a note may follow (181件 +4.0%)
            named = rf"(?:其中[：:]?)?\s*[“\"「]?(?:{row}{'|' + m['label'] if m.get('label') else ''})[”\"」]?(?:总数|合计|总计)?(?:[（(](?:{units})[）)])?"
            pattern = compile_pattern(
                rf"^\s*(?:{BULLETS}\s*)?{named}\s*[：:]?\s*#(?:{units})?(?=(?:[^。；;，,！？!?#]|(?<=[+\-－±])[#])*$)",
                lexicon)
            # (`line_topic`: what the list must be about, when the name alone may be of other work)
            rules.append(Rule(metric=m["id"], name=f"{m['id']}#line", pattern=pattern,
                              anchors=anchors(pattern.pattern), line=True, topic=_opt(m, "line_topic")))
            # an infographic's line, the figure first and its label after a bar (195件｜委员和各参加
            #单位全年提交的提案): the metric's name, or a label it lists, ends the line; new
            # ones, plans and targets are no total
            # (one rule per bar, each bar a word every match holds: a sentence without it is passed over)
            names = row + (f"|{m['label']}" if m.get("label") else "")
            for bar in "｜|":
                pattern = compile_pattern(
                    rf"^\s*#(?:{units})?\s*{re.escape(bar)}\s*(?![^｜|#]*(?:新建|新增|计划|目标|力争))"
                    rf"[^｜|#，,。；;]{{0,16}}?(?:{names})[^｜|#，,。；;]{{0,10}}$", lexicon)
                rules.append(Rule(metric=m["id"], name=f"{m['id']}#label_after", pattern=pattern,
                                  anchors=anchors(pattern.pattern), bar=True))
            # … or after a space, a line of a list (528件 收到提案, 42项 全年协商议政活动)
            # (`label_not`: what the label must not name, e.g. one adopter of the adopted pieces' total)
            label_not = rf"|{m['label_not']}" if m.get("label_not") else ""
            pattern = compile_pattern(
                rf"^\s*#(?:{units})\s*(?![^#]*(?:新建|新增|计划|目标|力争{label_not}))"
                rf"[^｜|#，,。；;“\"「]{{0,6}}?(?:{names})[^｜|#，,。；;]{{0,6}}$", lexicon)
            rules.append(Rule(metric=m["id"], name=f"{m['id']}#label_after", pattern=pattern,
                              anchors=anchors(pattern.pattern), line=True))
        metrics.append(Metric(
            id=m["id"], zh=m["zh"], en=m["en"], unit=str(m["unit"]), category=m["category"],
            higher_is_better=bool(m["higher_is_better"]), description=m["description"],
            cues=tuple(m.get("cues") or ()), rules=tuple(rules), gate=tuple(map(str, m.get("gate") or ())),
            listed=re.compile(expand_lexicon(m["listed"], lexicon)) if m.get("listed") else None,
        ))
    resp = data.get("respectively")
    named = set(data["subjects"])
    every_rule = data.get("every_rule") or {}
    for where, names in [("every_rule", every_rule.get("not_subject") or ())] + [
            (r.name, (*r.subject, *r.not_subject)) for m in metrics for r in m.rules]:
        unknown = sorted(set(names) - named)
        if unknown:   # a misspelt subject would never match, silently
            raise ValueError(f"metrics.yaml: {where} names unknown subjects {', '.join(unknown)}")
    return Catalogue(
        version=int(data["version"]),
        categories=data["categories"],
        metrics=tuple(metrics),
        subjects={k: _compiled(v) for k, v in data["subjects"].items()},
        scope_cues={k: _compiled(v) for k, v in data["scope_cues"].items()},
        period_cues={k: _compiled(v) for k, v in data["period_cues"].items()},
        lexicon=lexicon,
        candidate_nouns=re.compile("|".join(map(re.escape, data["candidates"]["nouns"])))
        if data.get("candidates") else None,
        candidate_units=frozenset(map(str, (data.get("candidates") or {}).get("units") or ())),
        not_context=_compiled(data["every_rule"]["not_context"])
        if (data.get("every_rule") or {}).get("not_context") else None,
        not_subject=tuple((data.get("every_rule") or {}).get("not_subject") or ()),
        join_words=frozenset(map(str, data.get("join_words") or ())),
        named_committee=_compiled(data["every_rule"]["named_committee"])
        if (data.get("every_rule") or {}).get("named_committee") else None,
        respectively=Respectively(
            marker=re.compile(expand_lexicon(resp["marker"], lexicon)),
            separator=re.compile(expand_lexicon(resp["separator"], lexicon)),
            not_context=re.compile(expand_lexicon(resp["not_context"], lexicon)) if resp.get("not_context") else None,
            others=re.compile(expand_lexicon(resp["others"], lexicon)) if resp.get("others") else None,
            both=re.compile(expand_lexicon(resp["both"], lexicon)) if resp.get("both") else None,
        ) if resp else None,
    )


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's loader when PyYAML has it (the pure-Python one costs 0.3 s per start), that
    refuses a key given twice in one mapping: YAML keeps the last, so a rule's second
    `not_clause` would silently drop its first."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise ValueError(f"metrics.yaml line {key_node.start_mark.line + 1}: '{key}' given twice")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _StrictLoader.construct_mapping)


@lru_cache(maxsize=4)
def load_catalogue(path: Path = paths.CATALOGUE) -> Catalogue:
    with open(path, encoding="utf-8") as fh:
        return parse_catalogue(yaml.load(fh, Loader=_StrictLoader))
