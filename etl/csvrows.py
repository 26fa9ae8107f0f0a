"""The rows of a CSV file that people edit by hand (the manifest, the decisions), each with the
line it starts on, refused loudly where a spreadsheet or an editor broke them."""
from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

Bad = Callable[[int | None, str], Exception]


def open_rows(path: Path, bad: Bad, required: Sequence[str], expected: Sequence[str]):
    """(reader, header) of a UTF-8 CSV file whose header has the `required` columns; `bad`
    makes the error for a file that cannot be read, is empty or lacks a column."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise bad(None, f"cannot read it ({err.strerror or err})") from None
    except UnicodeDecodeError:
        raise bad(None, "not UTF-8 text (save it as CSV UTF-8)") from None
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise bad(None, f"empty file: no header line (expected {','.join(expected)})") from None
    except csv.Error as err:
        raise bad(1, f"malformed CSV ({err})") from None
    missing = [c for c in required if c not in header]
    if missing:
        raise bad(1, f"missing column(s) {', '.join(missing)}; expected {','.join(expected)}")
    return reader, header


def data_rows(reader, header: list[str], bad: Bad) -> Iterator[tuple[int, list[str]]]:
    """(first line, fields) of every non-blank row after the header. `bad(line, reason)` makes
    the error raised for a stray quote, a malformed row or a wrong number of fields."""
    line = reader.line_num
    while True:
        start = line + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            if "unexpected end of data" in str(err) or "EOF" in str(err):
                raise bad(start, "a quote opens a field that never ends; remove the stray quote") from None
            hint = "; remove the stray quote" if '"' in str(err) or "quot" in str(err) else ""
            raise bad(start, f"malformed CSV ({err}){hint}") from None
        line = reader.line_num
        if line > start:
            raise bad(start, f"a quote opens a field that runs over lines {start}–{line}; "
                             "remove the stray quote (a quoted field must end on its own line)")
        if not any(f.strip() for f in fields):
            continue  # a blank line left by a spreadsheet
        if len(fields) != len(header):
            raise bad(start, f"{len(fields)} fields, but the header has {len(header)}")
        yield start, fields
