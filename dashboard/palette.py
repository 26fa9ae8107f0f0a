"""One colour per city, the same on every page, in every selection and in every download.

A city's colour depends on the city alone, never on what else is chosen: its place in
data/cities.csv (the file lists cities province by province, so neighbours, which are
often compared, get different colours) picks one of PALETTE's colours. A city the file does
not know gets a colour from a checksum of its name (stable across runs, unlike hash()).
No Streamlit here.
"""
from __future__ import annotations

import csv
import zlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from etl import paths

# 20 colours that stay apart on white. Cities next to each other in the file get hues far
# apart; the two shades of a hue are 10 places apart (blue 0 / navy 10, red 1 / maroon 11 …).
PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
    "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#a05195",
    "#1e3a8a", "#7f1d1d", "#166534", "#b45309", "#5b21b6",
    "#c4a484", "#be185d", "#0f766e", "#6b7000", "#665191",
)


@lru_cache(maxsize=4)
def _positions(path: str) -> dict[str, int]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return {row["name"]: i for i, row in enumerate(csv.DictReader(f)) if row.get("name")}
    except OSError:
        return {}


def city_colour(city: str, cities_file: str | Path = paths.CITIES) -> str:
    """The colour of `city` (a Chinese short name such as 潍坊), wherever it is drawn."""
    position = _positions(str(cities_file)).get(city)
    if position is None:
        position = zlib.crc32(str(city).encode("utf-8"))
    return PALETTE[position % len(PALETTE)]


def city_colours(cities: Iterable[str], cities_file: str | Path = paths.CITIES) -> dict[str, str]:
    """{city: colour} for each of `cities`."""
    return {c: city_colour(c, cities_file) for c in cities}
