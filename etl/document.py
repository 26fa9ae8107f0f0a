"""The decoded report that every later stage works on.

`original` is the text as decoded from the file (for HTML, PDF and Word: the main text
taken out of it). Every span a fact reports points into `original`.

`text` is what the extractor reads: traditional characters turned simplified, newspaper
line-wrap spaces and pinyin annotations removed. `offsets[i]` is the index in `original`
of `text[i]`, so a span of `text` maps back to `original` exactly.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


def printable(name: object) -> str:
    """A file name as a message may show it: control characters (a newline, ESC of a
    terminal code) escaped, so a name can neither cut a one-line message nor drive a terminal."""
    text = str(name)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


class ReadError(Exception):
    """A file that cannot be read as a report. `str()` is one line naming file and reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{printable(path)}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, eq=False)
class Document:
    path: str
    original: str
    text: str
    offsets: Sequence[int]  # an array('l') for real files: compact for 50 MB inputs
    kind: str = "txt"  # txt | html | pdf | docx
    encoding: str = "utf-8"
    title: str | None = None
    published: str | None = None  # as found in the document (metadata or a dateline)
    notes: tuple[str, ...] = field(default_factory=tuple)  # what reading changed, for a person

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span [start, end) of `text` to a span of `original`."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        s, e = self.to_original(start, end)
        return self.original[s:e]


def plain_document(text: str, path: str = "<text>") -> Document:
    """A document whose text needs no normalisation (tests, already-clean input)."""
    return Document(path=path, original=text, text=text, offsets=range(len(text)))
