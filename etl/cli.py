"""`python -m etl …`: extract, build, check, export, add.

Every bad input gets one line on stderr naming the file and the reason; the other inputs
are still processed. The exit status is non-zero only when nothing could be read.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from pathlib import Path

from etl.document import ReadError, printable
from etl.pipeline import extract_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="print the facts found in reports")
    ex.add_argument("paths", nargs="+", help="report files (.txt .html .pdf .docx) or folders")
    ex.add_argument("--format", choices=("jsonl", "table"), default="table")
    ex.add_argument("--max-mb", type=float, default=None,
                    help="largest file accepted, in MB (default: ZX_MAX_REPORT_MB or 20)")
    ex.add_argument("--candidates", action="store_true",
                    help="list the figures left on the table instead of the facts: a figure with a countable "
                         "unit in a sentence naming a catalogue noun that gave no fact, and why")

    _register_other_commands(sub)
    args = parser.parse_args(argv)
    if args.command == "extract":
        return cmd_extract(args.paths, args.format, args.max_mb, candidates=args.candidates)
    return args.run(args)


def _register_other_commands(sub) -> None:
    """Commands that live in other modules register themselves here."""
    try:
        from etl import commands
    except ImportError:
        return
    commands.register(sub)


def iter_report_paths(paths: list[str]):
    """Files named, and report files inside folders named (manifests skipped)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = False
            for child in sorted(path.iterdir()):
                if child.is_file() and child.suffix.lower() in (".txt", ".html", ".htm", ".pdf", ".docx"):
                    found = True
                    yield child
            if not found:
                print(f"error: {printable(path)}: a folder without report files (.txt .html .pdf .docx)",
                      file=sys.stderr)
        else:
            yield path


def cmd_extract(paths: list[str], fmt: str, max_mb: float | None = None, candidates: bool = False) -> int:
    read_any = False
    out = sys.stdout
    if fmt == "jsonl" and hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8")  # the contract is UTF-8 JSON lines, whatever the locale
    failed = False
    for path in iter_report_paths(paths):
        try:
            result = extract_path(path, max_mb=max_mb)
        except ReadError as err:
            print(f"error: {err}", file=sys.stderr)
            continue
        except Exception as err:   # a bug met on one file: said, and the other files still go on
            if os.environ.get("ZX_DEBUG"):
                raise
            print(f"error: {printable(path)}: internal error ({type(err).__name__}: {err}); the other "
                  f"files go on; run with ZX_DEBUG=1 for details", file=sys.stderr)
            failed = True
            continue
        read_any = True
        if result.info.guessed:
            guessed = ", ".join(f"{k}={_shown(getattr(result.info, k))}" for k in result.info.guessed)
            print(f"note: {path}: no manifest row; guessed {guessed}", file=sys.stderr)
        rows = result.candidates if candidates else result.facts
        if fmt == "jsonl":
            for item in rows:
                row = item.as_dict()
                row["file"] = str(path)
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif candidates:
            out.write(format_candidates(str(path), rows))
        else:
            out.write(format_table(str(path), rows))
    out.flush()
    return 2 if failed else 0 if read_any else 1


def _shown(value) -> str:
    return "?" if value in (None, "") else str(value)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - _width(s))


def _cut(text: str, n: int) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[:n - 1] + "…"


def format_table(path: str, facts) -> str:
    header = ("city", "year", "metric", "value", "qualifier", "scope", "period", "quote")
    rows = []
    for f in facts:
        value = f"{f.value:g}" + ("%" if f.unit == "%" else "")
        rows.append((f.city or "?", str(f.year or "?"), f.metric + (" (derived)" if f.derived else ""),
                     value, f.qualifier, f.scope, f.period, _cut(f.quote, 40)))
    return _table(f"{path}: {len(facts)} facts", header, rows)


def format_candidates(path: str, candidates) -> str:
    header = ("span", "figure", "noun", "why not taken", "sentence")
    rows = [(f"{c.start}-{c.end}", c.quote.replace("\n", " "), c.noun, c.reason, _cut(c.sentence, 50))
            for c in candidates]
    return _table(f"{path}: {len(candidates)} candidates", header, rows)


def _table(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = [title]
    if not rows:
        return title + "\n\n"
    widths = [max(_width(r[i]) for r in rows + [header]) for i in range(len(header))]
    lines.append("  ".join(_pad(h, w) for h, w in zip(header, widths)).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip())
    return "\n".join(lines) + "\n\n"
