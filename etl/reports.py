"""What is known about a report: its manifest row, or what its text says about itself.

A manifest (`manifest.csv`, or `index.csv` as in the dev corpus) beside the reports is
the record of origin. When a report has no row, city, level, year and publication date
are detected from its text, and `ReportInfo.guessed` names what was guessed.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from etl.csvrows import data_rows, open_rows

MANIFEST_NAMES = ("manifest.csv", "index.csv")
MANIFEST_COLUMNS = ("file", "city", "province", "level", "year", "doc_type", "title",
                    "source", "url", "published", "origin", "review")
# What a build needs of every row; the others may be absent or blank.
REQUIRED_COLUMNS = ("file", "city", "year")
# origin: "" (published report, as bundled) or "user" (added with etl add / the Add page).
# review: "" or "approved" (shown), "pending" (待审核: not shown until an editor approves),
# "rejected" (an editor refused it: never shown).
ORIGINS = ("", "report", "user")
REVIEWS = ("", "approved", "pending", "rejected")
FIRST_YEAR = 1949


class ManifestError(ValueError):
    """A manifest a build must not trust; `str()` is one line naming file, line and reason."""


@dataclass(frozen=True)
class ReportInfo:
    file: str                       # base name
    cities: tuple[str, ...]         # one city, or the cities of a multi-city feature
    year: int | None                # the year the work was done
    province: str = ""
    level: str = ""
    doc_type: str = ""
    title: str = ""
    source: str = ""
    url: str = ""
    published: str = ""             # YYYY, YYYY-MM or YYYY-MM-DD
    guessed: tuple[str, ...] = ()   # fields detected from the text, not given

    @property
    def city(self) -> str | None:
        return self.cities[0] if len(self.cities) == 1 else None

    @property
    def year_incomplete(self) -> bool:
        """Published before the covered year was over: its figures cover part of the year."""
        m = re.match(r"(\d{4})(?:-(\d{1,2}))?", self.published or "")
        if not m or self.year is None or not m.group(2):
            return False
        return int(m.group(1)) == self.year and int(m.group(2)) < 12


def split_cities(value: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in re.split(r"[;；,，、]", value or "") if c.strip())


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Rows of a manifest by file base name."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {Path(row["file"]).name: row for row in csv.DictReader(fh) if row.get("file")}


def validate_manifest(path: Path, known_city=None, this_year: int | None = None) -> dict[str, dict[str, str]]:
    """Rows of the manifest at `path` by file name, every row checked; ManifestError names
    the first bad line. `known_city(name)` says whether a city is in data/cities.csv (None:
    not checked). Checked: the required columns, as many fields as the header in every row,
    no field running over lines (a stray quote), one row per file, the year an integer from
    1949 to next year, each city known, origin and review from their lists."""
    import datetime as dt

    this_year = this_year or dt.date.today().year
    path = Path(path)

    def bad(line: int | None, reason: str) -> ManifestError:
        return ManifestError(f"{path}: {'line ' + str(line) + ': ' if line else ''}{reason}")

    reader, header = open_rows(path, bad, REQUIRED_COLUMNS, MANIFEST_COLUMNS)
    rows: dict[str, dict[str, str]] = {}
    first_line: dict[str, int] = {}
    for start, fields in data_rows(reader, header, bad):
        row = {h: f.strip() for h, f in zip(header, fields)}
        name = Path(row["file"]).name
        if not name:
            raise bad(start, "no file name")
        if name in first_line:
            raise bad(start, f"{name} is listed twice (lines {first_line[name]} and {start}); keep one row per file")
        year = row["year"]
        if not (year.isascii() and year.isdigit() and FIRST_YEAR <= int(year) <= this_year + 1):
            raise bad(start, f"year {year!r} of {name} is not a year from {FIRST_YEAR} to {this_year + 1} "
                             "(write it as 2023)")
        cities = split_cities(row["city"])
        if not cities:
            raise bad(start, f"no city for {name}")
        if known_city is not None:
            unknown = [c for c in cities if not known_city(c)]
            if unknown:
                raise bad(start, f"unknown city {'、'.join(unknown)} for {name} (not in data/cities.csv)")
        if row.get("origin", "") not in ORIGINS:
            raise bad(start, f"origin {row['origin']!r} is not one of {', '.join(o for o in ORIGINS if o)}")
        if row.get("review", "") not in REVIEWS:
            raise bad(start, f"review {row['review']!r} is not one of {', '.join(r for r in REVIEWS if r)}")
        first_line[name] = start
        rows[name] = row
    return rows


def manifest_for(report_path: Path) -> dict[str, str] | None:
    """The manifest row of a report, from a manifest in the report's own folder."""
    for name in MANIFEST_NAMES:
        candidate = report_path.parent / name
        if candidate.is_file():
            try:
                row = read_manifest(candidate).get(report_path.name)
            except (OSError, csv.Error, KeyError, UnicodeDecodeError):
                continue
            if row:
                return row
    return None


