"""The pages' way to the warehouse: `dashboard.queries` behind Streamlit's caches.

- One read-only connection per warehouse file, cached as a resource, and a cursor per
  call, so sessions on different threads never share one.
- Every cached result is keyed on the warehouse's (path, inode, mtime_ns, size): when a build
  swaps in a new file (os.replace: a new inode, even when size and timestamp happen to be the
  same), the next run reads the new one, no restart needed. `refresh()` also drops the cached
  results, for a page that has just rebuilt the warehouse itself.
- A missing warehouse is built in-process (etl.warehouse.build) behind a spinner; while
  another process holds the build lock we wait for it. An existing warehouse is always
  served as it is: a running build only replaces it when it is complete.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import streamlit as st

from dashboard import queries
from dashboard.i18n import t
from etl import export, paths
from etl.schema import is_outdated

Signature = tuple[str, int, int, int]

_BUILD_WAIT_SECONDS = 600
_build_guard = threading.Lock()


def warehouse_path() -> Path:
    return Path(paths.WAREHOUSE)


def signature(path: Path | None = None) -> Signature:
    """What identifies one version of the warehouse file."""
    path = path or warehouse_path()
    stat = os.stat(path)
    return str(path), stat.st_ino, stat.st_mtime_ns, stat.st_size


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(path: str, inode: int, mtime_ns: int, size: int) -> duckdb.DuckDBPyConnection:
    # Not duckdb.connect(path, read_only=True): DuckDB keeps one database instance per path
    # in a process, so while any connection to the old file lives, connecting to the same
    # path again returns the old (swapped-out) database. Attaching the file to a fresh
    # in-memory database opens the file that is at `path` now.
    con = duckdb.connect(":memory:")
    con.execute("ATTACH ? AS warehouse (READ_ONLY)", [path])
    return con


def cursor(sig: Signature | None = None) -> duckdb.DuckDBPyConnection:
    """A new cursor on the current warehouse; close it when done."""
    cur = _connection(*(sig or signature())).cursor()
    cur.execute("USE warehouse")
    return cur


@st.cache_data(max_entries=2048, show_spinner=False)
def _cached(name: str, sig: Signature, params: dict):
    cur = cursor(sig)
    try:
        return _QUERIES[name](cur, **params)
    finally:
        cur.close()


_QUERIES: dict[str, Callable] = {
    "metric_catalogue": queries.metric_catalogue,
    "cities_with_data": queries.cities_with_data,
    "years_with_data": queries.years_with_data,
    "build_info": queries.build_info,
    "metric_values": queries.metric_values,
    "cities_per_year": queries.cities_per_year,
    "city_ranks": queries.city_ranks,
    "peer_counts": queries.peer_counts,
    "reports": queries.reports,
    "report_text": queries.report_text,
    "report_facts": queries.report_facts,
    "coverage": queries.coverage,
    "conflicts": queries.conflicts,
    "quality_checks": queries.quality_checks,
    "curation_decisions": queries.curation_decisions,
    "city_table": queries.city_table,
    "facts_not_shown": queries.facts_not_shown,
    "health": queries.health,
    # The CLI's export rows, so a download is the same bytes as `python -m etl export`.
    "export_values": export.values_frame,
}


def _cached_query(name: str) -> Callable:
    def call(**params):
        return _cached(name, signature(), params)

    call.__name__ = name
    call.__doc__ = _QUERIES[name].__doc__
    return call


metric_catalogue = _cached_query("metric_catalogue")
cities_with_data = _cached_query("cities_with_data")
years_with_data = _cached_query("years_with_data")
build_info = _cached_query("build_info")
metric_values = _cached_query("metric_values")
cities_per_year = _cached_query("cities_per_year")
city_ranks = _cached_query("city_ranks")
peer_counts = _cached_query("peer_counts")
reports = _cached_query("reports")
report_text = _cached_query("report_text")
report_facts = _cached_query("report_facts")
coverage = _cached_query("coverage")
conflicts = _cached_query("conflicts")
quality_checks = _cached_query("quality_checks")
curation_decisions = _cached_query("curation_decisions")
export_values = _cached_query("export_values")
city_table = _cached_query("city_table")
facts_not_shown = _cached_query("facts_not_shown")
health = _cached_query("health")


def _health(sig: Signature) -> str | None:
    """None when every table reads; else why not (an error is not cached: checked again next run)."""
    try:
        _cached("health", sig, {})
    except (duckdb.Error, OSError) as err:
        _connection.clear()   # do not keep a connection to a damaged file
        return " ".join(str(err).split())[:200] or type(err).__name__
    return None


@st.cache_data(max_entries=4, show_spinner=False)
def _outdated(sig: Signature) -> bool:
    """Whether this version of the warehouse file was built for other tables (one check
    per version of the file)."""
    return is_outdated(Path(sig[0]))


def stop_if_unreadable() -> None:
    """A damaged or unreadable warehouse: one clear message with how to rebuild, and the
    page stops (never a traceback). Checked once per version of the file."""
    path = warehouse_path()
    try:
        problem = _health(signature(path)) if path.is_file() else None
    except OSError as err:
        problem = str(err)
    if problem:
        st.error(t("app.warehouse_broken"), icon=":material/error:")
        st.stop()


def refresh() -> None:
    """Forget every cached result (all sessions): the next call reads the warehouse as it is now."""
    _cached.clear()


# --------------------------------------------------------------------------- building

def build_in_progress(path: Path | None = None) -> bool:
    """Whether a build is writing its new file next to the warehouse right now.

    A hint for a notice only. We do not probe the lock itself: the builder takes it with
    timeout 0, so even a brief probe could make a real build fail as "already running".
    The temp file is named after the builder's process id; one whose process is gone is a
    leftover of a killed build (the next build removes it), not a build in progress.
    """
    path = path or warehouse_path()
    return any(_process_alive(tmp.name.rsplit("-", 1)[-1]) for tmp in path.parent.glob(f"{path.name}.tmp-*"))


def _process_alive(pid: str) -> bool:
    if not pid.isdigit():
        return True          # not a name we know how to read: assume a build
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:          # e.g. another user's process
        return True
    return True


def ensure_warehouse() -> None:
    """Build the warehouse if it is missing or was built by another version of the program
    (its tables lack what this one reads), or wait for the build that is running."""
    path = warehouse_path()
    if path.is_file() and not _outdated(signature(path)):
        if build_in_progress(path):
            st.caption(t("app.build_running"))
        return
    from etl.warehouse import BuildLocked, build

    deadline = time.monotonic() + _BUILD_WAIT_SECONDS
    with _build_guard:
        while not path.is_file() or _outdated(signature(path)):
            try:
                with st.spinner(t("app.building")):
                    build(warehouse=path, log=lambda line: None)
                refresh()
            except BuildLocked:
                with st.spinner(t("app.build_waiting")):
                    time.sleep(1.0)
            except Exception as err:  # noqa: BLE001 - shown to the user, the app keeps running
                st.error(t("app.build_failed", error=err))
                st.stop()
            if time.monotonic() > deadline:
                st.error(t("app.build_failed", error=f"no warehouse after {_BUILD_WAIT_SECONDS} s"))
                st.stop()
