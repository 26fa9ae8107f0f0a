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
    b.add_argument("--if-missing", action="store_true", help="do nothing when the warehouse exists")
    b.add_argument("--reports", type=Path, metavar="DIR", help="folder of reports and their manifest "
                   "(default: data/reports/)")
    b.add_argument("--full", action="store_true", help="extract every report again, reuse nothing")
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


def _err(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def cmd_build(args: argparse.Namespace) -> int:
    from etl.warehouse import BuildError, build

    if args.if_missing and paths.WAREHOUSE.is_file():
        _err(f"note: {paths.WAREHOUSE} exists; not rebuilding (--if-missing)")
        return 0
    try:
        summary = build(args.reports, full=args.full)
    except BuildError as err:
        _err(f"error: {err}")
        return 2
    for line in summary.lines():
        _err(line)
    return 1 if summary.reports == 0 else 0


def cmd_check(args: argparse.Namespace) -> int:
    from etl.warehouse import DECISIONS, BuildError, recheck

    if not paths.WAREHOUSE.is_file():
        _err(f"error: {paths.WAREHOUSE}: no warehouse; run `python -m etl build` first")
        return 2
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
    with duckdb.connect(str(paths.WAREHOUSE), read_only=True) as con:
        known = {m for (m,) in con.execute("SELECT metric FROM metrics").fetchall()}
        unknown = sorted(set(args.metric or ()) - known)
        if unknown:
            _err(f"error: unknown metric {', '.join(unknown)}; known: {', '.join(sorted(known))}")
            return 2
        frame = (facts_frame if args.facts else values_frame)(con, args.city, args.year, args.metric)
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
    from etl.warehouse import BuildError

    added = 0
    for path in args.files:
        try:
            data = path.read_bytes()
        except OSError as err:
            _err(f"error: {path}: {err.strerror or err}")
            continue
        try:
            p = prepare(path.name, data, city=args.city, year=args.year, level=args.level,
                        title=args.title, source=args.source, url=args.url, published=args.published,
                        doc_type=args.doc_type, max_mb=args.max_mb)
            guessed = f" (detected: {', '.join(p.info.guessed)})" if p.info.guessed else ""
            _err(f"{path}: {'/'.join(p.info.cities)} {p.info.year} {p.info.level}{guessed}; "
                 f"{len(p.facts)} facts; saving as {p.file}")
            summary = save(p, rebuild=not args.no_build)
        except (AddError, BuildError) as err:
            _err(f"error: {err}")
            continue
        added += 1
        if summary is not None:
            for line in summary.lines():
                _err(line)
    return 0 if added else 1