def info_from_row(file: str, row: dict[str, str]) -> ReportInfo:
    year = row.get("year", "").strip()
    return ReportInfo(
        file=file, cities=split_cities(row.get("city", "")),
        year=int(year) if year.isdigit() else None,
        province=row.get("province", "") or "", level=row.get("level", "") or "",
        doc_type=row.get("doc_type", "") or "", title=row.get("title", "") or "",
        source=row.get("source", "") or "", url=row.get("url", "") or "",
        published=row.get("published", "") or "",
    )


# ---------------------------------------------------------------- detection from text

DATE_RE = re.compile(r"((?:19|20)\d\d)\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
WORK_YEAR_RE = re.compile(r"((?:19|20)\d\d)年(?:度|全年|工作|以来|，|,|共|全市|市政协|政协)")
LOOKS_BACK_RE = re.compile(r"一年来|过去一年|过去的一年|工作报告|去年|届(?:市政协)?期间")
SESSION_NEWS_RE = re.compile(r"会议(?:期间|上)?[^。]{0,20}(?:共)?收到提案|大会共收到|提案截止")
COMMITTEE_RE = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:市|县|区)?政协")
CONFERENCE_RE = re.compile(r"政治协商会议第[一二三四五六七八九十\d]+届([\u4e00-\u9fff]{2,6}?)(?:市|县|区)?委员会")
TITLE_ZONE = 300
# The heading of a city's section in a feature that covers several cities: "淄博市政协：…"
# (a bullet may open the heading: ▲浠水县政协：……)
SECTION_RE = re.compile(r"(?m)^[ \t【\[■□◆◇●○▍▌★☆▲△•]*(?P<city>[\u4e00-\u9fff]{2,8}?)(?:市|县|区)?政协[:：】\]]")


def detect_info(file: str, text: str, title: str | None = None, published: str | None = None) -> ReportInfo:
    """City, level, year and publication date as the text states them."""
    head = text[:3000]
    published = published or _first_date(head)
    city, province, level = _detect_city(head)
    sections = section_cities(text)
    cities = sections if len(sections) >= 2 else ((city,) if city else ())
    year = _detect_year(head, text, published)
    first_line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return ReportInfo(
        file=file, cities=cities, year=year, province=province, level=level,
        title=title or first_line[:80], published=published or "",
        guessed=tuple(k for k, v in (("city", city), ("year", year), ("level", level),
                                      ("published", published)) if v),
    )


def section_cities(text: str) -> tuple[str, ...]:
    """Cities that head sections of their own (`淄博市政协：…`), in order of appearance."""
    try:
        from etl.cities import city_by_name
    except ImportError:
        return ()
    found: list[str] = []
    for m in SECTION_RE.finditer(text):
        city = city_by_name(m.group("city"))
        if city and city.name not in found:
            found.append(city.name)
    return tuple(found)


def _first_date(text: str) -> str | None:
    m = DATE_RE.search(text)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _detect_year(head: str, text: str, published: str | None) -> int | None:
    stated = Counter(int(y) for y in WORK_YEAR_RE.findall(head))
    if published:
        pub_year, pub_month = int(published[:4]), int(published[5:7] or 12) if len(published) >= 7 else 12
        if pub_month <= 3 and LOOKS_BACK_RE.search(text) and not SESSION_NEWS_RE.search(head):
            return pub_year - 1
        if stated:
            best = stated.most_common(1)[0][0]
            if best in (pub_year, pub_year - 1):
                return best
        return pub_year
    if stated:
        return stated.most_common(1)[0][0]
    years = Counter(int(y) for y in re.findall(r"((?:19|20)\d\d)年", text))
    return years.most_common(1)[0][0] if years else None


def _detect_city(head: str) -> tuple[str | None, str, str]:
    """The city whose committee the text is about.

    Votes: the committee's formal name (`政治协商会议第十六届X市委员会`) counts 10, a committee
    named (`X市政协`) 3, any other mention of a city 1, and twice that near the top, where
    titles are; a county's
    mention also counts 1 for its prefecture, whose committee reports speak of its counties.
    """
    try:
        from etl.cities import city_by_name, find_city_mentions
    except ImportError:  # the city table is optional for detection
        return None, "", ""
    votes: Counter = Counter()

    def vote(city, weight, pos):
        weight *= 2 if pos < TITLE_ZONE else 1
        votes[city.name] += weight
        if city.parent:
            votes[city.parent] += 1

    for rx, weight in ((CONFERENCE_RE, 9), (COMMITTEE_RE, 2)):  # +1 below for the plain mention
        for m in rx.finditer(head):
            name = m.group(1)
            for size in range(len(name), 1, -1):
                city = city_by_name(name[-size:])
                if city:
                    vote(city, weight, m.start())
                    break
    for start, _, city in find_city_mentions(head):
        vote(city, 1, start)
    if not votes:
        return None, "", ""
    city = city_by_name(votes.most_common(1)[0][0])
    return city.name, city.province, city.level
