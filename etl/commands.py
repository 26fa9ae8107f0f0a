"""`python -m etl build | check | export | add`: the warehouse commands (etl.cli registers them).

Each returns an exit status: 0 fine, 1 the data needs a person's attention (nothing could
be read, invalid curation decisions), 2 the command could not run (another build, no
warehouse, bad arguments).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from etl import paths


def register(sub) -> None:
    b = sub.add_parser("build", help="build data/warehouse.duckdb from data/reports/")
    b.add_argument("--if-missing", action="store_true", help="do nothing when the warehouse exists and was built by this version of the program")
    b.add_argument("--reports", type=Path, metavar="DIR", help="folder of reports and their manifest "
                   "(default: data/reports/)")
    b.add_argument("--full", action="store_true", help="extract every report again, reuse nothing")
    b.add_argument("--force", action="store_true", help="build even when it would show noticeably fewer "
                   "values than the last build")
    b.set_defaults(run=cmd_build)

    c = sub.add_parser("check", help="data-quality report and curation problems; exit 1 on invalid decisions")
    c.set_defaults(run=cmd_check)

    e = sub.add_parser("export", help="metric values (or facts) as CSV, Excel or Parquet")
    e.add_argument("--format", choices=("csv", "xlsx", "parquet"), default="csv")
    e.add_argument("--city", action="append", help="only this city (repeatable)")
    e.add_argument("--year", action="append", type=int, help="only this year (repeatable)")
    e.add_argument("--metric", action="append", help="only this metric id (repeatable)")
    e.add_argument("--facts", action="store_true", help="every fact instead of one value per city/year/metric")
    e.add_argument("-o", "--output", type=Path, help="file to write ('-' for stdout; "
                   "default: metric_values.<format> or facts.<format>)")
    e.set_defaults(run=cmd_export)

    a = sub.add_parser("add", help="add report files to data/reports/ and rebuild the warehouse")
    a.add_argument("files", nargs="+", type=Path, help=".txt .html .pdf .docx files")
    a.add_argument("--city", help="the city whose committee the report is about (default: detected)")
    a.add_argument("--year", type=int, help="the year of work it covers (default: detected)")
    a.add_argument("--level", choices=("municipality", "prefecture", "county", "district"))
    a.add_argument("--title")
    a.add_argument("--source", default="", help="publisher, e.g. 菏泽日报")
    a.add_argument("--url", default="")
    a.add_argument("--published", help="YYYY-MM-DD")
    a.add_argument("--doc-type", default="", help="work_report, work_review, news, …")
    a.add_argument("--max-mb", type=float, help="largest file accepted (default 20)")
    a.add_argument("--no-build", action="store_true", help="save only; rebuild later")
    a.set_defaults(run=cmd_add)

    r = sub.add_parser("review", help="list added reports awaiting review (待审核), or approve/reject one")
    group = r.add_mutually_exclusive_group()
    group.add_argument("--approve", metavar="FILE", help="show this report's figures on every page")
    group.add_argument("--reject", metavar="FILE", help="never show this report's figures")
    r.add_argument("--by", default="", help="who reviewed it (kept in the manifest)")
    r.set_defaults(run=cmd_review)


def _err(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def cmd_build(args: argparse.Namespace) -> int:
    from etl.schema import is_outdated
    from etl.warehouse import BuildError, build

    if args.if_missing and paths.WAREHOUSE.is_file():
        if not is_outdated(paths.WAREHOUSE):
            _err(f"note: {paths.WAREHOUSE} exists; not rebuilding (--if-missing)")
            return 0
        _err(f"note: {paths.WAREHOUSE} was built by another version of this program; rebuilding")
    try:
        summary = build(args.reports, full=args.full, force=args.force)
    except BuildError as err:
        _err(f"error: {err}")
        return 2
    for line in summary.lines():
        _err(line)
    return 1 if summary.reports == 0 else 0


def cmd_check(args: argparse.Namespace) -> int:
    from etl.warehouse import DECISIONS, BuildError, recheck

    problems = input_problems()
    for line in problems:
        _err(f"error: {line}")
    if not paths.WAREHOUSE.is_file():
        _err(f"error: {paths.WAREHOUSE}: no warehouse; run `python -m etl build` first")
        return 2
    if problems:
        return 1
    import duckdb

    try:
        outcomes, quality = recheck()
    except BuildError as err:
        _err(f"error: {err}")
        return 2
    except duckdb.Error as err:
        _err(f"error: {paths.WAREHOUSE}: cannot read it ({' '.join(str(err).split())[:200]}); "
             "rebuild with `python -m etl build --full`")
        return 2
    out = sys.stdout
    out.write(f"data quality of {paths.WAREHOUSE}, with decisions from {paths.CURATION / DECISIONS}\n")
    for line in format_quality(quality):
        out.write(line + "\n")
    counts = Counter(o.outcome for o in outcomes)
    out.write("\ncuration: " + (", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no decisions") + "\n")
    for o in outcomes:
        if o.outcome != "applied":
            out.write(f"  {o.outcome:9}  {o.decision.id} (line {o.decision.line}): {o.message}\n")
    severities = Counter(q["severity"] for q in quality)
    out.write(f"\n{severities['error']} errors, {severities['warning']} warnings, "
              f"{counts['invalid']} invalid decisions\n")
    return 1 if counts["invalid"] else 0


def input_problems(reports_dir: Path | None = None) -> list[str]:
    """What would stop a build in the inputs it trusts: the manifest and the decisions file."""
    from etl.cities import city_by_name
    from etl.curation import read_decisions
    from etl.reports import MANIFEST_NAMES, validate_manifest
    from etl.warehouse import DECISIONS

    reports_dir = Path(reports_dir or paths.REPORTS)
    problems = []
    manifest = next((reports_dir / n for n in MANIFEST_NAMES if (reports_dir / n).is_file()), None)
    if manifest is not None:
        try:
            validate_manifest(manifest, lambda c: city_by_name(c) is not None)
        except ValueError as err:
            problems.append(str(err))
    try:
        read_decisions(paths.CURATION / DECISIONS)
    except ValueError as err:
        problems.append(str(err))
    return problems


def format_quality(rows: list[dict]) -> list[str]:
    """The data-quality rows grouped by check, one line each."""
    lines = []
    by_check: dict[str, list[dict]] = {}
    for r in rows:
        by_check.setdefault(r["check_name"], []).append(r)
    for name in sorted(by_check):
        lines.append(f"\n{name} ({len(by_check[name])})")
        for r in by_check[name]:
            where = " ".join(str(x) for x in (r["city"], r["year"], r["metric"]) if x is not None)
            report = f" [{r['report_id']}]" if r["report_id"] else ""
            lines.append(f"  {r['severity']:7}  {where}{': ' if where else ''}{r['message']}{report}")
    if not rows:
        lines.append("\nno problems found")
    return lines


def cmd_export(args: argparse.Namespace) -> int:
    import duckdb

    from etl.export import FORMATS, facts_frame, values_frame

    if not paths.WAREHOUSE.is_file():
        _err(f"error: {paths.WAREHOUSE}: no warehouse; run `python -m etl build` first")
        return 2
    try:
        con = duckdb.connect()
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(paths.WAREHOUSE)])
        con.execute("USE w")
        known = {m for (m,) in con.execute("SELECT metric FROM metrics").fetchall()}
        unknown = sorted(set(args.metric or ()) - known)
        if unknown:
            _err(f"error: unknown metric {', '.join(unknown)}; known: {', '.join(sorted(known))}")
            return 2
        frame = (facts_frame if args.facts else values_frame)(con, args.city, args.year, args.metric)
        con.close()
    except duckdb.Error:
        _err(f"error: {paths.WAREHOUSE}: the warehouse is damaged or unreadable; rebuild it with "
             "`python -m etl build --full` (数据仓库已损坏或无法读取，请重建)")
        return 2
    data = FORMATS[args.format](frame)
    output = args.output or Path(f"{'facts' if args.facts else 'metric_values'}.{args.format}")
    if str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(data)
        _err(f"wrote {len(frame)} rows to {output}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    """Each file is checked and saved on its own: a bad one does not stop the others."""
    from etl.add import AddError, prepare, save
    from etl.document import ReadError, printable
    from etl.limits import open_report
    from etl.pipeline import max_bytes
    from etl.warehouse import BuildError

    added = 0
    for path in args.files:
        try:
            # Checked before a byte is read: no FIFO, device, directory or symlink; the size from fstat.
            data = open_report(str(path), max_bytes(args.max_mb), follow_symlinks=False)
        except ReadError as err:
            _err(f"error: {err}")
            continue
        shown = printable(path)
        try:
            p = prepare(path.name, data, city=args.city, year=args.year, level=args.level,
                        title=args.title, source=args.source, url=args.url, published=args.published,
                        doc_type=args.doc_type, max_mb=args.max_mb)
            guessed = f" (detected: {', '.join(p.info.guessed)})" if p.info.guessed else ""
            _err(f"{shown}: {'/'.join(p.info.cities)} {p.info.year} {p.info.level}{guessed}; "
                 f"{len(p.facts)} facts; saving as {p.file} (pending review: `python -m etl review`)")
            summary = save(p, rebuild=not args.no_build, log=_err)
        except (AddError, BuildError) as err:
            _err(f"error: {err}")
            continue
        added += 1
        if summary is not None:
            for line in summary.lines():
                _err(line)
    return 0 if added else 1


def cmd_review(args: argparse.Namespace) -> int:
    from etl.review import ReviewError, decide, pending
    from etl.warehouse import BuildError

    if not (args.approve or args.reject):
        try:
            rows = pending()
        except ValueError as err:
            _err(f"error: {err}")
            return 2
        for row in rows:
            print(f"{row['file']}\t{row.get('city', '')}\t{row.get('year', '')}\t{row.get('title', '')}")
        _err(f"{len(rows)} report(s) awaiting review" + ("; approve with --approve FILE" if rows else ""))
        return 0
    action, file = ("approve", args.approve) if args.approve else ("reject", args.reject)
    try:
        summary = decide(file, action, by=args.by, log=_err)
    except (ReviewError, ValueError, BuildError) as err:
        _err(f"error: {err}")
        return 2
    for line in summary.lines():
        _err(line)
    return 0
