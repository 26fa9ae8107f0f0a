"""Figures that are kept but not shown: implausible values, and reports awaiting review.

Pure functions over fact rows, run by the build after curation (so a `confirm` decision
can release a held figure) and again on derived facts:

- a report whose manifest row says `review = pending` (added with `etl add` or the Add
  page, 待审核) has its facts set to status `pending`; `review = rejected`: `rejected`.
  Leaders' pages read only active and corrected facts, so neither reaches a chart or an
  export of values until an editor approves the report.
- a stated or derived figure outside its metric's plausible range (`plausible: [low, high]`
  in etl/metrics.yaml; a rate is always 0–100) is set to status `held`, unless an analyst
  confirmed it with a `confirm` decision (or wrote the value with a `correct` one). A data-quality row says why and how to release it.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from etl import paths
from etl.checks import issue

SHOWN = ("active", "corrected")   # statuses a leaders' page may show


@lru_cache(maxsize=4)
def plausible_bounds(path: Path = paths.CATALOGUE) -> dict[str, tuple[float, float]]:
    """metric id -> (low, high) from the catalogue's `plausible` keys; rates default to 0–100."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    bounds = {}
    for m in data.get("metrics") or ():
        given = m.get("plausible")
        if given is not None:
            low, high = (float(x) for x in given)
            if low > high:
                raise ValueError(f"{path}: {m['id']}: plausible [{low:g}, {high:g}] is empty")
            bounds[m["id"]] = (low, high)
        elif str(m.get("unit")) == "%":
            bounds[m["id"]] = (0.0, 100.0)
    return bounds


def review_status(reports: list[dict]) -> dict[str, str]:
    """report_id -> review (pending | rejected) for the reports not yet shown."""
    return {r["report_id"]: r.get("review") for r in reports if r.get("review") in ("pending", "rejected")}


def hold_unreviewed(facts: list[dict], reports: list[dict]) -> list[dict]:
    """Facts of pending reports become `pending`, of rejected ones `rejected`. New rows."""
    waiting = review_status(reports)
    out = []
    for f in facts:
        review = waiting.get(f.get("report_id"))
        if review and f["status"] in SHOWN:
            f = dict(f, status=review, note=_join(f.get("note"), "待审核 (pending review)" if review == "pending"
                                                   else "report rejected by an editor"))
        out.append(f)
    return out


def hold_implausible(facts: list[dict], bounds: dict[str, tuple[float, float]],
                     confirmed: set[str]) -> tuple[list[dict], list[dict]]:
    """Stated and derived facts outside their bounds become `held` (unless confirmed), with
    one data-quality row each. Returns (new fact rows, data-quality rows)."""
    out, quality = [], []
    for f in facts:
        low_high = bounds.get(f["metric"])
        # A corrected fact carries the value an analyst wrote: theirs to vouch for, not held.
        if (low_high and f["status"] == "active" and f["kind"] in ("stated", "derived")
                and f["fact_id"] not in confirmed and not low_high[0] <= f["value"] <= low_high[1]):
            low, high = low_high
            f = dict(f, status="held", note=_join(f.get("note"), f"held: outside {low:g}–{high:g}"))
            quality.append(issue(
                "implausible_value",
                f"{f['metric']} = {f['value']:g} is outside its plausible range {low:g}–{high:g}: held, "
                f"not shown; confirm it with a decision (action confirm, fact_id {f['fact_id']}) to show it",
                zh=f"数值{f['value']:g}超出合理范围{low:g}–{high:g}，已暂扣不展示；"
                   f"如核实无误，请在决定文件中以confirm确认（fact_id {f['fact_id']}）",
                facts=[f]))
        out.append(f)
    return out, quality


def pending_rows(reports: list[dict], facts: list[dict]) -> list[dict]:
    """One data-quality row per report awaiting review, for the Data quality page."""
    counts: dict[str, int] = {}
    for f in facts:
        if f["status"] == "pending":
            counts[f["report_id"]] = counts.get(f["report_id"], 0) + 1
    rows = []
    for r in reports:
        if r.get("review") == "pending":
            n = counts.get(r["report_id"], 0)
            rows.append(issue("pending_review", f"added, awaiting an editor's review: {n} figures not shown yet",
                              zh=f"用户添加，待审核：{n}个数据暂不展示", severity="info",
                              city=(r.get("cities") or None), year=r.get("year"), metric=None,
                              report_id=r["report_id"]))
    return rows


def _join(*parts) -> str:
    return "; ".join(p for p in parts if p)
