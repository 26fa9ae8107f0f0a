"""One report file -> its facts: read, know the report, extract. Pure apart from reading."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from etl import paths
from etl.document import Document
from etl.extract import Candidate, Fact, extract
from etl.read import read_document
from etl.reports import ReportInfo, detect_info, info_from_row, manifest_for


@dataclass(frozen=True)
class Extraction:
    info: ReportInfo
    document: Document
    facts: list[Fact]
    candidates: list[Candidate]


def report_info(path: Path, doc: Document, row: dict[str, str] | None = None) -> ReportInfo:
    """The manifest row when there is one; what the text says otherwise."""
    row = row if row is not None else manifest_for(path)
    if row:
        return info_from_row(path.name, row)
    return detect_info(path.name, doc.text, title=doc.title, published=doc.published)


def max_bytes(max_mb: float | None = None) -> int:
    return int((paths.MAX_REPORT_MB if max_mb is None else max_mb) * 1024 * 1024)


def extract_path(path: Path, row: dict[str, str] | None = None, max_mb: float | None = None) -> Extraction:
    path = Path(path)
    doc = read_document(path, max_bytes=max_bytes(max_mb))
    info = report_info(path, doc, row)
    return Extraction(info, doc, *extract(doc, info))


# Whitespace, C0/C1 controls and the invisible format characters a copy may gain or lose.
_NOT_CONTENT = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                          r"\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb]")


def content_key(text: str) -> str:
    """What makes two files the same report whatever their encoding or format: the sha256 of
    the normalised text (`Document.text`: traditional folded to simplified, full-width to
    half-width) in NFKC, without whitespace, control or format characters (a stray NUL, BOM
    or zero-width space), so UTF-8/UTF-16/GBK text, HTML and Word copies all agree."""
    kept = _NOT_CONTENT.sub("", unicodedata.normalize("NFKC", text))
    return hashlib.sha256(kept.encode("utf-8", "surrogatepass")).hexdigest()
