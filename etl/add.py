"""Add a report: check it, preview its facts, save it with its manifest row, rebuild.

Two steps so that a person can look before anything is written:

- `prepare(name, data, …)` reads the bytes (kind judged from content), refuses what must
  not go in (unreadable, too large, a duplicate of a report already there, an unknown city,
  an impossible year) with one clear `AddError`, detects city, level and year (the caller
  may correct them) and extracts the facts. It writes nothing.
- `save(prepared, …)` takes the build lock (waiting, with a bound, for a build or another
  add that holds it), checks again for a duplicate and a free name, writes the file under
  `data/reports/` with a safe name, adds its manifest row, stores the facts the person
  unticked as `reject` decisions, and rebuilds the warehouse, all under that one lock. Each
  file it touches is replaced whole (temp file + `os.replace`); if any step fails, every
  file is put back as it was.

An added report is *pending* (待审核, `review = pending` in the manifest, origin `user`):
its figures are in the warehouse but on no leaders' page and in no export of values until
an editor approves it (`etl.review`).

The dashboard's "添加报告" page and `python -m etl add` both go through here.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from etl import paths
from etl.document import Document, ReadError, printable
from etl.extract import Fact, extract_facts
from etl.pipeline import content_key, max_bytes
from etl.read import read_bytes
from etl.reports import MANIFEST_COLUMNS, ReportInfo, detect_info

# How long an add waits for a running build (or another add) before giving up.
WAIT_SECONDS = float(os.environ.get("ZX_ADD_WAIT_SECONDS", "300"))

KIND_SUFFIX = {"txt": ".txt", "html": ".html", "pdf": ".pdf", "docx": ".docx"}
LEVELS = ("municipality", "prefecture", "county", "district")
PUBLISHED_RE = re.compile(r"(?:19|20)\d\d(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
DECISIONS = "decisions.csv"


class AddError(Exception):
    """A report that cannot be added; `str()` is one line naming it and the reason.

    `field` names what a person can give to fix it (city, year, level, published, url), None when the file
    itself is the problem; `info` is what was detected before the refusal, if it got that far.
    `code` names the reason and `values` its particulars, so a form can say it in its own
    language and name its own field instead of a CLI flag.
    """

    def __init__(self, message: str, *, field: str | None = None, info: ReportInfo | None = None,
                 code: str | None = None, values: dict | None = None):
        super().__init__(message)
        self.field = field
        self.info = info
        self.code = code
        self.values = values or {}


@dataclass(frozen=True)
class Prepared:
    file: str                 # the name it will have under data/reports/
    data: bytes
    sha256: str
    document: Document
    info: ReportInfo
    facts: tuple[Fact, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)


def safe_name(name: str, kind: str) -> str:
    """A plain file name: no folders, no control or shell characters, the suffix of its kind."""
    base = Path(unicodedata.normalize("NFKC", name).replace("\\", "/")).name
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", stem).strip("._-")[:80] or "report"
    return stem + KIND_SUFFIX[kind]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def existing_hashes(reports_dir: Path) -> dict[str, str]:
    """sha256 -> file name of every report already in the folder."""
    found = {}
    if reports_dir.is_dir():
        for path in sorted(reports_dir.iterdir()):
            if not path.is_symlink() and path.is_file() and path.suffix.lower() in KIND_SUFFIX.values():
                found.setdefault(sha256(path.read_bytes()), path.name)
    return found


def existing_content(reports_dir: Path, warehouse: Path | None = None) -> dict[str, str]:
    """content key (etl.pipeline.content_key) -> file name of every report in the folder.

    Taken from the warehouse for the files it holds with the same bytes; the others are read
    (with the usual limits; an unreadable one is skipped, the build reports it)."""
    from etl.read import read_document

    on_disk = {}
    if reports_dir.is_dir():
        for path in sorted(reports_dir.iterdir()):
            if not path.is_symlink() and path.is_file() and path.suffix.lower() in KIND_SUFFIX.values():
                on_disk[path.name] = path
    stored = _stored_keys(Path(warehouse or paths.WAREHOUSE))
    found: dict[str, str] = {}
    for name, path in on_disk.items():
        key = None
        if name in stored:
            digest, key = stored[name]
            if key and digest != sha256(path.read_bytes()):
                key = None
        if not key:
            try:
                key = content_key(read_document(path, max_bytes=max_bytes()).text)
            except ReadError:
                continue
        found.setdefault(key, name)
    return found


def _stored_keys(warehouse: Path) -> dict[str, tuple[str, str | None]]:
    """report_id -> (sha256, content_key) from the warehouse; empty when it cannot be read."""
    if not warehouse.is_file():
        return {}
    import duckdb

    try:
        con = duckdb.connect()
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(warehouse)])
        rows = con.execute("SELECT report_id, sha256, content_key FROM w.reports").fetchall()
        con.close()
    except duckdb.Error:
        return {}
    return {r: (digest, key) for r, digest, key in rows}


def prepare(name: str, data: bytes, *, city: str | None = None, year: int | None = None,
            level: str | None = None, title: str | None = None, source: str = "", url: str = "",
            published: str | None = None, doc_type: str = "", reports_dir: Path | None = None,
            max_mb: float | None = None, warehouse: Path | None = None) -> Prepared:
    reports_dir = Path(reports_dir or paths.REPORTS)
    shown = printable(Path(str(name).replace("\\", "/")).name or "upload")
    limit = max_bytes(max_mb)
    if len(data) > limit:
        raise AddError(f"{shown}: file too large ({len(data) / 2**20:.1f} MB, limit {limit / 2**20:g} MB)",
                       code="too_large", values={"file": shown, "mb": f"{len(data) / 2**20:.1f}",
                                                 "limit": f"{limit / 2**20:g}"})
    try:
        doc = read_bytes(data, shown)
    except ReadError as err:
        reason = str(err).removeprefix(f"{shown}: ")
        raise AddError(str(err), code="unreadable", values={"file": shown, "reason": reason}) from None
    digest = sha256(data)
    _refuse_duplicate(shown, digest, doc, reports_dir, warehouse)
    file = _free_name(safe_name(shown, doc.kind), reports_dir)
    detected = detect_info(file, doc.text, title=doc.title, published=doc.published)
    info = _with_overrides(detected, city=city, year=year, level=level, title=title, source=source,
                           url=url, published=published, doc_type=doc_type)
    _validate(shown, info)
    facts = tuple(extract_facts(doc, info))
    return Prepared(file, data, digest, doc, info, facts, tuple(doc.notes))


def _refuse_duplicate(shown: str, digest: str, doc: Document, reports_dir: Path, warehouse: Path | None) -> None:
    duplicate = existing_hashes(reports_dir).get(digest)
    if duplicate:
        raise AddError(f"{shown}: the same report is already there as {printable(duplicate)}", code="duplicate",
                       values={"file": shown, "existing": printable(duplicate)})
    duplicate = existing_content(reports_dir, warehouse).get(content_key(doc.text))
    if duplicate:
        raise AddError(f"{shown}: the same text is already there as {printable(duplicate)} "
                       "(in another encoding or format)", code="duplicate",
                       values={"file": shown, "existing": printable(duplicate)})


def _free_name(name: str, reports_dir: Path) -> str:
    """A new version of a report keeps the old one: `name-2.txt`, `name-3.txt`, …"""
    stem, suffix = name.rsplit(".", 1)
    candidate, n = name, 1

    def taken(c: str) -> bool:
        return (reports_dir / c).exists() or c in ("manifest.csv", "index.csv")

    if taken(candidate):
        stem = re.sub(r"-\d+$", "", stem)  # a version name taken meanwhile: the next version, not name-2-2
    while taken(candidate):
        n += 1
        candidate = f"{stem}-{n}.{suffix}"
    return candidate


def _with_overrides(info: ReportInfo, **given) -> ReportInfo:
    from etl.cities import city_by_name

    changes = {k: v for k, v in given.items() if v not in (None, "")}
    guessed = [g for g in info.guessed if g not in changes]
    if "city" in changes:
        known = city_by_name(changes["city"])
        name = known.name if known else changes["city"]
        changes["cities"] = (name,)
        if known:
            changes.setdefault("province", known.province)
            changes.setdefault("level", known.level)
            guessed = [g for g in guessed if g != "level"]
        del changes["city"]
    if "year" in changes:
        changes["year"] = int(changes["year"])
    return replace(info, **changes, guessed=tuple(guessed))


def _validate(shown: str, info: ReportInfo) -> None:
    from etl.cities import city_by_name

    def refuse(field: str, reason: str, code: str, **values) -> AddError:
        return AddError(f"{shown}: {reason}", field=field, info=info, code=code, values={"file": shown, **values})

    if not info.cities:
        raise refuse("city", "no city found in the text; give one (--city)", "no_city")
    unknown = [c for c in info.cities if city_by_name(c) is None]
    if unknown:
        raise refuse("city", f"unknown city {', '.join(unknown)} (not in data/cities.csv)", "unknown_city",
                     cities="、".join(unknown))
    this_year = dt.date.today().year
    if info.year is None:
        raise refuse("year", "no year found in the text; give one (--year)", "no_year")
    if not 1949 <= info.year <= this_year + 1:
        raise refuse("year", f"year {info.year} is not a year of work a report can cover", "bad_year",
                     year=info.year)
    if info.level and info.level not in LEVELS:
        raise refuse("level", f"level must be one of {', '.join(LEVELS)}", "bad_level", level=info.level)
    if info.published and not PUBLISHED_RE.fullmatch(info.published):
        raise refuse("published", f"publication date {info.published!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
                     "bad_published", published=info.published)
    if info.url and not re.match(r"https?://\S+$", info.url):
        raise refuse("url", f"source URL {info.url!r} is not an http(s) address", "bad_url", url=info.url)


def manifest_row(p: Prepared) -> dict[str, str]:
    i = p.info
    return {"file": p.file, "city": ";".join(i.cities), "province": i.province, "level": i.level,
            "year": str(i.year or ""), "doc_type": i.doc_type, "title": i.title, "source": i.source,
            "url": i.url, "published": i.published, "origin": "user", "review": "pending"}


def reject_rows(p: Prepared, rejected_ids: set[str], today: str) -> list[dict[str, str]]:
    """Unticked facts become `reject` decisions, found again by report, metric and value."""
    rows = []
    for n, f in enumerate((f for f in p.facts if f.id in rejected_ids), 1):
        value = f"{f.value:g}"
        rows.append({"id": f"upload-{Path(p.file).stem}-{n}", "action": "reject", "fact_id": f.id,
                     "report": p.file, "metric": f.metric, "city": f.city or "", "year": str(f.year or ""),
                     "expect": value, "value": value, "note": f"unticked when the report was added on {today}"})
    return rows


def save(p: Prepared, *, rejected_ids: set[str] = frozenset(), reports_dir: Path | None = None,
         curation: Path | None = None, warehouse: Path | None = None, rebuild: bool = True, log=None,
         wait: float | None = None):
    """Write the report, its manifest row and the rejections; rebuild. All or nothing, under
    the build lock: waits up to `wait` seconds (WAIT_SECONDS) for a running build."""
    from etl.warehouse import build, build_lock

    reports_dir = Path(reports_dir or paths.REPORTS)
    curation = Path(curation or paths.CURATION / DECISIONS)
    warehouse = Path(warehouse or paths.WAREHOUSE)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(warehouse, WAIT_SECONDS if wait is None else wait, log=log):
        # Another add may have saved the same report, or taken the name, while we waited.
        _refuse_duplicate(p.file, p.sha256, p.document, reports_dir, warehouse)
        p, rejected_ids = _renamed_if_taken(p, set(rejected_ids), reports_dir)
        target = (reports_dir / p.file).resolve()
        if target.parent != reports_dir.resolve():
            raise AddError(f"{printable(p.file)}: refusing to write outside {reports_dir}")
        manifest = reports_dir / "manifest.csv"
        today = dt.date.today().isoformat()
        writes = [(target, p.data),
                  (manifest, _append_csv(manifest, MANIFEST_COLUMNS, [manifest_row(p)]))]
        rejections = reject_rows(p, rejected_ids, today)
        if rejections:
            from etl.curation import COLUMNS
            writes.append((curation, _append_csv(curation, COLUMNS, rejections)))
        with _all_or_nothing([path for path, _ in writes]):
            reports_dir.mkdir(parents=True, exist_ok=True)
            for path, content in writes:
                _write_atomic(path, content)
            summary = None
            if rebuild:
                summary = build(reports_dir, curation=curation, warehouse=warehouse, holding_lock=True,
                                **({"log": log} if log else {}))
    return summary


def _renamed_if_taken(p: Prepared, rejected_ids: set[str], reports_dir: Path) -> tuple[Prepared, set[str]]:
    """`p` under a free name (fact ids hold the file name, so its facts are found again, and
    the unticked ones by their place in the text)."""
    free = _free_name(p.file, reports_dir)
    if free == p.file:
        return p, rejected_ids
    info = replace(p.info, file=free)
    facts = tuple(extract_facts(p.document, info))
    places = {(f.metric, f.start, f.end, f.derived) for f in p.facts if f.id in rejected_ids}
    rejected = {f.id for f in facts if (f.metric, f.start, f.end, f.derived) in places}
    return replace(p, file=free, info=info, facts=facts), rejected


def _append_csv(path: Path, columns, rows: list[dict[str, str]]) -> bytes:
    """The file's bytes with rows added; its header and any BOM are kept as they are."""
    old = path.read_bytes() if path.is_file() else b""
    text = old.decode("utf-8-sig") if old else ""
    header = next(csv.reader([text.splitlines()[0]])) if text.strip() else list(columns)
    added = [c for c in columns if c not in header and any(r.get(c) for r in rows)]
    if added:
        # The file lacks a column these rows fill (origin, review): widen every row, so the
        # value is not dropped and each row keeps as many fields as the header.
        old_rows = list(csv.reader(text.splitlines()))[1:]
        header = header + added
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        w.writerows(r + [""] * len(added) for r in old_rows if any(cell.strip() for cell in r))
        text = out.getvalue()
    out = io.StringIO()
    if not text.strip():
        csv.writer(out, lineterminator="\n").writerow(header)
    elif not text.endswith("\n"):
        out.write("\n")
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    writer.writerows(rows)
    bom = b"\xef\xbb\xbf" if old.startswith(b"\xef\xbb\xbf") else b""
    return (bom + text.encode("utf-8") if old else b"") + out.getvalue().encode("utf-8")


def _write_atomic(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _all_or_nothing:
    """Remembers the files' bytes; on an exception puts each back (or removes a new one)."""

    def __init__(self, files: list[Path]):
        self.files = files

    def __enter__(self):
        self.before = {f: (f.read_bytes() if f.is_file() else None) for f in self.files}

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            return False
        for path, content in self.before.items():
            if content is None:
                path.unlink(missing_ok=True)
            else:
                _write_atomic(path, content)
        return False
