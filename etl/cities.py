"""The Chinese cities the product knows, read from data/cities.csv.

The table has one row per prefecture-level division of mainland China (地级市, 地区, 自治州,
盟), the four municipalities, and every county-level division (县, 县级市, 市辖区) of 山东
and 山西. `name` is the short form used in reports (潍坊, 邹城, 延边; districts keep 区:
牡丹区); `full_name` is the official name (潍坊市, 邹城市, 延边朝鲜族自治州). A few
districts whose official name says nothing on its own (城区, 矿区, 郊区, 市中区) carry their
city in `name` (阳泉市城区, 济南市市中区).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl import paths

LEVELS = ("municipality", "prefecture", "county", "district")
FIELDS = ("name", "full_name", "pinyin", "english", "province", "level", "parent")

# Short names that are also a province's name: bare, they mean the province (吉林省,
# 海南省), so in running text only 吉林市 / 海南州 / the full name count as the city.
_NOT_BARE = frozenset({"吉林", "海南"})

# Strings that are read in the same longest-match scan as city names but are not cities,
# so that a city's name inside or across them is not a mention:
# - provinces and regions, whose last character plus the next word often spells a city
#   (河南|平顶山 not 南平, 湖南|通过 not 南通, 山东|营商 not 东营, 陕西|安康 not 西安);
# - phrases in which a short name is an ordinary word (长治久安, 幸福安康, 各位来宾,
#   画出最大同心圆 …);
# - words whose last character plus 县 spells a one-character county (莅临|县委 not 临县,
#   振兴|县域 not 兴县, 现代|县城 not 代县, 响应|县委 not 应县, 经费|县级 not 费县).
# A heuristic list: it cuts the false hits seen in 政协 reports, it cannot cut them all.
_PROVINCES = (
    "河北 山西 内蒙古 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 "
    "广西 海南 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 台湾 香港 澳门"
).split()
_REGIONS = (
    "华北 华东 华南 华中 西南 西北 东北 东南 江南 岭南 苏南 苏北 闽南 皖南 皖北 鲁南 鲁西南 "
    "陕南 陕北 晋南 晋北 黄河口"
).split()
_PHRASES = (
    "长治久安 幸福安康 平安安康 健康安康 各位来宾 来宾们 中外来宾 大理石 三明治 阿里巴巴 阿里云 "
    "兴安岭 孙中山 中山装 中山先生 中山陵 中山大学 朝阳产业 朝阳行业 朝阳区 世界大同 大同小异 "
    "大同心圆 日照时数 日照时间 新乡村 新乡贤 文山会海 四平八稳 白山黑水 周年大庆 普洱茶 "
    "宁德时代 美丽水 美丽江 确保定"
).split()
_BEFORE_XIAN = (
    "莅临 亲临 面临 光临 来临 降临 濒临 振兴 新兴 复兴 现代 时代 当代 古代 近代 历代 年代 "
    "世代 替代 取代 交代 响应 相应 对应 适应 供应 反应 回应 呼应 顺应 效应 经费 消费 收费 "
    "免费 缴费 浪费 花费 华夏 古县城 千年古县"
).split()
_NOT_CITIES = frozenset(
    _PROVINCES + [p + "省" for p in _PROVINCES[:-3]] + ["台湾省"] + _REGIONS + _PHRASES
    + _BEFORE_XIAN
    + ["内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区"]
)


@dataclass(frozen=True)
class City:
    name: str
    full_name: str
    pinyin: str
    english: str
    province: str
    level: str  # municipality | prefecture | county | district
    parent: str  # the prefecture's short name for county/district rows, else ""


@lru_cache(maxsize=8)
def _load(path: str) -> tuple[City, ...]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != FIELDS:
            raise ValueError(f"{path}: expected columns {','.join(FIELDS)}")
        return tuple(City(**{k: row[k].strip() for k in FIELDS}) for row in reader)


def load_cities(path: str | Path = paths.CITIES) -> tuple[City, ...]:
    """All rows of the cities table, in file order (cached per path)."""
    return _load(str(path))


def _is_autonomous_prefecture(city: City) -> bool:
    return city.level == "prefecture" and city.full_name.endswith("自治州")


def _unique_full_names(cities: tuple[City, ...]) -> set[str]:
    """Full names borne by one row only (市中区 and 城区 are borne by two)."""
    seen: dict[str, int] = {}
    for c in cities:
        seen[c.full_name] = seen.get(c.full_name, 0) + 1
    return {n for n, k in seen.items() if k == 1}


@lru_cache(maxsize=8)
def _lookup(path: str) -> dict[str, City]:
    cities = _load(path)
    unique = _unique_full_names(cities)
    table: dict[str, City] = {}
    # Weakest first, so stronger keys overwrite: 自治州 abbreviation < full name < name.
    for c in cities:
        if _is_autonomous_prefecture(c):
            table[c.name + "州"] = c  # 延边州, 恩施州, 海南州
    for c in cities:
        if c.full_name in unique:
            table[c.full_name] = c
    for c in cities:
        table[c.name] = c
    return table


def city_by_name(name: str) -> City | None:
    """The row for a short name ("潍坊"), full name ("潍坊市") or 自治州 abbreviation
    ("延边州"); None when unknown or when a full name is shared ("市中区")."""
    return _lookup(str(paths.CITIES)).get(name.strip())


@lru_cache(maxsize=8)
def _mention_keys(path: str) -> dict[str, City | None]:
    """The strings that, found in running text, name a city (value None: a string that
    is read so as to be skipped, see _NOT_CITIES).

    Full names (when unique), the short names of municipalities and prefectures, a
    district's `name`, a county's `name` only when it is its full name (单县), and
    "<short>州" for autonomous prefectures. Bare county short names (单, 曹, 平原)
    are left out: they are too often ordinary words.
    """
    cities = _load(path)
    unique = _unique_full_names(cities)
    keys: dict[str, City | None] = dict.fromkeys(_NOT_CITIES)
    for c in cities:
        if _is_autonomous_prefecture(c):
            keys[c.name + "州"] = c
    for c in cities:
        if c.full_name in unique:
            keys[c.full_name] = c
    for c in cities:
        if c.level in ("municipality", "prefecture"):
            if c.name not in _NOT_BARE:
                keys[c.name] = c
        elif c.level == "district" or c.name == c.full_name:
            keys[c.name] = c
    return keys


def _trie_pattern(words: list[str]) -> str:
    """A regex matching any of `words`; built as a trie, so that at a given position
    it matches the longest word that starts there."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(trie)


