"""Published figures from outside the bundled reports (data/external/*.jsonl).

Each line is one figure a person read off a public web page, with the page's URL, title,
date and the exact words quoted (see data/external/README.md). They enter the warehouse as
facts of kind `external`: apart from analysts' decisions (`curated`) and from what the
extractor read in the bundled reports (`stated`, `derived`). A report's own statement wins
over an external figure for the same city, year, metric, scope and period; the two stay
visible as a conflict.

Load, check, shape: `read_external` returns fact rows and one line per bad row (file, line,
reason); a bad row is skipped, the others are kept. Pure apart from reading the files.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from etl.curation import PERIODS, QUALIFIERS, SCOPES

REQUIRED = ("city", "year", "metric", "value", "quote", "url")
LEVELS = ("province", "municipality", "prefecture", "county", "district")


@dataclass(frozen=True)
class ExternalRead:
    facts: list[dict]
    problems: list[str]          # "published.jsonl:12: unknown city '某市'"


def external_files(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).glob("*.jsonl") if p.is_file()) if Path(folder).is_dir() else []


def read_external(files: Iterable[Path], *, metrics: dict[str, str], cities: dict[str, str]) -> ExternalRead:
    """Fact rows of every valid line of `files`. `metrics`: metric id -> unit; `cities`: short
    or full name -> short name (empty: not checked)."""
    facts, problems, seen = [], [], set()
    for path in files:
        try:
            lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            problems.append(f"{Path(path).name}: cannot read ({err})")
            continue
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{Path(path).name}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                problems.append(f"{where}: not JSON ({err.msg})")
                continue
            reason = _invalid(row, metrics, cities) if isinstance(row, dict) else "not a JSON object"
            if reason:
                problems.append(f"{where}: {reason}")
                continue
            fact = external_fact(row, Path(path).name, number, metrics, cities)
            if fact["fact_id"] in seen:
                problems.append(f"{where}: the same figure from the same page is listed twice; kept the first")
                continue
            seen.add(fact["fact_id"])
            facts.append(fact)
    return ExternalRead(facts, problems)


def _invalid(row: dict, metrics: dict[str, str], cities: dict[str, str]) -> str | None:
    missing = [k for k in REQUIRED if row.get(k) in (None, "")]
    if missing:
        return f"missing {', '.join(missing)}"
    if row["metric"] not in metrics:
        return f"unknown metric {row['metric']!r}"
    if cities and row["city"] not in cities:
        return f"unknown city {row['city']!r} (not in data/cities.csv or data/external/committees.csv)"
    if not isinstance(row["year"], int) or not 1949 <= row["year"] <= 2100:
        return f"year {row['year']!r} is not a year"
    if isinstance(row["value"], bool) or not isinstance(row["value"], (int, float)) or row["value"] < 0:
        return f"value {row['value']!r} is not a number"
    for name, allowed in (("qualifier", QUALIFIERS), ("scope", SCOPES), ("period", PERIODS)):
        if row.get(name) and row[name] not in allowed:
            return f"unknown {name} {row[name]!r} (one of {', '.join(allowed)})"
    if not str(row["url"]).startswith(("http://", "https://")):
        return f"url {row['url']!r} is not a web address"
    return None


def external_fact(row: dict, file: str, line: int, metrics: dict[str, str], cities: dict[str, str]) -> dict:
    """One line -> a facts-table row of kind `external`. The id depends on the figure and
    its page, not on the line number, so reordering the file keeps ids."""
    city = cities.get(row["city"], row["city"]) if cities else row["city"]
    key = "|".join(str(row.get(k, "")) for k in ("url", "city", "year", "metric", "value", "quote"))
    return {
        "fact_id": "external:" + hashlib.sha1(key.encode()).hexdigest()[:12],
        "report_id": None, "city": city, "year": int(row["year"]), "metric": row["metric"],
        "value": float(row["value"]), "unit": metrics[row["metric"]],
        "qualifier": row.get("qualifier") or "exact", "scope": row.get("scope") or "committee",
        "period": row.get("period") or "year", "kind": "external", "derived_from": [],
        "start_pos": None, "end_pos": None, "quote": row["quote"], "sentence": row["quote"],
        "rule": f"external:{file}:{line}", "status": "active", "source_url": row["url"],
        "note": row.get("origin") or f"{file}:{line}",
        "source_title": row.get("title") or None, "source_published": row.get("published") or None,
    }
