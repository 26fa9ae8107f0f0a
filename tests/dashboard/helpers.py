"""Reading AppTest runs of the dashboard: open a page as a link would, get its figures back."""
from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "streamlit_app.py"


def open_page(slug: str, query: dict | None = None, timeout: float = 60) -> AppTest:
    """A fresh session opening /<slug>?<query>, as a shared link would."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.switch_page(f"dashboard/pages/{slug}.py")
    at.query_params = dict(query or {})
    return at.run()


def _decoded(spec):
    """plotly's JSON with its typed arrays ({"dtype", "bdata"}) turned back into lists."""
    if isinstance(spec, dict):
        if set(spec) >= {"dtype", "bdata"}:
            array = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=spec["dtype"])
            return array.reshape(spec["shape"]).tolist() if "shape" in spec else array.tolist()
        return {k: _decoded(v) for k, v in spec.items()}
    if isinstance(spec, list):
        return [_decoded(v) for v in spec]
    return spec


def figures(at: AppTest) -> list[go.Figure]:
    return [go.Figure(_decoded(json.loads(chart.proto.spec))) for chart in at.get("plotly_chart")]


def chart_titles(at: AppTest) -> list[tuple[str, str | None]]:
    """(title, subtitle) of each framed chart, as written above it (dashboard.frame_view)."""
    import html
    import re

    found = []
    for m in at.markdown:
        title = re.search(r"<div class='zx-chart-title'>(.*?)</div>", m.value)
        if title:
            subtitle = re.search(r"<div class='zx-chart-subtitle'>(.*?)</div>", m.value)
            found.append((html.unescape(title.group(1)), html.unescape(subtitle.group(1)) if subtitle else None))
    return found


def titled_figures(at: AppTest) -> list[tuple[str, go.Figure]]:
    """(title written above it, figure) of each framed chart, in page order."""
    titles, figs = chart_titles(at), figures(at)
    assert len(titles) == len(figs), (titles, len(figs))
    return [(title, fig) for (title, _), fig in zip(titles, figs)]


def drawn_bars(fig: go.Figure) -> dict:
    """(x, legend name) -> value of every bar that holds data."""
    return {(x, t.name): y for t in fig.data if t.type == "bar" for x, y in zip(t.x, t.y) if x is not None}


def widget(at: AppTest, kind: str, label: str):
    [found] = [w for w in getattr(at, kind) if w.label == label]
    return found


def texts(at: AppTest) -> str:
    """Everything written on the page as markdown, captions, notes and plain text."""
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
                     + [t.value for t in at.text])


def cards(at: AppTest) -> dict:
    return {m.label: m.value for m in at.metric}


# --------------------------------------------------------------------------- a report to add

# 济宁 2017: not in the bundled reports. The dev corpus's d010 when ../shared is there,
# else a text of our own with the same figures (808 submitted, 696 filed, 98.6% satisfied).
JINING_2017 = ("济宁市政协2017年提案工作情况\n2018年01月18日  来源：齐鲁晚报\n"
               "2017年，市政协委员等共提交提案808件。经审查，立案696件，委员满意和基本满意率达98.6%。\n")


def new_report() -> tuple[str, bytes]:
    """(file name, bytes) of a real report the bundled data does not hold."""
    from etl import paths

    d010 = paths.SHARED / "corpus" / "dev" / "d010.txt"
    if d010.is_file():
        return "d010.txt", d010.read_bytes()
    return "jining-2017.txt", JINING_2017.encode("utf-8")
