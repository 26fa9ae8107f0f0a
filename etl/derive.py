"""Figures the reports imply but do not state, as `derived` facts.

Each derivation is data (`DERIVATIONS`): a target metric, the two stated metrics it rests
on and how they combine. It runs over the stated facts of one report, one city, one year,
one scope and one period, and only when

- the target is not there already (stated, or derived by the extractor inside a sentence:
  the metric_values view would rank a stated figure first anyway, but a second derived
  copy would only add noise),
- each input has exactly one value in that group (two different stated values are a
  conflict to resolve, not a basis for arithmetic),
- the result makes sense for the metric (a rate within 0–100, a positive count).

The derivations are those the catalogue's definitions imply (../shared/spec/metrics.md):

- `proposals.filing_rate` = filed / submitted × 100, rounded to one decimal: the
  catalogue defines the rate as exactly that ratio.
- `info.adopted` = adopted_national + adopted_provincial: the total counts adoptions by
  any higher body, and the two parts are adoptions by the two named bodies. The total
  may be higher (other bodies), so the sum is a floor: its qualifier is `at_least`.
- `proposals.collective` = filed − by_members, and `proposals.by_members` = filed −
  collective: the catalogue splits filed proposals into those by members (individual and
  joint) and those by collective authors, so either part is the other's complement.

Every derived fact names the facts it came from (`derived_from`) and spells out its
arithmetic in `note`, so a number on a chart can be traced to text.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from etl.catalogue import Catalogue


@dataclass(frozen=True)
class Derivation:
    name: str
    target: str
    inputs: tuple[str, str]
    combine: Callable[[float, float], float]
    symbol: str                              # shown in the note: a ÷ b, a + b, a − b
    makes_sense: Callable[[float], bool]
    floor: bool = False                      # the result is a lower bound (a partial sum)


DERIVATIONS: tuple[Derivation, ...] = (
    Derivation("filing_rate", "proposals.filing_rate", ("proposals.filed", "proposals.submitted"),
               lambda filed, submitted: round(filed / submitted * 100, 1), "÷",
               lambda rate: 0 <= rate <= 100),
    Derivation("adopted_total", "info.adopted", ("info.adopted_national", "info.adopted_provincial"),
               lambda national, provincial: national + provincial, "+",
               lambda total: total > 0, floor=True),
    Derivation("collective_complement", "proposals.collective", ("proposals.filed", "proposals.by_members"),
               lambda filed, members: filed - members, "−", lambda n: n > 0),
    Derivation("members_complement", "proposals.by_members", ("proposals.filed", "proposals.collective"),
               lambda filed, collective: filed - collective, "−", lambda n: n > 0),
)

GROUP_KEY = ("report_id", "city", "year", "scope", "period")


def derive_facts(facts: Iterable[dict], catalogue: Catalogue,
                 derivations: tuple[Derivation, ...] = DERIVATIONS) -> list[dict]:
    """New derived fact rows for `facts` (rows of the facts table); inputs are not changed."""
    groups: dict[tuple, list[dict]] = {}
    for f in facts:
        if f["report_id"] is None or f["status"] not in ("active", "corrected") or f["city"] is None or f["year"] is None:
            continue
        groups.setdefault(tuple(f[k] for k in GROUP_KEY), []).append(f)
    out = []
    for key in sorted(groups, key=_sortable):
        group = groups[key]
        present = {f["metric"] for f in group}
        for d in derivations:
            if d.target in present:
                continue
            inputs = [_single_stated(group, metric) for metric in d.inputs]
            if any(i is None for i in inputs):
                continue
            a, b = inputs
            if d.symbol == "÷" and b["value"] == 0:
                continue
            value = d.combine(a["value"], b["value"])
            if not d.makes_sense(value):
                continue
            out.append(_derived_row(d, key, a, b, value, catalogue))
            present.add(d.target)  # one derivation per target and group
    return out


def _single_stated(group: list[dict], metric: str) -> dict | None:
    """The first (in text order) stated fact of `metric`, if all of them agree on the value."""
    stated = [f for f in group if f["metric"] == metric and f["kind"] == "stated"]
    if not stated or len({f["value"] for f in stated}) != 1:
        return None
    return min(stated, key=lambda f: (f["start_pos"] is None, f["start_pos"] or 0, f["fact_id"]))


def _qualifier(d: Derivation, a: dict, b: dict) -> str:
    qualifiers = {a["qualifier"], b["qualifier"]}
    if d.floor:
        return "at_least"
    return "exact" if qualifiers == {"exact"} else "about"


def _derived_row(d: Derivation, key: tuple, a: dict, b: dict, value: float, catalogue: Catalogue) -> dict:
    report_id, city, year, scope, period = key
    inputs = [a["fact_id"], b["fact_id"]]
    metric = catalogue.metric(d.target)
    suffix = " × 100" if d.symbol == "÷" else ""
    return {
        "fact_id": "d-" + hashlib.sha1(f"{d.name}|{'|'.join(inputs)}".encode()).hexdigest()[:12],
        "report_id": report_id, "city": city, "year": year, "metric": d.target,
        "value": float(value), "unit": metric.unit, "qualifier": _qualifier(d, a, b),
        "scope": scope, "period": period, "kind": "derived", "derived_from": inputs,
        # A derived figure has no span of its own: its inputs' spans are its source.
        "start_pos": None, "end_pos": None, "quote": None, "sentence": None,
        "rule": f"derive:{d.name}", "status": "active", "source_url": None,
        "note": (f"derived: {a['metric']} {_num(a['value'])} {d.symbol} {b['metric']} "
                 f"{_num(b['value'])}{suffix} = {_num(value)}"),
    }


def _num(value: float) -> str:
    return f"{value:g}"


def _sortable(key: tuple) -> tuple:
    return tuple("" if v is None else str(v) for v in key)