@lru_cache(maxsize=8)
def _mention_regex(path: str) -> re.Pattern[str]:
    return re.compile(_trie_pattern(sorted(_mention_keys(path))))


def find_city_mentions(text: str) -> list[tuple[int, int, City]]:
    """Spans [start, end) of city names in `text`, left to right and non-overlapping:
    scanning from the left, the longest name that starts at a position wins
    ("淄博市" over "淄博", "济南市市中区" over "济南市").

    Short names count for prefectures and municipalities only; a county counts by its
    full name ("邹城市", "鄄城县"), a district by its name ("牡丹区"). Province and
    region names and a few set phrases are read too and dropped, so that 河南平顶山 gives
    平顶山 (not 南平) and 长治久安 gives nothing.
    """
    path = str(paths.CITIES)
    keys = _mention_keys(path)
    out: list[tuple[int, int, City]] = []
    for m in _mention_regex(path).finditer(text):
        city = keys[m.group()]
        if city is not None:
            out.append((m.start(), m.end(), city))
    return out


@lru_cache(maxsize=4)
def _county_level_names(path: str) -> frozenset[str]:
    with open(path, encoding="utf-8", newline="") as f:
        return frozenset(row["full_name"] for row in csv.DictReader(f))


def is_county_level_name(full_name: str) -> bool:
    """Whether `full_name` (沙河市, 惠民县, 峨眉山市) is the official name of a county-level
    division of mainland China, as data/places.csv lists them (county, county-level city,
    district, banner). For telling a place from a phrase (今年区政协), not for the cities the
    product shows: those are data/cities.csv."""
    return full_name in _county_level_names(str(paths.PLACES))
