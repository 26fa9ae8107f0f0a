"""Plausibility checks over the facts: warnings for a person, never a reason to stop.

Each check is a pure function (facts, reports, catalogue) -> rows of the data_quality
table, and `CHECKS` lists them, so adding one means writing a function and a test.
Only active facts (not rejected by curation) are checked.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import product

from etl.catalogue import Catalogue

Check = Callable[[list[dict], list[dict], Catalogue], list[dict]]

# A report whose covered year is further than this from its publication date.
MAX_YEAR_GAP = 2


_FIRST = object()  # "as the first fact says"


def issue(check: str, message: str, *, zh: str | None = None, severity: str = "warning",
          facts: Iterable[dict] = (), city=_FIRST, year=_FIRST, metric=_FIRST, report_id=_FIRST) -> dict:
    """One data_quality row; city, year, metric and report default to the first fact's.
    `message` is English (the CLI's), `zh` the same in Chinese (the dashboard's default)."""
    facts = list(facts)
    first = facts[0] if facts else {}
    given = {"city": city, "year": year, "metric": metric, "report_id": report_id}
    row = {"check_name": check, "severity": severity}
    row.update({k: first.get(k) if v is _FIRST else v for k, v in given.items()})
    row.update(fact_ids=[f["fact_id"] for f in facts], message=message, message_zh=zh)
    return row


def active(facts: Iterable[dict]) -> list[dict]:
    return [f for f in facts if f["status"] != "rejected"]


def _groups(facts: list[dict]) -> dict[tuple, dict[str, list[dict]]]:
    """Facts by (source, city, year, scope, period), then by metric: figures that should
    agree because one source states them about the same thing."""
    out: dict[tuple, dict[str, list[dict]]] = {}
    for f in active(facts):
        if f["city"] is None or f["year"] is None:
            continue
        key = (f["report_id"] or f.get("source_url") or "", f["city"], f["year"], f["scope"], f["period"])
        out.setdefault(key, {}).setdefault(f["metric"], []).append(f)
    return dict(sorted(out.items()))


def _v(value: float) -> str:
    return f"{value:g}"


# ------------------------------------------------------------------------------ checks


def rate_range(facts, reports, catalogue) -> list[dict]:
    rates = {m.id for m in catalogue.metrics if m.is_rate}
    return [issue("rate_range", f"{f['metric']} = {_v(f['value'])}%: a rate must be within 0–100",
                  zh=f"比率为{_v(f['value'])}%，应在0–100之间", facts=[f])
            for f in active(facts) if f["metric"] in rates and not 0 <= f["value"] <= 100]


def _at_most(check: str, smaller: str, larger: str, why: str, why_zh: str) -> Check:
    """A check that `smaller` never exceeds `larger` when one source states both."""
    def run(facts, reports, catalogue) -> list[dict]:
        out = []
        for metrics in _groups(facts).values():
            for part, whole in product(metrics.get(smaller, ()), metrics.get(larger, ())):
                if part["value"] > whole["value"]:
                    out.append(issue(check, f"{smaller} {_v(part['value'])} > {larger} {_v(whole['value'])}: {why}",
                                     zh=f"{_v(part['value'])} > {_v(whole['value'])}：{why_zh}", facts=[part, whole]))
        return out
    run.__name__ = check
    return run


filed_le_submitted = _at_most(
    "filed_le_submitted", "proposals.filed", "proposals.submitted",
    "more proposals filed than submitted", "同一来源中立案数大于提交提案数")
adopted_le_submitted = _at_most(
    "adopted_le_submitted", "info.adopted", "info.submitted",
    "more information pieces adopted than sent up", "同一来源中信息采用数大于报送数")


def adoption_parts_le_total(facts, reports, catalogue) -> list[dict]:
    out = []
    for metrics in _groups(facts).values():
        for nat, prov, total in product(metrics.get("info.adopted_national", ()),
                                        metrics.get("info.adopted_provincial", ()),
                                        metrics.get("info.adopted", ())):
            parts = nat["value"] + prov["value"]
            if parts > total["value"]:
                out.append(issue("adoption_parts_le_total",
                                 f"national {_v(nat['value'])} + provincial {_v(prov['value'])} = {_v(parts)} "
                                 f"> info.adopted {_v(total['value'])}",
                                 zh=f"全国政协采用{_v(nat['value'])} + 省政协采用{_v(prov['value'])} = {_v(parts)}，"
                                    f"大于采用总数{_v(total['value'])}", facts=[nat, prov, total]))
    return out


def qualifier_consistent(facts, reports, catalogue) -> list[dict]:
    """A qualifier that cannot hold for the value: `at least 100 %`, `at most 0`."""
    rates = {m.id for m in catalogue.metrics if m.is_rate}
    out = []
    for f in active(facts):
        if f["metric"] in rates and f["value"] >= 100 and f["qualifier"] == "at_least":
            why, why_zh = "a rate cannot be more than 100%", "比率不可能超过100%"
        elif f["value"] <= 0 and f["qualifier"] == "at_most":
            why, why_zh = "a figure cannot be less than 0", "数字不可能小于0"
        elif f["metric"] not in rates and f["qualifier"] == "exact" and not float(f["value"]).is_integer():
            why, why_zh = "an exact count must be a whole number", "精确计数应为整数"
        else:
            continue
        out.append(issue("qualifier_consistent",
                         f"{f['metric']} = {_v(f['value'])} {f['qualifier']}: {why}",
                         zh=f"{_v(f['value'])}（{f['qualifier']}）：{why_zh}", facts=[f]))
    return out


def year_near_published(facts, reports, catalogue) -> list[dict]:
    out = []
    for r in reports:
        m = re.match(r"(\d{4})", r.get("published") or "")
        if m and r["year"] is not None and abs(int(m.group(1)) - r["year"]) > MAX_YEAR_GAP:
            out.append(issue("year_near_published",
                             f"covers {r['year']} but was published {r['published']}: check the year",
                             zh=f"报告年份为{r['year']}，发布于{r['published']}，请核对年份",
                             year=r["year"], report_id=r["report_id"]))
    return out


def city_has_facts(facts, reports, catalogue) -> list[dict]:
    """Each city a report is listed for should have at least one fact from that report."""
    found = {(f["report_id"], f["city"]) for f in active(facts)}
    out = []
    for r in reports:
        for city in (r["cities"] or "").split(";"):
            if city and (r["report_id"], city) not in found:
                out.append(issue("city_has_facts", f"no figure found for {city} in this report",
                                 zh=f"此报告中未找到{city}的任何数字",
                                 city=city, year=r["year"], report_id=r["report_id"]))
    return out


def conflicts(facts, reports, catalogue) -> list[dict]:
    """Stated, curated or external figures that disagree (the `conflicts` view, one row per
    group). A bundled report against a published page is a `source_conflict`: the report's
    figure is shown by default, and the message names both sources."""
    titles = {r["report_id"]: r.get("title") or r["report_id"] for r in reports}
    groups: dict[tuple, list[dict]] = {}
    for f in active(facts):
        if f["kind"] != "derived" and f["city"] is not None and f["year"] is not None:
            groups.setdefault((f["city"], f["year"], f["metric"], f["scope"], f["period"]), []).append(f)
    out = []
    for key, group in sorted(groups.items()):
        values = sorted({f["value"] for f in group})
        if len(values) < 2:
            continue
        group = sorted(group, key=lambda f: f["fact_id"])
        stated = [f for f in group if f["kind"] == "stated"]
        published = [f for f in group if f["kind"] == "external"]
        if stated and published and {f["value"] for f in stated} != {f["value"] for f in published}:
            said = "; ".join(f"report {titles.get(f['report_id'], f['report_id'])}: {_v(f['value'])}" for f in stated)
            said_zh = "；".join(f"报告《{titles.get(f['report_id'], f['report_id'])}》：{_v(f['value'])}" for f in stated)
            pages = "; ".join(f"page {f['source_url']}: {_v(f['value'])}" for f in published)
            pages_zh = "；".join(f"网页 {f['source_url']}：{_v(f['value'])}" for f in published)
            out.append(issue("source_conflict",
                             f"{key[0]} {key[1]} {key[2]}: {said}; {pages}. The report's figure is shown",
                             zh=f"{key[0]} {key[1]}年 {key[2]}：{said_zh}；{pages_zh}。默认采用报告数字",
                             facts=group, report_id=stated[0]["report_id"]))
            continue
        message = f"{key[2]} has {len(values)} values: " + ", ".join(map(_v, values))
        message_zh = f"有{len(values)}个不同数值：" + "、".join(map(_v, values))
        if published:     # pages that disagree with each other: say which page says what
            message += " (" + "; ".join(f"{_v(f['value'])}: {f['source_url']}" for f in published) + ")"
            message_zh += "（" + "；".join(f"{_v(f['value'])}：{f['source_url']}" for f in published) + "）"
        out.append(issue("conflict", message, zh=message_zh, facts=group, report_id=None))
    return out


CHECKS: tuple[Check, ...] = (
    rate_range, filed_le_submitted, adopted_le_submitted, adoption_parts_le_total,
    qualifier_consistent, year_near_published, city_has_facts, conflicts,
)


def run_checks(facts: list[dict], reports: list[dict], catalogue: Catalogue,
               checks: tuple[Check, ...] = CHECKS) -> list[dict]:
    return [row for check in checks for row in check(facts, reports, catalogue)]
