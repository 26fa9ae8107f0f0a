"""The work of the 添加报告 page, without Streamlit: an upload prepared with the analyst's
corrections, its figures as a table to tick, and a save that checks the folder again first.

Everything goes through etl.add (`prepare`, `save`), on the folders etl.paths names at the
time of the call, so the page writes exactly what `python -m etl add` would.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import pandas as pd

from dashboard.i18n import translate
from dashboard.labels import value_label
from etl import add, paths
from etl.add import Prepared
from etl.extract import Fact

# What the uploader offers; prepare judges the kind by content, whatever the name says.
# The MIME type makes Streamlit leave the name to the browser's filter and to us: its own
# server-side check of the extension raises before the page runs, on a crafted name
# (`x.txt\n.exe`), as an exception the page cannot catch.
UPLOAD_TYPES = ("txt", "html", "htm", "pdf", "docx", "text/plain")
FACT_COLUMNS = ("keep", "metric", "shown", "scope", "period", "kind", "quote", "fact_id")


def upload_limit_mb() -> int:
    """The uploader's limit: MAX_REPORT_MB in whole megabytes (prepare checks it exactly)."""
    return max(1, math.ceil(paths.MAX_REPORT_MB))


@dataclass(frozen=True)
class Corrections:
    """What the analyst set instead of the detected value; None keeps the detected one."""
    city: str | None = None
    year: int | None = None
    level: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None

    def given(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


def prepare_upload(name: str, data: bytes, fixes: Corrections = Corrections()) -> Prepared:
    """The upload read, checked and extracted; raises etl.add.AddError. Writes nothing."""
    return add.prepare(name, data, **fixes.given())


def facts_table(prepared: Prepared, metric_names: dict[str, str], lang: str) -> pd.DataFrame:
    """One row per extracted figure, ticked (`keep`), in text order."""
    return pd.DataFrame([{
        "keep": True,
        "metric": metric_names.get(f.metric, f.metric),
        "shown": value_label(f.value, f.unit, f.qualifier, lang),
        "scope": translate(f"scope.{f.scope}", lang),
        "period": translate(f"period.{f.period}", lang),
        "kind": translate("kind.derived" if f.derived else "kind.stated", lang),
        "quote": f.quote,
        "fact_id": f.id,
    } for f in prepared.facts], columns=list(FACT_COLUMNS))


def unticked(table: pd.DataFrame) -> set[str]:
    """The fact ids whose box the analyst cleared."""
    return set(table.loc[~table["keep"].astype(bool), "fact_id"])


@dataclass(frozen=True)
class Saved:
    file: str                      # its name under data/reports/
    cities: tuple[str, ...]
    year: int
    facts: int
    rejected: int
    log: tuple[str, ...]           # the build's lines


def _place(f: Fact) -> tuple:
    return f.metric, f.start, f.end, f.derived


def save_upload(prepared: Prepared, name: str, fixes: Corrections, rejected_ids: set[str]) -> Saved:
    """Save an upload the analyst has checked; rebuild. All or nothing (etl.add.save).

    It is prepared once more first, against the reports folder as it is now: another
    session may have added the same report since, and a duplicate must be refused before
    anything is written. The unticked figures are carried over by their place in the text
    (their ids hold the file name, which may have changed meanwhile).
    """
    fresh = prepare_upload(name, prepared.data, fixes)
    unticked_places = {_place(f) for f in prepared.facts if f.id in rejected_ids}
    rejected = {f.id for f in fresh.facts if _place(f) in unticked_places}
    lines: list[str] = []
    add.save(fresh, rejected_ids=rejected, log=lines.append)
    return Saved(fresh.file, fresh.info.cities, fresh.info.year, len(fresh.facts), len(rejected), tuple(lines))


def compare_query(values: pd.DataFrame, saved: Saved) -> dict[str, str | list[str]]:
    """Query parameters of the Compare page that show the saved report's city and year.

    The metric is proposals filed when the report has it (Compare's own default), else its
    first figure in catalogue order; the scope is that figure's. `values` are metric_values
    rows of the report's cities and year.
    """
    query: dict[str, str | list[str]] = {"cities": list(saved.cities), "years": str(saved.year)}
    yearly = values[values["period"] == "year"]
    yearly = yearly.assign(citywide=yearly["scope"] != "committee").sort_values(["sort_order", "citywide"], kind="stable")
    if len(yearly):
        filed = yearly[yearly["metric"] == "proposals.filed"]
        first = (filed if len(filed) else yearly).iloc[0]
        query |= {"metric": first["metric"], "scope": first["scope"]}
    return query
