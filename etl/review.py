"""An editor's review of added reports: approve (its figures reach the leaders' pages) or
reject (they never do). The decision is the `review` field of the report's manifest row,
changed under the build lock and followed by a rebuild, all or nothing (as etl.add does).

`python -m etl review` lists the reports awaiting review; `--approve FILE` / `--reject
FILE` decide. The dashboard's 添加报告 page does the same for a signed-in editor.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from etl import paths
from etl.add import WAIT_SECONDS, _all_or_nothing, _write_atomic
from etl.document import printable
from etl.reports import MANIFEST_NAMES, validate_manifest

DECISIONS = {"approve": "approved", "reject": "rejected"}


class ReviewError(ValueError):
    """A review that cannot be made; `str()` is one line."""


def pending(reports_dir: Path | None = None) -> list[dict[str, str]]:
    """Manifest rows of the reports awaiting review, in file order."""
    manifest = _manifest(Path(reports_dir or paths.REPORTS))
    if manifest is None:
        return []
    return [row for row in validate_manifest(manifest).values() if row.get("review") == "pending"]


def _manifest(reports_dir: Path) -> Path | None:
    return next((reports_dir / n for n in MANIFEST_NAMES if (reports_dir / n).is_file()), None)


def with_review(text: str, file: str, review: str, by: str = "") -> str:
    """The manifest `text` with `file`'s review set (pure). ReviewError if it has no row."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ReviewError("the manifest is empty")
    header = rows[0]
    for column in ("review", "reviewed_by"):
        if column not in header:
            header.append(column)
            for r in rows[1:]:
                if any(cell.strip() for cell in r):
                    r.append("")
    file_at, review_at, by_at = header.index("file"), header.index("review"), header.index("reviewed_by")
    found = False
    for r in rows[1:]:
        if r and Path(r[file_at]).name == file:
            r[review_at], r[by_at] = review, by
            found = True
    if not found:
        raise ReviewError(f"{printable(file)}: not in the manifest")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(r for r in rows if any(cell.strip() for cell in r))
    return out.getvalue()


def decide(file: str, action: str, *, by: str = "", reports_dir: Path | None = None,
           curation: Path | None = None, warehouse: Path | None = None, log=None, wait: float | None = None):
    """Approve or reject the added report `file`; rebuild. Returns the build summary."""
    from etl.warehouse import build, build_lock

    if action not in DECISIONS:
        raise ReviewError(f"unknown review action {action!r} (approve or reject)")
    reports_dir = Path(reports_dir or paths.REPORTS)
    warehouse = Path(warehouse or paths.WAREHOUSE)
    with build_lock(warehouse, WAIT_SECONDS if wait is None else wait, log=log):
        manifest = _manifest(reports_dir)
        if manifest is None:
            raise ReviewError(f"{reports_dir}: no manifest")
        rows = validate_manifest(manifest)
        row = rows.get(file)
        if row is None:
            raise ReviewError(f"{printable(file)}: not in the manifest")
        if row.get("review") != "pending":
            raise ReviewError(f"{printable(file)}: not awaiting review (review is {row.get('review') or 'approved'})")
        raw = manifest.read_bytes()
        bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
        content = bom + with_review(raw.decode("utf-8-sig"), file, DECISIONS[action], by).encode("utf-8")
        with _all_or_nothing([manifest]):
            _write_atomic(manifest, content)
            return build(reports_dir, curation=curation, warehouse=warehouse, holding_lock=True,
                         **({"log": log} if log else {}))
