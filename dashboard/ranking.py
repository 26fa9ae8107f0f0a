"""Comparing like with like: peers, rankings that respect qualifiers, true headlines.

Plain pandas, no Streamlit, no SQL. The pages ask:

- who are the peers? `peers`: committees of the chosen levels (by default prefecture-level
  city committees: 地级市、自治州、盟); a county or district shown among them says its level
  and parent (`peer_label`);
- what can be ranked? `rankable`: one year's figure of the committee itself. Whole-term and
  part-year figures are never ranked with yearly ones; figures about a subset of proposals
  are rejected by curation and never reach a page;
- in what order? `rank_values`: each value is an interval (`≥99%` is 99–100, `近200` is
  160–200); a city's rank is certain only when no other interval overlaps its own. Equal
  exact values are a tie (`并列`); overlapping intervals an uncertain order (`2–3`);
- what does the headline say? `headline`: the leader (or the tied / uncertain leaders), its
  value, the year, and how many of the peers have the figure. Never a sum or a median over
  whichever cities happen to report;
- which year by default? `default_year`: the latest year in which enough peers have the
  metric, with the reason;
- who is missing? `missing_peers`; who is alone on a metric? `scaled_cells` marks it.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

LEVELS = ("province", "municipality", "prefecture", "county", "district")
PEER_LEVELS = ("prefecture",)
# A default year needs this many peers with the metric (or, when no year has that many,
# as many as the best year has).
MIN_PEERS = 5

# What a qualifier says about the true value, as a factor range on the stated number. Wide
# on purpose: an order is claimed only where no reading of the words could reverse it.
# `余/多/以上/超过` (at_least) up to +20 %; `近/不到` (at_most) down to -20 %; `约` ±10 %.
SPREAD = {"exact": (1.0, 1.0), "at_least": (1.0, 1.2), "at_most": (0.8, 1.0), "about": (0.9, 1.1)}

LEVEL_NAMES = {
    "zh": {"province": "省级", "municipality": "直辖市", "prefecture": "地级", "county": "县级",
           "district": "区级"},
    "en": {"province": "province", "municipality": "municipality", "prefecture": "prefecture",
           "county": "county", "district": "district"},
}


# --------------------------------------------------------------------------- peers

def peers(values: pd.DataFrame, levels: Sequence[str] | None = PEER_LEVELS) -> pd.DataFrame:
    """The rows of committees at `levels` (None or empty: every level)."""
    if not levels:
        return values
    return values[values["level"].isin(list(levels))]


def rankable(values: pd.DataFrame) -> pd.DataFrame:
    """Figures that may stand in one ranking: one year's work of the committee itself."""
    return values[(values["period"] == "year") & (values["scope"] == "committee")]


def peer_label(city: str, level: str | None, parent: str | None, lang: str = "zh") -> str:
    """'潍坊'; a committee of another level than the peers gets its level and parent:
    '邹城（县级·济宁）' / 'Zoucheng (county, Jining)'."""
    if not level or level == "prefecture":
        return city
    kind = LEVEL_NAMES.get(lang, LEVEL_NAMES["en"]).get(level, level)
    above = parent if isinstance(parent, str) and parent else None
    if lang == "zh":
        return f"{city}（{kind}·{above}）" if above else f"{city}（{kind}）"
    return f"{city} ({kind}, {above})" if above else f"{city} ({kind})"


# --------------------------------------------------------------------------- order

def value_interval(value: float, qualifier: str | None, is_rate: bool = False) -> tuple[float, float]:
    """The range the words allow: `≥99%` -> (99, 100), `4300余` -> (4300, 5160), `近200` -> (160, 200)."""
    low, high = SPREAD.get(qualifier or "exact", SPREAD["about"])
    lo, hi = value * low, value * high
    if is_rate:
        lo, hi = min(lo, 100.0), min(hi, 100.0)
        if qualifier == "at_least":
            hi = 100.0
    return lo, hi


def intervals(values: pd.Series, qualifiers: pd.Series, is_rate) -> tuple[np.ndarray, np.ndarray]:
    """value_interval over whole columns; `is_rate` one flag or one per row."""
    v = values.astype(float).to_numpy()
    q = qualifiers.fillna("exact").to_numpy()
    low = np.array([SPREAD.get(x, SPREAD["about"])[0] for x in q])
    high = np.array([SPREAD.get(x, SPREAD["about"])[1] for x in q])
    lo, hi = v * low, v * high
    rate = np.broadcast_to(np.asarray(is_rate, dtype=bool), v.shape)
    lo = np.where(rate, np.minimum(lo, 100.0), lo)
    hi = np.where(rate, np.where(q == "at_least", 100.0, np.minimum(hi, 100.0)), hi)
    return lo, hi


