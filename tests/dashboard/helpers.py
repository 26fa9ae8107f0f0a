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
