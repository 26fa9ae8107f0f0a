"""`python -m etl build`: reports + catalogue + cities + curation -> data/warehouse.duckdb.

Load, process, save:

1. inventory: the report files and the manifest beside them; a file missing from either
   side is reported, and an unlisted file is still extracted (city and year detected);
2. extract each report, or reuse its facts from the previous warehouse when nothing that
   decides them has changed (bytes, extractor, catalogue, manifest row: `cache_key`);
3. `assemble` (pure): curation, derived facts, checks;
4. write everything into a temporary file beside the warehouse and swap it in with one
   `os.replace`, under a lock. A reader holding the old file keeps reading it; a build
   that dies leaves the old warehouse as it was.
"""
from __future__ import annotations

import csv
import hashlib
import json
import multiprocessing
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import filelock
import pyarrow as pa

from etl import paths
from etl.catalogue import Catalogue, load_catalogue
from etl.checks import issue, run_checks
from etl.cities import load_cities
from etl.curation import DecisionsError, Known, apply_decisions, read_decisions
from etl.derive import derive_facts
from etl.external import external_files, read_external
from etl.extract import EXTRACTOR_VERSION, Fact
from etl.holds import hold_implausible, hold_unreviewed, pending_rows, plausible_bounds
from etl.pipeline import Extraction, content_key, extract_path
from etl.reports import MANIFEST_NAMES, ManifestError, validate_manifest
from etl.schema import SCHEMA, SCHEMA_VERSION

REPORT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
DECISIONS = "decisions.csv"
PROGRESS_EVERY = 50
JOBS_ENV = "ZX_BUILD_JOBS"       # processes that extract reports (default: all cores)
MIN_REPORTS_PER_WORKER = 8       # below this, starting a process costs more than it saves
# A build that would show fewer metric values than the last one by more than this share
# (and at least MIN_LOSS values) stops and needs --force: inputs vanished or went bad.
MAX_LOSS_SHARE = 0.10
MIN_LOSS = 3
# Test-only: seconds to sleep after the temporary file is written, before the swap, so a
# test can kill a build at its most delicate moment.
PAUSE_ENV = "ZX_BUILD_TEST_PAUSE"

Log = Callable[[str], None]


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class BuildError(RuntimeError):
    """The build did not start; the warehouse is as it was."""


class BuildLocked(BuildError):
    pass


@dataclass
class Summary:
    warehouse: Path
    reports: int = 0
    extracted: int = 0
    reused: int = 0
    unreadable: int = 0
    workers: int = 1               # processes that extracted
    errors: int = 0                # unreadable, missing, a manifest that cannot be read
    kinds: Counter = field(default_factory=Counter)
    rejected: int = 0
    held: int = 0                  # implausible, until an analyst confirms them
    pending: int = 0               # of reports awaiting an editor's review
    metrics_covered: int = 0
    metrics_total: int = 0
    conflicts: int = 0
    warnings: int = 0
    curation: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        problems = ", ".join(f"{n} {k}" for k, n in sorted(self.curation.items()) if k != "applied")
        return [
            f"built {self.warehouse} in {self.seconds:.1f} s",
            f"  reports    {self.reports} ({self.extracted} extracted"
            + (f" on {self.workers} cores" if self.workers > 1 else "")
            + f", {self.reused} reused, {self.unreadable} unreadable)",
            f"  facts      {self.kinds['stated']} stated, {self.kinds['derived']} derived, "
            f"{self.kinds['curated']} curated, {self.kinds['external']} external ({self.rejected} rejected)"
            + (f"; {self.held} held as implausible" if self.held else "")
            + (f"; {self.pending} pending review" if self.pending else ""),
            f"  metrics    {self.metrics_covered} of {self.metrics_total} covered",
            f"  conflicts  {self.conflicts}",
            f"  warnings   {self.warnings} data-quality (python -m etl check)",
            f"  curation   {self.curation['applied']} applied" + (f", {problems}" if problems else ""),
            f"  errors     {self.errors}",
        ]


# ---------------------------------------------------------------------------- the build


