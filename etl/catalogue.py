"""The metric catalogue (etl/metrics.yaml), read into plain objects.

The YAML is the contract with ../shared/spec/metrics.md; this module only loads it and
compiles the rules' patterns, so adding a metric means editing data, not code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from etl import paths

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
    subject: tuple[str, ...] = ()
    not_subject: tuple[str, ...] = ()
    part_of: str | None = None
    adoption: str | None = None


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

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"


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

    def rules_for(self, text: str, with_figures: bool = True) -> tuple[Rule, ...]:
        """The rules that can match in `text`: those of metrics whose gate word it contains
        (figure rules only when it has figures)."""
        return self.rules_opened_by(frozenset(w for _, w in self.gate_words(text)), with_figures)

    def gate_words(self, text: str) -> list[tuple[int, str]]:
        """(position, word) of the gate words in `text`, in one pass. At each position the
        longest word starting there; a shorter one starting at the same place is its prefix,
        so `rules_opened_by` still sees it."""
        return [(m.start(), m.group(1)) for m in self._gate_re.finditer(text)]

    @cached_property
    def _gate_re(self) -> re.Pattern:
        words = sorted({w for m in self.metrics for w in m.gate}, key=len, reverse=True)
        return re.compile("(?=(" + "|".join(map(re.escape, words)) + "))")

    @lru_cache(maxsize=4096)
    def rules_opened_by(self, words: frozenset[str], with_figures: bool) -> tuple[Rule, ...]:
        kept = set(self.rules if with_figures else self.phrase_rules)
        return tuple(r for m in self.metrics if not m.gate or any(g in w for g in m.gate for w in words)
                     for r in m.rules if r in kept)

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
    return re.compile(expanded)


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


def parse_catalogue(data: dict) -> Catalogue:
    lexicon = {k: str(v) for k, v in (data.get("lexicon") or {}).items()}

    def _opt(raw: dict, key: str) -> re.Pattern | None:
        return re.compile(expand_lexicon(raw[key], lexicon)) if raw.get(key) else None

    metrics = []
    for m in data["metrics"]:
        rules = []
        for i, r in enumerate(m.get("rules") or [], 1):
            rules.append(Rule(
                metric=m["id"], name=f"{m['id']}#{i}", pattern=compile_pattern(r["pattern"], lexicon),
                value=r.get("value"), context=_opt(r, "context"), not_context=_opt(r, "not_context"),
                not_clause=_opt(r, "not_clause"), not_before=_opt(r, "not_before"), not_after=_opt(r, "not_after"),
                sentence=_opt(r, "sentence"), not_sentence=_opt(r, "not_sentence"), not_following=_opt(r, "not_following"), subject=tuple(r.get("subject") or ()),
                not_subject=tuple(r.get("not_subject") or ()), part_of=r.get("part_of"),
                adoption=r.get("adoption"),
            ))
        metrics.append(Metric(
            id=m["id"], zh=m["zh"], en=m["en"], unit=str(m["unit"]), category=m["category"],
            higher_is_better=bool(m["higher_is_better"]), description=m["description"],
            cues=tuple(m.get("cues") or ()), rules=tuple(rules), gate=tuple(map(str, m.get("gate") or ())),
        ))
    return Catalogue(
        version=int(data["version"]),
        categories=data["categories"],
        metrics=tuple(metrics),
        subjects={k: re.compile(expand_lexicon(v, lexicon)) for k, v in data["subjects"].items()},
        scope_cues={k: re.compile(expand_lexicon(v, lexicon)) for k, v in data["scope_cues"].items()},
        period_cues={k: re.compile(expand_lexicon(v, lexicon)) for k, v in data["period_cues"].items()},
        lexicon=lexicon,
        candidate_nouns=re.compile("|".join(map(re.escape, data["candidates"]["nouns"])))
        if data.get("candidates") else None,
        candidate_units=frozenset(map(str, (data.get("candidates") or {}).get("units") or ())),
    )


@lru_cache(maxsize=4)
def load_catalogue(path: Path = paths.CATALOGUE) -> Catalogue:
    with open(path, encoding="utf-8") as fh:
        # libyaml's loader when PyYAML has it: the pure-Python one costs 0.3 s per start
        return parse_catalogue(yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