def ranks_of(values: pd.DataFrame, city: str, higher_is_better: dict[str, bool],
             rate_metrics: set[str]) -> pd.DataFrame:
    """Where `city` stands on each metric it has among `values` (one row per city and
    metric): the same ranks as rank_values, computed for one city at once over all metrics.
    Columns: metric, value, unit, qualifier, rank_lo, rank_hi, tie, n."""
    if values.empty:
        return pd.DataFrame(columns=["metric", "value", "unit", "qualifier", "rank_lo", "rank_hi", "tie", "n"])
    lo, hi = intervals(values["value"], values["qualifier"], values["metric"].isin(rate_metrics).to_numpy())
    frame = values[["city", "metric", "value", "unit", "qualifier"]].assign(lo=lo, hi=hi)
    mine = frame[frame["city"] == city]
    others = frame[frame["city"] != city].merge(mine[["metric", "lo", "hi"]], on="metric", suffixes=("", "_me"))
    above = others["lo"] > others["hi_me"]
    below = others["hi"] < others["lo_me"]
    overlap = ~(above | below)
    same = overlap & (others["lo"] == others["hi"]) & (others["lo"] == others["lo_me"]) & \
        (others["lo_me"] == others["hi_me"])
    counts = pd.DataFrame({"metric": others["metric"], "above": above, "below": below, "overlap": overlap,
                           "same": same}).groupby("metric").sum()
    out = mine.drop(columns=["city"]).merge(counts, left_on="metric", right_index=True, how="left").fillna(
        {"above": 0, "below": 0, "overlap": 0, "same": 0})
    n = out["metric"].map(frame.groupby("metric").size())
    flip = ~out["metric"].map(higher_is_better).fillna(True).astype(bool)
    better = out["above"].where(~flip, out["below"]).astype(int)
    worse = out["below"].where(~flip, out["above"]).astype(int)
    return pd.DataFrame({
        "metric": out["metric"], "value": out["value"], "unit": out["unit"], "qualifier": out["qualifier"],
        "rank_lo": better + 1, "rank_hi": n - worse,
        "tie": (out["overlap"] > 0) & (out["overlap"] == out["same"]), "n": n,
    }).reset_index(drop=True)


def rank_values(rows: pd.DataFrame, higher_is_better: bool = True, is_rate: bool = False) -> pd.DataFrame:
    """`rows` (one per city) ordered best first with where each may stand:

    - `rank_lo`, `rank_hi`: the best and worst rank the words allow (1 = best);
    - `certain`: rank_lo == rank_hi;
    - `tie`: not certain only because of equal exact values (并列);
    - `uncertain`: a qualifier makes the order unknown (顺序不确定).
    """
    out = rows.copy().reset_index(drop=True)
    if out.empty:
        return out.assign(rank_lo=[], rank_hi=[], certain=[], tie=[], uncertain=[], lo=[], hi=[])
    out["lo"], out["hi"] = intervals(out["value"], out["qualifier"], is_rate)
    sign = -1 if higher_is_better else 1
    # best first by the stated number, then the narrower claim, then the name (stable)
    out["_key"] = sign * out["value"].astype(float)
    out["_exact"] = (out["qualifier"].fillna("exact") != "exact").astype(int)
    out = out.sort_values(["_key", "_exact", "city"], kind="mergesort").reset_index(drop=True)
    lo, hi = out["lo"].to_numpy()[:, None], out["hi"].to_numpy()[:, None]
    above = lo.T > hi            # above[i, j]: j is certainly higher than i
    below = hi.T < lo            # below[i, j]: j is certainly lower than i
    better, worse = (above, below) if higher_is_better else (below, above)
    overlap = ~(above | below)
    np.fill_diagonal(overlap, False)
    point = (lo == hi)           # an exact value: its interval is a point
    same = overlap & point & point.T & (lo.T == lo)
    has_overlap = overlap.any(axis=1)
    only_same = (overlap == same).all(axis=1)
    n = len(out)
    lo_rank = better.sum(axis=1) + 1
    hi_rank = n - worse.sum(axis=1)
    tie = has_overlap & only_same
    uncertain = has_overlap & ~only_same
    out["rank_lo"], out["rank_hi"] = lo_rank.astype(int).tolist(), hi_rank.astype(int).tolist()
    out["certain"] = out["rank_lo"] == out["rank_hi"]
    out["tie"], out["uncertain"] = tie.tolist(), uncertain.tolist()
    return out.drop(columns=["_key", "_exact"])


def rank_label(rank_lo: int, rank_hi: int, tie: bool, lang: str = "zh") -> str:
    """'3', '并列1' / '=1', '2–3' (uncertain order)."""
    if rank_lo == rank_hi:
        return str(rank_lo)
    if tie:
        return f"并列{rank_lo}" if lang == "zh" else f"={rank_lo}"
    return f"{rank_lo}–{rank_hi}"


