"""Analysts' decisions (data/curation/decisions.csv), applied to facts at every build.

A decision is one CSV row a person can review in a text editor or Excel:

- `confirm`  the fact stays; its note says who confirmed it.
- `reject`   the fact's status becomes `rejected`: no chart uses it.
- `correct`  a new value, metric, qualifier, scope or period. `expect` is the value the
             fact is expected to have; once the extracted value differs (the report or the
             extractor changed) the decision is `stale` and is not applied.
- `add`      a figure from outside the reports: a fact of kind `curated`.

Decisions find their fact by `fact_id`; when that id no longer exists (ids change with the
extractor), by report, metric and value (`expect`, else `value`). Each decision gets an
outcome: `applied`, `stale`, `unmatched` or `invalid` (unknown metric, city or report, a
missing or malformed field), with a message. Nothing is dropped silently.

Everything here is pure: rows in, rows and outcomes out.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from etl.csvrows import data_rows, open_rows

COLUMNS = ("id", "action", "fact_id", "report", "metric", "city", "year", "scope", "period",
           "value", "qualifier", "expect", "source_url", "note")
ACTIONS = ("confirm", "reject", "correct", "add")
QUALIFIERS = ("exact", "at_least", "about", "at_most")
SCOPES = ("committee", "citywide")
PERIODS = ("year", "term", "partial")


@dataclass(frozen=True)
class Decision:
    """One row of the decisions file, as text (blank cells are "")."""
    id: str
    action: str
    fact_id: str = ""
    report: str = ""
    metric: str = ""
    city: str = ""
    year: str = ""
    scope: str = ""
    period: str = ""
    value: str = ""
    qualifier: str = ""
    expect: str = ""
    source_url: str = ""
    note: str = ""
    line: int = 0          # line in the file, for messages


@dataclass(frozen=True)
class Known:
    """What a decision may name: the catalogue's metrics, the city table, this build's reports."""
    metrics: dict[str, str]          # metric id -> unit
    cities: dict[str, str]           # short or full name -> short name; empty: not checked
    reports: frozenset[str]


@dataclass(frozen=True)
class Outcome:
    decision: Decision
    outcome: str                     # applied | stale | unmatched | invalid
    message: str
    applied_to: tuple[str, ...] = field(default_factory=tuple)

    def as_row(self) -> dict:
        """A row of the curation table."""
        d = self.decision
        return {
            "decision_id": d.id, "action": d.action,
            "fact_id": self.applied_to[0] if self.applied_to else (d.fact_id or None),
            "report_id": d.report or None, "city": d.city or None,
            "year": int(d.year) if d.year.strip().isdigit() else None,
            "metric": d.metric or None, "scope": d.scope or None, "period": d.period or None,
            "value": _number(d.value), "qualifier": d.qualifier or None, "expect": d.expect or None,
            "source_url": d.source_url or None, "note": d.note or None,
            "outcome": self.outcome, "message": self.message, "applied_to": list(self.applied_to),
        }


# ----------------------------------------------------------------------------- reading


class DecisionsError(ValueError):
    """A decisions file a build must not trust; `str()` is one line naming file, line and reason."""


def read_decisions(path: Path) -> list[Decision]:
    """The decisions in `path`. Excel's BOM and blank lines are fine; anything that could
    lose a decision unseen raises DecisionsError naming the line: a missing or unreadable
    file, no header, a row with more or fewer fields than the header, a quote that opens
    a field running over lines. A file with the header alone is "no decisions"."""
    path = Path(path)

    def bad(line: int | None, reason: str) -> DecisionsError:
        return DecisionsError(f"{path}: {'line ' + str(line) + ': ' if line else ''}{reason}")

    if not path.exists():
        raise bad(None, "missing; building without it would drop every analyst's decision "
                        f"(for no decisions, keep a file with the header line {','.join(COLUMNS)})")
    reader, header = open_rows(path, bad, ("id", "action"), COLUMNS)
    decisions = []
    for start, fields in data_rows(reader, header, bad):
        row = dict(zip(header, fields))
        cells = {c: (row.get(c) or "").strip() for c in COLUMNS}
        if not any(cells.values()):
            continue
        decisions.append(Decision(**cells, line=start))
    return _unique_ids(decisions)


def _unique_ids(decisions: list[Decision]) -> list[Decision]:
    """Give id-less and repeated rows an id of their own; `validate` reports them."""
    seen: set[str] = set()
    out = []
    for d in decisions:
        if not d.id or d.id in seen:
            d = replace(d, id=f"{d.id or 'row'}@line{d.line}")
        seen.add(d.id)
        out.append(d)
    return out


# ----------------------------------------------------------------------------- checking


def validate(d: Decision, known: Known) -> str | None:
    """Why `d` cannot be applied whatever the facts are, or None."""
    if "@line" in d.id:
        return "no id, or an id used by an earlier row: give each decision its own id"
    if d.action not in ACTIONS:
        return f"unknown action {d.action!r} (one of {', '.join(ACTIONS)})"
    if d.metric and d.metric not in known.metrics:
        return f"unknown metric {d.metric!r} (not in etl/metrics.yaml)"
    if d.city and known.cities and d.city not in known.cities:
        return f"unknown city {d.city!r} (not in data/cities.csv)"
    if d.report and d.report not in known.reports:
        return f"unknown report {d.report!r} (not in data/reports/)"
    for name, allowed in (("qualifier", QUALIFIERS), ("scope", SCOPES), ("period", PERIODS)):
        value = getattr(d, name)
        if value and value not in allowed:
            return f"unknown {name} {value!r} (one of {', '.join(allowed)})"
    for name in ("value", "expect"):
        if getattr(d, name) and _number(getattr(d, name)) is None:
            return f"{name} {getattr(d, name)!r} is not a number"
    if d.year and not (d.year.isdigit() and 1949 <= int(d.year) <= 2100):
        return f"year {d.year!r} is not a year"
    if d.action == "add":
        lacking = [n for n in ("metric", "city", "year", "value") if not getattr(d, n)]
        if lacking:
            return f"add needs {', '.join(lacking)}"
    elif not d.fact_id and not (d.report and d.metric):
        return f"{d.action} needs a fact_id, or a report and a metric"
    if d.action == "correct":
        if not d.expect:
            return "correct needs expect: the value the fact has now"
        if not (d.value or d.metric or d.qualifier or d.scope or d.period):
            return "correct changes nothing: give a new value, metric, qualifier, scope or period"
    return None


# ----------------------------------------------------------------------------- applying


def apply_decisions(facts: list[dict], decisions: list[Decision], known: Known) -> tuple[list[dict], list[Outcome]]:
    """`facts` with the decisions applied, in file order, and one outcome per decision.

    Returns new fact rows; the rows passed in are not changed. `add` decisions are applied
    here too, so the result holds the curated facts.
    """
    facts = [dict(f) for f in facts]
    by_id = {f["fact_id"]: f for f in facts}
    outcomes = []
    for d in decisions:
        problem = validate(d, known)
        if problem:
            outcomes.append(Outcome(d, "invalid", problem))
        elif d.action == "add":
            row = curated_fact(d, known)
            facts.append(row)
            by_id[row["fact_id"]] = row
            outcomes.append(Outcome(d, "applied", "added a curated figure", (row["fact_id"],)))
        else:
            outcomes.append(_apply_to_facts(d, facts, by_id))
    return facts, outcomes


def _apply_to_facts(d: Decision, facts: list[dict], by_id: dict[str, dict]) -> Outcome:
    targets, how = match(d, facts, by_id)
    if not targets:
        return Outcome(d, "unmatched", how)
    expect = _number(d.expect)
    if expect is not None:
        moved = [f for f in targets if not _same(f["value"], expect)]
        if moved:
            now = ", ".join(_shown(f["value"]) for f in moved)
            return Outcome(d, "stale", f"expected {_shown(expect)} but the fact now says {now} ({how}); "
                                       "review the decision", tuple(f["fact_id"] for f in moved))
    for f in targets:
        _change(f, d)
    n = f"{len(targets)} facts" if len(targets) > 1 else "fact"
    return Outcome(d, "applied", f"{d.action} applied to {n} ({how})", tuple(f["fact_id"] for f in targets))


def match(d: Decision, facts: list[dict], by_id: dict[str, dict]) -> tuple[list[dict], str]:
    """The facts a decision is about, and how they were found (or why none was)."""
    if d.fact_id and d.fact_id in by_id:
        return [by_id[d.fact_id]], f"by fact_id {d.fact_id}"
    gone = f"fact_id {d.fact_id} no longer exists; " if d.fact_id else ""
    if not (d.report and d.metric):
        return [], gone + "no report and metric to match by"
    wanted = _number(d.expect) if d.expect else _number(d.value)
    same_place = [f for f in facts if f["report_id"] == d.report and f["metric"] == d.metric]
    if wanted is None:
        found = same_place
    else:
        found = [f for f in same_place if _same(f["value"], wanted)]
        if not found and same_place and d.expect:
            # The figure is still there with another value: that is a stale decision.
            return same_place, gone + f"matched by report {d.report} and metric {d.metric}"
    if not found:
        what = f"{d.metric} = {_shown(wanted)}" if wanted is not None else d.metric
        return [], gone + f"no fact {what} in report {d.report}"
    return found, gone + f"matched by report {d.report}, metric {d.metric}" + (
        f" and value {_shown(wanted)}" if wanted is not None else "")


def _change(f: dict, d: Decision) -> None:
    if d.action == "reject":
        f["status"] = "rejected"
        f["note"] = _join(f["note"], f"rejected by {d.id}", d.note)
    elif d.action == "confirm":
        f["note"] = _join(f["note"], f"confirmed by {d.id}", d.note)
    elif d.action == "correct":
        changes = []
        for name in ("metric", "qualifier", "scope", "period"):
            new = getattr(d, name)
            if new and new != f[name]:
                changes.append(f"{name} {f[name]} → {new}")
                f[name] = new
        value = _number(d.value)
        if value is not None and not _same(value, f["value"]):
            changes.append(f"value {_shown(f['value'])} → {_shown(value)}")
            f["value"] = value
        f["status"] = "corrected"
        f["note"] = _join(f["note"], f"corrected by {d.id}: " + ("; ".join(changes) or "no change"), d.note)


def curated_fact(d: Decision, known: Known) -> dict:
    """The fact row of an `add` decision."""
    return {
        "fact_id": f"curated:{d.id}", "report_id": d.report or None,
        "city": known.cities.get(d.city, d.city), "year": int(d.year), "metric": d.metric,
        "value": _number(d.value), "unit": known.metrics[d.metric],
        "qualifier": d.qualifier or "exact", "scope": d.scope or "committee",
        "period": d.period or "year", "kind": "curated", "derived_from": [],
        "start_pos": None, "end_pos": None, "quote": None, "sentence": None,
        "rule": f"curation:{d.id}", "status": "active",
        "source_url": d.source_url or None, "note": d.note or None,
    }


def _number(text) -> float | None:
    if text is None or str(text).strip() == "":
        return None
    try:
        value = float(str(text).replace(",", "").replace("%", "").strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 1e-9


def _shown(value: float) -> str:
    return f"{value:g}"


def _join(*parts: str | None) -> str:
    return "; ".join(p for p in parts if p)