def build(reports_dir: Path | None = None, *, warehouse: Path | None = None, curation: Path | None = None,
          cities: Path | None = None, external: Path | None = None, full: bool = False, force: bool = False,
          log: Log = _stderr, holding_lock: bool = False, jobs: int | None = None) -> Summary:
    """Build the warehouse; returns what was built. Raises BuildLocked if a build is running,
    BuildError (the warehouse unchanged) when an input it trusts is bad or when it would lose
    more than MAX_LOSS_SHARE of the last build's values (unless `force`). `holding_lock`: the
    caller holds the build lock already (etl.add). `jobs`: processes that extract (default
    all cores, or ZX_BUILD_JOBS).

    `external` is the folder of published figures (data/external/: *.jsonl and the
    committees.csv of committees the city table lacks)."""
    started = time.perf_counter()
    reports_dir = Path(reports_dir or paths.REPORTS)
    warehouse = Path(warehouse or paths.WAREHOUSE)
    curation = Path(curation or paths.CURATION / DECISIONS)
    cities = Path(cities or paths.CITIES)
    external = Path(external or paths.EXTERNAL)
    catalogue = load_catalogue()
    if not reports_dir.is_dir():  # a mistyped --reports must not empty the warehouse
        raise BuildError(f"{reports_dir}: no such folder")
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with (nullcontext() if holding_lock else build_lock(warehouse)):
        remove_leftovers(warehouse, log)
        city_rows = [asdict(c) for c in load_cities(cities)] if cities.is_file() else []
        decisions = _decisions(curation)
        listed, issues = inventory(reports_dir, log, _city_names(city_rows) or None)
        keys = {item.file: cache_key(item, catalogue, cities) for item in listed if item.sha256}
        reused = {} if full else reuse_from(warehouse, keys, log)
        reports, extracted, candidates, summary = collect(listed, keys, reused, issues, log, jobs)
        if not city_rows:
            log(f"warning: {cities}: no city table; cities are not checked")
        city_rows += committee_rows(external, {c["name"] for c in city_rows}, log)
        missing = {q["report_id"] for q in issues if q["check_name"] == "missing_report"}
        known = Known(metrics={m.id: m.unit for m in catalogue.metrics},
                      cities=_city_names(city_rows), reports=frozenset(i.file for i in listed) | missing)
        published = read_external(external_files(external), metrics=known.metrics, cities=known.cities)
        for problem in published.problems:
            log(f"warning: {external / problem}; line skipped")
        issues += external_issues(published.problems)
        facts, outcomes, quality = assemble(reports, extracted, decisions, known, catalogue, published.facts)
        for o in outcomes:
            if o.outcome != "applied":
                log(f"warning: {curation.name}: decision {o.decision.id} (line {o.decision.line}): "
                    f"{o.outcome}: {o.message}")
        tables = {
            "cities": city_rows, "reports": reports, "metrics": metric_rows(catalogue),
            "facts": facts, "extracted_facts": extracted, "candidates": candidates,
            "curation": [o.as_row() for o in outcomes], "data_quality": issues + quality,
            "build_info": build_info(catalogue, len(reports)),
        }
        summary.warehouse = warehouse
        summary.errors = sum(q["severity"] == "error" for q in issues)
        guard = None if force else _loss_guard(warehouse, log)
        summary.conflicts, summary.metrics_covered = write_warehouse(warehouse, tables, log, before_swap=guard)
        summary.metrics_total = len(catalogue.metrics)
        summary.kinds = Counter(f["kind"] for f in facts)
        summary.rejected = sum(f["status"] == "rejected" for f in facts)
        summary.held = sum(f["status"] == "held" for f in facts)
        summary.pending = sum(f["status"] == "pending" for f in facts)
        summary.warnings = sum(q["severity"] == "warning" for q in quality)
        summary.curation = Counter(o.outcome for o in outcomes)
    summary.seconds = time.perf_counter() - started
    return summary


def _decisions(path: Path):
    """The decisions; a file that cannot be read stops the build (building without the
    decisions would quietly undo them)."""
    try:
        return read_decisions(path)
    except DecisionsError as err:
        raise BuildError(str(err)) from None
    except (ValueError, OSError, UnicodeDecodeError, csv.Error) as err:
        raise BuildError(f"{path}: {err}") from None


