"""Figures of a table flattened to text.

A report sometimes gives its figures as a table, one row per indicator, its unit in brackets
and one bare number per column, under a header row that names the columns:

    指标 2023年 2022年 同比
    收到提案（件） 468 441 +6.1%
    满意率（%） 97.6 96.8 +0.8个百分点

A column is a year (2023年), the term so far (本届以来累计: its figures are the term's), a
target (年度目标: no fact), what was done (完成情况: the report year's, in a table without
years), or a change (同比, 增减, 完成率: no fact). A row may start with a serial number or a
category cell, and say its unit in brackets (with a note: 个，年末数) or in its cells (97.9%).

    序号｜工作指标｜年度目标｜完成情况｜完成率
    9｜提案满意率（含基本满意）｜95%｜97.9%｜103%

or the header names a column of units (序号 项目 单位 数量), the unit in its own cell:

    4 收到提案 件 254
    8 提案者满意率 % 98.2

A bare number is no figure to the figure pattern (it has no unit), so the row would yield
nothing. Here the number in the column of the report's year (or the term's) becomes a figure
with the row's unit; the catalogue's row rules (`^收到提案（件）#`) then read it as any other
figure, and its span points at the number itself. The other columns' figures (a target of
95%, last year's 96.8%) are set aside: they are no fact of the report's year. A table with
years in its header but not the report's gives nothing: which column is the year's is then
a guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.numbers import Figure

# A column's name in a header row, by kind (the reader has removed the spaces between words
# and numbers: 指标2023年2022年同比, 项目2023年本届以来累计, 类别指标本年数上年数). A change
# comes before what was done: 完成率 is a change.
_COLUMNS = {
    "unit": r"单位",   # (a column of units: each row says its unit in a cell of its own)
    "year": r"(?P<year>(?:19|20)\d\d)(?:年度|年)?(?:完成(?:情况|数)?|实际|数据)?",
    "this_year": r"本年(?:数|度)?|当年(?:数)?|今年(?:数)?",
    "last_year": r"上年(?:数|度|同期)?|去年(?:数|同期)?",
    "term": r"本届(?:以来)?(?:累计)?(?:完成)?|届内累计|(?:近)?五年(?:来)?累计|累计(?:完成|数)?",
    "target": r"(?:年度|全年)?(?:目标(?:任务|值|数)?|计划(?:任务|数)?|任务数)",
    "change": r"同比(?:增减|增长)?|比上年(?:增减)?|增减(?:幅度)?|增幅|变化|完成率|备注",
    "done": r"(?:全年|实际)?完成(?:情况|数|值)?|实绩",
    "value": r"数量|数值|本期(?:数)?|实际数|(?P<counted>件|篇|条|项|个)数",
    # a share of the whole (类别｜件数｜占比): each row's share, read where the catalogue names
    # the rate a row's share is (`share_of`: 立案 294 89.4 is the filing rate)
    "share": r"占[^\s｜|\d]{0,8}?比(?:例|重)?|占比|比例|比重",
    # whose: the whole system (全县政协系统: the committee with its levels below) or the
    # committee itself (县政协, 本级), each a column of the report's year
    "system": r"全(?:[县市区州旗盟省]|自治区)政协系统|(?:全[县市区州旗盟])?政协系统(?:合计)?|系统合计",
    "own": r"本级|(?:[县市区州旗盟]|自治区)政协(?:本级)?",
}
COLUMN_RE = re.compile("|".join(f"(?P<{kind}_>{rx})" for kind, rx in _COLUMNS.items()))
# A header row: a word or none (项目, 序号｜工作指标), then two or more columns (a unit in
# brackets may follow a column's name: 占比(%))
HEADER_RE = re.compile(r"[^\n\d]{0,12}?(?:(?:%s)(?:[（(][^）)\d\n]{0,4}[）)])?[ \t\u3000｜|]*){2,}"
                       % "|".join(rx.replace("(?P<year>", "(?:").replace("(?P<counted>", "(?:") for rx in _COLUMNS.values()))
# The words a header without two years holds (本届以来累计, 年度目标, 本年数): looked for before any pattern runs
_HEADER_WORDS = ("累计", "目标", "完成", "本年", "当年", "今年", "上年", "数量", "政协系统", "本级", "件数", "篇数")
# … or, cells apart by bars or tabs, a label's column and one of values (| 项目 | 数量 |)
ONE_COLUMN_RE = re.compile(r"[^\n\d｜|\t]{1,12}[ \t\u3000]*[｜|\t][ \t\u3000]*(?:数量|数值|(?:件|篇|条|项|个)数|(?:19|20)\d\d年(?:度)?)")
HEADER_MAX = 80   # characters: a header is a short line
# A cell's number, with its unit or none (157件, 97.2%, 12篇次, 468)
_CELL_UNITS = "篇次|人次|件次|%|％|件|篇|条|项|次|个|场|家|处"
_CELL = rf"[+\-]?\d+(?:\.\d+)?(?:{_CELL_UNITS})?"
# an earlier value in brackets after a cell's (235（226）: the note says the brackets hold last
# year's), and a cell run into it once the reader took out the space (19（17）146（120））
_EARLIER = r"[（(][+\-]?\d+(?:\.\d+)?[%％]?[）)]"
_MORE_CELLS = rf"(?:[ \t\u3000｜|]+[^\s｜|]+|[—\-–]+|{_EARLIER}|(?<=[）)]){_CELL})*"
# A row: a serial number or a category cell, a label, its unit in brackets (a note may follow
# it) or a note, then the columns' numbers (or a dash for none), apart by spaces or bars
ROW_RE = re.compile(
    r"[ \t\u3000]*(?:\d{1,2}(?:\.\d+)*[ \t\u3000]*[｜|.、]?)?[ \t\u3000｜|]*"
    r"(?:[^\s\d｜|]{1,6}[｜|])?[ \t\u3000]*(?:其中[：:])?[ \t\u3000]*[^\s\d（(：:｜|]{2,20}"
    r"(?:[（(](?:(?P<unit>篇次|人次|件|篇|条|个|次|项|场|%|％)(?:[，,、][^）)\d]{0,8})?|[^）)\d]{1,10})[）)])?"
    rf"[ \t\u3000｜|]*(?P<values>(?:{_CELL}|[—\-–]+){_MORE_CELLS})[ \t\u3000｜|]*")
# (a dash right after a number: the reader took out the space before it, 23—)
NUMBER_RE = re.compile(rf"{_EARLIER}|{_CELL}|[—\-–]+")
# A row under a header with a column of units: the label, the unit's cell (run into the label
# once the reader took out the spaces: 收集篇302 266), then the numbers
UNIT_CELL_ROW_RE = re.compile(
    r"[ \t\u3000]*(?:\d{1,2}(?:\.\d+)*[ \t\u3000]*[｜|.、]?)?[ \t\u3000｜|]*(?:其中[：:])?[^\s\d｜|]{1,24}?"
    r"[ \t\u3000｜|]*(?P<unit>篇次|人次|件|篇|条|个|次|项|场|%|％)"
    rf"[ \t\u3000｜|]*(?P<values>(?:{_CELL}|[—\-–]+){_MORE_CELLS})[ \t\u3000｜|]*")
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


@dataclass(frozen=True)
class Tables:
    """What the tables of a text give: the figures of the columns read (the report year's,
    the term's), the starts of the term's, and the starts of the cells of the other columns
    (a target, another year, a change), whose figures state no fact of the report."""
    figures: list[Figure] = field(default_factory=list)
    terms: frozenset[int] = frozenset()
    set_aside: frozenset[int] = frozenset()
    cells: frozenset[int] = frozenset()   # the starts of the figures of the columns read
    # whose a column's figures are, where its header says (县政协: "committee", 全县政协系统: "citywide")
    scopes: dict[int, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.figures or self.set_aside)


def read_tables(text: str, year: int | None) -> Tables:
    """The tables of `text` (see the module's docstring), for a report of `year`."""
    # (each kind of table looked for only where its header's words are: most texts have neither)
    out: list[Figure] = _unit_column_figures(text) if UNIT_COLUMN_RE.search(text) else []
    terms: set[int] = set()
    aside: set[int] = set()
    scopes: dict[int, str] = {}
    if year is not None:
        for start, end in _header_lines(text):
            header = _columns(text[start:end], year)
            if header is not None:
                _read_rows(text, end + 1, *header, out, terms, aside, scopes)
    if not out and not aside:
        return Tables()
    figures = sorted({f.start: f for f in out}.values(), key=lambda f: f.start)   # (a row read by two headers' rules once)
    return Tables(figures, frozenset(terms), frozenset(aside), frozenset(f.start for f in figures),
                  {f.start: scopes[f.start] for f in figures if f.start in scopes})


def _header_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the short lines that may be a table's header: one with two years side
    by side, or one holding a word of a column other than a year's."""
    found = [m.start() for m in TWO_YEARS_RE.finditer(text)]
    for word in _HEADER_WORDS:
        at = text.find(word)
        while at != -1:
            found.append(at)
            at = text.find(word, at + 1)
    lines = set()
    for at in found:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        if end - start <= HEADER_MAX:
            lines.add((start, end))
    return sorted(lines)


def _columns(line: str, year: int) -> tuple[list[str], bool, str] | None:
    """What each column of numbers under a header line is: "year" (the report's), "term", "own"
    or "system" (the report's year, of the committee itself or of its whole system), "share"
    (each row's share, as a percent), or "" (one
    not read), whether a column of units comes before them, and the unit a column's name gives
    its counts (件数: 件); None when the line is no header, or names no column to read."""
    header = HEADER_RE.fullmatch(line.rstrip(" \t\u3000｜|")) or ONE_COLUMN_RE.fullmatch(line.strip(" \t\u3000｜|"))
    if header is None:
        return None
    kinds = []
    units = False
    counted = ""
    for m in COLUMN_RE.finditer(line):
        if m.lastgroup == "unit_":
            units = True
            continue
        kind = m.lastgroup[:-1]
        if kind == "value" and m.group("counted"):
            counted = m.group("counted")   # (a column of counts named by its unit: 件数, the rows' unit)
        if kind == "year":
            kind = "year" if int(m.group("year")) == year else "other year"
        kinds.append({"this_year": "year", "last_year": "last year"}.get(kind, kind))
    years = [k for k in kinds if k in ("year", "other year")]
    if "own" in kinds or "system" in kinds:
        if years or "term" in kinds:
            return None   # whose and when in one header (县政协2023年 全县2023年): which cell is which, a guess
        # (县政协｜全县政协系统: both of the report's year, the one the committee's, the other its system's)
        return [k if k in ("own", "system") else "" for k in kinds], units, counted
    if "year" not in kinds and years:
        return None   # years, but not the report's: which column is its, is a guess
    if not years:   # 年度目标｜完成情况, 数量｜上年: the done column, or the value, is the year's
        kinds = ["year" if k in ("done", "value") else k for k in kinds]
    if "year" not in kinds and "term" not in kinds:
        return None
    # (a share column beside the year's counts: each row's share, 立案 294 89.4, read as a rate
    # by the catalogue's `share_of` rows)
    return [k if k in ("year", "term", "share") else "" for k in kinds], units, counted


def _read_rows(text, start, columns, units, counted, out, terms, aside, scopes) -> None:
    row_re = UNIT_CELL_ROW_RE if units else ROW_RE
    for pos, line in _lines_after(text, start, row_re):
        if HEADER_RE.fullmatch(line.rstrip(" \t\u3000｜|")):
            break   # the next table's header ends this one
        row = row_re.fullmatch(line)
        if row is None:
            continue
        # (an earlier value in brackets is no column: 235（226）)
        cells = [c for c in NUMBER_RE.finditer(line, row.start("values")) if c.group()[0] not in "（("]
        for column, cell in enumerate(cells[:len(columns)]):
            value = cell.group()
            if not columns[column] or not value[0].isdigit():
                aside.add(pos + cell.start())
                continue
            number = CELL_NUMBER_RE.match(value).group()
            unit = "%" if columns[column] == "share" else value[len(number):] or row.group("unit") or counted
            if not unit:
                continue   # a row with no unit: not a count of anything the catalogue knows
            figure = _figure(text, pos + cell.start(), pos + cell.start() + len(number), unit)
            out.append(figure)
            if columns[column] == "term":
                terms.add(figure.start)
            elif columns[column] in ("own", "system"):
                scopes[figure.start] = "citywide" if columns[column] == "system" else "committee"


CELL_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")


def _figure(text: str, start: int, end: int, unit: str) -> Figure:
    """The number text[start:end] as an exact figure in `unit` (％ read as %)."""
    unit = "%" if unit in ("%", "％") else unit
    return Figure(start, end, float(text[start:end]), unit, "exact", start, end, False)


LOOSE_ROW_RE = re.compile(r"[^\d\n。！？!?]{2,24}\d[^\n。！？!?]*")
# A part's heading inside a table (二、提案 between the rows of meetings and of proposals)
PART_HEADING_RE = re.compile(r"[ \t\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])[^\d\n]{1,12}")


def _lines_after(text: str, start: int, row_re: re.Pattern | None = None):
    """(start, line) of the lines from position `start` on, up to a blank line (a table's end),
    unless what follows it is a part's heading and a row (`row_re`) of the same table."""
    pos = start
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if not line.strip():
            after = _next_part(text, end + 1, row_re)
            if after is None:
                return
            pos = after
            continue
        yield pos, line
        pos = end + 1


def _next_part(text: str, pos: int, row_re: re.Pattern | None) -> int | None:
    """Where the table goes on after a blank line at `pos`: the line after a part's heading,
    when that line is a row; None when the table ends."""
    if row_re is None:
        return None
    while text.startswith("\n", pos):
        pos += 1
    end = text.find("\n", pos)
    if end < 0 or PART_HEADING_RE.fullmatch(text, pos, end) is None:
        return None
    after = text.find("\n", end + 1)
    after = len(text) if after < 0 else after
    line = text[end + 1:after]
    # (a row, or a line of a row's shape in a unit no metric counts in: 文史资料出版 辑 1 1)
    return end + 1 if row_re.fullmatch(line) or LOOSE_ROW_RE.fullmatch(line) else None


def _unit_column_figures(text: str) -> list[Figure]:
    out = []
    for header in UNIT_HEADER_RE.finditer(text):
        for pos, line in _lines_after(text, header.end() + 1):
            row = UNIT_ROW_RE.match(line)
            if row is not None:
                out.append(_figure(text, pos + row.start("value"), pos + row.end("value"), row.group("unit")))
    return out
