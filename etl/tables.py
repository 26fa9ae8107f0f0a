"""Figures of a table flattened to text.

A report sometimes gives its figures as a table, one row per indicator, its unit in brackets
and one bare number per column, under a header row that names the columns' years:

    指标 2023年 2022年 同比
    收到提案（件） 468 441 +6.1%
    满意率（%） 97.6 96.8 +0.8个百分点

or under a header with a column of units (序号 项目 单位 数量), the unit in its own cell:

    4 收到提案 件 254
    8 提案者满意率 % 98.2

A bare number is no figure to the figure pattern (it has no unit), so the row would yield
nothing. Here the number in the column of the report's year becomes a figure with the row's
bracketed unit; the catalogue's row rules (`^收到提案（件）#`) then read it as any other
figure, and its span points at the number itself. A table with no year in its header, or
without the report's year, gives nothing: which column is the year's is then a guess.
"""
from __future__ import annotations

import re

from etl.numbers import Figure

# A header row: a word or none, then two or more years (the reader has removed the spaces
# between words and numbers: 指标2023年2022年同比)
HEADER_RE = re.compile(r"(?m)^[^\n\d]{0,12}?(?:(?:19|20)\d\d年?[ \t\u3000｜|]*){2,}[^\n\d]{0,12}$")
YEAR_RE = re.compile(r"(?:19|20)\d\d")
# A row: a label, its unit in brackets, then the columns' numbers (or a dash for none)
# (cells apart by spaces or bars; a category cell may come first: 提案｜提交提案（件）｜263｜248｜+15)
ROW_RE = re.compile(
    r"[ \t\u3000]*(?:[^\s\d｜|]{1,6}[｜|])?[ \t\u3000]*(?:其中[：:])?[ \t\u3000]*[^\s\d（(：:｜|]{2,20}"
    r"[（(](?P<unit>件|篇|条|个|次|项|场|%|％)[）)]"
    r"[ \t\u3000｜|]*(?P<values>(?:[+\-]?\d+(?:\.\d+)?%?|[—\-–]+)(?:[ \t\u3000｜|]+[^\s｜|]+)*)[ \t\u3000｜|]*$")
NUMBER_RE = re.compile(r"[+\-]?\d+(?:\.\d+)?%?|[—\-–]+")
# A header whose columns are the item, its unit and its number (序号项目单位数量备注 once the
# reader has removed the spaces), and a row of it: a serial number, the item, the unit, the number
_UNIT_THEN_VALUE = r"单位[ \t\u3000｜|]*(?:数量|数值|完成数|合计|全年)"
UNIT_COLUMN_RE = re.compile(_UNIT_THEN_VALUE)
# (two years side by side: 2023年｜2022; it opens with its literal 年, which the engine scans
# for in a tight loop, and looks back for the year's digits)
TWO_YEARS_RE = re.compile(r"年(?<=(?:19|20)\d\d年)[｜| \t\u3000]*(?:19|20)\d\d")
UNIT_HEADER_RE = re.compile(rf"(?m)^[^\n\d]{{0,12}}{_UNIT_THEN_VALUE}[^\n\d]{{0,12}}$")
UNIT_ROW_RE = re.compile(
    r"[ \t\u3000]*(?:\d+(?:\.\d+)*)?[ \t\u3000]*[^\s\d]{2,24}?[ \t\u3000]*"
    r"(?P<unit>篇次|件|篇|条|个|次|项|场|%|％)[ \t\u3000]*(?P<value>\d+(?:\.\d+)?)(?![\d.])")


def row_figures(text: str, year: int | None) -> list[Figure]:
    """The figures of the report year's column in every table of `text`, in text order."""
    # (each kind of table looked for only where its header's words are: most texts have neither)
    out: list[Figure] = _unit_column_figures(text) if UNIT_COLUMN_RE.search(text) else []
    if year is None or not TWO_YEARS_RE.search(text):
        return out
    for header in HEADER_RE.finditer(text):
        years = [int(y) for y in YEAR_RE.findall(header.group())]
        if year not in years:
            continue
        column = years.index(year)
        for pos, line in _lines_after(text, header.end() + 1):
            if HEADER_RE.fullmatch(line):
                break   # the next table's header ends this one
            row = ROW_RE.fullmatch(line)
            if row is not None:
                cells = list(NUMBER_RE.finditer(line, row.start("values")))
                if column < len(cells) and cells[column].group()[0].isdigit():
                    start = pos + cells[column].start()
                    end = start + len(cells[column].group().rstrip("%"))
                    out.append(_figure(text, start, end, row.group("unit")))
    return sorted(out, key=lambda f: f.start)


def _figure(text: str, start: int, end: int, unit: str) -> Figure:
    """The number text[start:end] as an exact figure in `unit` (％ read as %)."""
    unit = "%" if unit in ("%", "％") else unit
    return Figure(start, end, float(text[start:end]), unit, "exact", start, end, False)


def _lines_after(text: str, start: int):
    """(start, line) of the lines from position `start` on, up to a blank line (a table's end)."""
    pos = start
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if not line.strip():
            return
        yield pos, line
        pos = end + 1


def _unit_column_figures(text: str) -> list[Figure]:
    out = []
    for header in UNIT_HEADER_RE.finditer(text):
        for pos, line in _lines_after(text, header.end() + 1):
            row = UNIT_ROW_RE.match(line)
            if row is not None:
                out.append(_figure(text, pos + row.start("value"), pos + row.end("value"), row.group("unit")))
    return out