def _loss_guard(warehouse: Path, log: Log):
    """A check for the new file before it replaces `warehouse`: BuildError when it has
    noticeably fewer metric values than the old one (None when there is no old one)."""
    try:
        con = duckdb.connect()
        con.execute("ATTACH ? AS prev (READ_ONLY)", [str(warehouse)])
        before = con.execute("SELECT count(*) FROM prev.metric_values").fetchone()[0]
        con.close()
    except duckdb.Error:
        return None  # no previous warehouse, or one that cannot be read: nothing to compare

    def check(new: duckdb.DuckDBPyConnection) -> None:
        after = new.execute("SELECT count(*) FROM metric_values").fetchone()[0]
        lost = before - after
        if lost >= MIN_LOSS and lost > MAX_LOSS_SHARE * before:
            raise BuildError(f"this build would show {after} metric values instead of {before} "
                             f"({lost} fewer, {lost / before:.0%}); the warehouse is unchanged. Check the "
                             "reports, manifest and decisions, or build with --force if the loss is meant")
    return check


def assemble(reports: list[dict], extracted: list[dict], decisions, known: Known, catalogue: Catalogue,
             external: list[dict] = ()):
    """Extracted facts (+ published external ones) -> (all facts, curation outcomes,
    data-quality rows). Pure.

    Curation runs first, so derivations use corrected values and skip rejected facts; a
    decision about a derived fact (it matched nothing among the extracted ones) is tried
    again on the derived facts. External facts join last: nothing derives from them and no
    decision changes them, so the reports' own facts are the same with or without them.
    """
    bounds = plausible_bounds()
    facts, outcomes = apply_decisions(extracted, decisions, known)
    facts = hold_unreviewed(facts, reports)
    facts, held = hold_implausible(facts, bounds, _confirmed(outcomes))
    derived = derive_facts(facts, catalogue)
    retry = [o.decision for o in outcomes if o.outcome == "unmatched"]
    derived, retried = apply_decisions(derived, retry, known)
    by_id = {o.decision.id: o for o in retried}
    outcomes = [by_id.get(o.decision.id, o) for o in outcomes]
    derived, held_derived = hold_implausible(derived, bounds, _confirmed(outcomes))
    facts = facts + derived + list(external)
    quality = run_checks(facts, reports, catalogue) + held + held_derived + pending_rows(reports, facts)
    return facts, outcomes, quality


def _confirmed(outcomes) -> set[str]:
    """Facts an analyst confirmed: a held (implausible) figure so confirmed is shown."""
    return {fid for o in outcomes if o.outcome == "applied" and o.decision.action == "confirm"
            for fid in o.applied_to}


INVENTORY_CHECKS = ("manifest", "missing_report", "unreadable_report", "unlisted_report")


def recheck(warehouse: Path | None = None, curation: Path | None = None, external: Path | None = None):
    """What a build would now say about curation and data quality, without building:
    the warehouse's extracted facts with today's decisions file, published figures and
    catalogue. Returns (outcomes, data-quality rows)."""
    warehouse = Path(warehouse or paths.WAREHOUSE)
    curation = Path(curation or paths.CURATION / DECISIONS)
    external = Path(external or paths.EXTERNAL)
    catalogue = load_catalogue()
    con = duckdb.connect()
    con.execute("ATTACH ? AS w (READ_ONLY)", [str(warehouse)])
    def fetch(sql: str, *params) -> list[dict]:
        return con.sql(sql, params=list(params) or None).to_arrow_table().to_pylist()

    reports = fetch("SELECT * EXCLUDE (text) FROM w.reports ORDER BY report_id")
    extracted = fetch("SELECT * FROM w.extracted_facts")
    cities = fetch("SELECT * FROM w.cities")
    stored = fetch("SELECT * FROM w.data_quality WHERE list_contains(?, check_name)", list(INVENTORY_CHECKS))
    listed = fetch("SELECT report_id FROM w.reports UNION SELECT report_id FROM w.data_quality "
                   "WHERE report_id IS NOT NULL AND check_name IN ('missing_report', 'unreadable_report')")
    con.close()
    known = Known(metrics={m.id: m.unit for m in catalogue.metrics}, cities=_city_names(cities),
                  reports=frozenset(r["report_id"] for r in listed))
    published = read_external(external_files(external), metrics=known.metrics, cities=known.cities)
    problems = external_issues(published.problems)
    _, outcomes, quality = assemble(reports, extracted, _decisions(curation), known, catalogue, published.facts)
    return outcomes, stored + problems + quality


