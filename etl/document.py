"""The decoded report that every later stage works on.

`original` is the text as decoded from the file (for HTML, PDF and Word: the main text
taken out of it). Every span a fact reports points into `original`.

`text` is what the extractor reads: traditional characters turned simplified, newspaper
line-wrap spaces and pinyin annotations removed. `offsets[i]` is the index in `original`
of `text[i]`, so a span of `text` maps back to `original` exactly.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field


def printable(name: object) -> str:
    """A file name as a message may show it: control characters (a newline, ESC of a
    terminal code) escaped, so a name can neither cut a one-line message nor drive a terminal."""
    text = str(name)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


class Offsets(Sequence):
    """`offsets[i]`: the index in `original` of `text[i]`, when `text` is `original` with
    spans deleted. Kept as runs, not one integer a character: a run of `text` starting at
    `starts[k]` maps to `original` from `origins[k]` on, so building the map costs one entry
    per deletion and a lookup one bisection."""

    __slots__ = ("_starts", "_origins", "_len")

    def __init__(self, length: int, starts: list[int] | None = None, origins: list[int] | None = None):
        self._len = length
        self._starts = [0] if starts is None else starts
        self._origins = [0] if origins is None else origins

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._len))]
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("offset index out of range")
        k = bisect.bisect_right(self._starts, i) - 1
        return self._origins[k] + i - self._starts[k]

    def __iter__(self):
        bounds = self._starts[1:] + [self._len]
        for start, end, origin in zip(self._starts, bounds, self._origins):
            yield from range(origin, origin + end - start)

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and list(self) == list(other)

    __hash__ = None

    def delete(self, spans: list[tuple[int, int]]) -> "Offsets":
        """The map after deleting the sorted, non-overlapping [start, end) spans of the text."""
        if not spans:
            return self
        starts, origins = [], []
        old_starts, old_origins = self._starts, self._origins
        removed, prev = 0, 0
        for start, end in [*spans, (self._len, self._len)]:
            k = bisect.bisect_right(old_starts, prev) - 1
            pos = prev
            while pos < start:  # the kept piece [prev, start): a run for each old run it crosses
                origin = old_origins[k] + pos - old_starts[k]
                if not starts or origins[-1] - starts[-1] != origin - (pos - removed):
                    starts.append(pos - removed)
                    origins.append(origin)
                k += 1
                pos = min(old_starts[k] if k < len(old_starts) else start, start)
            removed += end - start
            prev = end
        return Offsets(self._len - removed, starts or [0], origins or [0])


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