def top_and_bottom(ranked: pd.DataFrame, n: int) -> pd.DataFrame:
    """The best `n` and the worst `n` of ranked rows (all when there are no more than 2n)."""
    if len(ranked) <= 2 * n:
        return ranked
    return pd.concat([ranked.head(n), ranked.tail(n)]).reset_index(drop=True)


# --------------------------------------------------------------------------- coverage

def missing_peers(peer_cities: Iterable[str], with_figure: Iterable[str]) -> list[str]:
    """Peers (in their given order) that have no figure."""
    have = set(with_figure)
    return [c for c in dict.fromkeys(peer_cities) if c not in have]


@dataclass(frozen=True)
class YearChoice:
    year: int | None
    n_peers: int                   # peers with the metric in that year
    wanted: int                    # how many were asked for
    later: tuple[tuple[int, int], ...]   # later years with fewer: (year, n)


def default_year(counts: dict[int, int], min_peers: int = MIN_PEERS) -> YearChoice:
    """The latest year in which at least `min_peers` peers have the metric (or, when no year
    has that many, the latest of the best-covered years), and the later years passed over."""
    counts = {int(y): int(n) for y, n in counts.items() if n}
    if not counts:
        return YearChoice(None, 0, min_peers, ())
    wanted = min(min_peers, max(counts.values()))
    year = max(y for y, n in counts.items() if n >= wanted)
    later = tuple((y, counts[y]) for y in sorted(counts) if y > year)
    return YearChoice(year, counts[year], wanted, later)


# --------------------------------------------------------------------------- headlines

@dataclass(frozen=True)
class Headline:
    leaders: tuple[str, ...]       # one city, or the cities that may all be first
    values: tuple[str, ...]        # each leader's value as the text claims it ('571件', '≥99%')
    n_with: int                    # peers with the figure
    n_peers: int                   # peers with any figure that year
    tie: bool                      # leaders share one exact value
    uncertain: bool                # a qualifier makes first place unknown
    alone: bool                    # only one peer has the figure: nobody to lead
    conflict: bool = False         # a leader's sources disagree (the default value is shown)


def headline(ranked: pd.DataFrame, n_peers: int, value_text) -> Headline | None:
    """Who is first in `ranked` (from rank_values). `value_text(row)` writes a value."""
    if ranked.empty:
        return None
    first = ranked[ranked["rank_lo"] == 1]
    leaders = tuple(first["city"])
    top = first.iloc[0]
    values = tuple(value_text(r) for r in first.itertuples())
    return Headline(leaders=leaders, values=values, n_with=len(ranked), n_peers=max(n_peers, len(ranked)),
                    tie=bool(top["tie"]), uncertain=bool(first["uncertain"].any()), alone=len(ranked) == 1,
                    conflict=bool(first["has_conflict"].fillna(False).any()) if "has_conflict" in first else False)


# --------------------------------------------------------------------------- heatmap

def scaled_cells(values: pd.DataFrame, higher_is_better: dict[str, bool]) -> pd.DataFrame:
    """Each value's position among the cities that have its metric: 0 the worst, 1 the best
    (min-max, flipped where lower is better; equal values all 1). A metric only one city has
    gets `alone` = True and no position: nobody to lead."""
    out = values.copy()
    grouped = out.groupby("metric")["value"]
    n = out.groupby("metric")["city"].transform("nunique")
    low, high = grouped.transform("min"), grouped.transform("max")
    span = (high - low).where(high > low)
    scaled = ((out["value"] - low) / span)
    flip = ~out["metric"].map(higher_is_better).fillna(True).astype(bool)
    scaled = scaled.where(~flip, 1 - scaled).where(span.notna(), 1.0)
    out["alone"] = n == 1
    out["scaled"] = scaled.where(~out["alone"], math.nan)
    return out


def leaders_first(cells: pd.DataFrame) -> list[str]:
    """Cities by their mean position over the metrics that tell cities apart (shared with
    others, not all equal), then by how many such metrics they have; the others follow by
    how many metrics they report, then by name."""
    spread = cells.groupby("metric")["value"].transform(lambda v: v.max() > v.min())
    shared = cells[~cells["alone"] & spread]
    per_city = shared.groupby("city")["scaled"].agg(["mean", "count"]).reset_index()
    per_city = per_city.sort_values(["mean", "count", "city"], ascending=[False, False, True], kind="mergesort")
    order = per_city["city"].tolist()
    rest = cells[~cells["city"].isin(order)].groupby("city").size().reset_index(name="n")
    rest = rest.sort_values(["n", "city"], ascending=[False, True], kind="mergesort")
    return order + rest["city"].tolist()