# ---------------------------------------------------------------------------- inventory


@dataclass(frozen=True)
class Listed:
    file: str
    path: Path
    row: dict[str, str] | None     # the manifest row; None for a file the manifest lacks
    sha256: str | None             # None when the bytes could not be read


def inventory(reports_dir: Path, log: Log, city_names: dict[str, str] | None = None
              ) -> tuple[list[Listed], list[dict]]:
    """The report files and manifest rows, matched by file name, plus what does not match.
    A manifest row that is wrong (etl.reports.validate_manifest) stops the build: built on,
    it would attribute figures to no year or to the wrong report."""
    manifest = next((reports_dir / n for n in MANIFEST_NAMES if (reports_dir / n).is_file()), None)
    rows: dict[str, dict[str, str]] = {}
    issues = []
    if manifest is None:
        log(f"warning: {reports_dir}: no manifest; city and year of every report are detected from its text")
    else:
        known_city = None
        if city_names:
            from etl.cities import city_by_name

            known_city = lambda c: c in city_names or city_by_name(c) is not None  # noqa: E731
        try:
            rows = validate_manifest(manifest, known_city)
        except ManifestError as err:
            raise BuildError(f"{err}; the warehouse is unchanged") from None
    # Symlinks are not followed: a report is a file inside the folder, not a pointer out of it.
    candidates = sorted(p for p in reports_dir.iterdir() if p.suffix.lower() in REPORT_SUFFIXES)
    for p in candidates:
        if p.is_symlink():
            log(f"error: {p}: a symbolic link; not read (put the file itself in the folder)")
            issues.append(issue("unreadable_report", "a symbolic link; not read", zh="符号链接，未读取",
                                severity="error", report_id=p.name))
    files = [p for p in candidates if not p.is_symlink() and p.is_file()]
    on_disk = {p.name for p in files}
    for name in sorted(set(rows) - on_disk):
        log(f"error: {reports_dir / name}: listed in the manifest but missing")
        issues.append(issue("missing_report", "listed in the manifest but missing",
                            zh="清单中列出但文件不存在", severity="error",
                            report_id=name))
    listed = []
    for p in files:
        try:
            sha = hashlib.sha256(p.read_bytes()).hexdigest()
        except OSError as err:
            sha = None
            log(f"error: {p}: {err.strerror or err}")
        listed.append(Listed(p.name, p, rows.get(p.name), sha))
    return listed, issues


def cache_key(item: Listed, catalogue: Catalogue, cities: Path) -> str:
    """What decides a report's facts. The catalogue file's own hash counts, not only its
    version number: rules change more often than the number is bumped."""
    parts = [item.sha256, EXTRACTOR_VERSION, str(catalogue.version), _file_sha(paths.CATALOGUE),
             json.dumps(item.row, ensure_ascii=False, sort_keys=True)]
    if item.row is None:  # detection reads the city table
        parts.append(_file_sha(cities))
    return hashlib.sha256("|".join(p or "" for p in parts).encode()).hexdigest()


