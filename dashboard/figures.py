"""The pages' figures, made once for each set of inputs.

plotly builds a figure property by property, checking each: the City page's twelve small
charts take about half a second, a trend chart a tenth, on every run of the page (each
filter change reruns it). The same inputs make the same figure, so the figure is kept, as
the plain dict plotly would send, and made again from that dict (a few hundredths of a
second). The inputs (the values drawn, titles, language) are the cache's key: new data or
another language make a new figure.
"""
from __future__ import annotations

import hashlib

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, rank_charts

BUILDERS = {f.__name__: f for f in (
    charts.city_over_years, charts.compare_bars, charts.coverage_heatmap, charts.trend_lines,
    rank_charts.compare_dots, rank_charts.peer_heatmap, rank_charts.ranking_chart,
)}


def _frame_key(frame: pd.DataFrame) -> str:
    """A frame's content (columns, types, index and values) as the key. Streamlit's own hash
    fails on cells that hold arrays (a value's list of sources), and a pickle is not the same
    for the same content from run to run; a column such cells make is keyed by its repr."""
    digest = hashlib.sha256(repr((list(frame.columns), [str(t) for t in frame.dtypes])).encode())
    digest.update(pd.util.hash_pandas_object(frame.index).values.tobytes())
    for column in frame.columns:
        values = frame[column]
        try:
            digest.update(pd.util.hash_pandas_object(values, index=False).values.tobytes())
        except TypeError:   # unhashable cells
            digest.update(repr(values.tolist()).encode())
    return digest.hexdigest()


@st.cache_data(show_spinner=False, max_entries=256, hash_funcs={pd.DataFrame: _frame_key})
def _spec(builder: str, args: tuple, kwargs: dict) -> dict:
    return BUILDERS[builder](*args, **kwargs).to_dict()


def figure(builder, *args, **kwargs) -> go.Figure:
    """`builder(*args, **kwargs)`, one of BUILDERS, made once per inputs."""
    if builder.__name__ not in BUILDERS or BUILDERS[builder.__name__] is not builder:
        raise ValueError(f"not a figure builder of the pages: {builder.__name__}")
    return go.Figure(_spec(builder.__name__, args, kwargs))