def _file_sha(path: Path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


# ---------------------------------------------------------------------------- extraction


def reuse_from(warehouse: Path, keys: dict[str, str], log: Log) -> dict[str, tuple[dict, list[dict], list[dict]]]:
    """Report row, extracted facts and candidates from the previous warehouse, for unchanged reports."""
    if not warehouse.is_file() or not keys:
        return {}
    wanted = pa.table({"report_id": list(keys), "cache_key": list(keys.values())})
    try:
        # ATTACH, not connect(): connect() would hand back a cached instance of the file
        # if this process still has it open, i.e. possibly an older warehouse.
        con = duckdb.connect()
        con.execute("ATTACH ? AS prev (READ_ONLY)", [str(warehouse)])
        con.register("wanted", wanted)
        reports = con.sql("SELECT r.* FROM prev.reports r JOIN wanted w USING (report_id, cache_key)"
                          ).to_arrow_table().to_pylist()
        facts = con.sql("SELECT f.* FROM prev.extracted_facts f JOIN prev.reports r USING (report_id) "
                        "JOIN wanted w USING (report_id, cache_key)").to_arrow_table().to_pylist()
        left = con.sql("SELECT c.* FROM prev.candidates c JOIN prev.reports r USING (report_id) "
                       "JOIN wanted w USING (report_id, cache_key)").to_arrow_table().to_pylist()
        con.close()
    except duckdb.Error as err:
        log(f"note: {warehouse}: previous warehouse not reusable ({_one_line(err)}); extracting every report")
        return {}
    out = {r["report_id"]: (r, [], []) for r in reports}
    for f in facts:
        out[f["report_id"]][1].append(f)
    for c in left:
        out[c["report_id"]][2].append(c)
    return out


def extract_rows(item: Listed, key: str) -> tuple[dict, list[dict], list[dict]] | str:
    """One report's row, fact rows and candidate rows, or the reason it could not be read.
    Runs in a worker process: it returns plain rows, not the document."""
    try:
        result = extract_path(item.path, item.row)
    except Exception as err:  # noqa: BLE001 - one bad report must not stop the build
        return getattr(err, "reason", None) or f"extraction failed ({type(err).__name__}: {_one_line(err)})"
    return report_row(result, item, key), fact_rows(result.facts), candidate_rows(result.candidates)


def workers(jobs: int | None, n_reports: int) -> int:
    """Processes to extract with: all cores (or `jobs`, or ZX_BUILD_JOBS), one for a handful."""
    wanted = jobs or int(os.environ.get(JOBS_ENV) or 0) or os.cpu_count() or 1
    return max(1, min(wanted, n_reports // MIN_REPORTS_PER_WORKER))


def extracted_in_order(todo: list[tuple[Listed, str]], jobs: int | None) -> Iterator:
    """(item, rows or reason) for each report to extract, in the order given, on `jobs` cores."""
    n = workers(jobs, len(todo))
    if n == 1:
        for item, key in todo:
            yield item, extract_rows(item, key)
        return
    items = [item for item, _ in todo]
    with ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from zip(items, pool.map(extract_rows, items, [key for _, key in todo],
                                       chunksize=max(1, len(todo) // (n * 8))))


def collect(listed: list[Listed], keys: dict[str, str], reused: dict, issues: list[dict], log: Log,
            jobs: int | None = None):
    """Report rows, extracted fact rows and candidate rows of every readable report."""
    reports, facts, candidates = [], [], []
    summary = Summary(warehouse=Path())
    total = len(listed)
    todo = [(item, keys[item.file]) for item in listed if item.sha256 is not None and item.file not in reused]
    summary.workers = workers(jobs, len(todo))
    fresh = extracted_in_order(todo, jobs)
    for i, item in enumerate(listed, 1):
        if item.sha256 is None:
            summary.unreadable += 1
            issues.append(issue("unreadable_report", "cannot read the file", zh="无法读取该文件", severity="error",
                                report_id=item.file))
            continue
        if item.file in reused:
            report, report_facts, report_candidates = reused[item.file]
            report = dict(report, path=_shown_path(item.path))  # the same bytes may have moved
            report.update(_review_fields(item.row))
            summary.reused += 1
        else:
            done, rows = next(fresh)
            assert done is item
            if isinstance(rows, str):
                log(f"error: {item.path}: {rows}")
                summary.unreadable += 1
                issues.append(issue("unreadable_report", rows, zh=f"无法读取：{rows}", severity="error",
                                    report_id=item.file))
                continue
            report, report_facts, report_candidates = rows
            summary.extracted += 1
        if item.row is None:
            log(f"warning: {item.path}: not in the manifest; detected city {report['cities'] or '?'}, "
                f"year {report['year'] or '?'}")
            issues.append(issue("unlisted_report",
                                f"not in the manifest; detected: {report['guessed'] or 'nothing'}",
                                zh=f"未列入清单；自动识别：{report['guessed'] or '无'}",
                                city=report["cities"] or None, year=report["year"], report_id=item.file))
        reports.append(report)
        facts.extend(report_facts)
        candidates.extend(report_candidates)
        if total > PROGRESS_EVERY and (i % PROGRESS_EVERY == 0 or i == total):
            log(f"progress: {i}/{total} reports ({summary.extracted} extracted, {summary.reused} reused)")
    summary.reports = len(reports)
    return reports, _unique_facts(facts, log), candidates, summary


def _unique_facts(facts: list[dict], log: Log) -> list[dict]:
    seen: set[str] = set()
    out = []
    for f in facts:
        if f["fact_id"] in seen:
            log(f"warning: {f['report_id']}: two facts share the id {f['fact_id']}; kept the first")
            continue
        seen.add(f["fact_id"])
        out.append(f)
    return out


def report_row(result: Extraction, item: Listed, key: str) -> dict:
    info, doc = result.info, result.document
    return {
        "report_id": item.file, "path": _shown_path(item.path), "cities": ";".join(info.cities) or None,
        "province": info.province or None, "level": info.level or None, "year": info.year,
        "doc_type": info.doc_type or None, "title": info.title or doc.title or None,
        "source": info.source or None, "url": info.url or None,
        "published": info.published or doc.published or None, "sha256": item.sha256,
        "length": len(doc.original), "kind": doc.kind, "encoding": doc.encoding,
        "extractor_version": EXTRACTOR_VERSION, "guessed": ",".join(info.guessed) or None,
        "text": doc.original, "cache_key": key, "content_key": content_key(doc.text),
        **_review_fields(item.row),
    }


def _review_fields(row: dict[str, str] | None) -> dict:
    """origin and review as the manifest row says now (an approval changes only these)."""
    row = row or {}
    return {"origin": row.get("origin") or "report", "review": row.get("review") or "approved"}


def _shown_path(path: Path) -> str:
    """Relative to the project when the report is inside it."""
    try:
        return str(path.resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def fact_rows(facts: list[Fact]) -> list[dict]:
    return [{
        "fact_id": f.id, "report_id": f.file, "city": f.city, "year": f.year, "metric": f.metric,
        "value": float(f.value), "unit": f.unit, "qualifier": f.qualifier, "scope": f.scope,
        "period": f.period, "kind": "derived" if f.derived else "stated",
        "derived_from": list(f.derived_from), "start_pos": f.start, "end_pos": f.end,
        "quote": f.quote, "sentence": f.sentence, "rule": f.rule, "status": "active",
        "source_url": None, "note": None,
    } for f in facts]


def candidate_rows(candidates) -> list[dict]:
    return [{
        "report_id": c.file, "city": c.city, "year": c.year, "value": float(c.value), "unit": c.unit,
        "qualifier": c.qualifier, "start_pos": c.start, "end_pos": c.end, "quote": c.quote,
        "sentence": c.sentence, "noun": c.noun, "reason": c.reason,
    } for c in candidates]


def metric_rows(catalogue: Catalogue) -> list[dict]:
    return [{
        "metric": m.id, "name_zh": m.zh, "name_en": m.en, "unit": m.unit, "category": m.category,
        "category_zh": catalogue.categories.get(m.category, {}).get("zh"),
        "category_en": catalogue.categories.get(m.category, {}).get("en"),
        "higher_is_better": m.higher_is_better, "description": m.description,
        "cues": "、".join(m.cues), "sort_order": i,
    } for i, m in enumerate(catalogue.metrics, 1)]


def build_info(catalogue: Catalogue, n_reports: int) -> list[dict]:
    info = {
        "extractor_version": EXTRACTOR_VERSION,
        "schema_version": SCHEMA_VERSION,
        "catalogue_version": str(catalogue.version),
        "catalogue_sha256": _file_sha(paths.CATALOGUE),
        "reports": str(n_reports),
        # The one value that differs between two builds of the same inputs; no view reads it.
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    return [{"key": k, "value": v} for k, v in info.items()]


def external_issues(problems: list[str]) -> list[dict]:
    return [issue("external_row", f"external/{p}; line skipped", zh=f"外部数字有误：{p}；该行未导入",
                  city=None, year=None, metric=None, report_id=None) for p in problems]


def committee_rows(external: Path, known: set[str], log: Log) -> list[dict]:
    """Committees named only by external figures (provinces, counties and districts outside
    the city table), from external/committees.csv; a name the city table has is skipped."""
    path = Path(external) / "committees.csv"
    if not path.is_file():
        return []
    try:
        rows = [asdict(c) for c in load_cities(path)]
    except (ValueError, OSError, UnicodeDecodeError, csv.Error, TypeError) as err:
        log(f"warning: {path}: cannot read ({err}); its committees are left out")
        return []
    for r in rows:
        if r["name"] in known:
            log(f"warning: {path}: {r['name']} is already in the city table; row skipped")
    return [r for r in rows if r["name"] not in known]


def _city_names(city_rows: list[dict]) -> dict[str, str]:
    """Short and full names -> short name; the short name wins where they collide."""
    names = {c["full_name"]: c["name"] for c in city_rows if c["full_name"]}
    names.update({c["name"]: c["name"] for c in city_rows})
    return names


# ---------------------------------------------------------------------------- writing


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.stem + ".lock")


@contextmanager
def build_lock(warehouse: Path, wait: float = 0, log: Log | None = None) -> Iterator[None]:
    """The build lock of `warehouse`. `wait` seconds (0: fail at once) for a running build to
    finish, saying so once; BuildLocked if it is still running after that."""
    lock = filelock.FileLock(str(lock_path(warehouse)), timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        if wait <= 0:
            raise BuildLocked(f"another build is running (lock {lock_path(warehouse)})") from None
        if log:
            log(f"note: another build is running; waiting up to {wait:g} s for it to finish")
        try:
            lock.acquire(timeout=wait, poll_interval=0.1)
        except filelock.Timeout:
            raise BuildLocked(f"another build is still running after {wait:g} s "
                              f"(lock {lock_path(warehouse)}); try again later") from None
    try:
        yield
    finally:
        lock.release()


def temp_path(warehouse: Path) -> Path:
    return warehouse.with_name(f"{warehouse.name}.tmp-{os.getpid()}")


def remove_leftovers(warehouse: Path, log: Log) -> None:
    """Temporary files of builds that died (we hold the lock: none is in use)."""
    for p in sorted(warehouse.parent.glob(f"{warehouse.name}.tmp-*")):
        log(f"note: removing {p.name}, left by a build that did not finish")
        p.unlink(missing_ok=True)


def write_warehouse(warehouse: Path, tables: dict[str, list[dict]], log: Log,
                    before_swap: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> tuple[int, int]:
    """Write all tables into a temporary file, then swap it in. Returns (conflicts, metrics covered).
    `before_swap(con)` may refuse the new file by raising; the old one then stays."""
    tmp = temp_path(warehouse)
    tmp.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(tmp))
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        for name, rows in tables.items():
            insert_rows(con, name, rows)
        materialise_views(con)
        conflicts = con.execute("SELECT count(*) FROM conflicts").fetchone()[0]
        covered = con.execute("SELECT count(DISTINCT metric) FROM metric_values").fetchone()[0]
        if before_swap is not None:
            try:
                before_swap(con)
            except BaseException:
                con.close()
                raise
        con.execute("CHECKPOINT")
        con.close()
        with open(tmp, "rb") as fh:  # on disk before it replaces the old file
            os.fsync(fh.fileno())
        pause = float(os.environ.get(PAUSE_ENV) or 0)
        if pause:
            log(f"note: pausing {pause:g} s before the swap ({PAUSE_ENV})")
            time.sleep(pause)
        os.replace(tmp, warehouse)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return conflicts, covered


MATERIALISED_VIEWS = ("metric_values", "conflicts", "coverage")


def materialise_views(con: duckdb.DuckDBPyConnection) -> None:
    """Store the rows of the schema's views as tables of the same names.

    Nothing changes a warehouse after its build, so readers need not rank every fact on each
    query (at 300 cities a query on the view took 100–150 ms; on the table, milliseconds).
    The view definitions stay in etl/schema.sql: they say what the rows mean.
    """
    for name in MATERIALISED_VIEWS:  # names are ours, not input
        con.execute(f"CREATE TABLE {name}__rows AS SELECT * FROM {name} ORDER BY ALL")
        con.execute(f"DROP VIEW {name}")
        con.execute(f"ALTER TABLE {name}__rows RENAME TO {name}")


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Bulk insert through Arrow, typed by the table itself (`table` is one of ours)."""
    schema = con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
    con.register("incoming", pa.Table.from_pylist(rows, schema=schema))
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    con.unregister("incoming")


def _one_line(err: object) -> str:
    return " ".join(str(err).split())[:200]
